package web_test

import (
	"strings"
	"testing"
	"time"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
	"schakel/internal/workdays"
)

// TestBrowserPlan drives Chromium through the joint work on a red case:
// organisations join with a role, the plan is refused while nobody talks
// with the child, then agreed at the crisis consultation; findings and a
// safety scale are added; the consultation, its minutes and the parents'
// copy are shown; and Schuldhulp exits with a handover, after which it sees
// only its own record. axe-core checks every page on the way.
func TestBrowserPlan(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	res := ts.fileReport(t, vtIntake, true)
	ctx := browsertest.New(t)
	caseURL := ts.URL + "/casussen/" + itoa(res.CaseID)
	form := func(path string) string {
		return "form[action='/casussen/" + itoa(res.CaseID) + path + "'] button[type=submit]"
	}
	jb := mustProfessional(t, ts, jbCaseWorker)
	rob := mustProfessional(t, ts, schuldhulpRob)
	mohamed := mustProfessional(t, ts, vtMohamed)
	look := func(name, page string) {
		t.Helper()
		if h1 := browsertest.Text(t, ctx, "h1"); h1 == "" {
			t.Errorf("%s has no h1", page)
		}
		browsertest.Axe(t, ctx, page)
		browsertest.Screenshot(t, ctx, name)
	}
	wantText := func(sel, want string) {
		t.Helper()
		if got := browsertest.Text(t, ctx, sel); !strings.Contains(got, want) {
			t.Fatalf("%s says %q, want %q", sel, got, want)
		}
	}

	browserLogin(t, ctx, ts.URL, vtIntake)
	if st := browsertest.Navigate(t, ctx, caseURL); st != 200 {
		t.Fatalf("case page: %d", st)
	}
	wantText("#overzicht", "In één oogopslag")
	look("plan-01-case.png", "case page before the plan")

	// Jeugdbescherming and Schuldhulp join with their own roles.
	browsertest.Navigate(t, ctx, caseURL+"/organisaties")
	look("plan-02-organisations.png", "organisations")
	for _, j := range []struct {
		org, contact int64
		role         string
	}{{jb.Organisation.ID, jb.ID, "uitvoering"}, {rob.Organisation.ID, rob.ID, "advies"}} {
		browsertest.Fill(t, ctx, "#join-organisation_id", itoa(j.org))
		browsertest.Fill(t, ctx, "#join-role", j.role)
		browsertest.Fill(t, ctx, "#join-contact_professional_id", itoa(j.contact))
		browsertest.Fill(t, ctx, "#join-reason", "Nodig voor het plan van aanpak")
		if st := browsertest.Submit(t, ctx, form("/organisaties")); st != 200 {
			t.Fatalf("add organisation: %d", st)
		}
	}
	wantText("[role=status]", "De organisatie doet mee")

	// The plan: a talk with the parents, a safety agreement; agreeing is
	// refused while nobody talks with the child.
	browsertest.Navigate(t, ctx, caseURL+"/plan")
	look("plan-03-empty.png", "empty plan")
	addAction := func(title, kind, forWhom string, owner int64, days int) {
		t.Helper()
		browsertest.Fill(t, ctx, "#action-title", title)
		browsertest.Check(t, ctx, "#nieuwe-actie input[name=kind][value='"+kind+"']", true)
		browsertest.Check(t, ctx, "#nieuwe-actie input[name=for][value='"+forWhom+"']", true)
		browsertest.Fill(t, ctx, "#action-owner", itoa(owner))
		browsertest.Fill(t, ctx, "#action-due_date", today(ts, days))
		if st := browsertest.Submit(t, ctx, form("/acties")); st != 200 {
			t.Fatalf("add action %q: %d", title, st)
		}
	}
	addAction("Gesprek met moeder over de veiligheidsafspraken", "action", "parents", mohamed.ID, 2)
	addAction("Vader slaapt tot het overleg bij zijn broer", "safety_agreement", "parents", mohamed.ID, 0)
	browsertest.Fill(t, ctx, "#agree-review_date", today(ts, 42))
	if st := browsertest.Submit(t, ctx, form("/plan/vaststellen")); st != 422 {
		t.Fatalf("agreeing without a talk with the child: %d, want 422", st)
	}
	wantText("#vaststellen [role=alert]", "met het kind")
	look("plan-04-agree-refused.png", "plan: agreeing refused")

	addAction("Gesprek met Kind op school", "action", "child", jb.ID, 3)
	addAction("Kind voelt zich veilig thuis", "goal", "", jb.ID, 90)
	// The table is held first (moved, an agenda point, attendance), then
	// the plan is agreed there, after a confirmation page that shows what
	// is agreed.
	browsertest.Navigate(t, ctx, ts.URL+"/overleggen/"+itoa(res.Consultation.ID))
	// Moved half an hour with the form (a red case keeps its crisis
	// consultation, so no cancel form).
	browsertest.Click(t, ctx, "#wijzigen details summary")
	later := res.Consultation.ScheduledAt.Add(30 * time.Minute).In(workdays.Location())
	browsertest.Fill(t, ctx, "#move-scheduled_at", later.Format("2006-01-02T15:04"))
	browsertest.Fill(t, ctx, "#move-reason", "De vertrouwensarts kan pas een half uur later.")
	if st := browsertest.Submit(t, ctx, "form[action$='/verplaatsen'] button[type=submit]"); st != 200 {
		t.Fatalf("move: %d", st)
	}
	wantText("[role=status]", "Het overleg is verplaatst")
	wantText("main", "verplaatst van")
	if browsertest.Exists(t, ctx, "form[action$='/afzeggen']") {
		t.Error("a cancel form for the crisis consultation of a red case")
	}
	look("plan-08a-consultation-moved.png", "consultation moved")
	browsertest.Fill(t, ctx, "#agenda-text", "Veiligheidsafspraken met moeder")
	if st := browsertest.Submit(t, ctx, "form[action$='/agenda'] button[type=submit]"); st != 200 {
		t.Fatalf("agenda: %d", st)
	}
	// Attendance is recorded once the table began (issue 10).
	wantText("#attendance-later", "Vanaf dan legt u hier vast wie er waren")
	beginConsultation(t, ts, res.Consultation.ID)
	browserLogin(t, ctx, ts.URL, vtIntake) // the clock moved past the session's idle time
	browsertest.Navigate(t, ctx, ts.URL+"/overleggen/"+itoa(res.Consultation.ID))
	// The intake worker who took the report sits at the table (issue 10),
	// so she is on the list rather than adding herself.
	browsertest.Check(t, ctx, "input[name=present][value='"+itoa(ts.ProfessionalID(vtIntake))+"']", true)
	browsertest.Check(t, ctx, "#present-0", true)
	if st := browsertest.Submit(t, ctx, "form[action$='/aanwezigheid'] button[type=submit]"); st != 200 {
		t.Fatalf("attendance: %d", st)
	}
	wantText("[role=status]", "aanwezigheid is vastgelegd")
	look("plan-08-consultation.png", "consultation with attendance")
	browsertest.Navigate(t, ctx, caseURL+"/plan")
	browsertest.Fill(t, ctx, "#agree-consultation_id", itoa(res.Consultation.ID))
	browsertest.Fill(t, ctx, "#agree-review_date", today(ts, 42))
	if st := browsertest.Submit(t, ctx, form("/plan/vaststellen")); st != 200 {
		t.Fatalf("agree: %d", st)
	}
	wantText("#bevestigen", "Controleer wat u vaststelt")
	look("plan-05a-agree-confirm.png", "plan: confirm what is agreed")
	if st := browsertest.Submit(t, ctx, form("/plan/vaststellen")); st != 200 {
		t.Fatalf("confirm: %d", st)
	}
	wantText("[role=status]", "Het plan is vastgesteld")
	look("plan-05-agreed.png", "plan agreed")

	// Findings in three columns and a safety scale.
	browsertest.Navigate(t, ctx, caseURL+"/bevindingen")
	browsertest.Check(t, ctx, "#finding-column-0", true)
	browsertest.Fill(t, ctx, "#finding-text", "Vader dreigde moeder; het kind hoorde het.")
	browsertest.Fill(t, ctx, "#finding-consultation_id", itoa(res.Consultation.ID))
	if st := browsertest.Submit(t, ctx, form("/bevindingen")); st != 200 {
		t.Fatalf("finding: %d", st)
	}
	browsertest.Fill(t, ctx, "#scale-value", "3")
	browsertest.Fill(t, ctx, "#scale-reason", "Afspraken staan, maar vader is nog niet gesproken.")
	if st := browsertest.Submit(t, ctx, form("/veiligheidsschaal")); st != 200 {
		t.Fatalf("scale: %d", st)
	}
	look("plan-06-findings.png", "findings")

	// The case at a glance, the consultation, minutes, the parents' copy.
	browserStepUp(t, ctx, ts, vtIntake)
	browsertest.Navigate(t, ctx, caseURL)
	wantText("#overzicht", "Vastgesteld")
	wantText("#bevindingen", "Vader dreigde moeder")
	look("plan-07-case.png", "case page with plan")
	browsertest.Navigate(t, ctx, ts.URL+"/overleggen/"+itoa(res.Consultation.ID)+"/verslag")
	wantText("main", "In dit overleg vastgesteld")
	wantText("#kop-aanwezig + ul", "Sanne de Wit")
	look("plan-09-minutes.png", "minutes")
	// Domestic violence: the page asks for which parent; the copy is not
	// confirmed yet.
	browsertest.Navigate(t, ctx, caseURL+"/voor-ouders")
	wantText("main", "Maak de kopie per ouder")
	look("plan-10a-family-choose.png", "family copy: choose the parent")
	parent := int64(0)
	for _, p := range res.Case.Persons {
		if p.Kind == "adult" {
			parent = p.ID
		}
	}
	browsertest.Navigate(t, ctx, caseURL+"/voor-ouders?voor="+itoa(parent))
	wantText("main", "Uw contactpersoon")
	wantText("#nog-niet-bevestigd", "Nog niet bevestigd")
	look("plan-10-family.png", "family summary")
	browserLogout(t, ctx)

	// Schuldhulp leaves with a handover; then it sees only its own record.
	browserLogin(t, ctx, ts.URL, schuldhulpRob)
	browsertest.Navigate(t, ctx, caseURL+"/bevindingen")
	browsertest.Check(t, ctx, "#finding-column-0", true)
	browsertest.Fill(t, ctx, "#finding-text", "Huurachterstand van vier maanden.")
	if st := browsertest.Submit(t, ctx, form("/bevindingen")); st != 200 {
		t.Fatalf("finding by Schuldhulp: %d", st)
	}
	browsertest.Navigate(t, ctx, caseURL+"/organisaties")
	browsertest.Fill(t, ctx, "#exit-handover", "Schulden in kaart gebracht; budgetplan gemaakt met moeder.")
	browsertest.Fill(t, ctx, "#exit-next_steps", "Het wijkteam begeleidt het budgetplan vanaf 1 december.")
	if st := browsertest.Submit(t, ctx, form("/organisaties/"+itoa(rob.Organisation.ID)+"/uitstappen")); st != 200 {
		t.Fatalf("exit: %d", st)
	}
	wantText("[role=status]", "uit de casus gestapt")
	wantText("main", "Huurachterstand van vier maanden.")
	look("plan-11-own-record.png", "own record after exit")
	if st := browsertest.Navigate(t, ctx, caseURL); st != 403 {
		t.Fatalf("case after exit: %d, want 403", st)
	}
	wantText("main", "wat uw organisatie vastlegde")
	look("plan-12-refused-after-exit.png", "case refused after exit")
}
