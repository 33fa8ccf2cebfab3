package storage

// The joint workspace on a case (issue 4): the action plan and its
// agreement and reviews, read together with the shared findings, safety
// scales, conversations, decisions and roles in one audited transaction
// with a number of queries that does not grow with the number of items.
// The rules themselves live in internal/plan.

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/workdays"
)

// today is the transaction's calendar date in the Netherlands.
func (tx *Tx) today() plan.Date { return plan.DateOf(tx.now, workdays.Location()) }

// lockCase raises the case version and so takes the case's row lock for the
// rest of the transaction: writers on one case queue instead of deciding on
// facts another writer is changing. With an expected version (> 0) it
// refuses when someone else changed the case since the client read it (409:
// no lost update). It returns the new version. Call it after the checks that
// may refuse (a refusal commits what was written before it).
func (tx *Tx) lockCase(caseID, expected int64) (int64, error) {
	var v int64
	if err := tx.queryRow(`UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ? RETURNING version`, tx.now, caseID).Scan(&v); err != nil {
		return 0, err
	}
	if expected > 0 && v-1 != expected {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Iemand anders heeft deze casus net gewijzigd. Laad de casus opnieuw en probeer het nog eens.")
	}
	return v, nil
}

// openCase refuses work on a case that is closed or merged into another.
func (tx *Tx) openCase(caseID int64) error {
	var status string
	var merged sql.NullInt64
	if err := tx.queryRow(`SELECT status, merged_into FROM cases WHERE id = ?`, caseID).Scan(&status, &merged); err != nil {
		return err
	}
	switch {
	case status == "open":
		return nil
	case merged.Valid:
		return schakel.Errorf(schakel.ECONFLICT, "Deze casus is samengevoegd met casus %d. Werk daar verder.", merged.Int64)
	}
	return schakel.Errorf(schakel.ECONFLICT, "Deze casus is afgesloten.")
}

// refuseRule ends a transaction after a rule refused the actor (403): only
// the refusal is audited and committed. Call it before anything is written.
func (tx *Tx) refuseRule(actor *schakel.Actor, caseID int64, event, message string) error {
	d := access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: message}
	tx.pending = nil
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "case", ResourceID: fmt.Sprint(caseID), Detail: message})
	return tx.commitRefusal(d)
}

// CaseOrgs is the organisations on a case.
type CaseOrgs struct {
	status  map[int64]string // active, exited
	role    map[int64]schakel.ParticipationRole
	kind    map[int64]schakel.OrganisationKind
	name    map[int64]string
	contact map[int64]int64
	exited  map[int64]time.Time
	regie   int64 // the organisation that holds regie now, 0 for none
	region  int64 // the case's region
}

func (o CaseOrgs) active() map[int64]bool {
	m := map[int64]bool{}
	for id, s := range o.status {
		if s == "active" {
			m[id] = true
		}
	}
	return m
}

func (tx *Tx) CaseOrganisations(caseID int64) (CaseOrgs, error) {
	o := CaseOrgs{status: map[int64]string{}, role: map[int64]schakel.ParticipationRole{}, kind: map[int64]schakel.OrganisationKind{},
		name: map[int64]string{}, contact: map[int64]int64{}, exited: map[int64]time.Time{}}
	if err := tx.queryRow(`SELECT region_id FROM cases WHERE id = ?`, caseID).Scan(&o.region); err != nil {
		return o, err
	}
	rows, err := tx.query(`SELECT p.organisation_id, p.status, p.role, o.kind, o.name, COALESCE(p.contact_id, 0), p.exited_at
		FROM participations p JOIN organisations o ON o.id = p.organisation_id WHERE p.case_id = ?`, caseID)
	if err != nil {
		return o, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, contact int64
		var status string
		var role schakel.ParticipationRole
		var kind schakel.OrganisationKind
		var name string
		var exited sql.NullTime
		if err := rows.Scan(&id, &status, &role, &kind, &name, &contact, &exited); err != nil {
			return o, err
		}
		o.status[id], o.role[id], o.kind[id], o.name[id], o.contact[id] = status, role, kind, name, contact
		if exited.Valid {
			o.exited[id] = exited.Time.UTC()
		}
		if status == "active" && role == schakel.RoleRegie {
			o.regie = id
		}
	}
	return o, rows.Err()
}

