// Package chain holds the rules of the chain timeline and the lead-time
// monitor, free of HTTP and SQL: the chain event types and their order
// rules, the phases between events with their norms and sources, the court
// measures with their legal maximum durations, and the percentile maths of
// the dashboards.
//
// Every step on a case is a dated chain event (ketengebeurtenis). A phase
// runs from a start event to an end event; its norm says how long that may
// take. Storage records events and keeps the phases of each case up to date
// with Compute, so that the dashboards read one narrow table.
package chain

import (
	"fmt"
	"slices"
	"time"

	"schakel"
)

// Type is the type of a chain event.
type Type string

// The event types.
const (
	ReportReceived           Type = "report_received"
	Rated                    Type = "rated"
	ConsultationPlanned      Type = "consultation_planned"
	ConsultationHeld         Type = "consultation_held"
	SafetyAssessmentDone     Type = "safety_assessment_done"
	InvestigationStarted     Type = "investigation_started"
	InvestigationEnded       Type = "investigation_ended"
	RaadRequested            Type = "raad_requested"
	RaadInvestigationStarted Type = "raad_investigation_started"
	RaadInvestigationEnded   Type = "raad_investigation_ended"
	CourtPetition            Type = "court_petition"
	CourtOrder               Type = "court_order"
	CourtOrderExtended       Type = "court_order_extended"
	GuardianStarted          Type = "guardian_started"
	PlanMade                 Type = "plan_made"
	HelpStarted              Type = "help_started"
	Placement                Type = "placement"
	ScaledDown               Type = "scaled_down"
	Closed                   Type = "closed"

	// Care asked for by need (issue 15), mirroring the youth-care
	// messages (iJw): the request (as JW315), the first answer, the
	// provider chosen (as JW301, the allocation), care started (JW305) and
	// ended (JW307). Schakel records each when the step is done.
	CareRequested Type = "care_requested"
	CareAnswered  Type = "care_answered"
	CareAllocated Type = "care_allocated"
	CareStarted   Type = "care_started"
	CareEnded     Type = "care_ended"
)

// TypeInfo describes an event type.
type TypeInfo struct {
	Type  Type   `json:"type"`
	Label string `json:"label"` // Dutch
	// Automatic types are recorded by Schakel itself when it does the step
	// (filing a report, a rating, planning a crisis consultation, finishing
	// a safety assessment); they cannot be registered by hand.
	Automatic bool `json:"automatic"`
	// CourtOrder types need a measure and an end date.
	CourtOrder bool `json:"court_order"`
	// Usually registered by an organisation of these kinds (a hint on the
	// form; anyone on the case may register).
	Kinds []schakel.OrganisationKind `json:"kinds"`
}

