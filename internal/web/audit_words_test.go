package web

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"schakel/internal/audit"
)

// TestAuditWordsCoverEveryCode: every event, basis and resource type that
// Schakel writes to the access log has Dutch words, so the privacy officer
// never reads a code. Resource types are taken from the source itself.
func TestAuditWordsCoverEveryCode(t *testing.T) {
	for _, ev := range audit.Events {
		if auditEventNL[ev] == "" {
			t.Errorf("event %q has no Dutch word", ev)
		}
		// Logging in and out never concerns a family member.
		if !accessEvents[ev] && ev != audit.EventLogin && ev != audit.EventLogout {
			t.Errorf("event %q has no sentence for the family", ev)
		}
	}
	for _, b := range audit.Bases {
		if auditBasisNL[b] == "" {
			t.Errorf("basis %q has no Dutch words", b)
		}
	}
	written := regexp.MustCompile(`ResourceType: *"([a-z_]+)"|s\.refuse\(r, "([a-z_]+)"|refuseNotFound\(actor, [A-Za-z.]+, "([a-z_]+)"`)
	found := map[string]bool{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range written.FindAllStringSubmatch(string(src), -1) {
			found[m[1]+m[2]+m[3]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) < 15 {
		t.Fatalf("found only %d resource types in the source: %v", len(found), found)
	}
	for rt := range found {
		if auditResourceNL[rt] == "" {
			t.Errorf("resource type %q is written to the access log but has no Dutch word in audit_words_nl.go", rt)
		}
	}
}

func TestAuditResourceInWords(t *testing.T) {
	names := auditNames{professionals: map[int64]string{7: "Mohamed El Idrissi"}, organisations: map[int64]string{3: "Veilig Thuis"}}
	for _, tt := range []struct {
		typ, id, want string
	}{
		{"case", "4", "Casus 4"},
		{"professional", "7", "Medewerker Mohamed El Idrissi"},
		{"professional", "8", "Medewerker 8"},
		{"duty_shift", "7", "Piketdienst van Mohamed El Idrissi"},
		{"audit_trail", "3", "Toegangslogboek van Veilig Thuis"},
		{"norm", "vt_investigation", "Norm: Onderzoek Veilig Thuis"},
		{"session", "", "Inlogsessie"},
		{"something_new", "1", "Onbekend (something_new) 1"},
	} {
		t.Run(tt.typ+" "+tt.id, func(t *testing.T) {
			if got := names.resource(audit.Entry{ResourceType: tt.typ, ResourceID: tt.id}); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestAccessLine: the per-person log says who, which organisation, when,
// what and why in short sentences.
func TestAccessLine(t *testing.T) {
	at := time.Date(2026, 12, 1, 2, 8, 0, 0, time.UTC) // 03:08 in Amsterdam
	orgs := map[int64]string{3: "Veilig Thuis Rotterdam Rijnmond"}
	sanne := audit.Entry{At: at, UserName: "Sanne de Wit", OrganisationID: 3, PrincipalKind: "professional", Outcome: audit.Allowed}
	with := func(e audit.Entry, f func(*audit.Entry)) audit.Entry { f(&e); return e }
	for _, tt := range []struct {
		name string
		e    audit.Entry
		want accessLine
	}{
		{"read by a participant", with(sanne, func(e *audit.Entry) {
			e.Event, e.AccessBasis, e.ResourceType = audit.EventRead, audit.BasisParticipation, "case"
		}),
			accessLine{When: "dinsdag 1 december 2026, om 03:08", Who: "Sanne de Wit van Veilig Thuis Rotterdam Rijnmond",
				What: "heeft uw gegevens bekeken.", Why: "Veilig Thuis Rotterdam Rijnmond helpt uw gezin."}},
		{"refused", with(sanne, func(e *audit.Entry) {
			e.Event, e.AccessBasis, e.Outcome, e.ResourceType = audit.EventUpdate, audit.BasisNone, audit.Refused, "case"
		}),
			accessLine{When: "dinsdag 1 december 2026, om 03:08", Who: "Sanne de Wit van Veilig Thuis Rotterdam Rijnmond",
				What: "wilde iets over u veranderen.", Why: "Dat mocht niet. Schakel heeft niets laten zien en niets veranderd.", Refused: true}},
		{"search at a new report", with(sanne, func(e *audit.Entry) {
			e.Event, e.AccessBasis, e.ResourceType = audit.EventSearch, audit.BasisRole, "person_match"
		}),
			accessLine{When: "dinsdag 1 december 2026, om 03:08", Who: "Sanne de Wit van Veilig Thuis Rotterdam Rijnmond",
				What: "heeft gekeken of uw gezin al bekend was.", Why: "Dat gebeurt bij elke nieuwe melding. Zo werken organisaties niet langs elkaar heen."}},
		{"Schakel itself", audit.Entry{At: at, PrincipalKind: "system", Event: audit.EventCreate, AccessBasis: audit.BasisSystem, Outcome: audit.Allowed},
			accessLine{When: "dinsdag 1 december 2026, om 03:08", Who: "Schakel zelf", What: "heeft iets over u opgeschreven.",
				Why: "Schakel deed dit zelf, bijvoorbeeld bij onderhoud."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := accessLineOf(tt.e, orgs); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
