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

// OrganisationSessions lists the live sessions of an organisation's
// professionals, for its administrators. Reading them (addresses and
// devices of colleagues) is audited.
func (a *App) OrganisationSessions(ctx context.Context, actor *schakel.Actor, orgID int64, currentHash string, idle time.Duration) ([]storage.SessionInfo, error) {
	var out []storage.SessionInfo
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.Professionals, access.Manage, access.Context{TargetOrganisationID: orgID})
		entry := audit.Entry{Event: audit.EventRead, ResourceType: "sessions", ResourceID: fmt.Sprint(orgID)}
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		var err error
		if out, err = tx.OrganisationSessions(orgID, currentHash, idle); err != nil {
			return err
		}
		entry.Detail = fmt.Sprintf("%d sessions", len(out))
		tx.AuditDecision(actor, d, entry)
		return nil
	})
	return out, err
}

// EndSessionByID ends a session named by its handle: the actor's own, or,
// for an administrator, one of the organisation's people. Ending is
// audited; a session of someone else the actor may not end is not found
// (and that attempt audited).
func (a *App) EndSessionByID(ctx context.Context, actor *schakel.Actor, handle string) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		pid, orgID, method, err := tx.SessionOwner(handle)
		if err != nil {
			return err
		}
		entry := audit.Entry{Event: audit.EventLogout, ResourceType: "session", UserID: pid, Detail: "method " + method + ", ended by its owner"}
		d := access.Decision{Allowed: true, Basis: audit.BasisSelf}
		if pid != actor.PrincipalID() || actor.Kind() != schakel.PrincipalProfessional {
			d = access.Decide(access.SubjectFor(actor), access.Professionals, access.Manage, access.Context{TargetOrganisationID: orgID})
			if !d.Allowed {
				return tx.RefuseNotFound(actor, audit.EventLogout, "session", pid, "Sessie")
			}
			entry.Detail = fmt.Sprintf("method %s, session of professional %d ended by an administrator", method, pid)
		}
		if err := tx.DeleteSessionByHandle(handle); err != nil {
			return err
		}
		tx.AuditDecision(actor, d, entry)
		return nil
	})
}

// PersonAccesses lists the accesses to one person's data, by anyone: the
// answer to "who looked at my file", in pages. before is the cursor of the
// page (an audit sequence number; 0 for the newest page); limit is the page
// size (0 for the default, at most storage.PersonAccessesMaxPageSize).
// Looking is audited, refused looks too.
func (a *App) PersonAccesses(ctx context.Context, actor *schakel.Actor, personID, before int64, limit int) (storage.PersonAccessesPage, error) {
	var page storage.PersonAccessesPage
	if before < 0 || limit < 0 || limit > storage.PersonAccessesMaxPageSize {
		return page, &schakel.Error{Code: schakel.EINVALID, Message: "Ongeldige pagina.", Fields: []schakel.FieldError{
			{Field: "limit", Code: "range", Message: fmt.Sprintf("Kies een aantal tussen 1 en %d.", storage.PersonAccessesMaxPageSize)}}}
	}
	if limit == 0 {
		limit = storage.PersonAccessesPageSize
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		knows := false
		if actor.Professional != nil {
			var err error
			if knows, err = tx.OrganisationKnowsPerson(actor.Professional.Organisation.ID, personID); err != nil {
				return err
			}
		}
		d := access.Decide(access.SubjectFor(actor), access.PersonAccesses, access.Read, access.Context{OrganisationKnowsPerson: knows})
		detail := ""
		if before > 0 {
			detail = fmt.Sprintf("older than %d", before)
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "person_accesses",
			ResourceID: fmt.Sprint(personID), Persons: []int64{personID}, Detail: detail})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		var err error
		page, err = tx.PersonAccessPage(personID, before, limit)
		return err
	})
	return page, err
}