// activeProfessionals returns the organisation of each active professional
// among ids.
func (tx *Tx) activeProfessionals(ids ...int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	var args []any
	for _, id := range ids {
		if id > 0 {
			args = append(args, id)
		}
	}
	if len(args) == 0 {
		return out, nil
	}
	rows, err := tx.query(`SELECT id, organisation_id FROM professionals WHERE active = TRUE AND id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, org int64
		if err := rows.Scan(&id, &org); err != nil {
			return nil, err
		}
		out[id] = org
	}
	return out, rows.Err()
}

func (tx *Tx) facts(caseID int64, professionals ...int64) (plan.Facts, CaseOrgs, error) {
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return plan.Facts{}, orgs, err
	}
	pros, err := tx.activeProfessionals(professionals...)
	if err != nil {
		return plan.Facts{}, orgs, err
	}
	return plan.Facts{Today: tx.today(), OnCase: orgs.active(), ProfessionalOrg: pros}, orgs, nil
}

// ensurePlan creates the case's plan (draft) when it has none yet.
func (tx *Tx) ensurePlan(caseID int64) error {
	_, err := tx.exec(`INSERT INTO plans (case_id, status, created_at) VALUES (?, 'draft', ?) ON CONFLICT DO NOTHING`, caseID, tx.now)
	return err
}

// ---------------------------------------------------------------------------
// Actions.

// AddAction puts an action on a case's plan. An expected version (> 0)
// refuses when the case changed since the client read it.
func (db *DB) AddAction(ctx contextT, actor *schakel.Actor, caseID int64, in plan.ActionInput) (schakel.Action, error) {
	var a schakel.Action
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "plan action"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, in.ExpectedVersion); err != nil {
			return err
		}
		f, _, err := tx.facts(caseID, in.OwnerProfessionalID)
		if err != nil {
			return err
		}
		due, err := plan.ValidateAction(in, f)
		if err != nil {
			return err
		}
		if err := tx.ensurePlan(caseID); err != nil {
			return err
		}
		var forWhom any
		if in.For != nil {
			forWhom = *in.For
		}
		id, err := tx.insert(`INSERT INTO plan_actions (case_id, title, kind, for_whom, owner_organisation_id, owner_professional_id, due_date,
			status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
			caseID, trim(in.Title), in.Kind, forWhom, in.OwnerOrganisationID, in.OwnerProfessionalID, due.Time, actor.Professional.ID, tx.now, tx.now)
		if err != nil {
			return err
		}
		if in.OwnerProfessionalID != actor.Professional.ID {
			if err := tx.tell(in.OwnerProfessionalID, "action_assigned", caseID, 0,
				fmt.Sprintf("%s heeft u een actie gegeven op casus %d, uiterlijk %s.", actor.Professional.Name, caseID, due.Format("02-01-2006"))); err != nil {
				return err
			}
		}
		as, err := tx.actions(`a.id = ?`, id)
		if err != nil {
			return err
		}
		a = as[0]
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "plan_action", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("case %d, %s for organisation %d", caseID, in.Kind, in.OwnerOrganisationID)})
		return nil
	})
	return a, err
}

