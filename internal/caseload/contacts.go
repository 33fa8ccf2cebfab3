package caseload

import (
	"math"
	"time"
)

// Months returns the start of the month of now and of the month before,
// in now's zone: the periods in which contact moments with families are
// counted (article 001: more time in the families).
func Months(now time.Time) (this, last time.Time) {
	this = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	return this, this.AddDate(0, -1, 0)
}

// PerFamily is contact moments per family held, to one decimal; 0 when
// no family is held.
func PerFamily(contacts, families int) float64 {
	if families <= 0 {
		return 0
	}
	return math.Round(float64(contacts)/float64(families)*10) / 10
}
