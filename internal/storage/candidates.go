package storage

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
)

// RegionCandidate is an active professional of a case's region as both
// attendee selection and the access rules see them.
type RegionCandidate struct {
	attendees.Candidate
	Subject access.Candidate
}

// CaseRegionCandidates loads a case's region and its active professionals
// with their roles, expertises and planned consultations. Who of them may
// be called to the case is the access rules' decision, not this query's.
func (tx *Tx) CaseRegionCandidates(caseID int64) (region int64, all []RegionCandidate, err error) {
	facts, err := tx.caseFacts(caseID) // known already when this transaction touched the case
	if err != nil {
		return 0, nil, err
	}
	all, err = tx.regionProfessionals(facts.regionID)
	return facts.regionID, all, err
}

// LoadSchedules fills a pool's duty shifts and planned consultations
// between from and to, in one statement: the duty shifts that overlap the
// window, and the planned, not declined consultations that start within an
// hour of it, of the professionals of region only. A pool is one region's,
// and on a national database the other regions' schedules would be read
// for nothing, twenty-five times as many rows.
//
// The bookings are found from the consultations in the window, each
// one's participants by its key, and a participant's region through a
// scalar subquery, so that no planner can join the other way round. As a
// join of participants, professionals and consultations, PostgreSQL on
// young statistics looped over the region's participations and scanned
// the window's consultations again for each: 10 ms per red intake after
// ten seconds of tools/loadtest, growing with the square of the tables.
func (tx *Tx) LoadSchedules(pool attendees.Pool, region int64, from, to time.Time) error {
	rows, err := tx.query(`SELECT 'duty', d.professional_id, d.starts_at, d.ends_at FROM duty_shifts d
		JOIN professionals p ON p.id = d.professional_id JOIN organisations o ON o.id = p.organisation_id
		WHERE d.starts_at < ? AND d.ends_at > ? AND o.region_id = ?
		UNION ALL SELECT 'booking', cp.professional_id, c.scheduled_at, c.scheduled_at FROM consultations c
		JOIN consultation_participants cp ON cp.consultation_id = c.id
		WHERE c.status = 'planned' AND c.scheduled_at > ? AND c.scheduled_at < ? AND cp.declined_at IS NULL
		AND (SELECT o.region_id FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE p.id = cp.professional_id) = ?`,
		to, from, region, from.Add(-time.Hour), to.Add(time.Hour), region)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var id int64
		var a, b time.Time
		if err := rows.Scan(&kind, &id, &a, &b); err != nil {
			return err
		}
		if kind == "duty" {
			pool.Duty[id] = append(pool.Duty[id], [2]time.Time{a.UTC(), b.UTC()})
		} else {
			pool.Bookings[id] = append(pool.Bookings[id], a.UTC())
		}
	}
	return rows.Err()
}

// plannedLoadSQL counts the planned, not declined consultations of the
// professional p, as a value. It reads p's participations by their index
// and looks each consultation up by its key; the status is compared through
// a scalar subquery so that no planner can turn it into a join. As a join,
// PostgreSQL planned a scan of every planned consultation for every
// participation whenever its statistics were young or stale: 40–90 ms per
// red intake in BenchmarkIntake, growing with the planned consultations
// (issue 11).
const plannedLoadSQL = `(SELECT COUNT(*) FROM consultation_participants cp
		WHERE cp.professional_id = p.id AND cp.declined_at IS NULL
		AND (SELECT c.status FROM consultations c WHERE c.id = cp.consultation_id) = 'planned')`

// regionProfessionals loads the active professionals of a region with
// their roles, expertises and planned consultations.
func (tx *Tx) regionProfessionals(region int64) ([]RegionCandidate, error) {
	rows, err := tx.query(`SELECT p.id, p.name, o.id, o.kind, o.region_id, `+plannedLoadSQL+`
		FROM professionals p JOIN organisations o ON o.id = p.organisation_id WHERE p.active = TRUE AND o.region_id = ? ORDER BY p.id`, region)
	if err != nil {
		return nil, err
	}
	var out []RegionCandidate
	index := map[int64]int{}
	for rows.Next() {
		var c RegionCandidate
		if err := rows.Scan(&c.ID, &c.Name, &c.OrganisationID, &c.OrganisationKind, &c.Subject.RegionID, &c.Load); err != nil {
			rows.Close()
			return nil, err
		}
		c.Active, c.Subject.Active = true, true
		c.Subject.ProfessionalID, c.Subject.OrganisationID = c.ID, c.OrganisationID
		c.Subject.Kind = schakel.OrganisationKind(c.OrganisationKind)
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = tx.query(`SELECT r.professional_id, 'role', r.role FROM professional_roles r
		JOIN professionals p ON p.id = r.professional_id JOIN organisations o ON o.id = p.organisation_id WHERE o.region_id = ?
		UNION ALL SELECT e.professional_id, 'expertise', e.expertise FROM professional_expertises e
		JOIN professionals p ON p.id = e.professional_id JOIN organisations o ON o.id = p.organisation_id WHERE o.region_id = ?`, region, region)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var what, v string
		if err := rows.Scan(&id, &what, &v); err != nil {
			return nil, err
		}
		i, ok := index[id]
		if !ok {
			continue
		}
		if what == "role" {
			out[i].Roles = append(out[i].Roles, v)
			out[i].Subject.Roles = append(out[i].Subject.Roles, schakel.Role(v))
		} else {
			out[i].Expertises = append(out[i].Expertises, v)
		}
	}
	return out, rows.Err()
}

// CandidateRecord loads one professional as access.Eligible weighs them
// (found is false for an unknown id).
func (tx *Tx) CandidateRecord(professionalID int64) (c access.Candidate, found bool, err error) {
	err = tx.queryRow(`SELECT p.id, p.active, o.id, o.kind, o.region_id FROM professionals p JOIN organisations o ON o.id = p.organisation_id
		WHERE p.id = ?`, professionalID).Scan(&c.ProfessionalID, &c.Active, &c.OrganisationID, &c.Kind, &c.RegionID)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	} else if err != nil {
		return c, false, err
	}
	rows, err := tx.query(`SELECT role FROM professional_roles WHERE professional_id = ?`, professionalID)
	if err != nil {
		return c, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var r schakel.Role
		if err := rows.Scan(&r); err != nil {
			return c, false, err
		}
		c.Roles = append(c.Roles, r)
	}
	return c, true, rows.Err()
}
