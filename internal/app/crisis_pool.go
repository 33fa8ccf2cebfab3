package app

import (
	"context"
	"time"

	"schakel/internal/attendees"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/storage"
)

// availability is a crisis table's candidate pool read before the intake's
// write transaction, so that a red report does not hold up other writers
// while the region's professionals, duty shifts and bookings are read
// (issue 11). Inside the transaction one row, the pool's generation
// (storage.Tx.PoolGeneration), checks that none of it changed; when
// anything did, the pool is read again there, so the table is the one an
// in-transaction read would have given. Only where writers take turns
// (storage.DB.OneWriter): on PostgreSQL the pool is read inside, once.
type availability struct {
	region     int64
	from, to   time.Time
	generation int64
	pool       attendees.Pool
}

// availabilitySlack is how much later than the read the write transaction
// may start and still use it: the pool is read for a window this much
// longer than the table needs (a wider window changes no slot's answer).
const availabilitySlack = 5 * time.Minute

// mayBeRed reports whether a report will get a crisis table whatever the
// earlier reports: the rules propose red from its indicators alone, or the
// reporter chose red. Reports that turn red only by their history read
// the pool inside the transaction.
func mayBeRed(p intake.Parsed) bool {
	if p.Rating != nil && crisismeter.Color(p.Rating.Color) == crisismeter.Red {
		return true
	}
	prop, err := crisismeter.Propose(crisismeter.Input{Indicators: p.Indicators})
	return err == nil && prop.Color == crisismeter.Red
}

// readAvailability reads a region's candidate pool for a crisis table
// planned from now, in a read transaction of its own, which sees one
// snapshot: the generation read with the pool is the pool's.
func (a *App) readAvailability(ctx context.Context, region int64) (*availability, error) {
	now := a.now().Truncate(time.Microsecond)
	av := &availability{region: region, from: now, to: now.Add(a.intake.CrisisWithin + time.Hour + availabilitySlack)}
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		if av.generation, err = tx.PoolGeneration(); err != nil {
			return err
		}
		av.pool, err = regionPool(tx, region, av.from, av.to)
		return err
	})
	return av, err
}

// crisisPool is the candidate pool of a case's crisis table between from
// and to: the one read before the transaction when it is of the case's
// region, its window covers these and its generation still holds, else
// read now.
func crisisPool(tx *storage.Tx, caseID int64, from, to time.Time, av *availability) (attendees.Pool, error) {
	if av != nil && !from.Before(av.from) && !to.After(av.to) {
		region, generation, err := tx.CasePoolGeneration(caseID)
		if err != nil {
			return attendees.Pool{}, err
		}
		if region == av.region && generation == av.generation {
			return av.pool, nil
		}
	}
	return candidatePool(tx, caseID, from, to)
}