// UpdateAction changes an action's status, owner or due date. The version
// the client saw is required: two people changing the same plan never
// overwrite each other unseen. Only the owning organisation or the one that
// holds regie changes an action.
func (db *DB) UpdateAction(ctx contextT, actor *schakel.Actor, caseID, actionID int64, ch plan.ActionChange) (schakel.Action, error) {
	var a schakel.Action
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("plan action %d", actionID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		var cur plan.CurrentAction
		err := tx.queryRow(`SELECT status, owner_organisation_id, owner_professional_id FROM plan_actions WHERE id = ? AND case_id = ?`, actionID, caseID).
			Scan(&cur.Status, &cur.OwnerOrganisationID, &cur.OwnerProfessionalID)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Actie")
		} else if err != nil {
			return err
		}
		var pros []int64
		if ch.OwnerProfessionalID != nil {
			pros = append(pros, *ch.OwnerProfessionalID)
		} else {
			pros = append(pros, cur.OwnerProfessionalID)
		}
		_, orgs, err := tx.facts(caseID, pros...)
		if err != nil {
			return err
		}
		mine := actor.Professional.Organisation.ID
		if mine != cur.OwnerOrganisationID && mine != orgs.regie {
			return tx.refuseRule(actor, caseID, audit.EventUpdate,
				"Alleen de organisatie die de actie uitvoert, of de organisatie met de regie, past een actie aan.")
		}
		if ch.Version <= 0 {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Geef de versie van de casus mee die u zag.",
				Fields: []schakel.FieldError{{Field: "version", Code: "required", Message: "Geef de versie van de casus mee die u zag (If-Match of version)."}}}
		}
		if _, err := tx.lockCase(caseID, ch.Version); err != nil {
			return err
		}
		// Read again under the lock: the action may have changed meanwhile.
		if err := tx.queryRow(`SELECT status, owner_organisation_id, owner_professional_id FROM plan_actions WHERE id = ?`, actionID).
			Scan(&cur.Status, &cur.OwnerOrganisationID, &cur.OwnerProfessionalID); err != nil {
			return err
		}
		f, _, err := tx.facts(caseID, pros...)
		if err != nil {
			return err
		}
		due, err := plan.ValidateChange(cur, ch, f)
		if err != nil {
			return err
		}
		set, args := "updated_at = ?", []any{tx.now}
		if ch.Status != nil {
			set += ", status = ?"
			args = append(args, *ch.Status)
			if *ch.Status != schakel.ActionOpen {
				set += ", done_at = ?"
				args = append(args, tx.now)
			}
		}
		if ch.OwnerOrganisationID != nil {
			set += ", owner_organisation_id = ?"
			args = append(args, *ch.OwnerOrganisationID)
		}
		if ch.OwnerProfessionalID != nil {
			set += ", owner_professional_id = ?"
			args = append(args, *ch.OwnerProfessionalID)
		}
		if due != nil {
			set += ", due_date = ?"
			args = append(args, due.Time)
		}
		if _, err := tx.exec(`UPDATE plan_actions SET `+set+` WHERE id = ?`, append(args, actionID)...); err != nil {
			return err
		}
		if ch.OwnerProfessionalID != nil && *ch.OwnerProfessionalID != cur.OwnerProfessionalID && *ch.OwnerProfessionalID != actor.Professional.ID {
			if err := tx.tell(*ch.OwnerProfessionalID, "action_assigned", caseID, 0,
				fmt.Sprintf("%s heeft een actie op casus %d aan u overgedragen.", actor.Professional.Name, caseID)); err != nil {
				return err
			}
		}
		as, err := tx.actions(`a.id = ?`, actionID)
		if err != nil {
			return err
		}
		a = as[0]
		return nil
	})
	return a, err
}

const actionSelect = `SELECT a.id, a.case_id, a.title, a.family_text, a.kind, a.for_whom, o.id, o.name, o.kind, op.id, op.name, op.phone, op.email,
	a.due_date, a.status, cb.id, cb.name, a.created_at, a.updated_at, a.done_at
	FROM plan_actions a JOIN organisations o ON o.id = a.owner_organisation_id JOIN professionals op ON op.id = a.owner_professional_id
	JOIN professionals cb ON cb.id = a.created_by`

// actionOrder: safety agreements first, then actions, then goals; within a
// kind by due date.
var actionOrder = map[string]int{schakel.ActionSafetyAgreement: 0, schakel.ActionTask: 1, schakel.ActionGoal: 2}

