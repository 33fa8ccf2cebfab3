package app

import (
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// signals are what a crisis table is composed from.
type signals struct {
	concerns, indicators, reporterKinds []string
	worries                             []intake.Option
}

func signalsOfCase(s storage.ReportSignals) signals {
	out := signals{concerns: s.Concerns, indicators: s.Indicators, reporterKinds: s.ReporterKinds}
	seen := map[string]bool{}
	for _, fin := range s.Finances {
		for _, w := range intake.WorryingAnswers(fin) {
			if !seen[w.Code] {
				seen[w.Code] = true
				out.worries = append(out.worries, w)
			}
		}
	}
	return out
}

// crisisTable opens the joint crisis consultation for a red case and
// invites the smallest available set of people that covers the needs;
// when one is already planned it returns that one (one table per family).
func (a *App) crisisTable(tx *storage.Tx, actor *schakel.Actor, caseID int64, sig signals) (*schakel.Consultation, error) {
	if existing, err := tx.PlannedCrisis(caseID); err != nil {
		return nil, err
	} else if existing != nil {
		return existing, nil
	}
	return a.newCrisisTable(tx, actor, caseID, sig, "", nil)
}

// newCrisisTable plans a crisis table for a case that has none planned,
// with firstPoint (when given) first on its agenda, drawing from av (the
// pool read before the transaction) when it still holds.
func (a *App) newCrisisTable(tx *storage.Tx, actor *schakel.Actor, caseID int64, sig signals, firstPoint string, av *availability) (*schakel.Consultation, error) {
	now := tx.Now()
	due := now.Add(a.intake.CrisisWithin)
	all := attendees.Needs(crisisRequest(sig, actor))
	needs := attendees.Of(all, attendees.Urgent)
	pool, err := crisisPool(tx, caseID, now, due.Add(time.Hour), av)
	if err != nil {
		return nil, err
	}
	sel, scheduled := earliestTable(needs, pool, now.Add(a.intake.ConsultationLead), due)
	var missing []string
	for _, n := range sel.Missing {
		missing = append(missing, n.String())
	}
	var creator int64
	if actor != nil && actor.Professional != nil {
		creator = actor.Professional.ID
	}
	// The invitations wait a short while (the hold) so that the intake
	// worker can still shape the table; the table's moment never moves
	// for it (attendees.HoldEnd).
	var heldUntil *time.Time
	if end, held := attendees.HoldEnd(now, scheduled, a.tableHold); held {
		heldUntil = &end
	}
	// A crisis table meets within hours, often at night, with people of
	// several organisations: online by default; whoever planned it adds
	// the video link (SetConsultationLocation).
	id, err := tx.InsertCrisisConsultation(caseID, scheduled, due, missing, creator, heldUntil, crisisLocation)
	if err != nil {
		return nil, err
	}
	if err := tx.AddConsultationNeeds(id, needRecords(all)); err != nil {
		return nil, err
	}
	if err := tx.RecordAuto(actor, caseID, chain.ConsultationPlanned, now, storage.EventDetails{ConsultationID: id}, 0); err != nil {
		return nil, err
	}
	if err := invite(tx, caseID, id, scheduled, due, sel.Chosen, heldUntil == nil); err != nil {
		return nil, err
	}
	if heldUntil == nil {
		if err := tellIncomplete(tx, caseID, id, due, sel.Missing); err != nil {
			return nil, err
		}
	}
	if firstPoint != "" {
		if err := tx.AddAgendaFirst(id, firstPoint); err != nil {
			return nil, err
		}
	}
	c, err := tx.ConsultationByID(id)
	if err != nil {
		return nil, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "consultation", ResourceID: fmt.Sprint(id),
		AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf("crisis consultation for case %d, %d invited, missing %v, can follow %v", caseID, len(sel.Chosen), missing, attendees.Of(all, attendees.CanFollow))})
	return &c, nil
}

// crisisLocation is where a crisis table meets until its organiser says
// otherwise: online, the link still to be added.
var crisisLocation = schakel.ConsultationLocation{Mode: schakel.MeetOnline}

// crisisRequest is the attendee request for a crisis table. An intake
// worker who files the report took it and sits at the table; a
// professional of another organisation who files one is a reporter, not a
// member of the table.
func crisisRequest(sig signals, actor *schakel.Actor) attendees.Request {
	req := attendees.Request{Concerns: sig.concerns, Indicators: sig.indicators, ReporterKinds: sig.reporterKinds, Worries: sig.worries}
	if actor != nil && actor.Professional != nil && actor.Professional.HasRole(schakel.RoleIntake) {
		req.IntakeWorker = actor.Professional.ID
	}
	return req
}

// needRecords turns the needs with their rules into what the consultation
// keeps: only urgent ones are filled at a crisis table, the can_follow ones
// stay recorded for the follow-up MDO.
func needRecords(all []attendees.Required) []schakel.ConsultationNeed {
	out := make([]schakel.ConsultationNeed, 0, len(all))
	for _, r := range all {
		out = append(out, schakel.ConsultationNeed{Need: r.String(), Urgency: r.Urgency, Rules: r.Rules, Reason: r.Reason})
	}
	return out
}

// earliestTable tries every quarter-hour slot from the lead time up to the
// due time and takes the earliest one at which a complete table is
// available; when none is, the earliest slot with the fewest gaps.
func earliestTable(needs []attendees.Need, pool attendees.Pool, lead, due time.Time) (attendees.Result, time.Time) {
	first := lead.Truncate(15 * time.Minute).Add(15 * time.Minute)
	if first.After(due) {
		first = due
	}
	var sel attendees.Result
	scheduled := time.Time{}
	for slot := first; !slot.After(due); slot = slot.Add(15 * time.Minute) {
		r := attendees.Select(needs, pool.At(slot))
		if scheduled.IsZero() || len(r.Missing) < len(sel.Missing) {
			sel, scheduled = r, slot
		}
		if len(r.Missing) == 0 {
			break
		}
	}
	return sel, scheduled
}

// invite records each chosen person at the table and, unless the
// invitations are held, tells them.
func invite(tx *storage.Tx, caseID, consultationID int64, at, due time.Time, chosen []attendees.Choice, tell bool) error {
	invitees := make([]storage.Invitee, len(chosen))
	for i, ch := range chosen {
		var covers []string
		for _, n := range ch.Covers {
			covers = append(covers, n.String())
		}
		invitees[i] = storage.Invitee{ProfessionalID: ch.Candidate.ID, Covers: covers, Reasons: ch.Reasons}
	}
	if err := tx.AddInvitees(consultationID, invitees); err != nil || !tell {
		return err
	}
	return inviteCrisis(tx, caseID, consultationID, at, due, invitees)
}

// tellIncomplete asks the team leads of the chain's core organisations to
// find someone for every need nobody could cover in time.
func tellIncomplete(tx *storage.Tx, caseID, consultationID int64, due time.Time, missing []attendees.Need) error {
	if len(missing) == 0 {
		return nil
	}
	var dutch []string
	for _, n := range missing {
		dutch = append(dutch, n.Dutch())
	}
	text := fmt.Sprintf("Crisisoverleg voor casus %d is niet compleet: niemand beschikbaar voor %s. Zoek vóór %s iemand.",
		caseID, strings.Join(dutch, ", "), due.In(workdays.Location()).Format("15:04"))
	return notifyTeamLeadsOfKinds(tx, caseID, consultationID, text, schakel.VeiligThuis, schakel.Jeugdbescherming, schakel.Raad)
}
