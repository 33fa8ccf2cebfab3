package crisismeter

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestColor(t *testing.T) {
	tests := []struct {
		c     Color
		valid bool
		rank  int
		dutch string
	}{
		{Green, true, 0, "groen"},
		{Orange, true, 1, "oranje"},
		{Red, true, 2, "rood"},
		{"", false, -1, "onbekend"},
		{"RED", false, -1, "onbekend"},
		{"rood", false, -1, "onbekend"},
	}
	for _, tt := range tests {
		t.Run(string(tt.c), func(t *testing.T) {
			if got := tt.c.Valid(); got != tt.valid {
				t.Errorf("Valid() = %v, want %v", got, tt.valid)
			}
			if got := tt.c.Rank(); got != tt.rank {
				t.Errorf("Rank() = %d, want %d", got, tt.rank)
			}
			if got := tt.c.Dutch(); got != tt.dutch {
				t.Errorf("Dutch() = %q, want %q", got, tt.dutch)
			}
		})
	}
}

var wantCodes = []struct {
	code  string
	color Color
}{
	{"injury_needs_medical_care", Red},
	{"injury_child_under_one", Red},
	{"sexual_abuse_suspect_has_access", Red},
	{"threat_to_life", Red},
	{"no_safe_caregiver", Red},
	{"honour_related_threat", Red},
	{"acute_suicidality", Red},
	{"child_afraid_to_go_home", Red},
	{"repeated_violence", Orange},
	{"chronic_neglect", Orange},
	{"witnessed_domestic_violence", Orange},
	{"parental_problems", Orange},
	{"avoids_help", Orange},
	{"serious_debts_or_housing_risk", Orange},
}

func TestIndicators(t *testing.T) {
	got := Indicators()
	if len(got) != len(wantCodes) {
		t.Fatalf("Indicators() has %d entries, want %d", len(got), len(wantCodes))
	}
	for i, w := range wantCodes {
		t.Run(w.code, func(t *testing.T) {
			ind := got[i]
			if ind.Code != w.code || ind.Color != w.color {
				t.Errorf("Indicators()[%d] = %s/%s, want %s/%s", i, ind.Code, ind.Color, w.code, w.color)
			}
			if strings.TrimSpace(ind.Label) == "" || len([]rune(ind.Label)) > 80 {
				t.Errorf("label %q: want a short non-empty text", ind.Label)
			}
			if !strings.HasSuffix(ind.Help, ".") || strings.Count(ind.Help, ". ") > 0 {
				t.Errorf("help %q: want one sentence ending in a full stop", ind.Help)
			}
			l, ok := Lookup(w.code)
			if !ok || l != ind {
				t.Errorf("Lookup(%q) = %+v, %v; want %+v, true", w.code, l, ok, ind)
			}
			// Every indicator alone produces its own colour with itself as the only reason.
			p, err := Propose(Input{Indicators: []string{w.code}})
			if err != nil {
				t.Fatalf("Propose: %v", err)
			}
			want := Proposal{Color: w.color, Reasons: []Reason{{Code: w.code, Text: ind.Label, Color: w.color}}}
			if !reflect.DeepEqual(p, want) {
				t.Errorf("Propose = %+v, want %+v", p, want)
			}
		})
	}
}

func TestIndicatorsReturnsCopy(t *testing.T) {
	a := Indicators()
	a[0].Label = "changed"
	if b := Indicators(); b[0].Label == "changed" {
		t.Fatal("Indicators() exposes its internal slice")
	}
}

func TestLookupUnknown(t *testing.T) {
	for _, code := range []string{"", "unknown", ReasonEarlierReports, ReasonNoIndicators, "Threat_To_Life"} {
		t.Run(code, func(t *testing.T) {
			if _, ok := Lookup(code); ok {
				t.Errorf("Lookup(%q) found an indicator", code)
			}
		})
	}
}

