package web

// The family view in the family member's language. internal/familyview
// and internal/plan tell the view in Dutch (the professional's family copy
// prints that) and give the same as data: a role, an audience, a date, a
// step's kind, a decision's kind. Here the fixed words are told again from
// the catalogue, for the screen and for the family API alike; what a
// professional wrote (an action's family text, a place) stays as written.
// The planned conversations' times come in the language from
// internal/familyview itself.

import (
	"slices"
	"time"

	"schakel/internal/familytext"
	"schakel/internal/familyview"
	"schakel/internal/plan"
)

// localView returns v with its fixed texts in lang.
func localView(lang *familytext.Lang, v familyview.View) familyview.View {
	v.Contacts = slices.Clone(v.Contacts)
	for i, c := range v.Contacts {
		if c.Role != "" {
			v.Contacts[i].Does = lang.T("does." + c.Role)
		}
	}
	v.Safety, v.Actions, v.Goals = localLines(lang, v.Safety), localLines(lang, v.Actions), localLines(lang, v.Goals)
	v.Next = slices.Clone(v.Next)
	for i, s := range v.Next {
		v.Next[i] = localStep(lang, s)
	}
	v.Decisions = slices.Clone(v.Decisions)
	for i, d := range v.Decisions {
		if day, ok := plan.ParseDate(d.Date); ok {
			v.Decisions[i].When = familyDay(lang, day)
		}
		v.Decisions[i].What = lang.T("decision." + plan.FamilyDecisionKind(d.Kind))
	}
	return v
}

// localLines tells the agreements' dates and audiences in lang.
func localLines(lang *familytext.Lang, lines []plan.FamilyLine) []plan.FamilyLine {
	out := slices.Clone(lines)
	for i, l := range out {
		if day, ok := plan.ParseDate(l.DueDate); ok {
			out[i].When = lang.T("next.due", "date", familyDay(lang, day))
		}
		if l.Audience != "" {
			out[i].For = lang.T("for." + l.Audience)
		}
	}
	return out
}

// localStep tells one next step in lang; an agreement's step keeps its
// words (a name and the professional's family text).
func localStep(lang *familytext.Lang, s plan.FamilyStep) plan.FamilyStep {
	day, ok := plan.ParseDate(s.Date)
	if !ok {
		return s
	}
	date := familyDay(lang, day)
	switch s.Kind {
	case plan.StepConsultation:
		s.When, s.What = date, lang.T("next.consultation")
	case plan.StepReview:
		s.When, s.What = date, lang.T("next.review")
	case plan.StepDecision:
		s.When, s.What = lang.T("next.decided", "date", date), lang.T("decision."+plan.FamilyDecisionKind(s.Decision))
	case plan.StepAction:
		s.When = lang.T("next.due", "date", date)
	}
	return s
}

// familyDay says a calendar date (no time of day) in lang.
func familyDay(lang *familytext.Lang, d plan.Date) string { return lang.Date(d.Time, time.UTC) }