func (tx *Tx) actions(where string, args ...any) ([]schakel.Action, error) {
	rows, err := tx.query(actionSelect+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	today := tx.today()
	out := []schakel.Action{}
	for rows.Next() {
		var a schakel.Action
		var forWhom sql.NullString
		var due time.Time
		var done sql.NullTime
		if err := rows.Scan(&a.ID, &a.CaseID, &a.Title, &a.FamilyText, &a.Kind, &forWhom, &a.Owner.ID, &a.Owner.Name, &a.Owner.Kind,
			&a.OwnerProfessional.ID, &a.OwnerProfessional.Name, &a.OwnerProfessional.Phone, &a.OwnerProfessional.Email,
			&due, &a.Status, &a.CreatedBy.ID, &a.CreatedBy.Name, &a.CreatedAt, &a.UpdatedAt, &done); err != nil {
			return nil, err
		}
		if forWhom.Valid {
			s := forWhom.String
			a.For = &s
		}
		d := plan.Date{Time: due.UTC()}
		a.DueDate = d.String()
		a.Overdue = plan.Overdue(a.Status, d, today)
		a.CreatedAt, a.UpdatedAt, a.DoneAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC(), nullTime(done)
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if actionOrder[a.Kind] != actionOrder[b.Kind] {
			return actionOrder[a.Kind] < actionOrder[b.Kind]
		}
		if a.DueDate != b.DueDate {
			return a.DueDate < b.DueDate
		}
		return a.ID < b.ID
	})
	return out, rows.Err()
}

// ---------------------------------------------------------------------------
// The plan.

// loadPlan reads a case's plan with its actions and reviews (three queries).
func (tx *Tx) loadPlan(caseID, version int64) (schakel.Plan, error) {
	p := schakel.Plan{CaseID: caseID, Version: version, Status: schakel.PlanDraft, Reviews: []schakel.PlanReview{}}
	var agreedAt sql.NullTime
	var byID, consult sql.NullInt64
	var byName sql.NullString
	var review sql.NullTime
	err := tx.queryRow(`SELECT p.status, p.agreed_at, pr.id, pr.name, p.consultation_id, p.review_date
		FROM plans p LEFT JOIN professionals pr ON pr.id = p.agreed_by WHERE p.case_id = ?`, caseID).
		Scan(&p.Status, &agreedAt, &byID, &byName, &consult, &review)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, err
	}
	p.AgreedAt = nullTime(agreedAt)
	p.AgreedBy = contactOf(byID, byName, sql.NullString{}, sql.NullString{})
	if consult.Valid {
		p.ConsultationID = &consult.Int64
	}
	if review.Valid {
		d := plan.Date{Time: review.Time.UTC()}
		p.ReviewDate = d.String()
		p.ReviewOverdue = p.Status == schakel.PlanAgreed && d.Before(tx.today())
	}
	if p.Actions, err = tx.actions(`a.case_id = ?`, caseID); err != nil {
		return p, err
	}
	for i := range p.Actions {
		p.Actions[i].AfterAgreement = p.AgreedAt != nil && p.Actions[i].CreatedAt.After(*p.AgreedAt)
	}
	parents, child := plan.Talkers(p.Actions)
	p.TalksWithParents, p.TalksWithChild = nonNilContacts(parents), nonNilContacts(child)
	p.Missing = plan.Missing(p.Actions)
	rows, err := tx.query(`SELECT r.id, r.consultation_id, r.checked, r.changed, r.why, r.next_review_date, pr.id, pr.name, o.id, o.name, o.kind, r.created_at
		FROM plan_reviews r JOIN professionals pr ON pr.id = r.professional_id JOIN organisations o ON o.id = r.organisation_id
		WHERE r.case_id = ? ORDER BY r.id DESC`, caseID)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var r schakel.PlanReview
		var cid sql.NullInt64
		var next time.Time
		if err := rows.Scan(&r.ID, &cid, &r.Checked, &r.Changed, &r.Why, &next, &r.By.ID, &r.By.Name,
			&r.Organisation.ID, &r.Organisation.Name, &r.Organisation.Kind, &r.CreatedAt); err != nil {
			return p, err
		}
		if cid.Valid {
			r.ConsultationID = &cid.Int64
		}
		r.NextReviewDate = plan.Date{Time: next.UTC()}.String()
		r.CreatedAt = r.CreatedAt.UTC()
		p.Reviews = append(p.Reviews, r)
	}
	return p, rows.Err()
}

