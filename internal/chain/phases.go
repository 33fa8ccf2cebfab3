package chain

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

func amsterdam() *time.Location { return workdays.Location() }

// Unit is the unit of a norm.
type Unit string

// Norm units. Working days follow the Dutch calendar (internal/workdays).
const (
	Hours       Unit = "hours"
	WorkingDays Unit = "working_days"
	Days        Unit = "days"
	Weeks       Unit = "weeks"
	Months      Unit = "months"
)

// Units lists the units in a stable order.
var Units = []Unit{Hours, WorkingDays, Days, Weeks, Months}

var unitNL = map[Unit][2]string{
	Hours: {"uur", "uur"}, WorkingDays: {"werkdag", "werkdagen"}, Days: {"dag", "dagen"},
	Weeks: {"week", "weken"}, Months: {"maand", "maanden"},
}

// Dutch returns the unit for screens, singular or plural.
func (u Unit) Dutch(n int) string {
	if n == 1 {
		return unitNL[u][0]
	}
	return unitNL[u][1]
}

// Valid reports whether u is a known unit.
func (u Unit) Valid() bool { return slices.Contains(Units, u) }

// Norm is the maximum time a phase may take, with where it comes from.
type Norm struct {
	Amount int     `json:"amount"`
	Unit   Unit    `json:"unit"`
	Target float64 `json:"target,omitempty"` // share of cases expected within the norm (0–1); 0: none set
	Source string  `json:"source"`
}

// MaxNormAmount bounds a norm to something a person could mean.
const MaxNormAmount = 1000

// Validate checks a norm as an administrator entered it; fields are named
// as in the API (amount, unit, target, source).
func (n Norm) Validate() error {
	var v schakel.Validation
	switch {
	case n.Amount <= 0:
		v.Add("amount", "not_positive", "Een norm moet langer dan nul zijn. Vul een positief getal in.")
	case n.Amount > MaxNormAmount:
		v.Add("amount", "too_large", fmt.Sprintf("Vul een getal van hoogstens %d in.", MaxNormAmount))
	}
	if !n.Unit.Valid() {
		v.Add("unit", "unknown", "Kies uur, werkdagen, dagen, weken of maanden.")
	}
	if n.Target < 0 || n.Target > 1 || math.IsNaN(n.Target) {
		v.Add("target", "range", "Het streefpercentage ligt tussen 0 en 100.")
	}
	if strings.TrimSpace(n.Source) == "" {
		v.Add("source", "required", "Schrijf op waar de norm vandaan komt (wet, afspraak in de regio, …).")
	} else {
		textlimit.Check(&v, "source", n.Source, textlimit.Reason)
	}
	return v.Err()
}

// Due returns the deadline of a phase that started at start. For working
// days it is the end of the n-th working day after the start date (as
// workdays.AddWorkingDays); a phase is within the norm when it ends before
// the deadline (working days) or at the latest at it (other units).
func (n Norm) Due(start time.Time) time.Time {
	switch n.Unit {
	case Hours:
		return start.Add(time.Duration(n.Amount) * time.Hour)
	case WorkingDays:
		return workdays.AddWorkingDays(start, n.Amount).UTC()
	case Days:
		return start.In(amsterdam()).AddDate(0, 0, n.Amount).UTC()
	case Weeks:
		return start.In(amsterdam()).AddDate(0, 0, 7*n.Amount).UTC()
	case Months:
		return start.In(amsterdam()).AddDate(0, n.Amount, 0).UTC()
	}
	return start
}

// Within reports whether a phase from start to end kept the norm.
func (n Norm) Within(start, end time.Time) bool {
	due := n.Due(start)
	if n.Unit == WorkingDays {
		return end.Before(due)
	}
	return !end.After(due)
}

// ApproxDays is the norm's length in days, for charts (working days count
// as 7/5 of a day).
func (n Norm) ApproxDays() float64 {
	switch n.Unit {
	case Hours:
		return float64(n.Amount) / 24
	case WorkingDays:
		return float64(n.Amount) * 7 / 5
	case Days:
		return float64(n.Amount)
	case Weeks:
		return float64(n.Amount) * 7
	case Months:
		return float64(n.Amount) * 30.4375
	}
	return 0
}

// String is the norm in Dutch: "5 werkdagen".
func (n Norm) String() string { return fmt.Sprintf("%d %s", n.Amount, n.Unit.Dutch(n.Amount)) }

// PhaseID is the stable number of a phase, as stored.
type PhaseID int16

// The phases.
const (
	PhaseRedConsultation   PhaseID = 1
	PhaseSafetyAssessment  PhaseID = 2
	PhaseVTInvestigation   PhaseID = 3
	PhaseRaadStart         PhaseID = 4
	PhaseRaadInvestigation PhaseID = 5
	PhaseCourt             PhaseID = 6
	PhaseGuardianContact   PhaseID = 7
	PhaseGuardianPlan      PhaseID = 8
	PhaseGuardianHelp      PhaseID = 9
	PhaseChain             PhaseID = 10
)

