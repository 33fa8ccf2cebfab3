package familyview

// The view's fixed texts in the member's language. internal/plan tells a
// family summary in Dutch, because the professional's printed family copy
// (internal/familycopy) prints it so, and gives the same as data: a role,
// an audience, a date, a step's kind, a decision's kind. The view tells
// those again from the family catalogue (internal/familytext), so the
// screen and the family API read the same; what a professional wrote (an
// action's family text, a name, a place) stays as written. The Dutch
// catalogue says what internal/plan says (TestDutchAsTheFamilyCopy).

import (
	"slices"
	"time"

	"schakel"
	"schakel/internal/familytext"
	"schakel/internal/plan"
)

// roleText says what an organisation in role r does for the family; ""
// for a role the catalogue does not know.
func roleText(lang *familytext.Lang, r schakel.ParticipationRole) string {
	if k := "does." + string(r); lang.Has(k) {
		return lang.T(k)
	}
	return ""
}

// decisionText tells what a Raad decision of kind means for the family;
// an unknown kind as the mildest one (plan.FamilyDecisionKind).
func decisionText(lang *familytext.Lang, kind string) string {
	return lang.T("decision." + plan.FamilyDecisionKind(kind))
}

// tellLines tells the agreements' dates and audiences in lang.
func tellLines(lang *familytext.Lang, lines []plan.FamilyLine) []plan.FamilyLine {
	out := slices.Clone(lines)
	for i, l := range out {
		if day, ok := plan.ParseDate(l.DueDate); ok {
			out[i].When = lang.T("next.due", "date", calendarDay(lang, day))
		}
		if l.Audience != "" {
			out[i].For = lang.T("for." + l.Audience)
		}
	}
	return out
}

// tellSteps tells the next steps in lang; an agreement's step keeps its
// words (a name and the professional's family text).
func tellSteps(lang *familytext.Lang, steps []plan.FamilyStep) []plan.FamilyStep {
	out := slices.Clone(steps)
	for i, s := range out {
		day, ok := plan.ParseDate(s.Date)
		if !ok {
			continue
		}
		date := calendarDay(lang, day)
		switch s.Kind {
		case plan.StepConsultation:
			out[i].When, out[i].What = date, lang.T("next.consultation")
		case plan.StepReview:
			out[i].When, out[i].What = date, lang.T("next.review")
		case plan.StepDecision:
			out[i].When, out[i].What = lang.T("next.decided", "date", date), decisionText(lang, s.Decision)
		case plan.StepAction:
			out[i].When = lang.T("next.due", "date", date)
		}
	}
	return out
}

// calendarDay says a calendar date (no time of day) in lang.
func calendarDay(lang *familytext.Lang, d plan.Date) string { return lang.Date(d.Time, time.UTC) }
