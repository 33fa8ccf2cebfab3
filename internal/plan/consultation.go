package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
)

// ConsultationInput schedules a consultation with invited people.
type ConsultationInput struct {
	Kind        string   `json:"kind"`
	ScheduledAt string   `json:"scheduled_at"` // RFC 3339
	Title       string   `json:"title"`
	Agenda      []string `json:"agenda"`
	Invite      Invite   `json:"invite"`
	// Location is where and how it meets (ValidateNewConsultation).
	Location schakel.ConsultationLocation `json:"location"`
}

// Invite names whom to invite: people by name, or an organisation or an
// expertise for which Schakel picks an available person.
type Invite struct {
	ProfessionalIDs []int64  `json:"professional_ids"`
	OrganisationIDs []int64  `json:"organisation_ids"`
	Expertises      []string `json:"expertises"`
	Reason          string   `json:"reason,omitempty"`
}

// Empty reports whether nobody is asked for.
func (i Invite) Empty() bool {
	return len(i.ProfessionalIDs) == 0 && len(i.OrganisationIDs) == 0 && len(i.Expertises) == 0
}

// ValidateConsultation checks a new consultation.
func ValidateConsultation(in ConsultationInput, now time.Time) (time.Time, error) {
	var v schakel.Validation
	if !slices.Contains(schakel.ConsultationKinds, in.Kind) {
		v.Add("kind", "unknown", "Kies crisisoverleg, MDO, plaatsingstafel of casusoverleg.")
	}
	at := meetingMoment(&v, in.ScheduledAt, now)
	if n := runes(in.Title); n > MaxTitle {
		v.Add("title", "too_long", fmt.Sprintf("Hoogstens %d tekens.", MaxTitle))
	}
	if len(in.Agenda) > MaxAgenda {
		v.Add("agenda", "too_many", fmt.Sprintf("Hoogstens %d agendapunten.", MaxAgenda))
	}
	for i, a := range in.Agenda {
		agendaItem(&v, fmt.Sprintf("agenda[%d]", i), a)
	}
	checkInvite(&v, in.Invite, false)
	return at, v.Err()
}

// meetingMoment reads the moment of a consultation: RFC 3339, not past,
// within a year.
func meetingMoment(v *schakel.Validation, s string, now time.Time) time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	switch {
	case err != nil:
		v.Add("scheduled_at", "format", "Vul een moment in, bijvoorbeeld 2026-11-25T10:00:00+01:00.")
	case t.Before(now.Add(-5 * time.Minute)):
		v.Add("scheduled_at", "in_past", "Dit moment is voorbij.")
	case t.After(now.AddDate(1, 0, 0)):
		v.Add("scheduled_at", "too_far", "Plan een overleg binnen een jaar.")
	default:
		return t.UTC()
	}
	return time.Time{}
}

// ConsultationChange moves a planned consultation to another moment
// (ScheduledAt), or cancels it; both say why, for the participants.
type ConsultationChange struct {
	ScheduledAt string `json:"scheduled_at"`
	Reason      string `json:"reason"`
}

// ValidateMove checks moving a consultation from its current moment.
func ValidateMove(in ConsultationChange, current, now time.Time) (time.Time, error) {
	var v schakel.Validation
	at := meetingMoment(&v, in.ScheduledAt, now)
	if !at.IsZero() && at.Equal(current) {
		v.Add("scheduled_at", "unchanged", "Het overleg staat al op dit moment. Kies een ander moment.")
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom het overleg verschuift; de genodigden lezen dit.")
	return at, v.Err()
}

// ValidateCancel checks cancelling a consultation. A crisis consultation
// of a red case stays: red goes to a joint consultation, so it can be moved
// but not cancelled until the colour is lowered.
func ValidateCancel(in ConsultationChange, kind string, caseRed bool) error {
	if kind == schakel.ConsultCrisis && caseRed {
		return schakel.Errorf(schakel.ECONFLICT, "Een rode casus houdt zijn crisisoverleg. Verplaats het overleg, of verlaag eerst de kleur (met een tweede professional).")
	}
	var v schakel.Validation
	reason(&v, "reason", in.Reason, "Schrijf op waarom het overleg niet doorgaat; de genodigden lezen dit.")
	return v.Err()
}

func checkInvite(v *schakel.Validation, in Invite, needReason bool) {
	if in.Empty() {
		v.Add("invite", "required", "Nodig minstens één persoon, organisatie of deskundigheid uit.")
	}
	for i, e := range in.Expertises {
		if !schakel.Expertise(e).Valid() {
			v.Add(fmt.Sprintf("invite.expertises[%d]", i), "unknown", "Onbekende deskundigheid.")
		}
	}
	if needReason {
		reason(v, "reason", in.Reason, "Schrijf op waarom deze deskundige erbij komt.")
	} else if n := runes(in.Reason); n > MaxText {
		v.Add("invite.reason", "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxText, n))
	}
}

// ValidateAddParticipant checks adding someone to a consultation or an
// expert to a case at any moment: whom, and why.
func ValidateAddParticipant(in Invite) error {
	var v schakel.Validation
	checkInvite(&v, in, true)
	return v.Err()
}

// ValidateAgendaItem checks one agenda point.
func ValidateAgendaItem(s string) error {
	var v schakel.Validation
	agendaItem(&v, "text", s)
	return v.Err()
}

// agendaItem checks one agenda point: 1 to MaxAgendaLen characters.
func agendaItem(v *schakel.Validation, field, s string) {
	switch n := runes(s); {
	case n == 0:
		v.Add(field, "required", fmt.Sprintf("Een agendapunt heeft 1 tot %d tekens.", MaxAgendaLen))
	case n > MaxAgendaLen:
		v.Add(field, "too_long", fmt.Sprintf("Een agendapunt heeft 1 tot %d tekens. U schreef er %d.", MaxAgendaLen, n))
	}
}
