package prevention

import (
	"testing"
	"time"

	"schakel"
)

func TestPatterns(t *testing.T) {
	q4 := at("2026-10-05T10:00:00+02:00") // a Monday
	var facts []ReviewFact
	held := func(d time.Time) *time.Time { return &d }
	// Six reviews by jeugdbescherming in K4: five held within five working
	// days, four prevented; debts on all six, housing on two.
	for i := range 6 {
		f := ReviewFact{ConsideredAt: q4.AddDate(0, 0, 7*i), Organisation: "Jeugdbescherming", Causes: []string{schakel.CauseDebts}}
		if i < 5 {
			f.HeldAt = held(f.ConsideredAt.AddDate(0, 0, 2))
			f.Outcome = schakel.OutcomeNoPlacement
			if i == 4 {
				f.Outcome = schakel.OutcomePlacement
			}
		}
		if i < 2 {
			f.Causes = append(f.Causes, schakel.CauseHousing)
		}
		facts = append(facts, f)
	}
	// One review in K3 by Veilig Thuis: a group too small to show.
	facts = append(facts, ReviewFact{ConsideredAt: at("2026-08-03T10:00:00+02:00"), Organisation: "Veilig Thuis",
		HeldAt: held(at("2026-08-20T10:00:00+02:00")), Outcome: schakel.OutcomeNoPlacement})

	got := Patterns(facts, q4.AddDate(1, 0, 0))
	if len(got) != 2 || got[0].Quarter != "2026-K4" || got[1].Quarter != "2026-K3" {
		t.Fatalf("quarters = %+v", got)
	}
	k4 := got[0]
	for name, c := range map[string]struct {
		got  *int
		want int
	}{"considered": {k4.Considered, 6}, "held": {k4.Held, 5}, "on time": {k4.OnTime, 5}, "median": {k4.MedianDays, 2}} {
		if c.got == nil || *c.got != c.want {
			t.Errorf("%s = %v, want %d", name, c.got, c.want)
		}
	}
	if k4.Prevented != nil {
		t.Errorf("4 prevented is a group too small to show, got %d", *k4.Prevented)
	}
	if len(k4.Causes) != 2 || k4.Causes[0].Cause != schakel.CauseDebts || *k4.Causes[0].Count != 6 || k4.Causes[1].Count != nil {
		t.Errorf("causes = %+v, want debts 6 first and housing suppressed", k4.Causes)
	}
	k3 := got[1]
	if k3.Considered != nil || k3.MedianDays != nil {
		t.Errorf("one review must not be shown: %+v", k3)
	}
}

func TestQuarterIsAmsterdamTime(t *testing.T) {
	if q := Quarter(at("2026-12-31T23:30:00Z")); q != "2027-K1" {
		t.Errorf("New Year's night in Amsterdam is %s, want 2027-K1", q)
	}
}
