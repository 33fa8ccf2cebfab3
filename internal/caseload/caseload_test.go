package caseload_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"schakel/internal/caseload"
)

func TestBandOf(t *testing.T) {
	for _, tc := range []struct {
		percent float64
		want    caseload.Band
	}{
		{0, caseload.Room}, {94.9, caseload.Room}, {95, caseload.Full}, {100, caseload.Full},
		{100.1, caseload.Over}, {110, caseload.Over}, {110.5, caseload.FarOver}, {math.Inf(1), caseload.FarOver},
	} {
		if got := caseload.BandOf(tc.percent); got != tc.want {
			t.Errorf("BandOf(%v) = %s, want %s", tc.percent, got, tc.want)
		}
	}
}

func TestValidHours(t *testing.T) {
	for h, want := range map[int]bool{-1: false, 0: false, 1: true, 36: true, 60: true, 61: false} {
		if got := caseload.ValidHours(h); got != want {
			t.Errorf("ValidHours(%d) = %v, want %v", h, got, want)
		}
	}
}

func TestRampShare(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		started time.Time
		want    float64
	}{
		{"starts today", now, 0.5},
		{"starts later", now.AddDate(0, 1, 0), 0.5},
		{"two months", now.AddDate(0, -2, 0), 0.5},
		{"a day short of three months", now.AddDate(0, -3, 1), 0.5},
		{"three months", now.AddDate(0, -3, 0), 0.75},
		{"six months", now.AddDate(0, -6, 0), 1},
		{"years", now.AddDate(-4, 0, 0), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := caseload.RampShare(tc.started, now); got != tc.want {
				t.Errorf("RampShare = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCompute(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	veteran := now.AddDate(-5, 0, 0)
	green := func(measures int) caseload.Held {
		return caseload.Held{Color: "green", Children: 1, Measures: measures}
	}
	twelve := make([]caseload.Held, 12)
	for i := range twelve {
		twelve[i] = green(1)
	}
	for _, tc := range []struct {
		name         string
		held         []caseload.Held
		hours        int
		started      time.Time
		wantWeighted float64
		wantCapacity float64
		wantPercent  float64
		wantBand     caseload.Band
		wantCases    int
		wantMeasures int
		wantChildren int
	}{
		{"nothing held", nil, 36, veteran, 0, 12, 0, caseload.Room, 0, 0, 0},
		{"twelve measures full time", twelve, 36, veteran, 12, 12, 100, caseload.Full, 12, 12, 12},
		{"twelve measures at 32 hours", twelve, 32, veteran, 12, 10.67, 112, caseload.FarOver, 12, 12, 12},
		{"twelve measures for a new starter", twelve, 36, now.AddDate(0, -1, 0), 12, 6, 200, caseload.FarOver, 12, 12, 12},
		{"red weighs more", []caseload.Held{{Color: "red", Children: 3, Measures: 2}}, 36, veteran, 3, 12, 25, caseload.Room, 1, 2, 3},
		{"a case without measure counts once", []caseload.Held{{Color: "orange", Children: 2}}, 36, veteran, 1.2, 12, 10, caseload.Room, 1, 0, 2},
		{"second holder carries a quarter", []caseload.Held{{Color: "green", Children: 1, Measures: 4, Second: true}}, 36, veteran, 1, 12, 8, caseload.Room, 1, 4, 1},
		{"unknown colour weighs one", []caseload.Held{{Color: "purple", Measures: 1}}, 36, veteran, 1, 12, 8, caseload.Room, 1, 1, 0},
		{"eleven and a quarter is still room", append(twelve[:11:11], caseload.Held{Color: "green", Measures: 1, Second: true}), 36, veteran, 11.25, 12, 94, caseload.Room, 12, 12, 11},
		{"kinds weigh apart: OTS with placement", []caseload.Held{{Color: "green", Measures: 2, Kinds: []string{"supervision", "placement_authorisation"}}}, 36, veteran, 1.5, 12, 13, caseload.Room, 1, 2, 0},
		{"the start of a measure weighs a quarter more", []caseload.Held{{Color: "red", Phase: caseload.PhaseStart, Measures: 1, Kinds: []string{"supervision"}}}, 36, veteran, 1.88, 12, 16, caseload.Room, 1, 1, 0},
		{"no hours: held work is far over", twelve[:1], 0, veteran, 1, 0, math.Inf(1), caseload.FarOver, 1, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := caseload.Compute(tc.held, tc.hours, tc.started, now, caseload.DefaultNorm, caseload.DefaultWeights)
			if got.Weighted != tc.wantWeighted || got.Capacity != tc.wantCapacity || got.Percent != tc.wantPercent || got.Band != tc.wantBand {
				t.Errorf("load %+v, want weighted %v capacity %v percent %v band %s", got, tc.wantWeighted, tc.wantCapacity, tc.wantPercent, tc.wantBand)
			}
			if got.Cases != tc.wantCases || got.Measures != tc.wantMeasures || got.Children != tc.wantChildren {
				t.Errorf("counts %d cases %d measures %d children, want %d %d %d", got.Cases, got.Measures, got.Children, tc.wantCases, tc.wantMeasures, tc.wantChildren)
			}
		})
	}
}

func TestWeightsValidate(t *testing.T) {
	full := func(red, second float64) caseload.Weights {
		return caseload.Weights{ByColor: map[string]float64{"red": red, "orange": 1, "green": 1, "": 1}, SecondHolder: second,
			ByMeasure: caseload.DefaultMeasureWeights, ByPhase: caseload.DefaultPhaseWeights}
	}
	negativeMeasure := full(1, 0.25)
	negativeMeasure.ByMeasure = map[string]float64{"interim_supervision": 1, "supervision": -0.5, "placement_authorisation": 1, "guardianship": 1, "": 1}
	heavyPhase := full(1, 0.25)
	heavyPhase.ByPhase = map[string]float64{caseload.PhaseStart: 12}
	noMeasure := full(1, 0.25)
	noMeasure.ByMeasure = map[string]float64{"interim_supervision": 1, "supervision": 1, "placement_authorisation": 1, "guardianship": 1}
	for _, tc := range []struct {
		name string
		w    caseload.Weights
		want string
	}{
		{"defaults", caseload.DefaultWeights, ""},
		{"zero is allowed", full(0, 0), ""},
		{"negative", full(-1, 0.25), "red:negative"},
		{"too heavy", full(11, 0.25), "red:out_of_range"},
		{"second holder above all", full(1, 1.5), "second_holder:out_of_range"},
		{"missing colour", caseload.Weights{ByColor: map[string]float64{"red": 1, "orange": 1, "green": 1}, SecondHolder: 0.25,
			ByMeasure: caseload.DefaultMeasureWeights, ByPhase: caseload.DefaultPhaseWeights}, "unrated:required"},
		{"negative measure weight", negativeMeasure, "measure.supervision:negative"},
		{"phase too heavy and one missing", heavyPhase, "phase.start:out_of_range,phase.running:required"},
		{"no weight for a case without measure", noMeasure, "measure.none:required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, fe := range tc.w.Validate() {
				got = append(got, fe.Field+":"+fe.Code)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("Validate = %v, want %q", got, tc.want)
			}
		})
	}
}

