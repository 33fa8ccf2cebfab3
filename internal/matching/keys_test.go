package matching

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// nameKeysShared are the n: and m: keys that a and b share.
func nameKeysShared(a, b Person) []string {
	var out []string
	bk := Keys(b)
	for _, k := range Keys(a) {
		if (strings.HasPrefix(k, "n:") || strings.HasPrefix(k, "m:")) && slices.Contains(bk, k) {
			out = append(out, k)
		}
	}
	return out
}

// TestNameKeysOfNearDates: namesakes meet on the n: key of the part of the
// birth date that has no error (version 3 had one n: key for the whole
// year, shared by every namesake born that year), and namesakes born in
// the same year but not on a nearly equal date share no name key.
func TestNameKeysOfNearDates(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []string
	}{
		{"typo in the day", "2010-05-16", "2010-05-18", []string{"n:JNSN:2010:05", "n:JN:2010:05"}},
		{"day digits transposed", "2010-05-12", "2010-05-21", []string{"n:JNSN:2010:05", "n:JN:2010:05"}},
		{"typo in the month", "2010-05-16", "2010-08-16", []string{"n:JNSN:2010:16", "n:JN:2010:16"}},
		{"month digits transposed", "2010-01-16", "2010-10-16", []string{"n:JNSN:2010:16", "n:JN:2010:16"}},
		{"day and month swapped", "2010-05-06", "2010-06-05",
			[]string{"n:JNSN:2010:05", "n:JNSN:2010:06", "n:JN:2010:05", "n:JN:2010:06"}},
		{"wrong year", "2014-08-21", "2016-08-21", []string{"m:JNSN:0821", "m:JN:0821"}},
		{"same year, another month and day", "2010-05-16", "2010-09-23", nil},
		{"same year, the month of one is the day of the other", "2010-05-16", "2010-03-05",
			[]string{"n:JNSN:2010:05", "n:JN:2010:05"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qa, qb := person(t, 1, "Jan", "Jansen", tt.a), person(t, 2, "Jan", "Jansen", tt.b)
			if got := nameKeysShared(qa, qb); !slices.Equal(got, tt.want) {
				t.Errorf("shared name keys %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNameKeysMeetOnEveryNearDate: for every birth date of three years and
// every date that Score counts as nearly equal to it (one digit off, two
// adjacent digits swapped, day and month swapped), persons with the same
// names share an n: or m: key, so the narrower n: keys of version 4 lose
// no match that the year's key found.
func TestNameKeysMeetOnEveryNearDate(t *testing.T) {
	p := func(d time.Time) Person { return Person{GivenNames: "Jan", FamilyName: "Jansen", BirthDate: d} }
	checked := 0
	for _, year := range []int{1999, 2000, 2019} {
		for d := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() == year; d = d.AddDate(0, 0, 1) {
			for _, n := range nearDates(d) {
				if sim, _ := dateSimilarity(d, n); sim != dateSimilarityNearlyEqual {
					t.Fatalf("%v and %v: similarity %v, want %v", d, n, sim, dateSimilarityNearlyEqual)
				}
				checked++
				if len(nameKeysShared(p(d), p(n))) == 0 {
					t.Errorf("%s and %s share no name key", d.Format(time.DateOnly), n.Format(time.DateOnly))
				}
			}
		}
	}
	if checked < 3*365*20 {
		t.Errorf("only %d pairs checked", checked)
	}
}

// nearDates are the valid dates that differ from d by one digit, by two
// adjacent digits swapped inside the year, month or day, or by day and
// month swapped.
func nearDates(d time.Time) []time.Time {
	s := []byte(d.Format("20060102"))
	var out []time.Time
	try := func(c []byte) {
		if n, err := time.Parse("20060102", string(c)); err == nil && !n.Equal(d) && !slices.ContainsFunc(out, n.Equal) {
			out = append(out, n)
		}
	}
	for i := range s {
		for c := byte('0'); c <= '9'; c++ {
			v := slices.Clone(s)
			v[i] = c
			try(v)
		}
		if i+1 < len(s) && i != 3 && i != 5 {
			v := slices.Clone(s)
			v[i], v[i+1] = v[i+1], v[i]
			try(v)
		}
	}
	try([]byte(d.Format("2006") + d.Format("02") + d.Format("01")))
	return out
}