var types = []TypeInfo{
	{ReportReceived, "Melding ontvangen", true, false, []schakel.OrganisationKind{schakel.VeiligThuis}},
	{Rated, "Kleur gegeven (crisismeter)", true, false, nil},
	{ConsultationPlanned, "Crisisoverleg gepland", true, false, nil},
	{ConsultationHeld, "Overleg gehouden", false, false, nil},
	{SafetyAssessmentDone, "Veiligheidsbeoordeling afgerond", true, false, []schakel.OrganisationKind{schakel.VeiligThuis}},
	{InvestigationStarted, "Onderzoek Veilig Thuis gestart", false, false, []schakel.OrganisationKind{schakel.VeiligThuis}},
	{InvestigationEnded, "Onderzoek Veilig Thuis afgerond", false, false, []schakel.OrganisationKind{schakel.VeiligThuis}},
	{RaadRequested, "Verzoek tot onderzoek aan de Raad", false, false, []schakel.OrganisationKind{schakel.VeiligThuis, schakel.Wijkteam, schakel.Jeugdbescherming}},
	{RaadInvestigationStarted, "Onderzoek Raad gestart", false, false, []schakel.OrganisationKind{schakel.Raad}},
	{RaadInvestigationEnded, "Onderzoek Raad afgerond", false, false, []schakel.OrganisationKind{schakel.Raad}},
	{CourtPetition, "Verzoekschrift bij de rechtbank", false, false, []schakel.OrganisationKind{schakel.Raad}},
	{CourtOrder, "Kinderbeschermingsmaatregel uitgesproken", false, true, []schakel.OrganisationKind{schakel.Rechtbank, schakel.Raad, schakel.Jeugdbescherming}},
	{CourtOrderExtended, "Maatregel verlengd", false, true, []schakel.OrganisationKind{schakel.Rechtbank, schakel.Jeugdbescherming}},
	{GuardianStarted, "Gezinsvoogd gestart (eerste contact)", false, false, []schakel.OrganisationKind{schakel.Jeugdbescherming}},
	{PlanMade, "Plan van aanpak gezinsvoogd vastgesteld", false, false, []schakel.OrganisationKind{schakel.Jeugdbescherming}},
	{HelpStarted, "Hulp gestart", false, false, []schakel.OrganisationKind{schakel.Zorgaanbieder, schakel.Wijkteam, schakel.Jeugdbescherming}},
	{Placement, "Uithuisplaatsing", false, false, []schakel.OrganisationKind{schakel.Jeugdbescherming}},
	{ScaledDown, "Afgeschaald naar het wijkteam", false, false, []schakel.OrganisationKind{schakel.VeiligThuis, schakel.Jeugdbescherming}},
	{Closed, "Casus afgesloten", false, false, nil},
	{CareRequested, "Zorgvraag uitgezet (als JW315)", true, false, nil},
	{CareAnswered, "Eerste antwoord op de zorgvraag", true, false, []schakel.OrganisationKind{schakel.Zorgaanbieder}},
	{CareAllocated, "Zorgaanbieder gekozen (als JW301)", true, false, nil},
	{CareStarted, "Zorg gestart (als JW305)", true, false, []schakel.OrganisationKind{schakel.Zorgaanbieder}},
	{CareEnded, "Zorg beëindigd (als JW307)", true, false, []schakel.OrganisationKind{schakel.Zorgaanbieder}},
}

// Types lists every event type in chain order.
func Types() []TypeInfo { return slices.Clone(types) }

// Lookup returns the description of t.
func Lookup(t Type) (TypeInfo, bool) {
	for _, ti := range types {
		if ti.Type == t {
			return ti, true
		}
	}
	return TypeInfo{}, false
}

// Label returns the Dutch name of t, or t itself when unknown.
func (t Type) Label() string {
	if ti, ok := Lookup(t); ok {
		return ti.Label
	}
	return string(t)
}

// Measure is a child-protection measure ordered by the court.
type Measure string

// The measures.
const (
	InterimSupervision     Measure = "interim_supervision"     // voorlopige ondertoezichtstelling
	Supervision            Measure = "supervision"             // ondertoezichtstelling (OTS)
	PlacementAuthorisation Measure = "placement_authorisation" // machtiging uithuisplaatsing
	Guardianship           Measure = "guardianship"            // voogdij na gezagsbeëindiging
)

// MeasureInfo describes a measure and its legal maximum duration.
type MeasureInfo struct {
	Measure Measure `json:"measure"`
	Label   string  `json:"label"`
	// MaxMonths is the longest period one order (or one extension) may
	// run; 0: no maximum (guardianship runs until the child is 18).
	MaxMonths int    `json:"max_months"`
	Source    string `json:"source"`
	// WarnBefore is how long before the end date the guardian and team
	// lead are warned, in time to ask the court for an extension.
	WarnBefore time.Duration `json:"-"`
	WarnDays   int           `json:"warn_days"`
}

var measures = []MeasureInfo{
	{InterimSupervision, "Voorlopige ondertoezichtstelling", 3, "BW boek 1, art. 257: ten hoogste drie maanden", 3 * 7 * 24 * time.Hour, 21},
	{Supervision, "Ondertoezichtstelling", 12, "BW boek 1, art. 260: ten hoogste een jaar, verlenging telkens ten hoogste een jaar", 8 * 7 * 24 * time.Hour, 56},
	{PlacementAuthorisation, "Machtiging uithuisplaatsing", 12, "BW boek 1, art. 265c: ten hoogste een jaar; vervalt als zij drie maanden niet is gebruikt", 8 * 7 * 24 * time.Hour, 56},
	{Guardianship, "Voogdij", 0, "Loopt tot het kind 18 jaar wordt", 12 * 7 * 24 * time.Hour, 84},
}

