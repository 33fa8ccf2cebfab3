package storage

import "time"

// Override is a team lead's decision to give a worker a case above the
// caseload norm, with the reason.
type Override struct {
	CaseID, OrganisationID, RegionID, ProfessionalID int64
	Percent                                          float64
	Reason                                           string
}

// InsertOverride records an assignment above the norm.
func (tx *Tx) InsertOverride(o Override, by int64) error {
	_, err := tx.exec(`INSERT INTO caseload_overrides (case_id, organisation_id, region_id, professional_id, percent, reason, decided_by, decided_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, o.CaseID, o.OrganisationID, o.RegionID, o.ProfessionalID, o.Percent, o.Reason, by, tx.now)
	return err
}

// OverrideCount is how often an organisation assigned above the norm.
type OverrideCount struct {
	OrganisationID int64  `json:"organisation_id"`
	Name           string `json:"name"`
	Count          int64  `json:"count"`
}

// OverrideCounts counts a region's assignments above the norm since
// from, per organisation: no case, worker or reason leaves the table.
func (tx *Tx) OverrideCounts(regionID int64, from time.Time) ([]OverrideCount, error) {
	rows, err := tx.query(`SELECT o.organisation_id, g.name, COUNT(*) FROM caseload_overrides o
		JOIN organisations g ON g.id = o.organisation_id
		WHERE o.region_id = ? AND o.decided_at >= ? GROUP BY o.organisation_id, g.name ORDER BY g.name, o.organisation_id`, regionID, from)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []OverrideCount{}
	for rows.Next() {
		var c OverrideCount
		if err := rows.Scan(&c.OrganisationID, &c.Name, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