func TestPropose(t *testing.T) {
	noIndicators := Reason{Code: "no_indicators", Text: "Geen signalen van acute of structurele onveiligheid aangevinkt", Color: Green}
	reason := func(t *testing.T, code string) Reason {
		t.Helper()
		ind, ok := Lookup(code)
		if !ok {
			t.Fatalf("no indicator %q", code)
		}
		return Reason{Code: code, Text: ind.Label, Color: ind.Color}
	}
	tests := []struct {
		name  string
		in    Input
		color Color
		codes []string // expected reason codes, in order
	}{
		{"nothing", Input{}, Green, []string{"no_indicators"}},
		{"empty slice", Input{Indicators: []string{}}, Green, []string{"no_indicators"}},
		{"orange only", Input{Indicators: []string{AvoidsHelp, RepeatedViolence}}, Orange,
			[]string{RepeatedViolence, AvoidsHelp}},
		{"earlier reports only", Input{EarlierReports24Months: 2}, Orange,
			[]string{ReasonEarlierReports}},
		{"orange and earlier reports", Input{Indicators: []string{ChronicNeglect}, EarlierReports24Months: 1}, Orange,
			[]string{ChronicNeglect, ReasonEarlierReports}},
		{"red lists orange reasons after red ones", Input{
			Indicators:             []string{SeriousDebtsOrHousingRisk, ChildAfraidToGoHome, WitnessedDomesticViolence, ThreatToLife},
			EarlierReports24Months: 3,
		}, Red, []string{ThreatToLife, ChildAfraidToGoHome, WitnessedDomesticViolence, SeriousDebtsOrHousingRisk, ReasonEarlierReports}},
		{"duplicates collapse", Input{Indicators: []string{AcuteSuicidality, AcuteSuicidality, AvoidsHelp, AcuteSuicidality}}, Red,
			[]string{AcuteSuicidality, AvoidsHelp}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Propose(tt.in)
			if err != nil {
				t.Fatalf("Propose: %v", err)
			}
			if p.Color != tt.color {
				t.Errorf("colour = %s, want %s", p.Color, tt.color)
			}
			var codes []string
			for _, r := range p.Reasons {
				codes = append(codes, r.Code)
				if r.Text == "" {
					t.Errorf("reason %s has no text", r.Code)
				}
				switch r.Code {
				case ReasonEarlierReports:
					if r.Color != Orange {
						t.Errorf("earlier reports reason colour = %s", r.Color)
					}
				case ReasonNoIndicators:
					if r != noIndicators {
						t.Errorf("green reason = %+v, want %+v", r, noIndicators)
					}
				default:
					if want := reason(t, r.Code); r != want {
						t.Errorf("reason = %+v, want %+v", r, want)
					}
				}
			}
			if !reflect.DeepEqual(codes, tt.codes) {
				t.Errorf("reason codes = %v, want %v", codes, tt.codes)
			}
		})
	}
}

func TestProposeEarlierReportsText(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "Er is 1 eerdere melding over dit gezin in de afgelopen 24 maanden"},
		{2, "Er zijn 2 eerdere meldingen over dit gezin in de afgelopen 24 maanden"},
		{12, "Er zijn 12 eerdere meldingen over dit gezin in de afgelopen 24 maanden"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p, err := Propose(Input{EarlierReports24Months: tt.n})
			if err != nil {
				t.Fatal(err)
			}
			want := []Reason{{Code: "earlier_reports_24_months", Text: tt.want, Color: Orange}}
			if p.Color != Orange || !reflect.DeepEqual(p.Reasons, want) {
				t.Errorf("Propose = %+v, want orange with %+v", p, want)
			}
		})
	}
}

func TestProposeErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		index int
		code  string
	}{
		{"unknown first", Input{Indicators: []string{"bogus", ThreatToLife}}, 0, "bogus"},
		{"unknown at index 3", Input{Indicators: []string{ThreatToLife, AvoidsHelp, AvoidsHelp, "fire"}}, 3, "fire"},
		{"first of several unknown", Input{Indicators: []string{AvoidsHelp, "a", "b"}}, 1, "a"},
		{"empty code", Input{Indicators: []string{""}}, 0, ""},
		{"derived code cannot be ticked", Input{Indicators: []string{ReasonEarlierReports}}, 0, ReasonEarlierReports},
		{"green reason cannot be ticked", Input{Indicators: []string{AvoidsHelp, ReasonNoIndicators}}, 1, ReasonNoIndicators},
		{"case matters", Input{Indicators: []string{"Threat_To_Life"}}, 0, "Threat_To_Life"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Propose(tt.in)
			var ue *UnknownIndicatorError
			if !errors.As(err, &ue) {
				t.Fatalf("err = %v, want *UnknownIndicatorError", err)
			}
			if ue.Index != tt.index || ue.Code != tt.code {
				t.Errorf("err = %+v, want index %d code %q", ue, tt.index, tt.code)
			}
			if !errors.Is(err, ErrUnknownIndicator) {
				t.Error("errors.Is(err, ErrUnknownIndicator) = false")
			}
		})
	}
	t.Run("negative earlier reports", func(t *testing.T) {
		if _, err := Propose(Input{EarlierReports24Months: -1}); !errors.Is(err, ErrNegativeEarlierReports) {
			t.Errorf("err = %v, want ErrNegativeEarlierReports", err)
		}
	})
}

