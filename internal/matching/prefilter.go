package matching

import "time"

// Plausible reports whether candidate can reach Threshold against query at
// all, from what costs nothing to compare: with both BSNs known the BSN
// decides, and otherwise the names alone score at most 0.70, so a birth
// date that is not equal or nearly equal (see Score) rules the candidate
// out. Rank skips candidates that are not plausible before normalising and
// comparing names, which is where matching spends its time (issue 11: most
// candidates found by a name key and birth year, or name key and birthday,
// were born on a date far from the query's). It never rules out a
// candidate that Score would propose.
func Plausible(query, candidate Person) bool {
	return prepared{p: query, bsn: normalizeBSN(query.BSN)}.mayReach(candidate)
}

func (q prepared) mayReach(c Person) bool {
	if q.bsn != "" {
		if cb := normalizeBSN(c.BSN); cb != "" {
			return cb == q.bsn
		}
	}
	return dateNear(q.p.BirthDate, c.BirthDate)
}

// dateNear reports whether dateSimilarity is above 0, without building
// strings.
func dateNear(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	if ay == by && (am == bm && ad == bd || int(am) == bd && ad == int(bm)) {
		return true
	}
	sa, okA := digits(ay, int(am), ad)
	sb, okB := digits(by, int(bm), bd)
	return okA && okB && nearDigits(sa, sb)
}

// digits is a date as its eight digits YYYYMMDD; false for a year that
// does not have four.
func digits(y, m, d int) ([8]byte, bool) {
	var s [8]byte
	if y < 0 || y > 9999 {
		return s, false
	}
	for i, v := range [8]int{y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10} {
		s[i] = byte('0' + v)
	}
	return s, true
}

// nearDigits reports whether two dates' digits differ in one digit, or by
// two adjacent digits swapped inside the year, month or day.
func nearDigits(sa, sb [8]byte) bool {
	var diff []int
	for i := range 8 {
		if sa[i] != sb[i] {
			diff = append(diff, i)
		}
	}
	switch {
	case len(diff) == 1:
		return true
	case len(diff) == 2 && diff[1] == diff[0]+1 && diff[0] != 3 && diff[0] != 5 &&
		sa[diff[0]] == sb[diff[1]] && sa[diff[1]] == sb[diff[0]]:
		return true
	}
	return false
}
