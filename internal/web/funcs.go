package web

// The template functions of every screen.

import (
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func init() {
	funcs["canReport"] = canReport
	funcs["colorNL"] = colorNL
	funcs["colorName"] = colorName
	funcs["colorClass"] = colorClass
	funcs["concernNL"] = func(code string) string { return optionLabel(intake.Concerns, code) }
	funcs["indicatorNL"] = indicatorNL
	funcs["indicatorColor"] = func(code string) string {
		if ind, ok := crisismeter.Lookup(code); ok {
			return string(ind.Color)
		}
		return ""
	}
	funcs["reporterKindNL"] = func(code string) string { return optionLabel(intake.ReporterKinds, code) }
	funcs["relationNL"] = relationNL
	funcs["financeQuestionNL"] = func(code string) string { return optionLabel(intake.FinanceQuestions, code) }
	funcs["financeAnswerNL"] = func(code string) string { return optionLabel(intake.FinanceAnswers, code) }
	funcs["needNL"] = needNL
	funcs["participationRoleNL"] = participationRoleNL
	funcs["ratingStatusNL"] = ratingStatusNL
	funcs["matchReasonNL"] = matchReasonNL
	funcs["consultKindNL"] = consultKindNL
	funcs["consultStatusNL"] = consultStatusNL
	funcs["personKindNL"] = func(kind string) string {
		if kind == "child" {
			return "Kind"
		}
		return "Volwassene"
	}
	funcs["percent"] = func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" }
	funcs["dueNL"] = dueNL
	funcs["timeNL"] = func(t time.Time) string { return t.In(workdays.Location()).Format("15:04") }
}

func init() {
	funcs["pf"] = formField
	funcs["pg"] = formGroup
	funcs["actionKindNL"] = func(k string) string { return labelOf(actionKindOptions, k) }
	funcs["forNL"] = func(f *string) string {
		if f == nil {
			return "niemand in het bijzonder"
		}
		return strings.ToLower(labelOf(forOptions, *f))
	}
	funcs["actionStatusNL"] = func(s string) string { return labelOf(actionStatusOptions, s) }
	funcs["columnNL"] = func(c string) string { return labelOf(columnOptions, c) }
	funcs["decisionNL"] = func(k string) string { return labelOf(decisionOptions, k) }
	funcs["eventNL"] = eventNL
	funcs["requestKindNL"] = func(k string) string { return labelOf(requestKindOptions, k) }
	funcs["requestStatusNL"] = func(s string) string {
		return map[string]string{schakel.RequestOpen: "Wacht op antwoord", schakel.RequestAccepted: "Aangenomen", schakel.RequestDeclined: "Afgewezen"}[s]
	}
	funcs["dateNL"] = func(s string) string {
		if d, ok := plan.ParseDate(s); ok {
			return d.Format("02-01-2006")
		}
		return s
	}
	funcs["expertiseNL"] = func(e string) string { return schakel.Expertise(e).Dutch() }
	funcs["deref"] = func(b *bool) bool { return b != nil && *b }
	funcs["isNil"] = func(b *bool) bool { return b == nil }
	funcs["lines"] = func(s string) []string { return strings.Split(s, "\n") }
	funcs["consultKindShort"] = consultKindShort
	funcs["prepend"] = func(value, label string, opts []uiOption) []uiOption {
		return append([]uiOption{{Value: value, Label: label}}, opts...)
	}
	funcs["list"] = func(v ...string) []string { return v }
	funcs["formTop"] = func(f *pform, name string) formTop { return formTop{Form: f, Name: name} }

	for k, v := range map[string]string{
		"action":            "Actie",
		"colleague_request": "Collega vraagt u mee",
		"plan_review":       "Evaluatie plan",
	} {
		workKindNL[k] = v
	}
}

func init() {
	funcs["eventLabel"] = func(t chain.Type) string { return t.Label() }
	funcs["measureNL"] = func(m chain.Measure) string { return m.Label() }
	funcs["daysNL"] = daysNL
	funcs["before"] = func(a, b time.Time) bool { return a.Before(b) }
	funcs["phaseStatusNL"] = func(s string) string {
		switch s {
		case "done":
			return "Afgerond"
		case "stopped":
			return "Gestopt (casus gesloten)"
		}
		return "Loopt"
	}
	funcs["sourceNL"] = func(s string) string {
		switch s {
		case storage.SourceSchakel:
			return "door Schakel"
		case storage.SourceHand:
			return "met de hand"
		case storage.SourceAPI:
			return "via een koppeling"
		case storage.SourceDemo:
			return "gegenereerd (demo)"
		}
		return s
	}
	funcs["pct"] = func(f *float64) string {
		if f == nil {
			return "–"
		}
		return strconv.FormatFloat(*f*100, 'f', 0, 64) + "%"
	}
	funcs["tooFew"] = func() string { return "minder dan 5" }
	// shownDays is dayVal for a figure of a group of count runs, which may be
	// withheld for being too small.
	funcs["shownDays"] = func(f *float64, count int64) string {
		if f == nil && chain.TooFewToShow(count) {
			return "minder dan 5"
		}
		if f == nil {
			return "–"
		}
		return daysNL(*f)
	}
	funcs["dayVal"] = func(f *float64) string {
		if f == nil {
			return "–"
		}
		return daysNL(*f)
	}
}