func TestReasonJSON(t *testing.T) {
	b, err := json.Marshal(Reason{Code: "threat_to_life", Text: "x", Color: Red})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"code":"threat_to_life","text":"x","color":"red"}`; string(b) != want {
		t.Errorf("json = %s, want %s", b, want)
	}
}

func TestCheckChange(t *testing.T) {
	const good = "Kind is veilig bij oma ondergebracht"
	tests := []struct {
		name string
		c    Change
		want error
	}{
		{"confirm red without reason", Change{Red, Red, ""}, nil},
		{"confirm green without reason", Change{Green, Green, ""}, nil},
		{"raise with reason", Change{Green, Red, good}, nil},
		{"lower with reason", Change{Red, Orange, good}, nil},
		{"raise without reason", Change{Orange, Red, ""}, ErrReasonRequired},
		{"lower without reason", Change{Red, Green, "   "}, ErrReasonRequired},
		{"nine characters padded with spaces", Change{Orange, Green, "  te  kort  hoo \n\t"}, ErrReasonRequired},
		{"exactly ten non-space characters", Change{Orange, Green, "abcde fghij"}, nil},
		{"ten multibyte characters", Change{Orange, Green, "ëëëëëëëëëë"}, nil},
		{"invalid from", Change{"purple", Red, good}, ErrInvalidColor},
		{"invalid to", Change{Red, "", good}, ErrInvalidColor},
		{"invalid same colour", Change{"rood", "rood", ""}, ErrInvalidColor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckChange(tt.c); !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Errorf("CheckChange(%+v) = %v, want %v", tt.c, err, tt.want)
			}
		})
	}
}

func TestNeedsSecondProfessional(t *testing.T) {
	colors := []Color{Green, Orange, Red}
	for _, from := range colors {
		for _, to := range colors {
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				want := from == Red && to != Red
				if got := NeedsSecondProfessional(from, to); got != want {
					t.Errorf("NeedsSecondProfessional(%s, %s) = %v, want %v", from, to, got, want)
				}
			})
		}
	}
	t.Run("invalid target", func(t *testing.T) {
		if NeedsSecondProfessional(Red, "blue") {
			t.Error("want false for an invalid colour")
		}
	})
}

func TestCheckSecond(t *testing.T) {
	tests := []struct {
		name                     string
		requestedBy, confirmedBy int64
		want                     error
	}{
		{"different", 7, 8, nil},
		{"same", 7, 7, ErrSameProfessional},
		{"missing", 7, 0, ErrSecondProfessionalRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckSecond(tt.requestedBy, tt.confirmedBy); err != tt.want {
				t.Errorf("CheckSecond(%d, %d) = %v, want %v", tt.requestedBy, tt.confirmedBy, err, tt.want)
			}
		})
	}
}

func TestCourtMeasureLikely(t *testing.T) {
	likely := map[string]bool{NoSafeCaregiver: true, ThreatToLife: true, AvoidsHelp: true}
	for _, ind := range Indicators() {
		t.Run(ind.Code, func(t *testing.T) {
			if got := CourtMeasureLikely([]string{ind.Code}); got != likely[ind.Code] {
				t.Errorf("CourtMeasureLikely([%s]) = %v, want %v", ind.Code, got, likely[ind.Code])
			}
		})
	}
	tests := []struct {
		name  string
		codes []string
		want  bool
	}{
		{"none", nil, false},
		{"unknown ignored", []string{"bogus"}, false},
		{"mixed", []string{RepeatedViolence, "bogus", AvoidsHelp}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CourtMeasureLikely(tt.codes); got != tt.want {
				t.Errorf("CourtMeasureLikely(%v) = %v, want %v", tt.codes, got, tt.want)
			}
		})
	}
}
