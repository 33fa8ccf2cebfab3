package storage

import (
	"errors"
)

// errNoPoolGeneration: only SQLite keeps the crisis pool's generation.
var errNoPoolGeneration = errors.New("storage: the pool generation is kept only where writers take turns (SQLite)")

// PoolGeneration is a number that grows with every committed change to
// what a crisis table's candidate pool is made of (the professionals of any
// region with their organisation, roles and expertises, duty shifts, and
// the consultations they are invited to): two equal generations mean an
// unchanged pool, so a pool read before the write transaction can be
// checked inside it with one row (issue 11). Kept by triggers on SQLite
// only (migration 00058): PostgreSQL reads the pool inside (OneWriter), and
// its pool_generation table, there for one schema, is never raised.
func (tx *Tx) PoolGeneration() (int64, error) {
	if tx.db.dialect.engine != SQLite {
		return 0, errNoPoolGeneration
	}
	var n int64
	err := tx.queryRow(`SELECT n FROM pool_generation WHERE id = 1`).Scan(&n)
	return n, err
}

// CasePoolGeneration is PoolGeneration with the region of a case, in one
// statement.
func (tx *Tx) CasePoolGeneration(caseID int64) (region, generation int64, err error) {
	if tx.db.dialect.engine != SQLite {
		return 0, 0, errNoPoolGeneration
	}
	err = tx.queryRow(`SELECT c.region_id, g.n FROM cases c CROSS JOIN pool_generation g WHERE c.id = ? AND g.id = 1`, caseID).Scan(&region, &generation)
	return region, generation, err
}

// RegionCandidates loads a region's active professionals with their
// roles, expertises and planned consultations, as CaseRegionCandidates
// does for a case's region.
func (tx *Tx) RegionCandidates(region int64) ([]RegionCandidate, error) {
	return tx.regionProfessionals(region)
}
