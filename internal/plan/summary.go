package plan

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"schakel"
)

// Minutes are the minutes of one consultation: who was there, the agenda,
// what each organisation brought in at it, the plan as it stands, what was
// decided, and what comes next.
type Minutes struct {
	CaseID         int64                       `json:"case_id"`
	Consultation   schakel.Consultation        `json:"consultation"`
	Present        []schakel.Participant       `json:"present"`
	Absent         []schakel.Participant       `json:"absent"`
	NotRecorded    []schakel.Participant       `json:"attendance_not_recorded"`
	Findings       []schakel.Finding           `json:"findings"`
	Scales         []schakel.SafetyScore       `json:"safety_scales"`
	PlanAgreedHere bool                        `json:"plan_agreed_here"`
	Plan           schakel.Plan                `json:"plan"`
	Reviews        []schakel.PlanReview        `json:"reviews"`
	Decisions      []schakel.RaadDecision      `json:"decisions"`
	Organisations  []schakel.ParticipationView `json:"organisations"`
	Next           *schakel.Consultation       `json:"next_consultation"`
}

// MinutesOf builds the minutes of consultation id from its case and
// workspace; false when the consultation is not on the case.
func MinutesOf(c schakel.Case, w schakel.Workspace, id int64) (Minutes, bool) {
	m := Minutes{CaseID: c.ID, Present: []schakel.Participant{}, Absent: []schakel.Participant{}, NotRecorded: []schakel.Participant{},
		Findings: []schakel.Finding{}, Scales: []schakel.SafetyScore{}, Reviews: []schakel.PlanReview{}, Decisions: w.Decisions, Plan: w.Plan,
		Organisations: c.Participations}
	found := false
	for _, k := range c.Consultations {
		if k.ID == id {
			m.Consultation, found = k, true
		}
	}
	if !found {
		return m, false
	}
	for _, p := range m.Consultation.Participants {
		switch {
		case p.Attended == nil:
			m.NotRecorded = append(m.NotRecorded, p)
		case *p.Attended:
			m.Present = append(m.Present, p)
		default:
			m.Absent = append(m.Absent, p)
		}
	}
	at := func(cid *int64) bool { return cid != nil && *cid == id }
	for _, f := range w.Findings {
		if at(f.ConsultationID) {
			m.Findings = append(m.Findings, f)
		}
	}
	for _, s := range w.Scales {
		if at(s.ConsultationID) {
			m.Scales = append(m.Scales, s)
		}
	}
	for _, r := range w.Plan.Reviews {
		if at(r.ConsultationID) {
			m.Reviews = append(m.Reviews, r)
		}
	}
	m.PlanAgreedHere = w.Plan.Status == schakel.PlanAgreed && at(w.Plan.ConsultationID)
	for i, k := range c.Consultations {
		if k.ID != id && k.Status == "planned" && k.ScheduledAt.After(m.Consultation.ScheduledAt) &&
			(m.Next == nil || k.ScheduledAt.Before(m.Next.ScheduledAt)) {
			m.Next = &c.Consultations[i]
		}
	}
	return m, true
}

