package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// SupportWork is the actor's page of support work: the open tasks of
// their team (for its support workers and team leads), the tasks they
// claimed, and the tasks they posted. Only a poster sees case numbers.
type SupportWork struct {
	TeamID   int64                 `json:"team_id"`
	SeesPool bool                  `json:"sees_pool"`
	Pool     []schakel.SupportTask `json:"pool"`
	Claimed  []schakel.SupportTask `json:"claimed"`
	Posted   []schakel.SupportTask `json:"posted"`
}

// PostedKeep is how long a poster still sees a task that ended.
const PostedKeep = 30 * 24 * time.Hour

// MySupportWork returns the actor's support work. Reading the team's pool
// is decided (access.DecideTaskPool) and audited; the pool holds what,
// when and by whom, nothing of the case.
func (a *App) MySupportWork(ctx context.Context, actor *schakel.Actor) (SupportWork, error) {
	out := SupportWork{Pool: []schakel.SupportTask{}, Claimed: []schakel.SupportTask{}, Posted: []schakel.SupportTask{}}
	if actor == nil || actor.Professional == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen professionals zien ondersteuningstaken.")
	}
	me := actor.Professional
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		m, inTeam, err := tx.MembershipOf(me.ID)
		if err != nil {
			return err
		}
		if inTeam {
			out.TeamID = m.TeamID
			d := access.DecideTaskPool(access.SubjectFor(actor), me.Organisation.ID, m.TeamID, m.TeamID)
			if out.SeesPool = d.Allowed; d.Allowed {
				tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "support_tasks", ResourceID: fmt.Sprint(m.TeamID), Detail: "team pool"})
				if out.Pool, err = tx.TeamSupportTasks(m.TeamID); err != nil {
					return err
				}
			}
		}
		if out.Claimed, err = tx.SupportTasksClaimedBy(me.ID); err != nil {
			return err
		}
		if out.Posted, err = tx.SupportTasksPostedBy(me.ID, tx.Now().Add(-PostedKeep)); err != nil {
			return err
		}
		if len(out.Claimed)+len(out.Posted) > 0 {
			tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "support_tasks", ResourceID: fmt.Sprint(me.ID), AccessBasis: audit.BasisSelf,
				Detail: fmt.Sprintf("own tasks: %d claimed, %d posted", len(out.Claimed), len(out.Posted))})
		}
		return nil
	})
	for i := range out.Pool {
		out.Pool[i] = forActor(actor, out.Pool[i])
	}
	for i := range out.Claimed {
		out.Claimed[i] = forActor(actor, out.Claimed[i])
	}
	return out, err
}
