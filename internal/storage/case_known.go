package storage

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
)

// What a transaction knows of the cases and families it touched (issue 11:
// the intake read a case's facts three times and its colour once in one
// transaction). A case's facts are read once, or taken from InsertCase; its
// colour from InsertCase and SetCaseColor. Any statement that changes
// cases or families otherwise (a status, a family, a merge, a deletion)
// forgets all of it, so a later read goes to the database again.

// caseKnown is one case as this transaction last read or wrote it.
type caseKnown struct {
	facts      caseFacts
	color      string
	colorKnown bool
	phases     bool // this transaction has written its phase runs
	// events are the case's effective events, as the chain rules see them,
	// while eventsKnown: a case this transaction opened has none but the
	// ones it records, so deriving its phases at commit need not read them
	// back (keepEvent, forgetEventsOn).
	events      []chain.Event
	eventsKnown bool
}

// freshFamily is a family this transaction inserted: nothing of it
// existed before, so its earlier reports are the ones this transaction
// recorded.
type freshFamily struct {
	municipality string
	received     int // report_received events recorded for it since
}

// knowCase remembers a case's facts.
func (tx *Tx) knowCase(caseID int64, f caseFacts) *caseKnown {
	if tx.cases == nil {
		tx.cases = map[int64]*caseKnown{}
	}
	k := tx.cases[caseID]
	if k == nil {
		k = &caseKnown{}
		tx.cases[caseID] = k
	}
	k.facts = f
	return k
}

// forgetCasesOn forgets what is known of cases and families before a
// statement that may change them. The colour's own update (SetCaseColor)
// and a version bump change nothing that is kept here but the colour,
// which SetCaseColor keeps itself.
func (tx *Tx) forgetCasesOn(q string) {
	if tx.cases == nil && tx.fresh == nil {
		return
	}
	s := strings.TrimSpace(q)
	if strings.HasPrefix(s, "UPDATE cases SET color = ?, updated_at = ? WHERE") || strings.HasPrefix(s, ratingRaisesColor) ||
		strings.HasPrefix(s, "UPDATE cases SET version = version + 1, updated_at = ? WHERE") {
		return
	}
	for _, w := range []string{"UPDATE cases", "DELETE FROM cases", "UPDATE families", "DELETE FROM families"} {
		if strings.Contains(s, w) {
			tx.cases, tx.fresh = nil, nil
			return
		}
	}
}

// caseFacts returns what events denormalise from a case, read once per
// transaction.
func (tx *Tx) caseFacts(caseID int64) (caseFacts, error) {
	if k := tx.cases[caseID]; k != nil {
		return k.facts, nil
	}
	var f caseFacts
	err := tx.queryRow(`SELECT c.region_id, c.family_id, f.municipality, c.status FROM cases c JOIN families f ON f.id = c.family_id WHERE c.id = ?`, caseID).
		Scan(&f.regionID, &f.familyID, &f.municipality, &f.status)
	if errors.Is(err, sql.ErrNoRows) {
		return f, notFound("Casus")
	}
	if err == nil {
		tx.knowCase(caseID, f)
	}
	return f, err
}

// CaseColor returns a case's current colour ("" before any rating).
func (tx *Tx) CaseColor(caseID int64) (string, error) {
	if k := tx.cases[caseID]; k != nil && k.colorKnown {
		return k.color, nil
	}
	var c string
	err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, caseID).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("Casus")
	}
	return c, err
}

// SetCaseColor sets the case's current colour.
func (tx *Tx) SetCaseColor(caseID int64, color string) error {
	if _, err := tx.exec(`UPDATE cases SET color = ?, updated_at = ? WHERE id = ?`, color, tx.now, caseID); err != nil {
		return err
	}
	tx.knowColor(caseID, color)
	return nil
}

// knowColor notes the colour this transaction gave a case.
func (tx *Tx) knowColor(caseID int64, color string) {
	if k := tx.cases[caseID]; k != nil {
		k.color, k.colorKnown = color, true
	}
}

