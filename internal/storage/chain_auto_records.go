package storage

// Events Schakel records itself when it does a step (a report received, a
// rating, an assessment, a consultation held), with the phases brought up
// to date in the same transaction, once, at its commit (chain_phases_due.go).

import (
	"time"

	"schakel"
	"schakel/internal/chain"
)

// recordAuto records an event that Schakel did itself, with the actor who
// did it; the case's phases are brought up to date at commit.
func (tx *Tx) RecordAuto(actor *schakel.Actor, caseID int64, t chain.Type, at time.Time, det EventDetails, flags int) error {
	facts, err := tx.caseFacts(caseID)
	if err != nil {
		return err
	}
	if _, err := tx.insertEvent(actor, caseID, facts, t, at, det, SourceSchakel, 0, "", false, flags, true); err != nil {
		return err
	}
	tx.phasesLater(caseID, facts)
	return nil
}

// recordReportReceived records a report's arrival with the flags the
// dashboards count: a repeat report within 12 months, and the money
// questions of the debt pilot.
func (tx *Tx) RecordReportReceived(actor *schakel.Actor, caseID, reportID int64, receivedAt time.Time, finances map[string]string) error {
	facts, err := tx.caseFacts(caseID)
	if err != nil {
		return err
	}
	flags := 0
	var earlier int
	if fam := tx.fresh[facts.familyID]; fam != nil && fam.received == 0 {
		// A family this transaction inserted has no earlier report.
	} else if err := tx.queryRow(`SELECT COUNT(*) FROM cases c CROSS JOIN chain_events e
		WHERE e.case_id = c.id AND c.family_id = ? AND e.type = 'report_received' AND e.superseded = FALSE AND e.withdrawn = FALSE AND e.at >= ? AND e.at <= ?`,
		facts.familyID, receivedAt.AddDate(-1, 0, 0), receivedAt).Scan(&earlier); err != nil {
		// CROSS JOIN makes SQLite start from the family's cases and find
		// their events by (case_id, type, at); without statistics it would
		// read every report_received event of the region by type.
		return err
	}
	if earlier > 0 {
		flags |= FlagRepeat12
	}
	if a := finances["unopened_post_or_debts"]; a == "yes" || a == "no" {
		flags |= FlagScreened
		if a == "yes" {
			flags |= FlagDebts
		}
	}
	if _, err := tx.insertEvent(actor, caseID, facts, chain.ReportReceived, receivedAt, EventDetails{ReportID: reportID}, SourceSchakel, 0, "", false, flags, true); err != nil {
		return err
	}
	tx.phasesLater(caseID, facts)
	return nil
}

// recordRated records the case's colour after a professional's rating (or
// the rules' proposal on intake): the red phase starts at a red rating.
func (tx *Tx) RecordRated(actor *schakel.Actor, caseID int64) error {
	color, err := tx.CaseColor(caseID)
	if err != nil {
		return err
	}
	return tx.RecordRatedColor(actor, caseID, color)
}

// RecordRatedColor is RecordRated for a caller that knows the case's
// colour after the rating.
func (tx *Tx) RecordRatedColor(actor *schakel.Actor, caseID int64, color string) error {
	return tx.RecordAuto(actor, caseID, chain.Rated, tx.now, EventDetails{Color: color}, 0)
}

// RecordConsultationHeld records that a consultation was held, once per
// consultation: the red phase ends at a held crisis consultation. The
// consultation screens (plan_consult.go) can call it where they mark a
// consultation held; a consultation held outside Schakel is registered by
// hand.
func (tx *Tx) RecordConsultationHeld(actor *schakel.Actor, caseID, consultationID int64, at time.Time) error {
	evs, err := tx.caseEvents(caseID, `e.type = 'consultation_held' AND e.superseded = FALSE AND e.withdrawn = FALSE`)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.Details.ConsultationID == consultationID {
			return nil
		}
	}
	return tx.RecordAuto(actor, caseID, chain.ConsultationHeld, at, EventDetails{ConsultationID: consultationID}, 0)
}
