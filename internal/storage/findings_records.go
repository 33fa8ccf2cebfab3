package storage

// The records of the shared findings in three columns, the safety scales
// per organisation, the family conversations logged once, and the Raad's
// own decision. SQL only: the use cases in internal/app decide.

import (
	"database/sql"

	"schakel"
)

// FindingRecord is a finding, a safety scale or a Raad decision as
// stored: what the actor's organisation wrote on the case.
type FindingRecord struct {
	CaseID         int64
	ConsultationID int64 // 0: not at a consultation
	OrganisationID int64
	ProfessionalID int64
}

// InsertFinding stores a finding in one of the three columns.
func (tx *Tx) InsertFinding(r FindingRecord, column, text string) (schakel.Finding, error) {
	id, err := tx.insert(`INSERT INTO findings (case_id, consultation_id, organisation_id, professional_id, column_name, text, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.CaseID, nullID(r.ConsultationID), r.OrganisationID, r.ProfessionalID, column, trim(text), tx.now)
	if err != nil {
		return schakel.Finding{}, err
	}
	fs, err := tx.findings(`f.id = ?`, id)
	if err != nil {
		return schakel.Finding{}, err
	}
	return fs[0], nil
}

// InsertSafetyScale stores a safety scale; earlier ones stay.
func (tx *Tx) InsertSafetyScale(r FindingRecord, value int, reason string) (schakel.SafetyScore, error) {
	id, err := tx.insert(`INSERT INTO safety_scales (case_id, consultation_id, organisation_id, professional_id, value, reason, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, r.CaseID, nullID(r.ConsultationID), r.OrganisationID, r.ProfessionalID, value, trim(reason), tx.now)
	if err != nil {
		return schakel.SafetyScore{}, err
	}
	ss, err := tx.scales(`s.id = ?`, id)
	if err != nil {
		return schakel.SafetyScore{}, err
	}
	return ss[0], nil
}

// InsertDecision stores a Raad decision.
func (tx *Tx) InsertDecision(r FindingRecord, kind, reason string) (schakel.RaadDecision, error) {
	id, err := tx.insert(`INSERT INTO raad_decisions (case_id, kind, reason, organisation_id, professional_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		r.CaseID, kind, trim(reason), r.OrganisationID, r.ProfessionalID, tx.now)
	if err != nil {
		return schakel.RaadDecision{}, err
	}
	ds, err := tx.decisions(`d.id = ?`, id)
	if err != nil {
		return schakel.RaadDecision{}, err
	}
	return ds[0], nil
}

// CasePersonIDs lists the persons on a case.
func (tx *Tx) CasePersonIDs(caseID int64) ([]int64, error) { return tx.casePersonIDs(caseID) }

func (tx *Tx) findings(where string, args ...any) ([]schakel.Finding, error) {
	rows, err := tx.query(`SELECT f.id, f.case_id, f.consultation_id, o.id, o.name, o.kind, p.id, p.name, f.column_name, f.text, f.created_at
		FROM findings f JOIN organisations o ON o.id = f.organisation_id JOIN professionals p ON p.id = f.professional_id
		WHERE `+where+` ORDER BY f.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.Finding{}
	for rows.Next() {
		var f schakel.Finding
		var cid sql.NullInt64
		if err := rows.Scan(&f.ID, &f.CaseID, &cid, &f.Organisation.ID, &f.Organisation.Name, &f.Organisation.Kind,
			&f.By.ID, &f.By.Name, &f.Column, &f.Text, &f.CreatedAt); err != nil {
			return nil, err
		}
		if cid.Valid {
			f.ConsultationID = &cid.Int64
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// scales returns safety scales, newest first.
func (tx *Tx) scales(where string, args ...any) ([]schakel.SafetyScore, error) {
	rows, err := tx.query(`SELECT s.id, s.case_id, s.consultation_id, o.id, o.name, o.kind, p.id, p.name, s.value, s.reason, s.created_at
		FROM safety_scales s JOIN organisations o ON o.id = s.organisation_id JOIN professionals p ON p.id = s.professional_id
		WHERE `+where+` ORDER BY s.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.SafetyScore{}
	for rows.Next() {
		var s schakel.SafetyScore
		var cid sql.NullInt64
		if err := rows.Scan(&s.ID, &s.CaseID, &cid, &s.Organisation.ID, &s.Organisation.Name, &s.Organisation.Kind,
			&s.By.ID, &s.By.Name, &s.Value, &s.Reason, &s.CreatedAt); err != nil {
			return nil, err
		}
		if cid.Valid {
			s.ConsultationID = &cid.Int64
		}
		s.CreatedAt = s.CreatedAt.UTC()
		out = append(out, s)
	}
	return out, rows.Err()
}

// currentScales keeps the newest scale of each organisation.
func currentScales(history []schakel.SafetyScore) []schakel.SafetyScore {
	out := []schakel.SafetyScore{}
	seen := map[int64]bool{}
	for _, s := range history {
		if !seen[s.Organisation.ID] {
			seen[s.Organisation.ID] = true
			out = append(out, s)
		}
	}
	return out
}

// decisions returns Raad decisions, newest first.
func (tx *Tx) decisions(where string, args ...any) ([]schakel.RaadDecision, error) {
	rows, err := tx.query(`SELECT d.id, d.case_id, d.kind, d.reason, o.id, o.name, o.kind, p.id, p.name, d.created_at
		FROM raad_decisions d JOIN organisations o ON o.id = d.organisation_id JOIN professionals p ON p.id = d.professional_id
		WHERE `+where+` ORDER BY d.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.RaadDecision{}
	for rows.Next() {
		var d schakel.RaadDecision
		if err := rows.Scan(&d.ID, &d.CaseID, &d.Kind, &d.Reason, &d.Organisation.ID, &d.Organisation.Name, &d.Organisation.Kind,
			&d.By.ID, &d.By.Name, &d.CreatedAt); err != nil {
			return nil, err
		}
		d.CreatedAt = d.CreatedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}
