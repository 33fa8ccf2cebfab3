// Package caseload holds the rules for a worker's caseload against the
// norm (issue 14): the weighted load of the cases a worker holds, the
// capacity that the norm gives their hours and time in the job, and the
// band the ratio falls in. Pure functions: no HTTP, no SQL.
package caseload

import (
	"math"
	"time"

	"schakel"
)

// Norm is how many measures one full-time worker holds at full load.
type Norm struct {
	MeasuresPerFTE float64 // measures at 100 % for a full-time worker
	FullTimeHours  int     // hours per week that count as full time
	Source         string  // where the figure comes from
}

// DefaultNorm is the norm for youth protectors (jeugdbescherming).
//
// Sources: issue 14 states that since 2023 the youth-protection
// institutions agreed on 12 measures per full-time youth protector. The
// articles Schakel was built from do not state that figure themselves:
// article 003 (2017) describes a team of 8 workers with on average 14
// families each, and article 001 names caseload reduction as the
// municipalities' answer to the inspectorates. The full-time week of 36
// hours is the usual one in Dutch youth care collective agreements.
var DefaultNorm = Norm{
	MeasuresPerFTE: 12,
	FullTimeHours:  36,
	Source:         "Afspraak van de jeugdbeschermingsinstellingen sinds 2023: 12 maatregelen per fulltime jeugdbeschermer. Een volle werkweek is 36 uur.",
}

// MaxHours and MinHours bound a team member's hours per week.
const (
	MinHours = 1
	MaxHours = 60
)

// ValidHours reports whether a member's hours per week can be right:
// 0 hours is no member, more than 60 no contract.
func ValidHours(h int) bool { return h >= MinHours && h <= MaxHours }

// Weights says how much a case weighs: per kind of measure running on it
// (MeasureKinds), times the weight of its colour (the crisismeter's red,
// orange, green; "" for a case not yet rated), times the weight of its
// phase (Phases); and how much a second case holder carries of a case.
type Weights struct {
	ByColor      map[string]float64
	ByMeasure    map[string]float64
	ByPhase      map[string]float64
	SecondHolder float64 // share of the case a second case holder carries
	Source       string
}

// DefaultWeights weigh a red case (acute danger: more visits, more
// consultations) heavier than an orange or green one. These figures are
// Schakel's own starting point, not taken from research: article 001 says
// the heaviest families need more time in the family, without a number.
// Each organisation can set its own.
var DefaultWeights = Weights{
	ByColor:      map[string]float64{"red": 1.5, "orange": 1.2, "green": 1.0, "": 1.0},
	ByMeasure:    DefaultMeasureWeights,
	ByPhase:      DefaultPhaseWeights,
	SecondHolder: 0.25,
	Source: "Startwaarden van Schakel (geen onderzoek): rood 1,5, oranje 1,2, groen en onbeoordeeld 1,0; " +
		"per maatregel 1, een machtiging uithuisplaatsing naast een OTS 0,5; de startfase van een maatregel (eerste contact en plan) 1,25; " +
		"een tweede casushouder draagt een kwart.",
}

// Validate checks weights an organisation sets: no colour weight may be
// negative, and a second case holder carries between none and all of a
// case. It returns the field errors, keyed by colour ("unrated" for "")
// or "second_holder".
func (w Weights) Validate() []schakel.FieldError {
	var out []schakel.FieldError
	for _, c := range Colors {
		v, ok := w.ByColor[c]
		field := colorField(c)
		switch {
		case !ok:
			out = append(out, schakel.FieldError{Field: field, Code: "required", Message: "Vul een gewicht in."})
		case v < 0 || math.IsNaN(v) || math.IsInf(v, 0):
			out = append(out, schakel.FieldError{Field: field, Code: "negative", Message: "Een gewicht is 0 of meer, bijvoorbeeld 1,5."})
		case v > MaxWeight:
			out = append(out, schakel.FieldError{Field: field, Code: "out_of_range", Message: "Een gewicht is ten hoogste 10."})
		}
	}
	out = append(out, validateWeights(w.ByMeasure, MeasureKinds, MeasureField)...)
	out = append(out, validateWeights(w.ByPhase, Phases, PhaseField)...)
	if w.SecondHolder < 0 || w.SecondHolder > 1 || math.IsNaN(w.SecondHolder) {
		out = append(out, schakel.FieldError{Field: "second_holder", Code: "out_of_range", Message: "Het deel van een tweede casushouder ligt tussen 0 en 1, bijvoorbeeld 0,25."})
	}
	return out
}

