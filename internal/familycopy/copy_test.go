package familycopy

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"schakel"
)

const (
	mother, father, child = 11, 12, 13
	shelterText           = "Moeder en kinderen slapen vannacht bij de zus in Schiedam."
)

func family(concerns ...string) schakel.Case {
	return schakel.Case{ID: 1, Persons: []schakel.Person{
		{ID: mother, Kind: "adult", GivenNames: "Kim", FamilyName: "de Vries"},
		{ID: father, Kind: "adult", GivenNames: "Rob", FamilyName: "de Vries"},
		{ID: child, Kind: "child", GivenNames: "Daan", FamilyName: "de Vries"},
	}, Reports: []schakel.Report{{Concerns: concerns, Address: "Havenstraat 3", Postcode: "3111 AB", Municipality: "Schiedam"}}}
}

func workspace(actions ...schakel.Action) schakel.Workspace {
	return schakel.Workspace{Plan: schakel.Plan{Status: schakel.PlanDraft, Actions: actions}}
}

func action(id int64, title, family string) schakel.Action {
	return schakel.Action{ID: id, Title: title, FamilyText: family, Kind: schakel.ActionSafetyAgreement, Status: schakel.ActionOpen, DueDate: "2026-12-03"}
}

func text(t *testing.T, c Copy) string {
	t.Helper()
	b, err := json.Marshal(c.Summary)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestViolent(t *testing.T) {
	for _, tc := range []struct {
		concern string
		want    bool
	}{{"domestic_violence", true}, {"honour_related_violence", true}, {"neglect", false}} {
		t.Run(tc.concern, func(t *testing.T) {
			if got := Violent(family(tc.concern)); got != tc.want {
				t.Errorf("Violent = %v, want %v", got, tc.want)
			}
		})
	}
	c := family("neglect")
	c.Reports[0].Indicators = []string{"witnessed_domestic_violence"}
	if !Violent(c) {
		t.Error("an indicator of witnessed domestic violence makes the case violent")
	}
}

// TestFatherNeverReadsWhereTheyStay is the attack on the finding of issue
// 10: in a case with domestic violence, the father's copy never holds the
// mother's or the children's whereabouts, however the marks are set.
func TestFatherNeverReadsWhereTheyStay(t *testing.T) {
	stay := action(1, "M + kids naar zus (Schiedam), adres niet aan vader", shelterText)
	call := action(2, "Wekelijks contact regie", "Wij bellen u elke week.")
	for _, tc := range []struct {
		name  string
		marks []Mark
	}{
		{"whereabouts of the mother", []Mark{{ActionID: 1, Person: schakel.PersonRef{ID: mother}, Kind: MarkWhereabouts}}},
		{"whereabouts of the child", []Mark{{ActionID: 1, Person: schakel.PersonRef{ID: child}, Kind: MarkWhereabouts}}},
		{"niet delen met vader", []Mark{{ActionID: 1, Person: schakel.PersonRef{ID: father}, Kind: MarkWithhold}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cp, err := Build(family("domestic_violence"), workspace(stay, call), tc.marks, father, time.Now(), time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			body := text(t, cp)
			for _, leak := range []string{"Schiedam", "zus", stay.Title, "Havenstraat", "3111"} {
				if strings.Contains(body, leak) {
					t.Errorf("father's copy contains %q: %s", leak, body)
				}
			}
			if !strings.Contains(body, "Wij bellen u elke week.") || cp.LeftOut != 1 || !cp.PerParent {
				t.Errorf("copy = %+v, want the call kept, one left out, per parent", cp)
			}
		})
	}
}

func TestBuildRules(t *testing.T) {
	stay := action(1, "Verblijf", shelterText)
	mark := []Mark{{ActionID: 1, Person: schakel.PersonRef{ID: mother}, Kind: MarkWhereabouts}}
	for _, tc := range []struct {
		name      string
		c         schakel.Case
		actions   []schakel.Action
		marks     []Mark
		recipient int64
		code      string
		shows     bool // the shelter text is in the copy
	}{
		{"violent case needs a recipient", family("domestic_violence"), []schakel.Action{stay}, mark, 0, schakel.ECONFLICT, false},
		{"a child is no recipient", family("neglect"), []schakel.Action{stay}, nil, child, schakel.EINVALID, false},
		{"mother sees her own whereabouts", family("domestic_violence"), []schakel.Action{stay}, mark, mother, "", true},
		{"shared copy leaves out every marked item", family("neglect"), []schakel.Action{stay}, mark, 0, "", false},
		{"unmarked in a calm case", family("neglect"), []schakel.Action{stay}, nil, 0, "", true},
		{"no family text: left out, not the title", family("neglect"), []schakel.Action{action(1, "Interne notitie risicotaxatie", "")}, nil, 0, "", false},
		{"same text through another action is refused", family("domestic_violence"),
			[]schakel.Action{stay, action(2, "Kopie", shelterText)}, mark, father, schakel.ECONFLICT, false},
		{"the title of a hidden action in another text is refused", family("domestic_violence"),
			[]schakel.Action{action(1, "Opvang bij de zus in Schiedam", "U bent veilig."), action(2, "Kopie", "Opvang bij de zus in Schiedam, fijn.")},
			[]Mark{{ActionID: 1, Person: schakel.PersonRef{ID: father}, Kind: MarkWithhold}}, father, schakel.ECONFLICT, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cp, err := Build(tc.c, workspace(tc.actions...), tc.marks, tc.recipient, time.Now(), time.UTC)
			if schakel.ErrorCode(err) != tc.code && !(tc.code == "" && err == nil) {
				t.Fatalf("err = %v, want %q", err, tc.code)
			}
			if err != nil {
				return
			}
			if got := strings.Contains(text(t, cp), "Schiedam"); got != tc.shows {
				t.Errorf("shows the whereabouts = %v, want %v: %s", got, tc.shows, text(t, cp))
			}
			if strings.Contains(text(t, cp), "risicotaxatie") {
				t.Error("the professional title reached the copy")
			}
		})
	}
}

func TestDigestFollowsContentAndRecipient(t *testing.T) {
	w := workspace(action(1, "t", "Wij bellen u elke week."))
	a, errA := Build(family("neglect"), w, nil, mother, time.Now(), time.UTC)
	b, errB := Build(family("neglect"), w, nil, father, time.Now(), time.UTC)
	w.Plan.Actions[0].FamilyText = "Wij bellen u elke dag."
	c, errC := Build(family("neglect"), w, nil, mother, time.Now(), time.UTC)
	if errA != nil || errB != nil || errC != nil {
		t.Fatal(errA, errB, errC)
	}
	if a.Digest == b.Digest || a.Digest == c.Digest || len(a.Recipients) != 2 {
		t.Errorf("digests %s %s %s must differ; recipients %v", a.Digest, b.Digest, c.Digest, a.Recipients)
	}
}

// TestDigestCoversTheMarks: a mark changed or removed changes the
// fingerprint, also when the copy's text stays the same (the marked action
// has no family text yet), so a confirmed copy must be confirmed again.
func TestDigestCoversTheMarks(t *testing.T) {
	w := workspace(action(1, "t", "Wij bellen u elke week."), action(2, "Opvang regelen", ""))
	marked := []Mark{{ID: 1, ActionID: 2, Person: schakel.PersonRef{ID: father}, Kind: MarkWithhold}}
	digestWith := func(marks []Mark) string {
		t.Helper()
		cp, err := Build(family("neglect"), w, marks, mother, time.Now(), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return cp.Digest
	}
	before := digestWith(marked)
	changed := []Mark{{ID: 1, ActionID: 2, Person: schakel.PersonRef{ID: father}, Kind: MarkWhereabouts}}
	for name, marks := range map[string][]Mark{"kind changed": changed, "removed": nil,
		"person changed": {{ID: 1, ActionID: 2, Person: schakel.PersonRef{ID: child}, Kind: MarkWithhold}}} {
		if digestWith(marks) == before {
			t.Errorf("%s: the digest stayed the same", name)
		}
	}
	if digestWith(marked) != before {
		t.Error("the same marks give another digest")
	}
}

func TestMayChange(t *testing.T) {
	const vt, jb, raad = 1, 2, 3
	tests := []struct {
		name                   string
		placedBy, regie, actor int64
		want                   bool
	}{
		{"the organisation that placed it", jb, vt, jb, true},
		{"the organisation with regie", jb, vt, vt, true},
		{"another organisation on the case", jb, vt, raad, false},
		{"no organisation", jb, vt, 0, false},
		{"a case without regie", jb, 0, raad, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MayChange(tt.placedBy, tt.regie, tt.actor); got != tt.want {
				t.Fatalf("MayChange = %v, want %v", got, tt.want)
			}
		})
	}
}
