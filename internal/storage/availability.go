package storage

import (
	"time"
)

// availabilityStampSQL condenses everything a candidate pool is made of
// (the region's active professionals with their organisation and planned
// load, their roles and expertises, the duty shifts and planned bookings of
// a window) into one text value, in a fixed order. Two equal stamps mean
// two equal pools, so a pool read before the write transaction can be
// checked inside it with this one statement instead of read again (issue
// 11). The region is given, or the region of a case.
const availabilityStampSQL = `
SELECT CAST((SELECT id FROM r) AS TEXT)
 || '|' || COALESCE((SELECT string_agg(CAST(p.id AS TEXT) || ',' || p.name || ',' || CAST(o.id AS TEXT) || ',' || o.kind || ','
     || CAST(` + plannedLoadSQL + ` AS TEXT), ';' ORDER BY p.id)
   FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE p.active = TRUE AND o.region_id = (SELECT id FROM r)), '')
 || '|' || COALESCE((SELECT string_agg(CAST(x.professional_id AS TEXT) || ',' || x.role, ';' ORDER BY x.professional_id, x.role)
   FROM professional_roles x JOIN professionals p ON p.id = x.professional_id JOIN organisations o ON o.id = p.organisation_id
   WHERE o.region_id = (SELECT id FROM r)), '')
 || '|' || COALESCE((SELECT string_agg(CAST(x.professional_id AS TEXT) || ',' || x.expertise, ';' ORDER BY x.professional_id, x.expertise)
   FROM professional_expertises x JOIN professionals p ON p.id = x.professional_id JOIN organisations o ON o.id = p.organisation_id
   WHERE o.region_id = (SELECT id FROM r)), '')
 || '|' || COALESCE((SELECT string_agg(CAST(d.id AS TEXT) || ',' || CAST(d.professional_id AS TEXT) || ',' || CAST(d.starts_at AS TEXT)
     || ',' || CAST(d.ends_at AS TEXT), ';' ORDER BY d.id)
   FROM duty_shifts d WHERE d.starts_at < ? AND d.ends_at > ?), '')
 || '|' || COALESCE((SELECT string_agg(CAST(cp.consultation_id AS TEXT) || ',' || CAST(cp.professional_id AS TEXT) || ',' || CAST(c.scheduled_at AS TEXT),
     ';' ORDER BY cp.consultation_id, cp.professional_id)
   FROM consultation_participants cp JOIN consultations c ON c.id = cp.consultation_id
   WHERE c.status = 'planned' AND cp.declined_at IS NULL AND c.scheduled_at > ? AND c.scheduled_at < ?), '')`

// RegionAvailabilityStamp is the stamp of a region's candidate pool
// between from and to (the window LoadSchedules reads).
func (tx *Tx) RegionAvailabilityStamp(region int64, from, to time.Time) (string, error) {
	return tx.availabilityStamp(`WITH r AS (SELECT CAST(? AS BIGINT) AS id)`, region, from, to)
}

// CaseAvailabilityStamp is the stamp of the candidate pool of a case's
// region between from and to.
func (tx *Tx) CaseAvailabilityStamp(caseID int64, from, to time.Time) (string, error) {
	return tx.availabilityStamp(`WITH r AS (SELECT region_id AS id FROM cases WHERE id = ?)`, caseID, from, to)
}

func (tx *Tx) availabilityStamp(with string, id int64, from, to time.Time) (string, error) {
	var stamp string
	err := tx.queryRow(with+availabilityStampSQL, id, to, from, from.Add(-time.Hour), to.Add(time.Hour)).Scan(&stamp)
	return stamp, err
}

// RegionCandidates loads a region's active professionals with their
// roles, expertises and planned consultations, as CaseRegionCandidates
// does for a case's region.
func (tx *Tx) RegionCandidates(region int64) ([]RegionCandidate, error) {
	return tx.regionProfessionals(region)
}
