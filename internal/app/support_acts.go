package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/supportwork"
)

// onTask runs an act on a support task in one transaction: the task is
// loaded, access.DecideSupportTask decides and the decision is audited,
// then fn does the act. A task of another organisation, or none, is not
// found; any refusal leaves only its audit entry.
func (a *App) onTask(ctx context.Context, actor *schakel.Actor, id int64, act access.TaskAct, event string,
	fn func(tx *storage.Tx, t schakel.SupportTask, brief string, d access.Decision) error) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		if actor == nil || actor.Professional == nil {
			d := access.DecideSupportTask(access.SubjectFor(actor), act, access.TaskSeat{})
			tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "support_task", ResourceID: fmt.Sprint(id), Detail: string(act)})
			return tx.Refuse(d)
		}
		t, brief, err := tx.SupportTask(id)
		if schakel.ErrorCode(err) == schakel.ENOTFOUND || (err == nil && t.OrganisationID != actor.Professional.Organisation.ID) {
			return tx.RefuseNotFound(actor, event, "support_task", id, "Taak")
		}
		if err != nil {
			return err
		}
		seat, err := a.taskSeat(tx, actor, t)
		if err != nil {
			return err
		}
		d := access.DecideSupportTask(access.SubjectFor(actor), act, seat)
		entry := audit.Entry{Event: event, ResourceType: "support_task", ResourceID: fmt.Sprint(id), Detail: fmt.Sprintf("%s (%s)", act, t.Kind)}
		if act == access.TaskRead && d.Allowed {
			// The task is about the family: who looked at it shows in
			// "who looked at my file".
			if entry.Persons, err = tx.CasePersonIDs(t.CaseID); err != nil {
				return err
			}
		}
		tx.AuditDecision(actor, d, entry)
		if !d.Allowed {
			return tx.Refuse(d)
		}
		return fn(tx, t, brief, d)
	})
}

// taskSeat is the actor's place near a task: their team and their
// organisation's participation in the task's case.
func (a *App) taskSeat(tx *storage.Tx, actor *schakel.Actor, t schakel.SupportTask) (access.TaskSeat, error) {
	m, _, err := tx.MembershipOf(actor.Professional.ID)
	if err != nil {
		return access.TaskSeat{}, err
	}
	c, err := caseContext(tx, actor, t.CaseID)
	if err != nil {
		return access.TaskSeat{}, err
	}
	seat := access.TaskSeat{OrganisationID: t.OrganisationID, TeamID: t.TeamID, ActorTeamID: m.TeamID, PostedBy: t.PostedBy.ID,
		Status: t.Status, Participation: c.Participation}
	if t.ClaimedBy != nil {
		seat.ClaimedBy = t.ClaimedBy.ID
	}
	return seat, nil
}

// SupportTask returns the task view: for its claimant while it runs
// (basis task) and for its poster (basis self). The family's address is
// in it only when the poster chose to give it.
func (a *App) SupportTask(ctx context.Context, actor *schakel.Actor, id int64) (schakel.TaskView, error) {
	var out schakel.TaskView
	err := a.onTask(ctx, actor, id, access.TaskRead, audit.EventRead, func(tx *storage.Tx, t schakel.SupportTask, brief string, d access.Decision) error {
		out = schakel.TaskView{Task: forActor(actor, t), Brief: brief}
		if !t.ShareAddress {
			return nil
		}
		place, ok, err := tx.CaseAddress(t.CaseID)
		if ok {
			out.Address = &place
		}
		return err
	})
	return out, err
}

// ClaimSupportTask gives an open task of the team to a support worker.
func (a *App) ClaimSupportTask(ctx context.Context, actor *schakel.Actor, id int64) (schakel.SupportTask, error) {
	return a.taskAct(ctx, actor, id, access.TaskClaim, func(tx *storage.Tx, t schakel.SupportTask) (bool, string, error) {
		ok, err := tx.ClaimSupportTask(id, actor.Professional.ID)
		return ok, fmt.Sprintf("%s heeft uw taak %q op casus %d opgepakt.", actor.Professional.Name, schakel.TaskKindDutch(t.Kind), t.CaseID), err
	})
}