func nonNilContacts(c []schakel.Contact) []schakel.Contact {
	if c == nil {
		return []schakel.Contact{}
	}
	return c
}

// Plan returns a case's action plan for an actor who may see the case.
func (db *DB) Plan(ctx contextT, actor *schakel.Actor, caseID int64) (schakel.Plan, error) {
	var p schakel.Plan
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Read, audit.EventRead, "plan"); err != nil {
			return err
		}
		var version int64
		if err := tx.queryRow(`SELECT version FROM cases WHERE id = ?`, caseID).Scan(&version); err != nil {
			return err
		}
		var err error
		p, err = tx.loadPlan(caseID, version)
		return err
	})
	return p, err
}

// AgreePlan agrees a case's plan at a consultation, with a review date.
// It is refused while nobody is set to talk with the parents or with the
// child, when the plan is already agreed (409), and when the case changed
// since the version the client saw (409).
// ErrAgreeChecked is AgreePlan's answer to a dry run that passed every
// check: nothing was written.
var ErrAgreeChecked = errors.New("plan may be agreed; dry run, nothing written")

func (db *DB) AgreePlan(ctx contextT, actor *schakel.Actor, caseID int64, in plan.AgreeInput) (schakel.Plan, error) {
	var p schakel.Plan
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, "agree plan"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		version, err := tx.lockCase(caseID, in.Version)
		if err != nil {
			return err
		}
		cur, err := tx.loadPlan(caseID, version)
		if err != nil {
			return err
		}
		f := plan.AgreeFacts{Today: tx.today(), AlreadyAgree: cur.Status == schakel.PlanAgreed, Actions: cur.Actions}
		if cur.AgreedAt != nil {
			f.AgreedOn = cur.AgreedAt.In(workdays.Location())
		}
		if in.ConsultationID > 0 {
			err := tx.queryRow(`SELECT status FROM consultations WHERE id = ? AND case_id = ?`, in.ConsultationID, caseID).Scan(&f.ConsultationStatus)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			f.ConsultationOnCase = err == nil
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		f.HoldsRegie = orgs.RegieHolder() == actor.Professional.Organisation.ID
		review, err := plan.CheckAgree(in, f)
		if err != nil {
			return err
		}
		if in.DryRun {
			return ErrAgreeChecked
		}
		if err := tx.ensurePlan(caseID); err != nil {
			return err
		}
		// The status condition makes a concurrent second agreement match
		// no row, whatever the engine's isolation.
		consent := ""
		if !f.HoldsRegie {
			consent = trim(in.RegieConsent)
		}
		res, err := tx.exec(`UPDATE plans SET status = 'agreed', agreed_at = ?, agreed_by = ?, consultation_id = ?, review_date = ?, regie_consent = ?
			WHERE case_id = ? AND status = 'draft'`, tx.now, actor.Professional.ID, in.ConsultationID, review.Time, consent, caseID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return schakel.Errorf(schakel.ECONFLICT, "Dit plan is net door iemand anders vastgesteld.")
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "plan", ResourceID: fmt.Sprint(caseID), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("plan agreed at consultation %d, review %s, regie consent %q", in.ConsultationID, review, consent)})
		p, err = tx.loadPlan(caseID, version)
		return err
	})
	return p, err
}

