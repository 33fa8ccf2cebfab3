package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/plan"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// templateFuncs is the one function map of every screen: formatting, Dutch
// words for codes (words_nl.go, plan_options.go) and the form kit (form.go).
func templateFuncs() template.FuncMap {
	m := template.FuncMap{}
	for _, group := range []template.FuncMap{timeFuncs(), textFuncs(), peopleFuncs(), intakeFuncs(), workspaceFuncs(), chainFuncs(), formFuncs()} {
		for name, f := range group {
			if _, dup := m[name]; dup {
				panic("template function " + name + " defined twice")
			}
			m[name] = f
		}
	}
	return m
}

// timeFuncs are the template functions for times and numbers.
func timeFuncs() template.FuncMap {
	return template.FuncMap{
		"datetime": func(t time.Time) string { return localFormat(t, "02-01-2006 15:04") },
		"date":     func(t time.Time) string { return localFormat(t, "02-01-2006") },
		// lastDay shows a deadline that is the end of a working day
		// (workdays.AddWorkingDays: the next day's 00:00) as that day.
		"lastDay":   func(t time.Time) string { return localFormat(t.Add(-time.Nanosecond), "02-01-2006") },
		"isoLocal":  func(t time.Time) string { return t.In(workdays.Location()).Format("2006-01-02T15:04") },
		"timeNL":    func(t time.Time) string { return t.In(workdays.Location()).Format("15:04") },
		"dateNL":    dateNL,
		"dayNL":     func(t time.Time) string { return plan.DateNL(t, workdays.Location()) },
		"dueNL":     dueNL,
		"before":    func(a, b time.Time) bool { return a.Before(b) },
		"percent":   func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
		"pct":       pct,
		"daysNL":    daysNL,
		"dayVal":    dayVal,
		"tooFew":    func() string { return "minder dan 5" },
		"shownDays": shownDays,
	}
}

// textFuncs are the template functions for text limits (package textlimit),
// lists and values.
func textFuncs() template.FuncMap {
	return template.FuncMap{
		// Text limits (package textlimit): "limit" is a kind's number, and
		// "counter" the length hint of a control written out by hand.
		"limit":   textlimit.Of,
		"counter": func(id, kind string) uiField { return uiField{ID: id, MaxLength: textlimit.Of(kind)} },
		// "textControl" is a text control of a form that keeps its errors
		// as a list (the admin forms), for "pfield".
		"textControl": textControl,
		"fieldError":  fieldError,

		// Lists and values.
		"join":  strings.Join,
		"has":   has,
		"list":  func(v ...string) []string { return v },
		"lines": func(s string) []string { return strings.Split(s, "\n") },
		"deref": func(b *bool) bool { return b != nil && *b },
		"isNil": func(b *bool) bool { return b == nil },
	}
}

// peopleFuncs are the template functions for people, organisations, care and placement words.
func peopleFuncs() template.FuncMap {
	return template.FuncMap{
		"orgKind":            func(k schakel.OrganisationKind) string { return k.Dutch() },
		"role":               func(r schakel.Role) string { return r.Dutch() },
		"expertise":          func(e schakel.Expertise) string { return e.Dutch() },
		"expertiseNL":        func(e string) string { return schakel.Expertise(e).Dutch() },
		"networkExpertiseNL": networkExpertiseNL,
		"careNeedNL":         func(c schakel.NeedCategory) string { return c.Dutch() },
		"careStatusNL":       careStatusNL,
		"endReasonNL":        care.EndReasonDutch,
		"oneDecimal":         func(f *float64) string { return strings.ReplaceAll(strconv.FormatFloat(*f, 'f', 1, 64), ".", ",") },
		"providesCare":       providesCare,
		"derefID": func(p *int64) int64 {
			if p == nil {
				return 0
			}
			return *p
		},
		"alternativeNL":       prevention.AlternativeDutch,
		"reviewOutcomeNL":     reviewOutcomeNL,
		"rootCauseNL":         rootCauseNL,
		"participationRoleNL": participationRoleNL,
		"personKindNL":        personKindNL,
		"relationNL":          relationNL,
		"canReport":           canReport,
	}
}

