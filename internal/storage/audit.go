package storage

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

type pendingAudit struct{ entry audit.Entry }

// Audit records an access in this transaction. Actor facts (principal,
// user, organisation, role, client address, workstation, on whose behalf)
// are filled in from the actor; the caller gives the event, the outcome,
// the basis and what was reached. A nil actor is Schakel itself, for
// callers written before principals existed.
func (tx *Tx) Audit(actor *schakel.Actor, e audit.Entry) {
	if actor == nil {
		actor = systemActor(e.OnBehalfOf)
	}
	e.PrincipalKind, e.PrincipalID = string(actor.Kind()), actor.PrincipalID()
	e.ClientAddr = actor.ClientAddr
	e.Workstation = actor.Workstation
	if actor.OnBehalfOf != "" {
		e.OnBehalfOf = actor.OnBehalfOf
	}
	switch {
	case actor.Professional != nil:
		p := actor.Professional
		e.UserID = p.ID
		e.UserName = p.Name
		e.OrganisationID = p.Organisation.ID
		roles := make([]string, len(p.Roles))
		for i, r := range p.Roles {
			roles[i] = string(r)
		}
		e.Role = strings.Join(roles, ",")
		e.OnBehalfOf = actor.OnBehalfOf
	case actor.FamilyMember != nil:
		e.UserName = actor.FamilyMember.Name
	}
	if e.Outcome == "" {
		e.Outcome = audit.Allowed
	}
	if actor.RiskyAct != "" {
		e.Detail = strings.TrimPrefix(e.Detail+"; login "+actor.Login.String(), "; ")
	}
	e.At = tx.now
	tx.pending = append(tx.pending, pendingAudit{entry: e})
}

// systemActor is Schakel itself acting for a caller that passed no actor;
// name says what acted when the caller gave it as "on whose behalf".
func systemActor(name string) *schakel.Actor {
	if name == "" {
		name = "command line"
	}
	return schakel.SystemActor(name)
}

// AuditDecision records the outcome of an access decision.
func (tx *Tx) AuditDecision(actor *schakel.Actor, d access.Decision, e audit.Entry) {
	e.AccessBasis = d.Basis
	e.Emergency = d.Emergency
	// The written reason is kept for emergency access, and for a refused
	// attempt that claimed one, so that the privacy officer can judge it.
	if (d.Emergency || !d.Allowed) && actor != nil {
		e.EmergencyReason = actor.EmergencyReason
	}
	if !d.Allowed {
		e.Outcome = audit.Refused
		if e.Detail == "" {
			e.Detail = d.Reason
		}
	}
	tx.Audit(actor, e)
}

// auditEntryColumns are the columns an entry is written with, in the order
// of auditEntryValues: everything but the sequence number and the chain link.
const auditEntryColumns = `at, event, outcome, user_id, user_name, on_behalf_of, organisation_id, role,
	access_basis, emergency, emergency_reason, client_addr, workstation, resource_type, resource_id,
	persons, detail, format_version, principal_kind, principal_id`

func auditEntryValues(e audit.Entry) []any {
	return []any{e.At, e.Event, e.Outcome, nullInt(e.UserID), e.UserName, e.OnBehalfOf,
		nullInt(e.OrganisationID), e.Role, e.AccessBasis, e.Emergency, e.EmergencyReason, e.ClientAddr, e.Workstation,
		e.ResourceType, e.ResourceID, audit.PersonsText(e.Persons), e.Detail, e.Version, e.PrincipalKind, nullInt(e.PrincipalID)}
}