// ReviewPlan records a check-plan-do review of the agreed plan and sets the
// next review date.
func (db *DB) ReviewPlan(ctx contextT, actor *schakel.Actor, caseID int64, in plan.ReviewInput) (schakel.Plan, error) {
	var p schakel.Plan
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "plan review"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		version, err := tx.lockCase(caseID, in.Version)
		if err != nil {
			return err
		}
		var status string
		err = tx.queryRow(`SELECT status FROM plans WHERE case_id = ?`, caseID).Scan(&status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		next, err := plan.CheckReview(in, status == schakel.PlanAgreed, tx.today())
		if err != nil {
			return err
		}
		var consult any
		if in.ConsultationID > 0 {
			var n int
			if err := tx.queryRow(`SELECT COUNT(*) FROM consultations WHERE id = ? AND case_id = ?`, in.ConsultationID, caseID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return &schakel.Error{Code: schakel.EINVALID, Message: "Dit overleg hoort niet bij deze casus.",
					Fields: []schakel.FieldError{{Field: "consultation_id", Code: "not_on_case", Message: "Dit overleg hoort niet bij deze casus."}}}
			}
			consult = in.ConsultationID
		}
		if _, err := tx.insert(`INSERT INTO plan_reviews (case_id, consultation_id, checked, changed, why, next_review_date, professional_id, organisation_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, consult, trim(in.Checked), trim(in.Changed), trim(in.Why), next.Time,
			actor.Professional.ID, actor.Professional.Organisation.ID, tx.now); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE plans SET review_date = ? WHERE case_id = ?`, next.Time, caseID); err != nil {
			return err
		}
		p, err = tx.loadPlan(caseID, version)
		return err
	})
	return p, err
}

// ---------------------------------------------------------------------------
// The whole workspace.

// CaseWorkspace returns a case with its workspace in one audited read: what
// the case page shows.
func (db *DB) CaseWorkspace(ctx contextT, actor *schakel.Actor, id int64) (schakel.Case, schakel.Workspace, error) {
	var c schakel.Case
	var w schakel.Workspace
	err := db.Update(ctx, func(tx *Tx) error {
		d, err := tx.GuardCase(actor, id, access.Read, audit.EventRead, "")
		if err != nil {
			return err
		}
		// The case and its workspace in a fixed number of round trips,
		// whatever the number of items (batch.go).
		return tx.readBatched(func() error {
			if c, err = tx.loadCase(id); err != nil {
				return err
			}
			c.AccessBasis = d.Basis
			w, err = tx.loadWorkspace(&c)
			return err
		})
	})
	return c, w, err
}

// Workspace returns only the workspace of a case (findings, scales,
// conversations, decisions, roles), for the API.
func (db *DB) Workspace(ctx contextT, actor *schakel.Actor, id int64) (schakel.Workspace, error) {
	_, w, err := db.CaseWorkspace(ctx, actor, id)
	return w, err
}

