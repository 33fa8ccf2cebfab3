package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// refusal is one command that must be refused or rejected.
type refusal struct {
	name     string
	want     string
	maxAudit int64
	audited  bool // the attempt must leave an audit entry (a refusal, a not-found on someone else's object)
	command  func() error
}

// TestRoleCommandsRefusedWriteNothingButAudit runs the commands on roles,
// experts, colleague requests, drafts, the assessment and the timeline as
// someone the rules refuse, or with a value they reject, and proves that
// every table but the audit trail holds as many rows as before, and that
// each refusal and each not-found on someone else's object is audited.
func TestRoleCommandsRefusedWriteNothingButAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		w := newRolesWorld(t, db)
		var cases []refusal
		cases = append(cases, w.participationRefusals()...)
		cases = append(cases, w.exitAndExpertRefusals()...)
		cases = append(cases, w.personalRefusals()...)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before := auditRows(t, db)
				refusedLeavesOnlyAudit(t, db, c.want, c.maxAudit, c.command)
				if (c.audited || c.want == schakel.EFORBIDDEN) && auditRows(t, db) == before {
					t.Errorf("the attempt left no audit entry")
				}
			})
		}
	})
}

// mentioning makes a command fail the test's code check unless its error
// says why.
func mentioning(why string, command func() error) func() error {
	return func() error {
		err := command()
		if err != nil && !strings.Contains(err.Error(), why) {
			return fmt.Errorf("the error does not say %q: %v", why, err)
		}
		return err
	}
}

func auditRows(t *testing.T, db *storage.DB) int64 {
	t.Helper()
	n, err := db.RowCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n["audit_log"]
}

func (w *rolesWorld) participationRefusals() []refusal {
	ctx, uc, caseID := context.Background(), w.uc, w.caseID
	raad, jb := w.wouter.Professional.Organisation.ID, w.fatma.Professional.Organisation.ID
	add := func(a *schakel.Actor, org int64, reason string) func() error {
		return func() error {
			_, err := uc.AddParticipation(ctx, a, caseID, schakel.ParticipationInput{OrganisationID: org, Role: schakel.RoleAdvies, Reason: reason})
			return err
		}
	}
	role := func(a *schakel.Actor, org int64, r schakel.ParticipationRole) func() error {
		return func() error {
			_, err := uc.ChangeRole(ctx, a, caseID, org, plan.RoleChange{Role: r, Reason: "Het plan vraagt een andere rol."})
			return err
		}
	}
	handover := func(a *schakel.Actor, to int64) func() error {
		return func() error {
			_, err := uc.HandoverRegie(ctx, a, caseID, plan.Handover{ToOrganisationID: to, Reason: "Jeugdbescherming neemt het over."})
			return err
		}
	}
	return []refusal{
		{"an outsider organisation adds itself", schakel.EFORBIDDEN, 2, true, add(w.outsider, w.outsider.Professional.Organisation.ID, "Wij kennen het gezin ook.")},
		{"adding an organisation of another region", schakel.EINVALID, 2, false, add(w.sanne, w.elsewhereOrg, "Het gezin verhuist misschien.")},
		{"adding an organisation without a reason", schakel.EINVALID, 2, false, add(w.sanne, w.outsider.Professional.Organisation.ID, "  ")},
		{"adding an organisation already on the case", schakel.ECONFLICT, 2, false, add(w.sanne, jb, "Nog een keer.")},
		{"another region adds an organisation", schakel.EFORBIDDEN, 2, true, add(w.elsewhere, w.elsewhereOrg, "Wij nemen het over.")},
		{"an outsider changes a role", schakel.EFORBIDDEN, 2, true, role(w.outsider, jb, schakel.RoleAdvies)},
		{"changing another organisation's role without regie", schakel.EFORBIDDEN, 2, true, role(w.fatma, raad, schakel.RoleAdvies)},
		{"changing the role of an organisation not on the case", schakel.ENOTFOUND, 2, false, role(w.sanne, w.elsewhereOrg, schakel.RoleAdvies)},
		{"taking regie by a role change", schakel.EINVALID, 2, false, role(w.fatma, jb, schakel.RoleRegie)},
		{"handing over regie one does not hold", schakel.EFORBIDDEN, 2, true, handover(w.fatma, jb)},
		{"an outsider hands over regie", schakel.EFORBIDDEN, 2, true, handover(w.outsider, jb)},
		{"handing regie to an organisation not on the case", schakel.EINVALID, 2, false, handover(w.sanne, w.outsider.Professional.Organisation.ID)},
	}
}

