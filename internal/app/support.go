package app

// Support work on request (issue 14, item 4): a case holder posts a task
// for the support workers of their team. A support worker never reaches
// the case: only the task they claimed, under the basis "task", until it
// is done, handed back or withdrawn (access.DecideSupportTask).

import (
	"context"
	"errors"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/supportwork"
	"schakel/internal/workdays"
)

// PostSupportTask posts a task on a case for the actor's team. The actor
// must be able to write on the case and hold it for their organisation
// (or be a team lead) and be in a team. Bad input is refused and audited.
func (a *App) PostSupportTask(ctx context.Context, actor *schakel.Actor, caseID int64, in supportwork.TaskInput) (schakel.SupportTask, error) {
	var out schakel.SupportTask
	cmd := caseCommand{caseID: caseID, open: true, action: access.Write, event: audit.EventCreate, detail: "support task"}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		holders, err := tx.CaseHolders(caseID)
		if err != nil {
			return err
		}
		me := actor.Professional
		held := false
		for _, h := range holders {
			held = held || (h.ProfessionalID == me.ID && h.OrganisationID == me.Organisation.ID)
		}
		team, inTeam, err := tx.MembershipOf(me.ID)
		if err != nil {
			return err
		}
		d := access.DecidePostTask(access.SubjectFor(actor), held, inTeam)
		if !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "support_task", ResourceID: fmt.Sprint(caseID), Detail: "post refused"})
			return tx.Refuse(d)
		}
		task, err := supportwork.Validate(in, tx.Now(), workdays.Location())
		if err != nil {
			return refuseTaskInput(tx, actor, audit.EventCreate, caseID, err)
		}
		id, err := tx.InsertSupportTask(storage.SupportTaskRecord{CaseID: caseID, TeamID: team.TeamID, OrganisationID: me.Organisation.ID,
			PostedBy: me.ID, Kind: task.Kind, DueOn: task.DueOn, Brief: task.Brief, ShareAddress: task.ShareAddress})
		if err != nil {
			return err
		}
		workers, err := tx.TeamSupportWorkers(team.TeamID)
		if err != nil {
			return err
		}
		text := fmt.Sprintf("Nieuwe taak voor uw team: %s, klaar op %s. Kijk bij Ondersteuning.", schakel.TaskKindDutch(task.Kind), dayDutch(task.DueOn))
		for _, w := range workers {
			if err := notice(tx, w, "support_task", 0, 0, text); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "support_task", ResourceID: fmt.Sprint(id), AccessBasis: d.Basis,
			Detail: fmt.Sprintf("case %d, %s", caseID, task.Kind)})
		out, _, err = tx.SupportTask(id)
		return err
	})
	return out, err
}

// refuseTaskInput refuses bad input on a task: the attempt is audited with
// the fields that were wrong, nothing else is kept, the caller gets them.
func refuseTaskInput(tx *storage.Tx, actor *schakel.Actor, event string, id int64, err error) error {
	var e *schakel.Error
	detail := "refused: bad input"
	if errors.As(err, &e) {
		for _, f := range e.Fields {
			detail += " " + f.Field + ":" + f.Code
		}
	}
	d := access.Decision{Basis: audit.BasisNone, Reason: "bad input"}
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "support_task", ResourceID: fmt.Sprint(id), Detail: detail})
	return tx.RefuseWith(d, err)
}

// dayDutch writes a due date as the region reads it.
func dayDutch(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006") }
