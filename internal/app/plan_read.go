package app

import (
	"context"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// Plan returns a case's action plan for an actor who may see the case: an
// audited read.
func (a *App) Plan(ctx context.Context, actor *schakel.Actor, caseID int64) (schakel.Plan, error) {
	var p schakel.Plan
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "plan"); err != nil {
			return err
		}
		version, err := tx.CaseVersion(caseID)
		if err != nil {
			return err
		}
		p, err = planOf(tx, caseID, version)
		return err
	})
	return p, err
}

// CaseWorkspace returns a case with its workspace in one audited read: what
// the case page shows. The case says on what basis the actor sees it.
func (a *App) CaseWorkspace(ctx context.Context, actor *schakel.Actor, id int64) (schakel.Case, schakel.Workspace, error) {
	var c schakel.Case
	var w schakel.Workspace
	err := a.db.ReadAudited(ctx, func(tx *storage.Tx) error {
		tx.ReadBatchedNext()
		d, err := guardCase(tx, actor, id, access.Read, audit.EventRead, "")
		if err != nil {
			return err
		}
		c, w, err = caseAndWorkspace(tx, id)
		c.AccessBasis = d.Basis
		return err
	})
	return c, w, err
}

// Workspace returns only the workspace of a case (findings, scales,
// conversations, decisions, roles), for the API.
func (a *App) Workspace(ctx context.Context, actor *schakel.Actor, id int64) (schakel.Workspace, error) {
	_, w, err := a.CaseWorkspace(ctx, actor, id)
	return w, err
}