// loadWorkspace reads everything the joint work added to case c: a fixed
// number of queries, whatever the number of findings, actions or
// consultations.
func (tx *Tx) loadWorkspace(c *schakel.Case) (schakel.Workspace, error) {
	w := schakel.Workspace{CaseID: c.ID}
	var err error
	if w.Plan, err = tx.loadPlan(c.ID, c.Version); err != nil {
		return w, err
	}
	if w.Findings, err = tx.findings(`f.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	if w.Scales, err = tx.scales(`s.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	w.CurrentScales = currentScales(w.Scales)
	if w.Conversations, err = tx.conversations(c.ID); err != nil {
		return w, err
	}
	if w.Decisions, err = tx.decisions(`d.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	if w.Events, err = tx.participationEvents(`e.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	if w.Experts, err = tx.caseExperts(c.ID); err != nil {
		return w, err
	}
	if w.ColleagueRequests, err = tx.colleagueRequests(`r.case_id = ?`, c.ID); err != nil {
		return w, err
	}
	active := map[int64]bool{}
	for _, p := range c.Participations {
		if p.Status == "active" {
			active[p.Organisation.ID] = true
		}
	}
	for i := range w.ColleagueRequests {
		w.ColleagueRequests[i].ColleagueHasCase = active[w.ColleagueRequests[i].To.Organisation.ID]
	}
	if w.Professionals, err = tx.caseProfessionals(c.ID); err != nil {
		return w, err
	}
	w.Overdue = []schakel.Action{}
	for _, a := range w.Plan.Actions {
		if a.Overdue {
			w.Overdue = append(w.Overdue, a)
		}
	}
	crisisPlanned := false
	for i, k := range c.Consultations {
		if k.Status == "planned" && !k.ScheduledAt.Before(tx.now.Add(-2*time.Hour)) && w.NextConsultation == nil {
			w.NextConsultation = &c.Consultations[i]
		}
		crisisPlanned = crisisPlanned || (k.Kind == schakel.ConsultCrisis && k.Status == "planned")
	}
	notCancelled := 0
	for _, a := range w.Plan.Actions {
		if a.Status != schakel.ActionCancelled {
			notCancelled++
		}
	}
	var kinds []string
	for _, d := range w.Decisions {
		kinds = append(kinds, d.Kind)
	}
	w.Phase = plan.PhaseOf(plan.PhaseFacts{CaseStatus: c.Status, CrisisPlanned: crisisPlanned, Actions: notCancelled,
		PlanAgreed: w.Plan.Status == schakel.PlanAgreed, ReviewOverdue: w.Plan.ReviewOverdue, RaadKinds: kinds})
	return w, nil
}

// caseProfessionals lists the active people with a case role of the
// organisations on the case: whom an action can be given to.
func (tx *Tx) caseProfessionals(caseID int64) ([]schakel.ProfessionalRef, error) {
	rows, err := tx.query(`SELECT p.id, p.name, o.id, o.name, o.kind FROM professionals p JOIN organisations o ON o.id = p.organisation_id
		JOIN participations pa ON pa.organisation_id = o.id AND pa.case_id = ? AND pa.status = 'active'
		WHERE p.active = TRUE AND EXISTS (SELECT 1 FROM professional_roles r WHERE r.professional_id = p.id AND r.role NOT IN ('privacy_officer', 'admin'))
		ORDER BY o.name, p.name`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ProfessionalRef{}
	for rows.Next() {
		var p schakel.ProfessionalRef
		if err := rows.Scan(&p.ID, &p.Name, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// mergeWorkspace moves the workspace of case from into case into when a
// family match merges them. Both plans' actions end up on into's plan (a
// plan of into that is already agreed keeps its agreement: moved actions
// show as added after it); organisations owning moved open actions join
// into, so that every action's owner stays on its case.
func (tx *Tx) mergeWorkspace(from, into int64) error {
	for _, t := range []string{"plan_actions", "plan_reviews", "findings", "safety_scales", "family_conversations", "raad_decisions",
		"participation_events", "case_experts", "colleague_requests"} {
		if _, err := tx.exec(`UPDATE `+t+` SET case_id = ? WHERE case_id = ?`, into, from); err != nil {
			return err
		}
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM plans WHERE case_id = ?`, into).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		if _, err := tx.exec(`UPDATE plans SET case_id = ? WHERE case_id = ?`, into, from); err != nil {
			return err
		}
	} else if _, err := tx.exec(`DELETE FROM plans WHERE case_id = ?`, from); err != nil {
		return err
	}
	rows, err := tx.query(`SELECT DISTINCT a.owner_organisation_id, a.owner_professional_id FROM plan_actions a WHERE a.case_id = ? AND a.status = 'open'
		AND NOT EXISTS (SELECT 1 FROM participations p WHERE p.case_id = ? AND p.organisation_id = a.owner_organisation_id AND p.status = 'active')`, into, into)
	if err != nil {
		return err
	}
	var owners [][2]int64
	for rows.Next() {
		var o [2]int64
		if err := rows.Scan(&o[0], &o[1]); err != nil {
			rows.Close()
			return err
		}
		owners = append(owners, o)
	}
	rows.Close()
	for _, o := range owners {
		if err := tx.JoinCase(into, o[0], o[1]); err != nil {
			return err
		}
	}
	return nil
}

func trim(s string) string { return strings.TrimSpace(s) }
