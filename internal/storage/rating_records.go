package storage

import (
	"database/sql"
	"encoding/json"
	"errors"

	"schakel"
)

// The records of the crisismeter: the rules' proposals and professionals'
// ratings. The rating use case (internal/app) decides; these only write.

// InsertProposedRating stores the rules' proposal for a case.
//
// With raise the case takes the proposed colour too (SetCaseColor), on
// PostgreSQL in the same statement: a new family's first report always
// raises it, and each round trip of the intake counts (issue 11).
func (tx *Tx) InsertProposedRating(caseID, reportID int64, color string, reasons []schakel.Reason, raise bool) (schakel.Rating, error) {
	g := schakel.Rating{Color: color, Proposed: color, Reasons: reasons, Status: schakel.RatingProposed, CreatedAt: tx.now}
	rb, err := json.Marshal(reasons)
	if err != nil {
		return g, err
	}
	const insert = `INSERT INTO ratings (case_id, report_id, color, proposed_color, reasons, reason, status, created_at)
		VALUES (?, ?, ?, ?, ?, '', 'proposed', ?)`
	if !raise || tx.db.dialect.engine != Postgres {
		if g.ID, err = tx.insert(insert, caseID, reportID, color, color, string(rb), tx.now); err != nil || !raise {
			return g, err
		}
		return g, tx.SetCaseColor(caseID, color)
	}
	err = tx.queryRow(ratingRaisesColor+`
		WITH g AS (`+insert+` RETURNING id), c AS (UPDATE cases SET color = ?, updated_at = ? WHERE id = ?)
		SELECT id FROM g`, caseID, reportID, color, color, string(rb), tx.now, color, tx.now, caseID).Scan(&g.ID)
	if err != nil {
		return g, err
	}
	tx.knowColor(caseID, color)
	return g, nil
}

// ratingRaisesColor marks the statement of InsertProposedRating that also
// sets the case's colour: forgetCasesOn knows it changes nothing else.
const ratingRaisesColor = `/* rating raises colour */`

// RatingRecord is a professional's rating as it is stored.
type RatingRecord struct {
	CaseID, ReportID int64 // ReportID 0 for a re-rating without a report
	Color, From      string
	Reason, Status   string
	RatedBy          int64
}

// InsertRating stores a professional's rating.
func (tx *Tx) InsertRating(r RatingRecord) (int64, error) {
	var rep, decided any
	if r.ReportID != 0 {
		rep = r.ReportID
	}
	if r.Status == schakel.RatingConfirmed {
		decided = tx.now
	}
	return tx.insert(`INSERT INTO ratings (case_id, report_id, color, proposed_color, reasons, reason, status, rated_by, created_at, decided_at)
		VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`, r.CaseID, rep, r.Color, r.From, r.Reason, r.Status, r.RatedBy, tx.now, decided)
}

// LatestProposal returns the newest open proposal of the rules on a case,
// 0 when there is none.
func (tx *Tx) LatestProposal(caseID int64) (int64, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM ratings WHERE case_id = ? AND status = 'proposed' ORDER BY id DESC LIMIT 1`, caseID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// ConfirmProposal makes the rules' proposal a professional's own rating.
func (tx *Tx) ConfirmProposal(ratingID, by int64, reason string) error {
	_, err := tx.exec(`UPDATE ratings SET status = 'confirmed', rated_by = ?, reason = ?, decided_at = ? WHERE id = ?`, by, reason, tx.now, ratingID)
	return err
}

// SupersedeProposals closes the open proposals of the rules on a case.
func (tx *Tx) SupersedeProposals(caseID int64) error {
	_, err := tx.exec(`UPDATE ratings SET status = 'superseded' WHERE case_id = ? AND status = 'proposed'`, caseID)
	return err
}

// PendingLowerings counts lowerings of red waiting for a second professional.
func (tx *Tx) PendingLowerings(caseID int64) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM ratings WHERE case_id = ? AND status = 'pending_second'`, caseID).Scan(&n)
	return n, err
}

// RatingState is what deciding on a rating needs to know of it.
type RatingState struct {
	Status, Color string
	RatedBy       int64 // 0 for a proposal of the rules
}

// RatingOf loads the state of one rating of a case.
func (tx *Tx) RatingOf(caseID, ratingID int64) (RatingState, error) {
	var s RatingState
	var by sql.NullInt64
	err := tx.queryRow(`SELECT status, color, rated_by FROM ratings WHERE id = ? AND case_id = ?`, ratingID, caseID).Scan(&s.Status, &s.Color, &by)
	if errors.Is(err, sql.ErrNoRows) {
		return s, notFound("Beoordeling")
	}
	s.RatedBy = by.Int64
	return s, err
}

// DecideRating records the second professional's decision on a rating.
func (tx *Tx) DecideRating(ratingID int64, status string, secondBy int64) error {
	_, err := tx.exec(`UPDATE ratings SET status = ?, second_by = ?, decided_at = ? WHERE id = ?`, status, secondBy, tx.now, ratingID)
	return err
}

// Rating returns one rating of a case as the case page shows it.
func (tx *Tx) Rating(caseID, ratingID int64) (schakel.Rating, error) {
	rs, err := tx.Ratings(caseID)
	if err != nil {
		return schakel.Rating{}, err
	}
	for _, r := range rs {
		if r.ID == ratingID {
			return r, nil
		}
	}
	return schakel.Rating{}, notFound("Beoordeling")
}
