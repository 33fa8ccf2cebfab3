package storage

import "strings"

// The events Schakel records itself (a report received, a colour rated, a
// consultation planned) wait and are inserted together: before the next
// statement that names chain_events, before an event inserted at once, or
// at commit (on PostgreSQL with the other writes at commit,
// commit_writes.go). The intake records two to four per report: on
// PostgreSQL one round trip each before, on SQLite one statement each,
// whose fixed cost weighs on the one writer (issue 11).
//
// Nothing reads an event before that statement: every read of
// chain_events names it. The phase rules know a waiting event of a case
// this transaction opened (keepEvent) by a provisional id.

const eventColumns = `case_id, type, at, ends_at, details, organisation_id, registered_by, source, corrects, reason,
	withdrawn, region_id, municipality, month, flags, created_at`

// provisionalEventID is the first provisional id. Provisional ids sort
// after every stored event and in the order the events were recorded, as
// the ids they get when inserted (in that order, by one statement) do:
// the phase rules order events of the same moment by id.
const provisionalEventID = int64(1) << 62

// keepEventRow keeps an event's column values for a later insert and
// returns its provisional id.
func (tx *Tx) keepEventRow(row []any) int64 {
	tx.waitingEvents = append(tx.waitingEvents, row)
	return provisionalEventID + int64(len(tx.waitingEvents))
}

// settleEventsFor inserts the waiting events before a statement that
// names chain_events, an event inserted at once among them. An error is
// kept for the commit, which then fails.
func (tx *Tx) settleEventsFor(q string) {
	if len(tx.waitingEvents) > 0 && tx.eventsErr == nil && strings.Contains(q, "chain_events") {
		tx.eventsErr = tx.insertKeptEvents()
	}
}

// insertKeptEvents inserts the waiting events now, in one statement. The
// cases' kept events carry provisional ids, which the events inserted
// after these would not sort after: they are forgotten, and read back
// with their ids when the phase rules need them.
func (tx *Tx) insertKeptEvents() error {
	w, ok, err := tx.takeKeptEvents()
	if !ok {
		return err
	}
	for _, k := range tx.cases {
		k.events, k.eventsKnown = nil, false
	}
	_, err = tx.exec(w.stmt, w.args...)
	return err
}

// flushKeptEvents adds the waiting events to the writes at commit
// (PostgreSQL), or inserts them now (SQLite).
func (tx *Tx) flushKeptEvents() error {
	w, ok, err := tx.takeKeptEvents()
	if !ok {
		return err
	}
	return tx.execAtCommit(w)
}

// takeKeptEvents is the statement that inserts the waiting events, in the
// order they were recorded (they wait no more); not ok when none wait or
// inserting them failed before.
func (tx *Tx) takeKeptEvents() (w commitWrite, ok bool, err error) {
	if tx.eventsErr != nil || len(tx.waitingEvents) == 0 {
		return w, false, tx.eventsErr
	}
	rows := tx.waitingEvents
	tx.waitingEvents = nil
	for _, r := range rows {
		w.args = append(w.args, r...)
	}
	w.stmt = `INSERT INTO chain_events (` + eventColumns + `) VALUES ` + rowsOf(len(rows), len(rows[0]))
	return w, true, nil
}