// Phase is the time between a start event and an end event.
type Phase struct {
	ID    PhaseID `json:"-"`
	Code  string  `json:"id"`
	Label string  `json:"label"`
	Start Type    `json:"start_event"`
	End   Type    `json:"end_event"`
	// StartColor limits the start to a rating of this colour (red phase).
	StartColor string `json:"start_color,omitempty"`
	// PerRef phases run once per report: a report's assessment ends the
	// run of that report. Other phases have one run open at a time.
	PerRef bool `json:"-"`
	// Once phases run at most once per case (the whole chain, the
	// guardian's first steps after the first order).
	Once bool `json:"-"`
	// Responsible is the kind of organisation whose clock this is; empty
	// for the whole chain, which is the lead organisation's (regie).
	Responsible schakel.OrganisationKind `json:"responsible,omitempty"`
	// Default is the norm from public sources; nil when none is agreed.
	Default *Norm `json:"-"`
	// Alert: the work list warns before the norm is passed. (The red
	// consultation and the safety assessment have their own work items.)
	Alert bool `json:"-"`
}

var phases = []Phase{
	{PhaseRedConsultation, "red_consultation", "Rood tot crisisoverleg", Rated, ConsultationHeld, "red", false, false, schakel.VeiligThuis,
		&Norm{4, Hours, 0, "Afspraak in Schakel: bij rood is er binnen 4 uur een gezamenlijk crisisoverleg, ook 's nachts en in het weekend. Ter vergelijking: in Engeland gaat het om 2 tot 4 werkuren."}, false},
	{PhaseSafetyAssessment, "safety_assessment", "Veiligheidsbeoordeling", ReportReceived, SafetyAssessmentDone, "", true, false, schakel.VeiligThuis,
		&Norm{5, WorkingDays, 0.9, "Uitvoeringsbesluit Wmo 2015, artikel 4.1.7: de veiligheidsbeoordeling is binnen 5 werkdagen klaar. Doel van de sector: 90% op tijd."}, false},
	{PhaseVTInvestigation, "vt_investigation", "Onderzoek Veilig Thuis", InvestigationStarted, InvestigationEnded, "", false, false, schakel.VeiligThuis,
		&Norm{10, Weeks, 0.8, "Afspraak van Veilig Thuis: een onderzoek is binnen 10 weken klaar. Doel van de sector: 80% op tijd."}, true},
	{PhaseRaadStart, "raad_start", "Wachten op onderzoek Raad", RaadRequested, RaadInvestigationStarted, "", false, false, schakel.Raad,
		&Norm{10, Days, 0, "Afspraak van de Raad voor de Kinderbescherming: het onderzoek begint binnen 10 dagen na het verzoek."}, true},
	{PhaseRaadInvestigation, "raad_investigation", "Onderzoek Raad", RaadInvestigationStarted, RaadInvestigationEnded, "", false, false, schakel.Raad,
		nil, true},
	{PhaseCourt, "court", "Rechtbank: verzoek tot uitspraak", CourtPetition, CourtOrder, "", false, false, schakel.Rechtbank,
		nil, true},
	{PhaseGuardianContact, "guardian_contact", "Eerste contact gezinsvoogd", CourtOrder, GuardianStarted, "", false, true, schakel.Jeugdbescherming,
		&Norm{5, WorkingDays, 0, "Afspraak van Jeugdbescherming: de gezinsvoogd heeft binnen 5 werkdagen na de uitspraak contact met het gezin."}, true},
	{PhaseGuardianPlan, "guardian_plan", "Plan van aanpak gezinsvoogd", CourtOrder, PlanMade, "", false, true, schakel.Jeugdbescherming,
		&Norm{6, Weeks, 0, "Afspraak van Jeugdbescherming: het plan van aanpak is binnen 6 weken na de uitspraak klaar."}, true},
	{PhaseGuardianHelp, "guardian_help", "Hulp gestart na maatregel", CourtOrder, HelpStarted, "", false, true, schakel.Jeugdbescherming,
		&Norm{3, Months, 0, "Afspraak van Jeugdbescherming: de hulp begint binnen 3 maanden na de uitspraak."}, true},
	{PhaseChain, "chain", "Hele keten: melding tot gezinsvoogd", ReportReceived, GuardianStarted, "", false, true, "",
		&Norm{5, Months, 0, "Afspraak in de keten: van de melding bij Veilig Thuis tot de start van de gezinsvoogd duurt het hooguit 5 maanden. Uit onderzoek bleek dat het in de praktijk 8 maanden duurde."}, true},
}

// Phases lists the phases in chain order; the whole chain is last.
func Phases() []Phase { return slices.Clone(phases) }

// PhaseByID returns the phase with this number.
func PhaseByID(id PhaseID) (Phase, bool) {
	for _, p := range phases {
		if p.ID == id {
			return p, true
		}
	}
	return Phase{}, false
}

// PhaseByCode returns the phase with this code.
func PhaseByCode(code string) (Phase, bool) {
	for _, p := range phases {
		if p.Code == code {
			return p, true
		}
	}
	return Phase{}, false
}

// Status of a phase run.
type Status int16