// HandBackSupportTask puts a claimed task back in the team's pool; the
// claimant's access to it ends.
func (a *App) HandBackSupportTask(ctx context.Context, actor *schakel.Actor, id int64) (schakel.SupportTask, error) {
	return a.taskAct(ctx, actor, id, access.TaskHandBack, func(tx *storage.Tx, t schakel.SupportTask) (bool, string, error) {
		ok, err := tx.HandBackSupportTask(id, actor.Professional.ID)
		return ok, fmt.Sprintf("%s heeft uw taak %q op casus %d teruggegeven. De taak staat weer open voor het team.",
			actor.Professional.Name, schakel.TaskKindDutch(t.Kind), t.CaseID), err
	})
}

// FinishSupportTask marks a claimed task done with the hours it saved;
// the claimant's access to it ends.
func (a *App) FinishSupportTask(ctx context.Context, actor *schakel.Actor, id int64, hours *float64) (schakel.SupportTask, error) {
	return a.taskAct(ctx, actor, id, access.TaskFinish, func(tx *storage.Tx, t schakel.SupportTask) (bool, string, error) {
		h, err := supportwork.ValidateHours(hours)
		if err != nil {
			return false, "", refuseTaskInput(tx, actor, audit.EventUpdate, id, err)
		}
		ok, err := tx.FinishSupportTask(id, actor.Professional.ID, h)
		return ok, fmt.Sprintf("%s heeft uw taak %q op casus %d afgerond.", actor.Professional.Name, schakel.TaskKindDutch(t.Kind), t.CaseID), err
	})
}

// WithdrawSupportTask lets the poster end a task that still runs.
func (a *App) WithdrawSupportTask(ctx context.Context, actor *schakel.Actor, id int64) (schakel.SupportTask, error) {
	return a.taskAct(ctx, actor, id, access.TaskWithdraw, func(tx *storage.Tx, t schakel.SupportTask) (bool, string, error) {
		ok, err := tx.WithdrawSupportTask(id)
		if ok && err == nil && t.ClaimedBy != nil {
			err = notice(tx, t.ClaimedBy.ID, "support_task", 0, 0, fmt.Sprintf("De taak %q die u had opgepakt, is ingetrokken.", schakel.TaskKindDutch(t.Kind)))
		}
		return ok, "", err
	})
}

// taskAct runs a changing act: change reports whether the task was still
// in the state the act needs (a second claimant finds it taken) and what
// to tell the poster.
func (a *App) taskAct(ctx context.Context, actor *schakel.Actor, id int64, act access.TaskAct,
	change func(tx *storage.Tx, t schakel.SupportTask) (bool, string, error)) (schakel.SupportTask, error) {
	var out schakel.SupportTask
	err := a.onTask(ctx, actor, id, act, audit.EventUpdate, func(tx *storage.Tx, t schakel.SupportTask, _ string, _ access.Decision) error {
		ok, tell, err := change(tx, t)
		if err != nil {
			return err
		}
		if !ok {
			return schakel.Errorf(schakel.ECONFLICT, "Deze taak is intussen veranderd: iemand anders pakte hem op, of hij is klaar of ingetrokken. Laad de pagina opnieuw.")
		}
		if tell != "" {
			if err := notice(tx, t.PostedBy.ID, "support_task", t.CaseID, 0, tell); err != nil {
				return err
			}
		}
		t, _, err = tx.SupportTask(id)
		out = forActor(actor, t)
		return err
	})
	return out, err
}

// forActor hides the case number from everyone but the task's poster: a
// support worker does the task, not the case.
func forActor(actor *schakel.Actor, t schakel.SupportTask) schakel.SupportTask {
	if actor == nil || actor.Professional == nil || actor.Professional.ID != t.PostedBy.ID {
		t.CaseID = 0
	}
	return t
}