func nullInt(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

// auditColumns are an entry's columns as read from audit_log a joined with
// auditSeals: the entry with its chain link, empty while unsealed.
const auditColumns = `a.seq, a.at, a.event, a.outcome, a.user_id, a.user_name, a.on_behalf_of, a.organisation_id,
	a.role, a.access_basis, a.emergency, a.emergency_reason, a.client_addr, a.workstation, a.resource_type,
	a.resource_id, a.persons, a.detail, COALESCE(s.prev_hash, ''), COALESCE(s.hash, ''), a.format_version,
	a.principal_kind, a.principal_id`

// auditSeals joins the chain links the sealer appends (audit_seal.go) to
// the entries of audit_log a.
const auditSeals = ` LEFT JOIN audit_seals s ON s.seq = a.seq`

func scanAudit(rows interface{ Scan(...any) error }) (audit.Entry, error) {
	var e audit.Entry
	var user, org, principal sql.NullInt64
	var persons string
	err := rows.Scan(&e.Seq, &e.At, &e.Event, &e.Outcome, &user, &e.UserName, &e.OnBehalfOf, &org, &e.Role,
		&e.AccessBasis, &e.Emergency, &e.EmergencyReason, &e.ClientAddr, &e.Workstation, &e.ResourceType,
		&e.ResourceID, &persons, &e.Detail, &e.PrevHash, &e.Hash, &e.Version, &e.PrincipalKind, &principal)
	e.UserID, e.OrganisationID, e.PrincipalID = user.Int64, org.Int64, principal.Int64
	e.Persons = audit.ParsePersons(persons)
	e.At = e.At.UTC()
	return e, err
}

// AuditFilter selects entries of the trail.
type AuditFilter struct {
	OrganisationID int64 // entries by users of this organisation (0: any)
	UserID         int64
	PersonID       int64
	Event          string
	Outcome        string
	From, To       time.Time
	BeforeSeq      int64 // paging: entries older than this
	Limit          int
}

// AuditEntries returns entries of the trail, newest first, as the filter
// selects them (at most 500; 100 when no limit is given). Whether the
// actor may look is the use case's decision (app.ListAudit).
func (tx *Tx) AuditEntries(f AuditFilter) ([]audit.Entry, error) {
	var where []string
	var args []any
	add := func(cond string, v any) { where = append(where, cond); args = append(args, v) }
	add("a.organisation_id = ?", f.OrganisationID)
	if f.UserID != 0 {
		add("a.user_id = ?", f.UserID)
	}
	if f.PersonID != 0 {
		add("a.seq IN (SELECT seq FROM audit_persons WHERE person_id = ?)", f.PersonID)
	}
	if f.Event != "" {
		add("a.event = ?", f.Event)
	}
	if f.Outcome != "" {
		add("a.outcome = ?", f.Outcome)
	}
	if !f.From.IsZero() {
		add("a.at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		add("a.at < ?", f.To.UTC())
	}
	if f.BeforeSeq > 0 {
		add("a.seq < ?", f.BeforeSeq)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return tx.listAudit(`SELECT `+auditColumns+` FROM audit_log a`+auditSeals+` WHERE `+strings.Join(where, " AND ")+
		fmt.Sprintf(` ORDER BY a.seq DESC LIMIT %d`, limit), args...)
}

func (tx *Tx) listAudit(q string, args ...any) ([]audit.Entry, error) {
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		e, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// refusal carries a refused decision out of a transaction that must still
// commit (so that the refusal's audit entry stays). err, when set, is what
// the caller gets instead of a forbidden error.
type refusal struct {
	d   access.Decision
	err error
}

func (r *refusal) Error() string { return "refused: " + r.d.Reason }

// answer is what the caller of Update gets for a refusal.
func (r *refusal) answer() error {
	if r.err != nil {
		return r.err
	}
	return &schakel.Error{Code: schakel.EFORBIDDEN, Message: r.d.Reason, Key: r.d.Key}
}

// commitRefusal returns an error that ends the transaction function: the
// transaction runner rolls back everything the function wrote, keeps only
// the refusal's audit entry, and the caller of Update gets a forbidden error.
func (tx *Tx) commitRefusal(d access.Decision) error {
	return &refusal{d: d}
}

// refuseNotFound ends a transaction function that found an object of
// someone else (a draft, a colleague request, a notification): the attempt
// is audited as refused, everything else in the transaction is dropped,
// and the caller gets the same not-found answer as for an object that does
// not exist, so that nobody learns what others have.
func (tx *Tx) refuseNotFound(actor *schakel.Actor, event, resourceType string, id int64, what string) error {
	d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: "not the actor's " + resourceType}
	tx.pending = nil
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: resourceType, ResourceID: fmt.Sprint(id)})
	return &refusal{d: d, err: notFound(what)}
}

// Refuse ends a transaction function after a refused decision: everything
// the function wrote is rolled back, the refusal's audit entry is kept and
// Update returns a forbidden error.
func (tx *Tx) Refuse(d access.Decision) error { return tx.commitRefusal(d) }

// RefuseWith ends a transaction function after a refused decision whose
// answer is err (a validation error with its fields, a conflict):
// everything the function wrote is rolled back, the refusal's audit entry
// is kept and Update returns err.
func (tx *Tx) RefuseWith(d access.Decision, err error) error { return &refusal{d: d, err: err} }

// refuseRule ends a transaction after a rule refused the actor (403): only
// the refusal is audited and committed. Call it before anything is written.
func (tx *Tx) refuseRule(actor *schakel.Actor, caseID int64, event, message string) error {
	d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: message}
	tx.pending = nil
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "case", ResourceID: fmt.Sprint(caseID), Detail: message})
	return tx.commitRefusal(d)
}
