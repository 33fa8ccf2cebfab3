package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
)

type auditEntryJSON struct {
	Seq            int64   `json:"seq"`
	Event          string  `json:"event"`
	Outcome        string  `json:"outcome"`
	UserID         int64   `json:"user_id"`
	OrganisationID int64   `json:"organisation_id"`
	AccessBasis    string  `json:"access_basis"`
	ResourceType   string  `json:"resource_type"`
	ResourceID     string  `json:"resource_id"`
	ClientAddr     string  `json:"client_addr"`
	Workstation    string  `json:"workstation"`
	OnBehalfOf     string  `json:"on_behalf_of"`
	Persons        []int64 `json:"persons"`
	Hash           string  `json:"hash"`
}

type auditList struct {
	Entries []auditEntryJSON `json:"entries"`
}

func TestPrivacy(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		vtOrg := mustProfessional(t, ts, vtPrivacy).Organisation.ID
		privacyID := ts.ProfessionalID(vtPrivacy)
		caseWorkerID := ts.ProfessionalID(vtCaseWorker)
		officer := ts.Login(vtPrivacy).StepUp() // writes a login entry
		officerAPI := ts.Bearer(vtPrivacy).StepUp()

		t.Run("officer sees the trail of their organisation", func(t *testing.T) {
			page := officer.Get("/privacy/logboek")
			wantStatus(t, page, http.StatusOK)
			wantContains(t, page, "<h1>Toegangslogboek</h1>", "Karin Mulder", "127.0.0.1")

			// As serve's sealer does within a second: the entries listed
			// below then carry their hashes.
			if _, err := ts.DB.SealAudit(t.Context()); err != nil {
				t.Fatal(err)
			}

			var list auditList
			r := officerAPI.Get("/api/v1/audit")
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &list)
			if len(list.Entries) == 0 {
				t.Fatal("no entries")
			}
			var login bool
			for i, en := range list.Entries {
				if en.OrganisationID != vtOrg {
					t.Errorf("entry %d of organisation %d in VT's trail", en.Seq, en.OrganisationID)
				}
				if i > 0 && en.Seq >= list.Entries[i-1].Seq {
					t.Errorf("entries not newest first")
				}
				if en.Hash == "" {
					t.Errorf("entry %d without hash", en.Seq)
				}
				if en.Event == "login" && en.UserID == privacyID && en.Outcome == "allowed" && en.ClientAddr == "127.0.0.1" {
					login = true
				}
			}
			if !login {
				t.Errorf("the officer's own login is not in the trail: %+v", list.Entries)
			}
			// Filters.
			var logins auditList
			officerAPI.Get("/api/v1/audit?event=login&user_id="+itoa(privacyID)+"&limit=1").JSON(t, &logins)
			if len(logins.Entries) != 1 || logins.Entries[0].Event != "login" || logins.Entries[0].UserID != privacyID {
				t.Errorf("filtered = %+v", logins.Entries)
			}
		})

		t.Run("case worker is refused, and the refusal is logged", func(t *testing.T) {
			worker := ts.Bearer(vtCaseWorker).StepUp()
			r := worker.Get("/api/v1/audit")
			wantStatus(t, r, http.StatusForbidden)
			if p := r.Problem(t); p.Code != "forbidden" {
				t.Errorf("code = %q", p.Code)
			}
			page := ts.Login(vtCaseWorker).StepUp().Get("/privacy/logboek")
			wantStatus(t, page, http.StatusForbidden)
			wantContains(t, page, "<h1>Geen toegang</h1>", "privacy officer")

			var refused auditList
			officerAPI.Get("/api/v1/audit?outcome=refused&user_id="+itoa(caseWorkerID)).JSON(t, &refused)
			n, viaToken := 0, 0
			for _, en := range refused.Entries {
				if en.ResourceType == "audit_trail" && en.Outcome == "refused" && en.UserID == caseWorkerID && en.AccessBasis == "none" {
					n++
					if strings.HasPrefix(en.OnBehalfOf, "api-token:") {
						viaToken++
					}
				}
			}
			if n != 2 || viaToken != 1 {
				t.Errorf("want both refusals (API and page) in the trail, found %d: %+v", n, refused.Entries)
			}
			// The refusal shows on the officer's screen too.
			// In Dutch words, not codes.
			refusedPage := officer.Get("/privacy/logboek?outcome=refused")
			wantContains(t, refusedPage, "Geweigerd", "Mohamed El Idrissi", "Toegangslogboek van Veilig Thuis Rotterdam Rijnmond",
				"Het mocht niet", "Bekeken")
			for _, code := range []string{">read<", "audit_trail", ">none<", "api-token"} {
				if strings.Contains(refusedPage.Body, code) {
					t.Errorf("the officer's trail shows the code %q", code)
				}
			}
		})

		t.Run("failed logins on the organisation's accounts", func(t *testing.T) {
			leadID := ts.ProfessionalID(vtTeamLead)
			r := ts.Anonymous().PostForm("/login", url.Values{"email": {vtTeamLead}, "password": {"verkeerd-wachtwoord"}})
			wantStatus(t, r, http.StatusUnauthorized)
			var list auditList
			officerAPI.Get("/api/v1/audit?event=login&outcome=refused&user_id="+itoa(leadID)).JSON(t, &list)
			if len(list.Entries) != 1 || list.Entries[0].ClientAddr != "127.0.0.1" || list.Entries[0].OrganisationID != vtOrg {
				t.Errorf("failed login in the trail = %+v", list.Entries)
			}
		})

		t.Run("officer of another organisation sees only their own", func(t *testing.T) {
			other := ts.Bearer(gemPrivacy).StepUp()
			gemOrg := mustProfessional(t, ts, gemPrivacy).Organisation.ID
			var list auditList
			r := other.Get("/api/v1/audit?limit=500")
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &list)
			for _, en := range list.Entries {
				if en.OrganisationID != gemOrg {
					t.Errorf("municipality's officer sees entry %d of organisation %d", en.Seq, en.OrganisationID)
				}
				if en.UserID == privacyID || en.UserID == caseWorkerID {
					t.Errorf("municipality's officer sees VT's people: %+v", en)
				}
			}
		})

		t.Run("who looked at a person's file", func(t *testing.T) {
			rep := ts.fileReport(t, vtIntake, false)
			pid := rep.Case.Persons[0].ID
			path := "/api/v1/persons/" + itoa(pid) + "/accesses"
			type accesses struct {
				PersonID int64            `json:"person_id"`
				Entries  []auditEntryJSON `json:"entries"`
			}
			var acc accesses
			r := officerAPI.Get(path)
			wantStatus(t, r, http.StatusOK)
			r.JSON(t, &acc)
			sanneID := ts.ProfessionalID(vtIntake)
			if acc.PersonID != pid || !slices.ContainsFunc(acc.Entries, func(e auditEntryJSON) bool { return e.UserID == sanneID }) {
				t.Errorf("accesses do not show the intake worker's filing: %s", r.Body)
			}
			// Asking is itself an access to that person's data, so the next
			// answer lists the question first.
			acc = accesses{}
			officerAPI.Get(path).JSON(t, &acc)
			if len(acc.Entries) == 0 || acc.Entries[0].ResourceType != "person_accesses" || acc.Entries[0].UserID != privacyID ||
				!slices.Contains(acc.Entries[0].Persons, pid) {
				t.Errorf("second answer = %+v", acc.Entries)
			}
			page := officer.Get("/privacy/personen/" + itoa(pid))
			wantStatus(t, page, http.StatusOK)
			// In sentences a parent or a child of 12 reads: who, which
			// organisation, what and why.
			wantContains(t, page, "gezinslid nummer "+itoa(pid), "<strong>Karin Mulder van Veilig Thuis Rotterdam Rijnmond</strong> heeft uw gegevens bekeken.",
				"Waarom mocht dat? Dit is het werk van de privacy officer.", "<strong>Sanne de Wit van Veilig Thuis Rotterdam Rijnmond</strong> heeft iets over u opgeschreven.")

			// Not for a case worker or an admin, nor for the officer of an
			// organisation that does not know the person, nor for a person
			// nobody knows.
			for _, email := range []string{vtCaseWorker, vtAdmin, gemPrivacy} {
				wantStatus(t, ts.Bearer(email).StepUp().Get(path), http.StatusForbidden)
				wantStatus(t, ts.Login(email).StepUp().Get("/privacy/personen/"+itoa(pid)), http.StatusForbidden)
			}
			wantStatus(t, officerAPI.Get("/api/v1/persons/987654/accesses"), http.StatusForbidden)
		})

		t.Run("the trail is intact", func(t *testing.T) {
			if _, err := ts.DB.SealAudit(t.Context()); err != nil {
				t.Fatal(err)
			}
			n, err := ts.DB.VerifyAudit(t.Context())
			if err != nil || n == 0 {
				t.Errorf("VerifyAudit = %d, %v", n, err)
			}
		})
	})
}
