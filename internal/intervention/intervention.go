// Package intervention compares an intervention cohort with the rest of
// a region over the same period (issue 14, item 6): the four
// interventions of article 001 — extra staff, support work on request,
// care coordinators, placement-prevention meetings — tagged as cohorts,
// side by side on lead time, contact moments with families, placements
// and repeat reports. Pure functions: the facts come from storage, the
// figures go to the dashboard; no case or name leaves this package, and a
// side of fewer than chain.MinShown cases shows nothing but that.
package intervention

import (
	"math"
	"slices"
	"time"

	"schakel/internal/chain"
)

// Kind is one of article 001's interventions ("" for a cohort without one).
type Kind string

const (
	ExtraStaff         Kind = "extra_staff"
	SupportWork        Kind = "support_work"
	CareCoordinators   Kind = "care_coordinators"
	PreventionMeetings Kind = "prevention_meetings"
)

// Kinds lists the interventions in article 001's order.
func Kinds() []Kind { return []Kind{ExtraStaff, SupportWork, CareCoordinators, PreventionMeetings} }

// Label is a kind in Dutch for the screens ("" for none).
func (k Kind) Label() string {
	switch k {
	case ExtraStaff:
		return "Extra jeugdbeschermers"
	case SupportWork:
		return "Ondersteunend werk op verzoek"
	case CareCoordinators:
		return "Zorgcoördinatoren"
	case PreventionMeetings:
		return "Tafels om uithuisplaatsing te voorkomen"
	}
	return ""
}

// Valid reports whether k is empty or one of the four.
func (k Kind) Valid() bool { return k == "" || slices.Contains(Kinds(), k) }

// Period clips a dashboard period to the intervention's first day: both
// sides are compared from the later of the two, so that the rest is not
// measured over months the cohort did not yet exist. A zero start keeps
// the period.
func Period(from, to, starts time.Time) (time.Time, time.Time) {
	if !starts.IsZero() && starts.After(from) {
		from = starts
	}
	return from, to
}

// CaseFact is what one case of the region did in the period.
type CaseFact struct {
	Case     int64 // the case's id, to mark the cases a cohort's members bring in
	InCohort bool
	// LeadDays are the whole-chain lead times of the case's runs that
	// ended in the period.
	LeadDays []float64
	// Contacts are the logged family conversations held in the period.
	Contacts int
	// OpenDays is how long the case was open within the period.
	OpenDays float64
	// Placements and RepeatReports happened in the period (a repeat
	// report: one about a family reported in the 12 months before).
	Placements, RepeatReports int
}

// Side is one group's figures; nil figures are withheld or not
// measurable (no lead time ended, no open time).
type Side struct {
	Cases int `json:"cases"`
	// Suppressed: fewer than chain.MinShown cases; every figure is nil.
	Suppressed     bool     `json:"suppressed"`
	LeadCount      int      `json:"lead_count"`
	LeadMedianDays *float64 `json:"lead_median_days"` // nil below chain.MinShown lead times
	// ContactsPerFamilyMonth: contact moments per family per month open.
	ContactsPerFamilyMonth *float64 `json:"contacts_per_family_month"`
	Placements             *int     `json:"placements"`
	PlacementsPer100       *float64 `json:"placements_per_100"`
	RepeatReports          *int     `json:"repeat_reports"`
	RepeatPer100           *float64 `json:"repeat_reports_per_100"`
}

// Comparison is the cohort against the rest of the region.
type Comparison struct {
	Cohort Side `json:"cohort"`
	Rest   Side `json:"rest"`
}

// daysPerMonth is an average calendar month.
const daysPerMonth = 365.25 / 12

// Compare splits the facts into the cohort and the rest and sums each.
func Compare(facts []CaseFact) Comparison {
	var in, out []CaseFact
	for _, f := range facts {
		if f.InCohort {
			in = append(in, f)
		} else {
			out = append(out, f)
		}
	}
	return Comparison{Cohort: sideOf(in), Rest: sideOf(out)}
}

func sideOf(fs []CaseFact) Side {
	s := Side{Cases: len(fs)}
	if len(fs) == 0 {
		return s
	}
	if chain.TooFewToShow(int64(len(fs))) {
		s.Suppressed = true
		return s
	}
	var lead []float64
	contacts, placements, repeats := 0, 0, 0
	months := 0.0
	for _, f := range fs {
		lead = append(lead, f.LeadDays...)
		contacts += f.Contacts
		placements += f.Placements
		repeats += f.RepeatReports
		months += max(f.OpenDays, 0) / daysPerMonth
	}
	s.LeadCount = len(lead)
	if len(lead) > 0 && !chain.TooFewToShow(int64(len(lead))) {
		slices.Sort(lead)
		s.LeadMedianDays = round1(chain.Quantile(lead, 0.5))
	}
	if months > 0 {
		s.ContactsPerFamilyMonth = round1(float64(contacts) / months)
	}
	s.Placements, s.RepeatReports = &placements, &repeats
	s.PlacementsPer100 = round1(float64(placements) * 100 / float64(len(fs)))
	s.RepeatPer100 = round1(float64(repeats) * 100 / float64(len(fs)))
	return s
}

func round1(x float64) *float64 {
	r := math.Round(x*10) / 10
	return &r
}
