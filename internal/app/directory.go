package app

import (
	"context"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// The region's directory: its regions, organisations, professionals (name,
// organisation, roles, work contact) and the on-duty roster. Every
// professional may read it (access.Professionals, Organisations and Roster
// allow Read), because inviting and asking colleagues needs it. It is work
// contact information, not a person's file: an allowed read is not audited,
// as before these use cases; a refused one (a family member or the system
// where the rules say no) is audited and keeps nothing else.

// guardDirectory decides a read of a directory resource and audits it
// when it is refused.
func (a *App) guardDirectory(ctx context.Context, actor *schakel.Actor, r access.Resource, resourceType string, c access.Context) error {
	actor = orSystem(actor)
	d := access.Decide(access.SubjectFor(actor), r, access.Read, c)
	if d.Allowed {
		return nil
	}
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: resourceType})
		return tx.Refuse(d)
	})
}

// Regions lists the regions (names of the directory).
func (a *App) Regions(ctx context.Context, actor *schakel.Actor) ([]schakel.Region, error) {
	if err := a.guardDirectory(ctx, actor, access.Organisations, "region", access.Context{}); err != nil {
		return nil, err
	}
	return a.db.Regions(ctx)
}

// Organisations lists every organisation of every region.
func (a *App) Organisations(ctx context.Context, actor *schakel.Actor) ([]schakel.Organisation, error) {
	if err := a.guardDirectory(ctx, actor, access.Organisations, "organisation", access.Context{}); err != nil {
		return nil, err
	}
	return a.db.Organisations(ctx)
}

// Professionals lists the professionals the filter names (all, one
// organisation's, only active accounts).
func (a *App) Professionals(ctx context.Context, actor *schakel.Actor, f storage.ProfessionalFilter) ([]schakel.Professional, error) {
	c := access.Context{TargetOrganisationID: f.OrganisationID}
	if err := a.guardDirectory(ctx, actor, access.Professionals, "professional", c); err != nil {
		return nil, err
	}
	return a.db.ListProfessionals(ctx, f)
}

// Professional returns one professional of the directory.
func (a *App) Professional(ctx context.Context, actor *schakel.Actor, id int64) (schakel.Professional, error) {
	if err := a.guardDirectory(ctx, actor, access.Professionals, "professional", access.Context{}); err != nil {
		return schakel.Professional{}, err
	}
	return a.db.Professional(ctx, id)
}

// DutyRoster lists the on-duty shifts overlapping [from, to).
func (a *App) DutyRoster(ctx context.Context, actor *schakel.Actor, from, to time.Time) ([]storage.DutyEntry, error) {
	if err := a.guardDirectory(ctx, actor, access.Roster, "duty_shift", access.Context{}); err != nil {
		return nil, err
	}
	return a.db.DutyRoster(ctx, from, to)
}

// DutyUntil reports whether the actor is on duty now, and until when.
func (a *App) DutyUntil(ctx context.Context, actor *schakel.Actor) (time.Time, bool, error) {
	if actor == nil || actor.Professional == nil {
		return time.Time{}, false, nil
	}
	now := a.Now()
	shifts, err := a.DutyRoster(ctx, actor, now, now.Add(time.Second))
	if err != nil {
		return time.Time{}, false, err
	}
	for _, sh := range shifts {
		if sh.ProfessionalID == actor.Professional.ID {
			return sh.End, true, nil
		}
	}
	return time.Time{}, false, nil
}
