package matching

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestDateNearIsDateSimilarity compares dateNear with dateSimilarity for
// every date of a span of years against dates chosen to be near in every
// way Score knows (one digit, a swap, day and month swapped) and far.
func TestDateNearIsDateSimilarity(t *testing.T) {
	queries := []string{"2010-05-06", "1999-12-31", "2001-01-10", "1975-11-11", "2020-02-29"}
	start := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, qs := range queries {
		q, err := time.Parse(time.DateOnly, qs)
		if err != nil {
			t.Fatal(err)
		}
		near := 0
		for d := start; d.Year() < 2030; d = d.AddDate(0, 0, 1) {
			sim, _ := dateSimilarity(q, d)
			if got := dateNear(q, d); got != (sim > 0) {
				t.Fatalf("%s against %s: dateNear %v, dateSimilarity %v", qs, d.Format(time.DateOnly), got, sim)
			}
			if sim > 0 {
				near++
			}
		}
		if near < 5 {
			t.Errorf("%s: only %d near dates in 60 years; the comparison tested little", qs, near)
		}
	}
	if dateNear(time.Time{}, start) || dateNear(start, time.Time{}) {
		t.Error("an unknown birth date is near")
	}
}

// TestPlausibleNeverRulesOutAMatch scores many pairs of persons with near
// and far dates, typos, swapped names and BSNs: every pair Score proposes
// is plausible, and many that it does not propose are not (the point).
func TestPlausibleNeverRulesOutAMatch(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	given := []string{"Sanne", "Sane", "Daan", "Dina", "Fatima Zahra", "Fatima", "Jan", "Mohammed", "Lisa", "Lise"}
	family := []string{"de Vries", "Vries", "Jansen", "Janssen", "El Amrani", "Öztürk", "Ozturk", "van den Berg", "Berg"}
	bsns := []string{"", "", "123456782", "111222333"}
	base := time.Date(2010, 5, 6, 0, 0, 0, 0, time.UTC)
	person := func() Person {
		d := base
		switch r.IntN(4) {
		case 0:
			d = d.AddDate(0, 0, r.IntN(40)-20)
		case 1:
			d = d.AddDate(r.IntN(30)-15, 0, 0)
		case 2:
			d = time.Date(2010, 6, 5, 0, 0, 0, 0, time.UTC)
		}
		return Person{GivenNames: given[r.IntN(len(given))], FamilyName: family[r.IntN(len(family))], BirthDate: d, BSN: bsns[r.IntN(len(bsns))]}
	}
	proposed, ruledOut := 0, 0
	for range 20000 {
		q, c := person(), person()
		if r.IntN(2) == 0 {
			c.GivenNames, c.FamilyName = c.FamilyName, c.GivenNames
		}
		m := Score(q, c)
		switch {
		case m.Score >= Threshold && !Plausible(q, c):
			t.Fatalf("%+v against %+v scores %v (%v) but is ruled out", q, c, m.Score, m.Reasons)
		case m.Score >= Threshold:
			proposed++
		case !Plausible(q, c):
			ruledOut++
		}
	}
	if proposed < 100 || ruledOut < 1000 {
		t.Errorf("%d proposed, %d ruled out: the pairs tested little", proposed, ruledOut)
	}
}
