package storage

// The plan itself: reading it, agreeing it, reviewing it. SQL only.

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
	"schakel/internal/plan"
)

// PlanOf reads a case's plan with its actions and reviews; version is the
// case version to report with it.
func (tx *Tx) PlanOf(caseID, version int64) (schakel.Plan, error) {
	return tx.loadPlan(caseID, version)
}

// loadPlan reads a case's plan with its actions and reviews (three queries).
func (tx *Tx) loadPlan(caseID, version int64) (schakel.Plan, error) {
	p := schakel.Plan{CaseID: caseID, Version: version, Status: schakel.PlanDraft, Reviews: []schakel.PlanReview{}}
	var agreedAt sql.NullTime
	var byID, consult sql.NullInt64
	var byName sql.NullString
	var review sql.NullTime
	err := tx.queryRow(`SELECT p.status, p.agreed_at, pr.id, pr.name, p.consultation_id, p.review_date
		FROM plans p LEFT JOIN professionals pr ON pr.id = p.agreed_by WHERE p.case_id = ?`, caseID).
		Scan(&p.Status, &agreedAt, &byID, &byName, &consult, &review)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	p.AgreedAt = nullTime(agreedAt)
	p.AgreedBy = contactOf(byID, byName, sql.NullString{}, sql.NullString{})
	if consult.Valid {
		p.ConsultationID = &consult.Int64
	}
	if review.Valid {
		p.ReviewDate = plan.Date{Time: review.Time.UTC()}.String()
	}
	if p.Actions, err = tx.actions(`a.case_id = ?`, caseID); err != nil {
		return p, err
	}
	for i := range p.Actions {
		p.Actions[i].AfterAgreement = p.AgreedAt != nil && p.Actions[i].CreatedAt.After(*p.AgreedAt)
	}
	p.TalksWithParents, p.TalksWithChild, p.Missing = []schakel.Contact{}, []schakel.Contact{}, []string{}
	rows, err := tx.query(`SELECT r.id, r.consultation_id, r.checked, r.changed, r.why, r.next_review_date, pr.id, pr.name, o.id, o.name, o.kind, r.created_at
		FROM plan_reviews r JOIN professionals pr ON pr.id = r.professional_id JOIN organisations o ON o.id = r.organisation_id
		WHERE r.case_id = ? ORDER BY r.id DESC`, caseID)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var r schakel.PlanReview
		var cid sql.NullInt64
		var next time.Time
		if err := rows.Scan(&r.ID, &cid, &r.Checked, &r.Changed, &r.Why, &next, &r.By.ID, &r.By.Name,
			&r.Organisation.ID, &r.Organisation.Name, &r.Organisation.Kind, &r.CreatedAt); err != nil {
			return p, err
		}
		if cid.Valid {
			r.ConsultationID = &cid.Int64
		}
		r.NextReviewDate = plan.Date{Time: next.UTC()}.String()
		r.CreatedAt = r.CreatedAt.UTC()
		p.Reviews = append(p.Reviews, r)
	}
	return p, rows.Err()
}

// AgreePlanRecord marks the case's plan agreed. The status condition makes
// a concurrent second agreement match no row, whatever the engine's
// isolation: agreed is false then.
func (tx *Tx) AgreePlanRecord(caseID, consultationID, by int64, review plan.Date, consent string) (agreed bool, err error) {
	if err := tx.ensurePlan(caseID); err != nil {
		return false, err
	}
	res, err := tx.exec(`UPDATE plans SET status = 'agreed', agreed_at = ?, agreed_by = ?, consultation_id = ?, review_date = ?, regie_consent = ?
		WHERE case_id = ? AND status = 'draft'`, tx.now, by, consultationID, review.Time, trim(consent), caseID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PlanStatus is the case's plan status, draft when it has no plan yet.
func (tx *Tx) PlanStatus(caseID int64) (string, error) {
	status := schakel.PlanDraft
	err := tx.queryRow(`SELECT status FROM plans WHERE case_id = ?`, caseID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return schakel.PlanDraft, nil
	}
	return status, err
}

// ReviewRecord is a check-plan-do review as stored.
type ReviewRecord struct {
	CaseID, ConsultationID int64 // 0: no consultation
	Checked, Changed, Why  string
	Next                   plan.Date
	ProfessionalID, OrgID  int64
}

// InsertPlanReview stores a review and moves the plan's review date.
func (tx *Tx) InsertPlanReview(r ReviewRecord) error {
	if _, err := tx.insert(`INSERT INTO plan_reviews (case_id, consultation_id, checked, changed, why, next_review_date, professional_id, organisation_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.CaseID, nullID(r.ConsultationID), trim(r.Checked), trim(r.Changed), trim(r.Why), r.Next.Time,
		r.ProfessionalID, r.OrgID, tx.now); err != nil {
		return err
	}
	_, err := tx.exec(`UPDATE plans SET review_date = ? WHERE case_id = ?`, r.Next.Time, r.CaseID)
	return err
}