func TestNormFor(t *testing.T) {
	jb := caseload.NormFor("jeugdbescherming")
	if jb.MeasuresPerFTE != 12 || jb.FullTimeHours != 36 || jb.Source != caseload.DefaultNorm.Source {
		t.Errorf("youth protection norm %+v", jb)
	}
	vt := caseload.NormFor("veilig_thuis")
	if vt.MeasuresPerFTE != 12 || !strings.Contains(vt.Source, "Veilig Thuis") {
		t.Errorf("Veilig Thuis falls back to the youth protection figure with its own source: %+v", vt)
	}
	for _, tc := range []struct {
		name string
		n    caseload.Norm
		want string
	}{
		{"default", caseload.DefaultNorm, ""},
		{"zero measures", caseload.Norm{MeasuresPerFTE: 0, FullTimeHours: 36, Source: "x"}, "measures_per_fte:out_of_range"},
		{"week of 61 hours", caseload.Norm{MeasuresPerFTE: 9, FullTimeHours: 61, Source: "x"}, "full_time_hours:out_of_range"},
		{"no source", caseload.Norm{MeasuresPerFTE: 9, FullTimeHours: 36}, "source:required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, fe := range tc.n.Validate() {
				got = append(got, fe.Field+":"+fe.Code)
			}
			if strings.Join(got, ",") != tc.want {
				t.Errorf("Validate = %v, want %q", got, tc.want)
			}
		})
	}
}