// FamilyContact is whom the parents call.
type FamilyContact struct {
	Organisation string `json:"organisation"`
	Name         string `json:"name,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
}

// FamilyLine is one agreement, in plain words: who does what, by when.
// When and For are Dutch; DueDate and Audience say the same as data, for
// a screen or client in another language.
type FamilyLine struct {
	Who      string `json:"who"`
	What     string `json:"what"`
	When     string `json:"when"`
	DueDate  string `json:"due_date,omitempty"` // YYYY-MM-DD
	For      string `json:"for,omitempty"`      // voor u als ouders, voor uw kind, voor uw netwerk
	Audience string `json:"audience,omitempty"` // parents, child, network
	Done     bool   `json:"done"`
}

// FamilyStep is one thing that happens next, with its date. When and What
// are Dutch; Kind, Date and Decision say the same as data.
type FamilyStep struct {
	When     string `json:"when"`
	What     string `json:"what"`
	Kind     string `json:"kind"`               // one of the Step… kinds
	Date     string `json:"date"`               // YYYY-MM-DD
	Decision string `json:"decision,omitempty"` // the Raad decision's kind, for StepDecision
	at       time.Time
}

// The kinds of a family step.
const (
	StepConsultation = "consultation" // the professionals meet again about the family
	StepReview       = "review"       // the plan is checked with the family
	StepDecision     = "decision"     // the Raad decided (Decision says what)
	StepAction       = "action"       // an agreement is due (What names who and what)
)

// FamilyOrg is an organisation that helps, with what it does in plain words.
type FamilyOrg struct {
	Name string `json:"name"`
	Does string `json:"does"`
}

// FamilySummary is the parents' copy: who their contact is, what was
// agreed, what happens next and when. Plain language (B1); no findings or
// professional notes.
type FamilySummary struct {
	CaseID        int64         `json:"case_id"`
	Children      []string      `json:"children"`
	Contact       FamilyContact `json:"contact"`
	PlanAgreed    bool          `json:"plan_agreed"`
	AgreedOn      string        `json:"agreed_on,omitempty"`
	Safety        []FamilyLine  `json:"safety_agreements"`
	Actions       []FamilyLine  `json:"actions"`
	Goals         []FamilyLine  `json:"goals"`
	Next          []FamilyStep  `json:"next_steps"`
	Organisations []FamilyOrg   `json:"organisations"`
}

func dateNL(t time.Time, loc *time.Location) string {
	months := []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
	l := t.In(loc)
	return strings.Join([]string{strconv.Itoa(l.Day()), months[l.Month()-1], strconv.Itoa(l.Year())}, " ")
}

// FamilySummaryOf builds the parents' copy of a case's plan.
func FamilySummaryOf(c schakel.Case, w schakel.Workspace, now time.Time, loc *time.Location) FamilySummary {
	s := FamilySummary{CaseID: c.ID, Children: []string{}, Safety: []FamilyLine{}, Actions: []FamilyLine{}, Goals: []FamilyLine{},
		Next: []FamilyStep{}, Organisations: []FamilyOrg{}}
	for _, p := range c.Persons {
		if p.Kind == "child" {
			s.Children = append(s.Children, strings.TrimSpace(p.GivenNames))
		}
	}
	for _, p := range c.Participations {
		if p.Status != "active" {
			continue
		}
		s.Organisations = append(s.Organisations, FamilyOrg{Name: p.Organisation.Name, Does: familyRole[p.Role]})
		if p.Role == schakel.RoleRegie {
			s.Contact = FamilyContact{Organisation: p.Organisation.Name}
			if p.Contact != nil {
				s.Contact.Name, s.Contact.Phone, s.Contact.Email = p.Contact.Name, p.Contact.Phone, p.Contact.Email
			}
		}
	}
	s.PlanAgreed = w.Plan.Status == schakel.PlanAgreed
	if w.Plan.AgreedAt != nil {
		s.AgreedOn = dateNL(*w.Plan.AgreedAt, loc)
	}
	for _, a := range w.Plan.Actions {
		if a.Status == schakel.ActionCancelled {
			continue
		}
		line := FamilyLine{Who: a.OwnerProfessional.Name + " (" + a.Owner.Name + ")", What: a.Title, Done: a.Status == schakel.ActionDone}
		if d, ok := ParseDate(a.DueDate); ok {
			line.When, line.DueDate = "Vóór of op "+dateNL(d.Time, time.UTC), d.String()
		}
		if a.For != nil {
			line.For, line.Audience = familyFor[*a.For], *a.For
		}
		switch a.Kind {
		case schakel.ActionSafetyAgreement:
			s.Safety = append(s.Safety, line)
		case schakel.ActionGoal:
			s.Goals = append(s.Goals, line)
		default:
			s.Actions = append(s.Actions, line)
		}
	}
	if w.NextConsultation != nil {
		at := w.NextConsultation.ScheduledAt
		s.Next = append(s.Next, FamilyStep{When: dateNL(at, loc), What: "De mensen die u helpen, praten weer samen over uw gezin. Uw contactpersoon vertelt u daarna wat er is besproken.",
			Kind: StepConsultation, Date: DateOf(at, loc).String(), at: at})
	}
	if s.PlanAgreed && w.Plan.ReviewDate != "" {
		if d, ok := ParseDate(w.Plan.ReviewDate); ok {
			s.Next = append(s.Next, FamilyStep{When: dateNL(d.Time, time.UTC), What: "We kijken samen met u of de afspraken werken, en passen ze aan als dat nodig is.",
				Kind: StepReview, Date: d.String(), at: d.Time})
		}
	}
	if len(w.Decisions) > 0 {
		d := w.Decisions[0]
		s.Next = append(s.Next, FamilyStep{When: "Besloten op " + dateNL(d.CreatedAt, loc), What: FamilyDecision(d.Kind), Kind: StepDecision,
			Date: DateOf(d.CreatedAt, loc).String(), Decision: FamilyDecisionKind(d.Kind), at: d.CreatedAt})
	}
	for _, a := range w.Plan.Actions {
		if a.Status != schakel.ActionOpen {
			continue
		}
		if d, ok := ParseDate(a.DueDate); ok && !d.Time.Before(DateOf(now, loc).Time) && d.Time.Before(DateOf(now, loc).AddDate(0, 0, 14)) {
			s.Next = append(s.Next, FamilyStep{When: "Vóór of op " + dateNL(d.Time, time.UTC), What: a.OwnerProfessional.Name + ": " + a.Title,
				Kind: StepAction, Date: d.String(), at: d.Time})
		}
	}
	sort.SliceStable(s.Next, func(i, j int) bool { return s.Next[i].at.Before(s.Next[j].at) })
	return s
}

// DateNL is a date as the family copy writes it: "1 december 2026".
func DateNL(t time.Time, loc *time.Location) string { return dateNL(t, loc) }