// Colors are the case colours a weight is set for; "" is a case not yet
// rated.
var Colors = []string{"red", "orange", "green", ""}

// MaxWeight bounds a colour's weight: ten times a green case is already
// more than any caseload can carry.
const MaxWeight = 10

func colorField(c string) string {
	if c == "" {
		return "unrated"
	}
	return c
}

// Ramp is the share of the norm a new starter carries, by months in the
// job. Article 001: starting youth protectors learn the trade "zonder een
// volle caseload"; the steps themselves are Schakel's starting point.
var Ramp = []struct {
	Months int     // fewer full months in the job than this
	Share  float64 // share of the norm
}{{3, 0.5}, {6, 0.75}}

// RampShare returns the share of the norm a worker who started on started
// carries at now.
func RampShare(started, now time.Time) float64 {
	months := fullMonths(started, now)
	for _, r := range Ramp {
		if months < r.Months {
			return r.Share
		}
	}
	return 1
}

func fullMonths(from, to time.Time) int {
	if !to.After(from) {
		return 0
	}
	m := (to.Year()-from.Year())*12 + int(to.Month()-from.Month())
	if to.Day() < from.Day() {
		m--
	}
	return m
}

// Held is one case a worker holds.
type Held struct {
	Color    string
	Phase    string // PhaseStart or PhaseRunning ("" counts as running)
	Children int
	Measures int      // court measures running on the case
	Kinds    []string // their kinds; empty: Measures measures of weight 1
	Second   bool     // the worker is the second case holder
}

// units is what one held case weighs before a second holder's share:
// its measures by kind (a case without one counts as one of kind ""),
// times its colour's and its phase's weight.
func (h Held) units(w Weights) float64 {
	var m float64
	switch {
	case len(h.Kinds) > 0:
		for _, k := range h.Kinds {
			m += weightOr(w.ByMeasure, k)
		}
	case h.Measures > 0:
		m = float64(h.Measures)
	default:
		m = weightOr(w.ByMeasure, "")
	}
	phase := h.Phase
	if phase == "" {
		phase = PhaseRunning
	}
	return m * weightOr(w.ByColor, h.Color) * weightOr(w.ByPhase, phase)
}

// Load is a worker's caseload against the norm.
type Load struct {
	Cases, Children, Measures int
	Weighted                  float64 // weighted measures held
	Capacity                  float64 // measures at 100 % for these hours and this time in the job
	Percent                   float64 // Weighted / Capacity × 100, rounded to whole percents
	Band                      Band
}

// Compute weighs the cases held against the capacity of hours per week
// under the norm. A case without a running measure still counts (its
// weight for kind ""): voluntary help after a report is work too.
func Compute(held []Held, hours int, started, now time.Time, n Norm, w Weights) Load {
	var l Load
	for _, h := range held {
		l.Cases++
		l.Children += h.Children
		l.Measures += h.Measures
		units := h.units(w)
		if h.Second {
			units *= w.SecondHolder
		}
		l.Weighted += units
	}
	l.Weighted = math.Round(l.Weighted*100) / 100
	if n.FullTimeHours > 0 && hours > 0 {
		l.Capacity = math.Round(n.MeasuresPerFTE*float64(hours)/float64(n.FullTimeHours)*RampShare(started, now)*100) / 100
	}
	if l.Capacity > 0 {
		l.Percent = math.Round(l.Weighted / l.Capacity * 100)
	} else if l.Weighted > 0 {
		l.Percent = math.Inf(1)
	}
	l.Band = BandOf(l.Percent)
	return l
}

// Band is where a load falls against the norm: the bands probation
// services use.
type Band string

// The bands.
const (
	Room    Band = "room"     // under 95 %
	Full    Band = "full"     // 95 to 100 %
	Over    Band = "over"     // above 100 up to 110 %
	FarOver Band = "far_over" // above 110 %
)

// BandOf returns the band of a load in percent of the norm.
func BandOf(percent float64) Band {
	switch {
	case percent < 95:
		return Room
	case percent <= 100:
		return Full
	case percent <= 110:
		return Over
	}
	return FarOver
}

// Dutch is the band in words, so that colour is never the only signal.
func (b Band) Dutch() string {
	switch b {
	case Room:
		return "Ruimte (onder 95 %)"
	case Full:
		return "Vol (95 tot en met 100 %)"
	case Over:
		return "Over de norm (100 tot en met 110 %)"
	case FarOver:
		return "Ver over de norm (boven 110 %)"
	}
	return string(b)
}