// InsertFamily registers a new family in a region.
func (tx *Tx) InsertFamily(regionID int64, municipality string) (int64, error) {
	id, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, ?, ?)`, regionID, municipality, tx.now)
	if err == nil {
		tx.knowFresh(id, municipality)
	}
	return id, err
}

// knowFresh notes a family this transaction inserted.
func (tx *Tx) knowFresh(familyID int64, municipality string) {
	if tx.fresh == nil {
		tx.fresh = map[int64]*freshFamily{}
	}
	tx.fresh[familyID] = &freshFamily{municipality: municipality}
}

// knowFreshCase notes a case this transaction opened; for a family it
// inserted too, the case's colour and events are this transaction's.
func (tx *Tx) knowFreshCase(caseID, familyID, regionID int64) {
	if fam := tx.fresh[familyID]; fam != nil {
		k := tx.knowCase(caseID, caseFacts{regionID: regionID, familyID: familyID, municipality: fam.municipality, status: "open"})
		k.colorKnown, k.eventsKnown = true, true
	}
}

// InsertCase opens a case for a family, without colour yet.
func (tx *Tx) InsertCase(familyID, regionID int64) (int64, error) {
	id, err := tx.insert(`INSERT INTO cases (family_id, region_id, status, color, version, created_at, updated_at) VALUES (?, ?, 'open', '', 1, ?, ?)`,
		familyID, regionID, tx.now, tx.now)
	if err == nil {
		tx.knowFreshCase(id, familyID, regionID)
	}
	return id, err
}

// InsertFamilyWithCase opens a family, its case and the participation of
// the organisation that reported it (with regie): what InsertFamily,
// InsertCase and JoinNewCase do, on PostgreSQL in one statement (issue
// 11: a new family is most of the intake, and each round trip counts).
func (tx *Tx) InsertFamilyWithCase(regionID int64, municipality string, orgID, contactID int64) (familyID, caseID int64, err error) {
	if tx.db.dialect.engine != Postgres {
		if familyID, err = tx.InsertFamily(regionID, municipality); err != nil {
			return 0, 0, err
		}
		if caseID, err = tx.InsertCase(familyID, regionID); err != nil {
			return 0, 0, err
		}
		return familyID, caseID, tx.JoinNewCase(caseID, orgID, contactID)
	}
	err = tx.queryRow(`WITH f AS (INSERT INTO families (region_id, municipality, created_at) VALUES (?, ?, ?) RETURNING id),
		c AS (INSERT INTO cases (family_id, region_id, status, color, version, created_at, updated_at)
			SELECT f.id, ?, 'open', '', 1, ?, ? FROM f RETURNING id, family_id),
		p AS (INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at)
			SELECT c.id, ?, ?, 'active', ?, ? FROM c)
		SELECT family_id, id FROM c`,
		regionID, municipality, tx.now, regionID, tx.now, tx.now, orgID, string(schakel.RoleRegie), contactID, tx.now).Scan(&familyID, &caseID)
	if err != nil {
		return 0, 0, err
	}
	tx.knowFresh(familyID, municipality)
	tx.knowFreshCase(caseID, familyID, regionID)
	return familyID, caseID, nil
}

// FreshCase reports whether a case was opened by this transaction for a
// family it inserted too, and nothing has changed cases since: then the
// case has no reports, events or consultations but this transaction's.
func (tx *Tx) FreshCase(caseID int64) bool {
	k := tx.cases[caseID]
	return k != nil && tx.fresh[k.facts.familyID] != nil
}

// keptEvents are the effective events of a case this transaction opened
// and recorded every event of (nil, false: read them).
func (tx *Tx) keptEvents(caseID int64) ([]chain.Event, bool) {
	k := tx.cases[caseID]
	if k == nil || !k.eventsKnown || !tx.FreshCase(caseID) {
		return nil, false
	}
	return k.events, true
}

// keepEvent adds an event just inserted to its case's kept events. A
// correction or withdrawal changes which events are effective: the case's
// events are then read again.
func (tx *Tx) keepEvent(caseID int64, e chain.Event, corrects int64, withdrawn bool) {
	k := tx.cases[caseID]
	if k == nil || !k.eventsKnown {
		return
	}
	if corrects != 0 || withdrawn {
		k.events, k.eventsKnown = nil, false
		return
	}
	// As the database gives it back: PostgreSQL keeps microseconds.
	if tx.db.dialect.engine == Postgres {
		e.At = e.At.Truncate(time.Microsecond)
	}
	k.events = append(k.events, e)
}

// forgetEventsOn forgets every case's kept events before a statement that
// changes chain_events other than by inserting one (insertEvent keeps
// those itself): a correction superseding an event, a merge moving them.
func (tx *Tx) forgetEventsOn(q string) {
	if tx.cases == nil {
		return
	}
	s := strings.TrimSpace(q)
	if !strings.Contains(s, "chain_events") || strings.HasPrefix(s, "SELECT") || strings.HasPrefix(s, "INSERT INTO chain_events") {
		return
	}
	for _, k := range tx.cases {
		k.events, k.eventsKnown = nil, false
	}
}
