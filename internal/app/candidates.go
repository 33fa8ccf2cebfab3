package app

import (
	"time"

	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/storage"
)

// candidatePool is everyone who may be called to a case, as
// access.Eligible decides (active, a role that works with case content,
// the case's region), with their duty and bookings between from and to.
// Every path that selects people for a case (the crisis table, invitations
// by expertise, experts added) draws from it.
func candidatePool(tx *storage.Tx, caseID int64, from, to time.Time) (attendees.Pool, error) {
	region, all, err := tx.CaseRegionCandidates(caseID)
	if err != nil {
		return attendees.NewPool(), err
	}
	return eligiblePool(tx, region, all, from, to)
}

// regionPool is candidatePool for a region, before its case exists.
func regionPool(tx *storage.Tx, region int64, from, to time.Time) (attendees.Pool, error) {
	all, err := tx.RegionCandidates(region)
	if err != nil {
		return attendees.NewPool(), err
	}
	return eligiblePool(tx, region, all, from, to)
}

func eligiblePool(tx *storage.Tx, region int64, all []storage.RegionCandidate, from, to time.Time) (attendees.Pool, error) {
	pool := attendees.NewPool()
	for _, c := range all {
		if access.Eligible(c.Subject, region).Allowed {
			pool.Base = append(pool.Base, c.Candidate)
		}
	}
	return pool, tx.LoadSchedules(pool, region, from, to)
}