// Run statuses, as stored.
const (
	Open    Status = 0 // started, waiting for its end event
	Done    Status = 1 // ended by its end event
	Stopped Status = 2 // the case closed before the end event
)

// Run is one run of a phase on a case.
type Run struct {
	Phase    PhaseID
	Seq      int // 1 for the first run of this phase on the case
	Start    time.Time
	End      *time.Time // Done: the end event's time; Stopped: the closing time
	Status   Status
	StartOrg int64
	EndOrg   int64
	ref      int64
}

// Org is the organisation a run is counted for: who ended it, else who
// started it.
func (r Run) Org() int64 {
	if r.EndOrg != 0 {
		return r.EndOrg
	}
	return r.StartOrg
}

// Minutes is the length of a finished run in whole minutes.
func (r Run) Minutes() int64 {
	if r.End == nil {
		return 0
	}
	return int64(r.End.Sub(r.Start) / time.Minute)
}

// Compute derives the phase runs of one case from its effective events
// (corrections applied, withdrawn events left out). Events are taken in
// time order; an event that ends a phase is applied before one that starts
// one, so that an order both ends the court phase and starts the
// guardian's phases.
func Compute(events []Event) []Run {
	evs := slices.Clone(events)
	sort.SliceStable(evs, func(i, j int) bool {
		if !evs[i].At.Equal(evs[j].At) {
			return evs[i].At.Before(evs[j].At)
		}
		return evs[i].ID < evs[j].ID
	})
	var runs []Run
	for _, e := range evs {
		if e.Type == Closed {
			for i := range runs {
				if runs[i].Status == Open {
					at := e.At
					runs[i].Status, runs[i].End = Stopped, &at
				}
			}
			continue
		}
		for _, p := range phases {
			if e.Type != p.End {
				continue
			}
			best := -1
			for i := range runs {
				if runs[i].Phase != p.ID || runs[i].Status != Open || runs[i].Start.After(e.At) {
					continue
				}
				if p.PerRef && e.Ref != 0 {
					if runs[i].ref == e.Ref {
						best = i
						break
					}
					continue
				}
				if best < 0 {
					best = i // the oldest open run
				}
			}
			if best >= 0 {
				at := e.At
				runs[best].End, runs[best].Status, runs[best].EndOrg = &at, Done, e.OrgID
			}
		}
		for _, p := range phases {
			if e.Type != p.Start || (p.StartColor != "" && e.Color != p.StartColor) {
				continue
			}
			n, open := 0, false
			for _, r := range runs {
				if r.Phase == p.ID {
					n++
					open = open || r.Status == Open
				}
			}
			if (p.Once && n > 0) || (!p.PerRef && open) {
				continue
			}
			runs = append(runs, Run{Phase: p.ID, Seq: n + 1, Start: e.At, Status: Open, StartOrg: e.OrgID, ref: e.Ref})
		}
	}
	return runs
}

// WarnFrom is when the work list starts to warn about a run: when three
// quarters of the time to its deadline has passed.
func WarnFrom(start, due time.Time) time.Time {
	return start.Add(due.Sub(start) * 3 / 4)
}

// MinutesPerDay converts stored minutes to days.
const MinutesPerDay = 24 * 60

// Bucket maps a duration in whole minutes to a histogram bucket: exact
// below 64 minutes, then 32 buckets per doubling (each about 3% wide).
// Buckets grow with the duration, so that a rank can be found by counting
// buckets first and then reading only the rows of one bucket.
func Bucket(minutes int64) int {
	if minutes < 64 {
		if minutes < 0 {
			return 0
		}
		return int(minutes)
	}
	e := bits.Len64(uint64(minutes)) // ≥ 7
	top := int(minutes >> (e - 6))   // 32…63
	return 64 + (e-7)*32 + (top - 32)
}

// Ranks returns the two 0-based ranks and the weight that give the p-th
// quantile of n sorted values with linear interpolation between the
// closest ranks (Hyndman & Fan type 7; DuckDB's quantile_cont, Excel's
// PERCENTILE.INC): q = v[lo] + frac·(v[hi] − v[lo]).
func Ranks(n int64, p float64) (lo, hi int64, frac float64) {
	if n <= 0 {
		return 0, 0, 0
	}
	h := float64(n-1) * p
	lo, hi = int64(math.Floor(h)), int64(math.Ceil(h))
	return lo, hi, h - math.Floor(h)
}

// Quantile returns the p-th quantile of sorted values (type 7).
func Quantile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	lo, hi, f := Ranks(int64(len(sorted)), p)
	return sorted[lo] + f*(sorted[hi]-sorted[lo])
}

// Percentiles the dashboards report.
var Percentiles = []float64{0.5, 0.8, 0.9}

// MinShown is the smallest group whose lead-time figures the dashboards
// show. A median of three runs is one family's own waiting time; below five
// a group's figures are withheld (its count stays), as statistics offices
// do with small cells.
const MinShown = 5

// TooFewToShow reports whether a group of n runs (n ≥ 1) is too small to
// show its figures.
func TooFewToShow(n int64) bool { return n > 0 && n < MinShown }