// UnusedPlacementLapse is how long a placement authorisation may go
// unused before it lapses.
const UnusedPlacementLapseMonths = 3

// Measures lists the court measures.
func Measures() []MeasureInfo { return slices.Clone(measures) }

// LookupMeasure returns the description of m.
func LookupMeasure(m Measure) (MeasureInfo, bool) {
	for _, mi := range measures {
		if mi.Measure == m {
			return mi, true
		}
	}
	return MeasureInfo{}, false
}

// Label returns the Dutch name of m.
func (m Measure) Label() string {
	if mi, ok := LookupMeasure(m); ok {
		return mi.Label
	}
	return string(m)
}

// Event is one dated fact on a case's timeline as the rules see it.
type Event struct {
	ID      int64
	Type    Type
	At      time.Time
	EndsAt  *time.Time // court orders
	Measure Measure    // court orders
	Color   string     // rated: the colour
	Ref     int64      // report or consultation the event belongs to (pairs a report with its assessment)
	OrgID   int64      // the organisation that registered it
}

// RequestsMeasure reports whether events of type t may name the measure
// they ask the court for: a petition (verzoekschrift) names the measure it
// asks for, without an end date.
func RequestsMeasure(t Type) bool { return t == CourtPetition }

// RequestsPlacement reports whether e asks the court to place a child out
// of home: a petition for a placement authorisation. Such a request waits
// for the placement-prevention review (issue 16), unless it is urgent.
func RequestsPlacement(e Event) bool {
	return e.Type == CourtPetition && e.Measure == PlacementAuthorisation
}

// Schakel accepts an event dated this far ahead of its own clock: clocks of
// registering systems differ a little.
const FutureSkew = 5 * time.Minute

