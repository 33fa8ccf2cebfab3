package caseload

import (
	"math"

	"schakel"
)

// MeasureKinds are the kinds of case a weight is set for: the court
// measure running on it ("" for a case without one: voluntary help after
// a report). A case with several measures counts the weight of each.
var MeasureKinds = []string{"interim_supervision", "supervision", "placement_authorisation", "guardianship", ""}

// Phases are the phases of a case a weight is set for.
var Phases = []string{PhaseStart, PhaseRunning}

// The phases of a held case.
const (
	// PhaseStart: a measure was ordered and the first contact (5 working
	// days) or the plan (6 weeks) is still due: the busiest weeks.
	PhaseStart = "start"
	// PhaseRunning: every other open case.
	PhaseRunning = "running"
)

// DefaultMeasureWeights are Schakel's starting point, not research: an
// authorisation to place a child out of home comes on top of a
// supervision order and adds half a measure; the other measures count
// one, as the norm of 12 measures counts them.
var DefaultMeasureWeights = map[string]float64{
	"interim_supervision": 1, "supervision": 1, "placement_authorisation": 0.5, "guardianship": 1, "": 1,
}

// DefaultPhaseWeights weigh the start of a measure a quarter heavier: in
// those weeks the worker visits the family, meets the child and writes
// the plan (the norms: first contact within 5 working days, a plan within
// 6 weeks). Schakel's starting point, not research.
var DefaultPhaseWeights = map[string]float64{PhaseStart: 1.25, PhaseRunning: 1}

// MeasureField and PhaseField name a kind's or phase's weight in field
// errors and forms.
func MeasureField(kind string) string {
	if kind == "" {
		return "measure.none"
	}
	return "measure." + kind
}

// PhaseField names a phase's weight.
func PhaseField(phase string) string { return "phase." + phase }

// validateWeights checks one dimension of weights: every key set, none
// negative nor above MaxWeight.
func validateWeights(ws map[string]float64, keys []string, field func(string) string) []schakel.FieldError {
	var out []schakel.FieldError
	for _, k := range keys {
		v, ok := ws[k]
		switch {
		case !ok:
			out = append(out, schakel.FieldError{Field: field(k), Code: "required", Message: "Vul een gewicht in."})
		case v < 0 || math.IsNaN(v) || math.IsInf(v, 0):
			out = append(out, schakel.FieldError{Field: field(k), Code: "negative", Message: "Een gewicht is 0 of meer, bijvoorbeeld 1,5."})
		case v > MaxWeight:
			out = append(out, schakel.FieldError{Field: field(k), Code: "out_of_range", Message: "Een gewicht is ten hoogste 10."})
		}
	}
	return out
}

// weightOr returns ws[k], or 1 for a key without a weight.
func weightOr(ws map[string]float64, k string) float64 {
	if v, ok := ws[k]; ok {
		return v
	}
	return 1
}

// NormFor returns the default norm of an organisation kind. Only the
// youth-protection figure has a public source; other kinds use it until
// their region sets their own.
func NormFor(kind schakel.OrganisationKind) Norm {
	if kind == schakel.Jeugdbescherming {
		return DefaultNorm
	}
	n := DefaultNorm
	n.Source = "Geen eigen norm bekend voor " + kind.Dutch() + "; Schakel rekent met die van de jeugdbescherming (12 maatregelen per fulltime medewerker, 36 uur) tot de regio een eigen norm vastlegt."
	return n
}

// Validate checks a norm a region sets: a positive number of measures
// (at most 100) and a full-time week of 1 to 60 hours, with its source.
func (n Norm) Validate() []schakel.FieldError {
	var out []schakel.FieldError
	if !(n.MeasuresPerFTE > 0 && n.MeasuresPerFTE <= 100) {
		out = append(out, schakel.FieldError{Field: "measures_per_fte", Code: "out_of_range", Message: "Vul het aantal maatregelen per fulltime medewerker in: meer dan 0, ten hoogste 100."})
	}
	if !ValidHours(n.FullTimeHours) {
		out = append(out, schakel.FieldError{Field: "full_time_hours", Code: "out_of_range", Message: "Een volle werkweek is minimaal 1 en maximaal 60 uur."})
	}
	if n.Source == "" {
		out = append(out, schakel.FieldError{Field: "source", Code: "required", Message: "Schrijf op waar de norm vandaan komt, bijvoorbeeld een cao-afspraak of een besluit van de regio."})
	}
	return out
}