func (w *rolesWorld) exitAndExpertRefusals() []refusal {
	ctx, uc, caseID := context.Background(), w.uc, w.caseID
	exit := func(a *schakel.Actor, org int64) func() error {
		return func() error {
			_, err := uc.ExitCase(ctx, a, caseID, org, plan.ExitInput{Handover: "Alles is overgedragen aan het wijkteam.",
				NextSteps: "Het wijkteam belt de ouders deze week."})
			return err
		}
	}
	expert := func(a *schakel.Actor, in schakel.ExpertInput) func() error {
		return func() error { _, err := uc.AddExpert(ctx, a, caseID, in); return err }
	}
	reason := "Grote schulden, huisuitzetting dreigt"
	return []refusal{
		{"the Raad leaving with its investigation open", schakel.ECONFLICT, 2, false,
			mentioning("het onderzoek van de Raad loopt nog", exit(w.wouter, w.wouter.Professional.Organisation.ID))},
		{"leaving while holding regie", schakel.ECONFLICT, 2, false, mentioning("regie", exit(w.sanne, w.sanne.Professional.Organisation.ID))},
		{"making another organisation leave", schakel.EFORBIDDEN, 2, true, exit(w.sanne, w.fatma.Professional.Organisation.ID)},
		{"an outsider leaves the case", schakel.EFORBIDDEN, 2, true, exit(w.outsider, w.outsider.Professional.Organisation.ID)},
		{"an outsider adds an expert", schakel.EFORBIDDEN, 2, true, expert(w.outsider, schakel.ExpertInput{Expertise: "debt_counselling", Reason: reason})},
		{"an expert of another region", schakel.EINVALID, 2, false, expert(w.sanne, schakel.ExpertInput{ProfessionalID: w.elsewhereProfessional, Reason: reason})},
		{"an unknown expertise", schakel.EINVALID, 2, false, expert(w.sanne, schakel.ExpertInput{Expertise: "waarzeggerij", Reason: reason})},
		{"an expert without a reason", schakel.EINVALID, 2, false, expert(w.sanne, schakel.ExpertInput{Expertise: "debt_counselling"})},
	}
}

func (w *rolesWorld) personalRefusals() []refusal {
	ctx, uc, caseID := context.Background(), w.uc, w.caseID
	ask := func(a *schakel.Actor, to int64) func() error {
		return func() error {
			_, err := uc.AskColleague(ctx, a, caseID, plan.RequestInput{ToProfessionalID: to, Kind: schakel.RequestThinkAlong,
				At: "2099-01-05T10:00:00Z", Message: "Denkt u mee over het plan?"})
			return err
		}
	}
	event := func(a *schakel.Actor, at string) func() error {
		return func() error {
			_, err := uc.RecordEvent(ctx, a, caseID, schakel.ChainEventInput{Type: "closed", At: at}, storage.SourceAPI)
			return err
		}
	}
	return []refusal{
		{"an outsider asks a colleague along", schakel.EFORBIDDEN, 2, true, ask(w.outsider, w.mohamed.Professional.ID)},
		{"asking a colleague of another region", schakel.EINVALID, 2, false, ask(w.sanne, w.elsewhereProfessional)},
		{"answering someone else's colleague request", schakel.ENOTFOUND, 1, true, func() error {
			_, err := uc.AnswerColleague(ctx, w.fatma, w.ask, true, "Ik kom wel.")
			return err
		}},
		{"reading someone else's draft", schakel.ENOTFOUND, 1, true, func() error { _, err := uc.Draft(ctx, w.mohamed, w.draftID); return err }},
		{"saving over someone else's draft", schakel.ENOTFOUND, 1, true, func() error {
			_, err := uc.SaveDraft(ctx, w.mohamed, w.draftID, "{}")
			return err
		}},
		{"deleting someone else's draft", schakel.ENOTFOUND, 1, true, func() error { return uc.DeleteDraft(ctx, w.mohamed, w.draftID) }},
		{"a draft too large to keep", schakel.ETOOLARGE, 0, false, func() error {
			_, err := uc.SaveDraft(ctx, w.sanne, 0, strings.Repeat("x", storage.MaxDraftBytes+1))
			return err
		}},
		{"an outsider completes the assessment", schakel.EFORBIDDEN, 2, true, func() error { return uc.CompleteAssessment(ctx, w.outsider, w.reportID) }},
		{"an outsider closes the case on the timeline", schakel.EFORBIDDEN, 2, true, event(w.outsider, "2026-11-20")},
		{"another region closes the case on the timeline", schakel.EFORBIDDEN, 2, true, event(w.elsewhere, "2026-11-20")},
		{"an event with an unreadable date", schakel.EINVALID, 2, false, event(w.sanne, "gisteren")},
		{"an outsider reads an own record on the case", schakel.EFORBIDDEN, 2, true, func() error {
			_, err := uc.OwnRecordOf(ctx, w.outsider, caseID)
			return err
		}},
		{"an outsider reads the timeline", schakel.EFORBIDDEN, 2, true, func() error { _, err := uc.Timeline(ctx, w.outsider, caseID); return err }},
	}
}
