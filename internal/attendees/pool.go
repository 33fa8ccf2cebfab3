package attendees

import (
	"slices"
	"time"
)

// Pool is everyone who may be called to one case, with their duty shifts
// and their bookings in a window, so that several time slots can be tried
// without loading anything again.
type Pool struct {
	Base     []Candidate
	Duty     map[int64][][2]time.Time // professional → [start, end) of each shift
	Bookings map[int64][]time.Time    // professional → start of each planned meeting
}

// NewPool returns an empty pool.
func NewPool() Pool {
	return Pool{Duty: map[int64][][2]time.Time{}, Bookings: map[int64][]time.Time{}}
}

// BookingMargin is how close to another meeting a person counts as busy.
const BookingMargin = time.Hour

// At returns the candidates as they are at slot: on duty when a shift
// covers it, busy when another meeting starts within BookingMargin of it.
func (p Pool) At(slot time.Time) []Candidate {
	out := slices.Clone(p.Base)
	for i := range out {
		for _, d := range p.Duty[out[i].ID] {
			if !d[0].After(slot) && d[1].After(slot) {
				out[i].OnDuty = true
			}
		}
		for _, b := range p.Bookings[out[i].ID] {
			if b.After(slot.Add(-BookingMargin)) && b.Before(slot.Add(BookingMargin)) {
				out[i].Busy = true
			}
		}
	}
	return out
}
