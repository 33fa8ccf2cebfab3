package care

import (
	"testing"
	"time"

	"schakel"
)

func TestWaits(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // a Monday
	now := t0.AddDate(0, 2, 0)
	at := func(d float64) *time.Time { x := t0.Add(time.Duration(d * 24 * float64(time.Hour))); return &x }
	var rows []WaitRow
	for i := range 6 { // Rotterdam, trauma: answers after 1..6 days
		rows = append(rows, WaitRow{Category: schakel.NeedTrauma, Municipality: "Rotterdam", Requested: t0, Deadline: Deadline(t0, schakel.UrgencyWeeks),
			FirstAnswer: at(float64(i + 1)), Chosen: at(float64(i + 2)), Started: at(float64(i + 10))})
	}
	// Schiedam, trauma: two requests, one never answered.
	rows = append(rows, WaitRow{Category: schakel.NeedTrauma, Municipality: "Schiedam", Requested: t0, Deadline: Deadline(t0, schakel.UrgencyWeeks), FirstAnswer: at(2)},
		WaitRow{Category: schakel.NeedTrauma, Municipality: "Schiedam", Requested: t0, Deadline: Deadline(t0, schakel.UrgencyWeeks)})
	gs := Waits(rows, now)
	if len(gs) != 3 {
		t.Fatalf("groups = %+v, want trauma overall, Rotterdam and Schiedam", gs)
	}
	all, rdam, sdam := gs[0], gs[1], gs[2]
	t.Run("overall", func(t *testing.T) {
		if all.Municipality != "" || all.Requests != 8 || all.Suppressed || all.ToAnswer.N != 7 {
			t.Errorf("overall = %+v", all)
		}
		// the deadline is the end of Monday 9 March: the answers after 1..6
		// days and after 2 days are in time; the unanswered one counts as
		// not in time once its deadline passed.
		if all.WithinNorm == nil || *all.WithinNorm != 7.0/8 {
			t.Errorf("within norm = %v, want 7/8", *all.WithinNorm)
		}
	})
	t.Run("a municipality", func(t *testing.T) {
		if rdam.Municipality != "Rotterdam" || rdam.ToAnswer.Median == nil || *rdam.ToAnswer.Median != 3.5 || *rdam.ToAnswer.P80 != 5 {
			t.Errorf("Rotterdam = %+v", rdam.ToAnswer)
		}
		if rdam.ToStart.Median == nil || *rdam.ToStart.Median != 12.5 {
			t.Errorf("Rotterdam to start = %+v", rdam.ToStart)
		}
	})
	t.Run("a small group shows its count only", func(t *testing.T) {
		if !sdam.Suppressed || sdam.Requests != 2 || sdam.ToAnswer.Median != nil || sdam.WithinNorm != nil {
			t.Errorf("Schiedam = %+v", sdam)
		}
	})
	t.Run("few answers of many requests show their count only", func(t *testing.T) {
		var few []WaitRow
		for i := range 6 { // six requests, two answered, none chosen
			r := WaitRow{Category: schakel.NeedDebts, Municipality: "Rotterdam", Requested: t0, Deadline: Deadline(t0, schakel.UrgencyWeeks)}
			if i < 2 {
				r.FirstAnswer = at(1)
			}
			few = append(few, r)
		}
		g := Waits(few, now)[0]
		if g.Suppressed || g.ToAnswer.N != 2 || g.ToAnswer.Median != nil || g.ToChoice.N != 0 || g.WithinNorm == nil {
			t.Errorf("debts = %+v", g)
		}
	})
}
