package attendees

import (
	"reflect"
	"testing"
)

func TestNeeds(t *testing.T) {
	core := []Need{
		{KindOrganisation, OrgVeiligThuis},
		{KindOrganisation, OrgJeugdbescherming},
		{KindOrganisation, OrgRaad},
		{KindRole, RoleConfidentialDoctor},
	}
	with := func(extra ...Need) []Need {
		return append(append([]Need{}, core...), extra...)
	}
	lawyer := Need{KindRole, RoleLawyer}
	sexual := Need{KindExpertise, ExpertiseSexualViolence}
	honour := Need{KindExpertise, ExpertiseHonourRelatedViolence}
	debt := Need{KindExpertise, ExpertiseDebtCounselling}

	tests := []struct {
		name string
		req  Request
		want []Need
	}{
		{"core only", Request{}, core},
		{"unrelated concerns add nothing", Request{Concerns: []string{"neglect", "physical_abuse", "other"}}, core},
		{"court measure adds lawyer", Request{CourtMeasureLikely: true}, with(lawyer)},
		{"sexual abuse concern", Request{Concerns: []string{"sexual_abuse"}}, with(sexual)},
		{"sexual abuse indicator", Request{Indicators: []string{"sexual_abuse_suspect_has_access"}}, with(sexual)},
		{"honour concern", Request{Concerns: []string{"honour_related_violence"}}, with(honour)},
		{"honour indicator", Request{Indicators: []string{"honour_related_threat"}}, with(honour)},
		{"financial concern", Request{Concerns: []string{"financial_problems"}}, with(debt)},
		{"debts indicator", Request{Indicators: []string{"serious_debts_or_housing_risk"}}, with(debt)},
		{
			"everything, fixed order, no duplicates",
			Request{
				CourtMeasureLikely: true,
				Concerns:           []string{"financial_problems", "honour_related_violence", "sexual_abuse", "sexual_abuse"},
				Indicators:         []string{"serious_debts_or_housing_risk", "honour_related_threat", "sexual_abuse_suspect_has_access"},
			},
			with(lawyer, sexual, honour, debt),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Needs(tt.req)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Needs() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNeedStringAndDutch(t *testing.T) {
	tests := []struct {
		need     Need
		code, nl string
	}{
		{Need{KindOrganisation, "veilig_thuis"}, "organisation:veilig_thuis", "iemand van Veilig Thuis"},
		{Need{KindOrganisation, "raad"}, "organisation:raad", "iemand van de Raad voor de Kinderbescherming"},
		{Need{KindOrganisation, "onbekend"}, "organisation:onbekend", "iemand van organisatie onbekend"},
		{Need{KindRole, "confidential_doctor"}, "role:confidential_doctor", "een vertrouwensarts"},
		{Need{KindRole, "lawyer"}, "role:lawyer", "een jurist"},
		{Need{KindRole, "x"}, "role:x", "iemand met de rol x"},
		{Need{KindExpertise, "honour_related_violence"}, "expertise:honour_related_violence", "expertise eergerelateerd geweld"},
		{Need{KindExpertise, "sexual_violence"}, "expertise:sexual_violence", "expertise seksueel geweld"},
		{Need{KindExpertise, "y"}, "expertise:y", "expertise y"},
		{Need{"other", "z"}, "other:z", "other:z"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if got := tt.need.String(); got != tt.code {
				t.Errorf("String() = %q, want %q", got, tt.code)
			}
			if got := tt.need.Dutch(); got != tt.nl {
				t.Errorf("Dutch() = %q, want %q", got, tt.nl)
			}
		})
	}
}

func TestEveryKnownCodeHasDutch(t *testing.T) {
	codes := map[string][]string{
		KindOrganisation: {"veilig_thuis", "jeugdbescherming", "raad", "rechtbank", "blijf_groep", "wijkteam", "schuldhulp", "zorgaanbieder", "gemeente", "politie"},
		KindRole:         {"intake", "case_worker", "behavioural_expert", "confidential_doctor", "lawyer", "care_coordinator", "team_lead", "privacy_officer", "admin"},
		KindExpertise:    {"honour_related_violence", "sexual_violence", "debt_counselling", "domestic_violence", "addiction", "psychiatry", "intellectual_disability"},
	}
	fallback := map[string]string{
		KindOrganisation: "iemand van organisatie ",
		KindRole:         "iemand met de rol ",
		KindExpertise:    "expertise ",
	}
	for kind, values := range codes {
		for _, v := range values {
			n := Need{kind, v}
			t.Run(n.String(), func(t *testing.T) {
				if got := n.Dutch(); got == fallback[kind]+v {
					t.Errorf("Dutch() falls back to %q; add a translation", got)
				}
			})
		}
	}
}

func TestParseNeed(t *testing.T) {
	for _, n := range []Need{{KindOrganisation, OrgRaad}, {KindRole, RoleLawyer}, {KindExpertise, ExpertiseDebtCounselling}} {
		t.Run(n.String(), func(t *testing.T) {
			got, ok := ParseNeed(n.String())
			if !ok || got != n {
				t.Errorf("ParseNeed(%q) = %v, %v", n.String(), got, ok)
			}
		})
	}
	for _, bad := range []string{"", "raad", "planet:mars", "role:"} {
		if _, ok := ParseNeed(bad); ok {
			t.Errorf("ParseNeed(%q) accepted", bad)
		}
	}
}
