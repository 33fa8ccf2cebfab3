package storage

import (
	"time"

	"schakel"
	"schakel/internal/chain"
)

// The records of an event registered on a case's timeline by hand or API.
// The use case (internal/app/chain_event.go) checks it with the chain
// rules; these functions read and write.

// EventRecord is one event to keep on a case's timeline.
type EventRecord struct {
	CaseID    int64
	Type      chain.Type
	At        time.Time
	Details   EventDetails
	Source    string
	Corrects  int64  // the event this one corrects, 0 for none
	Reason    string // why the correction
	Withdrawn bool   // the corrected event did not happen
	Flags     int
}

// CaseEvents reads every version of a case's events, in time order.
func (tx *Tx) CaseEvents(caseID int64) ([]ChainEvent, error) { return tx.caseEvents(caseID, "") }

// ChainEventOf reads one event of a case.
func (tx *Tx) ChainEventOf(caseID, id int64) (ChainEvent, error) {
	evs, err := tx.caseEvents(caseID, `e.id = ?`, id)
	if err != nil {
		return ChainEvent{}, err
	}
	if len(evs) == 0 {
		return ChainEvent{}, notFound("Gebeurtenis")
	}
	return evs[0], nil
}

// InsertChainEvent keeps an event registered by the actor and counts it in
// the roll-ups unless it withdraws another.
func (tx *Tx) InsertChainEvent(actor *schakel.Actor, r EventRecord) (int64, error) {
	facts, err := tx.caseFacts(r.CaseID)
	if err != nil {
		return 0, err
	}
	return tx.insertEvent(actor, r.CaseID, facts, r.Type, r.At, r.Details, r.Source, r.Corrects, r.Reason, r.Withdrawn, r.Flags, false)
}

// SupersedeEvent marks an event as replaced by a correction and takes it
// out of the roll-ups.
func (tx *Tx) SupersedeEvent(id int64) error {
	if err := tx.uncountEvent(id); err != nil {
		return err
	}
	_, err := tx.exec(`UPDATE chain_events SET superseded = TRUE WHERE id = ?`, id)
	return err
}

// SettleTimeline brings what is derived from a case's events up to date:
// its status (an effective closing event closes it; withdrawing that opens
// it again) and its phase runs.
//
// The kept waiting rows are marked where the answer can change: by the
// event inserted or superseded, or by the status change below.
func (tx *Tx) SettleTimeline(caseID int64) error {
	facts, err := tx.caseFacts(caseID)
	if err != nil {
		return err
	}
	if err := tx.syncCaseStatus(caseID, facts); err != nil {
		return err
	}
	return tx.recomputeWith(caseID, facts)
}