// intakeFuncs are the template functions for the intake and the colour of a case.
func intakeFuncs() template.FuncMap {
	return template.FuncMap{
		"colorNL":           colorNL,
		"colorName":         colorName,
		"decimalNL":         decimalNL,
		"colorClass":        colorClass,
		"concernNL":         func(code string) string { return optionLabel(intake.Concerns, code) },
		"indicatorNL":       indicatorNL,
		"indicatorColor":    indicatorColor,
		"reporterKindNL":    func(code string) string { return optionLabel(intake.ReporterKinds, code) },
		"financeQuestionNL": func(code string) string { return optionLabel(intake.FinanceQuestions, code) },
		"financeAnswerNL":   func(code string) string { return optionLabel(intake.FinanceAnswers, code) },
		"needNL":            needNL,
		"ratingStatusNL":    ratingStatusNL,
		"matchReasonNL":     matchReasonNL,
	}
}

// workspaceFuncs are the template functions for the workspace on a case.
func workspaceFuncs() template.FuncMap {
	return template.FuncMap{
		"consultKindNL":    consultKindNL,
		"consultKindShort": consultKindShort,
		"consultStatusNL":  consultStatusNL,
		"actionKindNL":     func(k string) string { return labelOf(actionKindOptions, k) },
		"forNL":            forNL,
		"actionStatusNL":   func(s string) string { return labelOf(actionStatusOptions, s) },
		"columnNL":         func(c string) string { return labelOf(columnOptions, c) },
		"decisionNL":       func(k string) string { return labelOf(decisionOptions, k) },
		"eventNL":          eventNL,
		"requestKindNL":    func(k string) string { return labelOf(requestKindOptions, k) },
		"placeKindNL":      schakel.PlaceKindDutch,
		"askStatusNL":      schakel.AskStatusDutch,
		"minutesNL":        minutesNL,
		"requestStatusNL":  requestStatusNL,
		"taskKindNL":       schakel.TaskKindDutch,
		"taskStatusNL":     schakel.TaskStatusDutch,
	}
}

// chainFuncs are the template functions for the chain timeline and lead times.
func chainFuncs() template.FuncMap {
	return template.FuncMap{
		"eventLabel":    func(t chain.Type) string { return t.Label() },
		"measureNL":     func(m chain.Measure) string { return m.Label() },
		"phaseStatusNL": phaseStatusNL,
		"sourceNL":      sourceNL,
	}
}

// formFuncs are the template functions for the form kit (form.go).
func formFuncs() template.FuncMap {
	return template.FuncMap{
		"pf":      formField,
		"pg":      formGroup,
		"formTop": func(f *pform, name string) formTop { return formTop{Form: f, Name: name} },
		"prepend": func(value, label string, opts []uiOption) []uiOption {
			return append([]uiOption{{Value: value, Label: label}}, opts...)
		},
	}
}
func localFormat(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(workdays.Location()).Format(layout)
}

// has reports whether a list of roles, expertises or strings holds v.
func has(list any, v string) bool {
	switch l := list.(type) {
	case []schakel.Role:
		for _, x := range l {
			if string(x) == v {
				return true
			}
		}
	case []schakel.Expertise:
		for _, x := range l {
			if string(x) == v {
				return true
			}
		}
	case []string:
		for _, x := range l {
			if x == v {
				return true
			}
		}
	}
	return false
}

func dateNL(s string) string {
	if d, ok := plan.ParseDate(s); ok {
		return d.Format("02-01-2006")
	}
	return s
}

func pct(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f*100, 'f', 0, 64) + "%"
}

func dayVal(f *float64) string {
	if f == nil {
		return "–"
	}
	return daysNL(*f)
}

// shownDays is dayVal for a figure of a group of count runs, which may be
// withheld for being too small.
func shownDays(f *float64, count int64) string {
	if f == nil && chain.TooFewToShow(count) {
		return "minder dan 5"
	}
	return dayVal(f)
}

func personKindNL(kind string) string {
	if kind == "child" {
		return "Kind"
	}
	return "Volwassene"
}

func indicatorColor(code string) string {
	if ind, ok := crisismeter.Lookup(code); ok {
		return string(ind.Color)
	}
	return ""
}

func forNL(f *string) string {
	if f == nil {
		return "niemand in het bijzonder"
	}
	return strings.ToLower(labelOf(forOptions, *f))
}

func requestStatusNL(s string) string {
	return map[string]string{schakel.RequestOpen: "Wacht op antwoord", schakel.RequestAccepted: "Aangenomen", schakel.RequestDeclined: "Afgewezen"}[s]
}

func phaseStatusNL(s string) string {
	switch s {
	case "done":
		return "Afgerond"
	case "stopped":
		return "Gestopt (casus gesloten)"
	}
	return "Loopt"
}

func sourceNL(s string) string {
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
