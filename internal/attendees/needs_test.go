package attendees

import (
	"reflect"
	"strings"
	"testing"

	"schakel/internal/intake"
)

func TestNeeds(t *testing.T) {
	core := []string{"organisation:veilig_thuis", "organisation:jeugdbescherming", "organisation:raad", "role:confidential_doctor"}
	with := func(extra ...string) []string { return append(append([]string{}, core...), extra...) }
	debts := []intake.Option{{Code: "unopened_post_or_debts", Label: "Is er ongeopende post, of zijn er schulden? Antwoord: ja."}}

	tests := []struct {
		name string
		req  Request
		want []string // need:urgency
	}{
		{"core only", Request{}, with()},
		{"unrelated concerns add nothing", Request{Concerns: []string{"neglect", "physical_abuse", "other"}}, with()},
		{"intake worker always sits at the table", Request{IntakeWorker: 7}, with("person:7")},
		{"police reported", Request{ReporterKinds: []string{"professional", "police"}}, with("organisation:politie")},
		{"suspect may return", Request{Indicators: []string{"threat_to_life"}}, with("organisation:politie", "role:lawyer")},
		{"shelter: violence between parents and a threat to life", Request{Concerns: []string{"domestic_violence"}, Indicators: []string{"threat_to_life"}},
			with("organisation:politie", "organisation:blijf_groep", "role:lawyer")},
		{"no shelter without a threat", Request{Concerns: []string{"domestic_violence"}}, with()},
		{"court measure adds lawyer", Request{Indicators: []string{"no_safe_caregiver"}}, with("role:lawyer")},
		{"sexual abuse concern", Request{Concerns: []string{"sexual_abuse"}}, with("expertise:sexual_violence")},
		{"sexual abuse indicator brings police too", Request{Indicators: []string{"sexual_abuse_suspect_has_access"}}, with("organisation:politie", "expertise:sexual_violence")},
		{"honour indicator", Request{Indicators: []string{"honour_related_threat"}}, with("expertise:honour_related_violence")},
		{"financial concern can follow", Request{Concerns: []string{"financial_problems"}}, with("expertise:debt_counselling~")},
		{"debts answer can follow", Request{Worries: debts}, with("expertise:debt_counselling~")},
		{"debts indicator can follow", Request{Indicators: []string{"serious_debts_or_housing_risk"}}, with("expertise:debt_counselling~")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range Needs(tt.req) {
				code := r.String()
				if r.Urgency == CanFollow {
					code += "~"
				} else if r.Urgency != Urgent {
					t.Errorf("%s: urgency %q", code, r.Urgency)
				}
				if r.Reason == "" || len(r.Rules) == 0 {
					t.Errorf("%s has no rule behind it", code)
				}
				got = append(got, code)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Needs() = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestNeedsNameTheRule checks the night-time strangulation report of issue
// 10: every need names the fact that asked for it, debts follow later.
func TestNeedsNameTheRule(t *testing.T) {
	req := Request{
		Concerns: []string{"domestic_violence", "physical_abuse"}, Indicators: []string{"threat_to_life"},
		ReporterKinds: []string{"police"}, IntakeWorker: 3,
		Worries: []intake.Option{{Code: "unopened_post_or_debts", Label: "Is er ongeopende post, of zijn er schulden? Antwoord: ja."}},
	}
	byNeed := map[string]Required{}
	for _, r := range Needs(req) {
		byNeed[r.String()] = r
	}
	tests := []struct {
		need, urgency string
		rules         []string
		reasonHas     string
	}{
		{"organisation:politie", Urgent, []string{"reporter:police", "indicator:threat_to_life"}, "De politie deed de melding; Signaal “Levensbedreiging, wapens of wurging”"},
		{"organisation:blijf_groep", Urgent, []string{"concern:domestic_violence", "indicator:threat_to_life"}, "veilige plek"},
		{"person:3", Urgent, []string{"intake"}, "altijd aan tafel"},
		{"role:lawyer", Urgent, []string{"indicator:threat_to_life"}, "rechter"},
		{"expertise:debt_counselling", CanFollow, []string{"answer:unopened_post_or_debts"}, "ongeopende post"},
	}
	for _, tt := range tests {
		t.Run(tt.need, func(t *testing.T) {
			r, ok := byNeed[tt.need]
			if !ok {
				t.Fatalf("need %s missing from %v", tt.need, byNeed)
			}
			if r.Urgency != tt.urgency || !reflect.DeepEqual(r.Rules, tt.rules) || !strings.Contains(r.Reason, tt.reasonHas) {
				t.Errorf("got %q %v %q; want %q %v containing %q", r.Urgency, r.Rules, r.Reason, tt.urgency, tt.rules, tt.reasonHas)
			}
		})
	}
	if got := Of(Needs(req), CanFollow); !reflect.DeepEqual(got, []Need{{KindExpertise, ExpertiseDebtCounselling}}) {
		t.Errorf("Of(CanFollow) = %v", got)
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

func TestUncovered(t *testing.T) {
	tests := []struct {
		name      string
		left      []string
		remaining [][]string
		want      []string
	}{
		{"nobody left", nil, [][]string{{"organisation:raad"}}, nil},
		{"the Raad leaves its seat empty", []string{"organisation:raad", "role:lawyer"}, [][]string{{"role:lawyer"}, {"organisation:veilig_thuis"}}, []string{"organisation:raad"}},
		{"someone else still covers it", []string{"role:confidential_doctor"}, [][]string{{"role:confidential_doctor"}}, nil},
		{"two leave the same seat: named once", []string{"organisation:raad", "organisation:raad"}, nil, []string{"organisation:raad"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Uncovered(tt.left, tt.remaining); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Uncovered() = %v, want %v", got, tt.want)
			}
		})
	}
}