// Check applies the order rules to a new event against the case's
// effective events (corrected and withdrawn ones left out; when correcting,
// without the event being corrected). It returns field-named errors:
// unknown types, dates in the future or before the report, ends before
// starts, court orders without a measure or end date, steps that need an
// earlier step, anything after the case was closed.
func Check(existing []Event, e Event, now time.Time) error {
	var v schakel.Validation
	ti, ok := Lookup(e.Type)
	if !ok {
		v.Add("type", "unknown", "Onbekende soort gebeurtenis. Kies er een uit de lijst.")
		return v.Err()
	}
	if e.At.IsZero() {
		v.Add("at", "required", "Vul de datum in.")
		return v.Err()
	}
	if e.At.After(now.Add(FutureSkew)) {
		v.Add("at", "future", "Deze datum ligt in de toekomst. Leg een gebeurtenis vast als zij gebeurd is.")
	}
	first := firstOf(existing, ReportReceived)
	if first != nil && e.At.Before(first.At) && e.Type != ReportReceived {
		v.Add("at", "before_report", fmt.Sprintf("%s kan niet vóór de eerste melding liggen (%s).", ti.Label, dateNL(first.At)))
	}
	if c := lastOf(existing, Closed); c != nil && e.Type != Closed && !e.At.Before(c.At) {
		v.Add("at", "after_closed", fmt.Sprintf("De casus is afgesloten op %s. Leg niets na die datum vast.", dateNL(c.At)))
	}
	if e.Type == Closed && lastOf(existing, Closed) != nil {
		v.Add("type", "already_closed", "De casus is al afgesloten.")
	}
	if ti.CourtOrder {
		mi, ok := LookupMeasure(e.Measure)
		if !ok {
			v.Add("details.measure", "required", "Kies de maatregel: voorlopige ondertoezichtstelling, ondertoezichtstelling, machtiging uithuisplaatsing of voogdij.")
		}
		switch {
		case e.EndsAt == nil || e.EndsAt.IsZero():
			v.Add("details.ends_at", "required", "Een maatregel heeft een einddatum. Vul die in.")
		case !e.EndsAt.After(e.At):
			v.Add("details.ends_at", "before_start", "De einddatum moet na de begindatum liggen.")
		case ok && mi.MaxMonths > 0 && e.EndsAt.After(addMonths(e.At, mi.MaxMonths).Add(24*time.Hour)):
			v.Add("details.ends_at", "too_long", fmt.Sprintf("Een %s duurt ten hoogste %s (%s).", lower(mi.Label), monthsNL(mi.MaxMonths), mi.Source))
		}
		if e.Type == CourtOrderExtended && ok {
			if findEarlier(existing, e.At, func(x Event) bool {
				return (x.Type == CourtOrder || x.Type == CourtOrderExtended) && x.Measure == e.Measure
			}) == nil {
				v.Add("details.measure", "no_order", fmt.Sprintf("Er is geen eerdere %s om te verlengen.", lower(mi.Label)))
			}
		}
	}
	if RequestsMeasure(e.Type) && e.Measure != "" {
		if _, ok := LookupMeasure(e.Measure); !ok {
			v.Add("details.measure", "unknown", "Onbekende maatregel. Kies er een uit de lijst.")
		}
	}
	need := func(start Type, field, msg string) {
		if findEarlier(existing, e.At, func(x Event) bool { return x.Type == start }) == nil {
			v.Add(field, "order", msg)
		}
	}
	switch e.Type {
	case InvestigationEnded:
		need(InvestigationStarted, "type", "Er is geen onderzoek gestart vóór deze datum. Leg eerst de start van het onderzoek vast.")
	case RaadInvestigationEnded:
		need(RaadInvestigationStarted, "type", "Er is geen onderzoek van de Raad gestart vóór deze datum. Leg eerst die start vast.")
	case GuardianStarted, PlanMade:
		need(CourtOrder, "type", "Een gezinsvoogd werkt na een kinderbeschermingsmaatregel. Leg eerst de maatregel vast.")
	case InvestigationStarted, RaadInvestigationStarted:
		endType := InvestigationEnded
		if e.Type == RaadInvestigationStarted {
			endType = RaadInvestigationEnded
		}
		if open := openRun(existing, e.Type, endType, e.At); open != nil {
			v.Add("type", "already_open", fmt.Sprintf("Er loopt al een onderzoek sinds %s. Leg eerst het einde daarvan vast.", dateNL(open.At)))
		}
	}
	return v.Err()
}

func firstOf(evs []Event, t Type) *Event {
	var best *Event
	for i := range evs {
		if evs[i].Type == t && (best == nil || evs[i].At.Before(best.At)) {
			best = &evs[i]
		}
	}
	return best
}

func lastOf(evs []Event, t Type) *Event {
	var best *Event
	for i := range evs {
		if evs[i].Type == t && (best == nil || evs[i].At.After(best.At)) {
			best = &evs[i]
		}
	}
	return best
}

func findEarlier(evs []Event, at time.Time, f func(Event) bool) *Event {
	for i := range evs {
		if f(evs[i]) && !evs[i].At.After(at) {
			return &evs[i]
		}
	}
	return nil
}

// openRun returns the latest start of a start/end pair that has no end at
// or before at.
func openRun(evs []Event, start, end Type, at time.Time) *Event {
	var s *Event
	for i := range evs {
		if evs[i].Type == start && !evs[i].At.After(at) && (s == nil || evs[i].At.After(s.At)) {
			s = &evs[i]
		}
	}
	if s == nil {
		return nil
	}
	for i := range evs {
		if evs[i].Type == end && !evs[i].At.Before(s.At) && !evs[i].At.After(at) {
			return nil
		}
	}
	return s
}

func addMonths(t time.Time, n int) time.Time {
	l := t.In(amsterdam())
	return l.AddDate(0, n, 0)
}

func dateNL(t time.Time) string { return t.In(amsterdam()).Format("02-01-2006") }

func monthsNL(n int) string {
	switch {
	case n == 12:
		return "een jaar"
	case n == 1:
		return "een maand"
	}
	return fmt.Sprintf("%d maanden", n)
}

func lower(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'A' && r[0] <= 'Z' {
		r[0] += 'a' - 'A'
	}
	return string(r)
}
