package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// Shaping a proposed crisis table while its invitations are held: the
// intake worker who took the red report (access.ShapeTable) removes a
// need with a reason, adds an eligible person, or sends the invitations
// now. Every change is kept (consultation_table_changes) and shown on the
// consultation page; nobody proposed is told anything until the
// invitations go out.

// RemoveTableNeed takes a need off a proposed crisis table; whoever was
// proposed only for it leaves the table (plan.WithoutNeed).
func (a *App) RemoveTableNeed(ctx context.Context, actor *schakel.Actor, id int64, in plan.TableNeedRemoval) (schakel.Consultation, error) {
	return a.shapeTable(ctx, actor, id, "remove a need from consultation %d", func(tx *storage.Tx, c schakel.Consultation) error {
		if err := plan.ValidateNeedRemoval(c, in); err != nil {
			return err
		}
		covers, leave := plan.WithoutNeed(c, in.Need)
		for _, pid := range slices.Sorted(maps.Keys(covers)) {
			if err := tx.SetCovers(c.ID, pid, covers[pid]); err != nil {
				return err
			}
		}
		for _, pid := range leave {
			if err := tx.DropProposed(c.ID, pid); err != nil {
				return err
			}
		}
		if err := tx.RemoveNeed(c.ID, in.Need); err != nil {
			return err
		}
		if slices.Contains(c.Missing, in.Need) {
			if err := tx.SetMissing(c.ID, slices.DeleteFunc(slices.Clone(c.Missing), func(m string) bool { return m == in.Need })); err != nil {
				return err
			}
		}
		return tx.AddTableChange(c.ID, schakel.TableNeedRemoved, in.Need, 0, strings.TrimSpace(in.Reason), actor.Professional.ID)
	})
}

// AddTablePerson puts an eligible person (access.Eligible: active, a role
// that works with cases, the case's region) on a proposed crisis table;
// the needs nobody covered that they cover come off the missing list.
func (a *App) AddTablePerson(ctx context.Context, actor *schakel.Actor, id int64, in plan.TablePersonAdded) (schakel.Consultation, error) {
	return a.shapeTable(ctx, actor, id, "add a person to consultation %d", func(tx *storage.Tx, c schakel.Consultation) error {
		if err := plan.ValidatePersonAdded(in); err != nil {
			return err
		}
		pool, err := candidatePool(tx, c.CaseID, c.ScheduledAt.Add(-time.Hour), c.ScheduledAt.Add(time.Hour))
		if err != nil {
			return err
		}
		i := slices.IndexFunc(pool.At(c.ScheduledAt), func(k attendees.Candidate) bool { return k.ID == in.ProfessionalID })
		if i < 0 {
			return fieldError("professional_id", "not_eligible", "Deze medewerker kan niet aan deze tafel: niet actief, werkt niet met casussen of werkt in een andere regio. Kies iemand anders.")
		}
		cand := pool.At(c.ScheduledAt)[i]
		var covers, missing []string
		for _, m := range c.Missing {
			if n, ok := attendees.ParseNeed(m); ok && cand.Covers(n) {
				covers = append(covers, m)
			} else {
				missing = append(missing, m)
			}
		}
		reasons := []string{"Toegevoegd door " + actor.Professional.Name + ": " + strings.TrimSpace(in.Reason)}
		if cand.Busy {
			reasons = append(reasons, "Let op: heeft rond dat moment al een ander overleg")
		}
		added, err := tx.AddParticipant(c.ID, cand.ID, covers, reasons, actor.Professional.ID)
		if err != nil {
			return err
		}
		if !added {
			return fieldError("professional_id", "already_invited", cand.Name+" staat al aan deze tafel.")
		}
		if len(missing) != len(c.Missing) {
			if err := tx.SetMissing(c.ID, missing); err != nil {
				return err
			}
		}
		return tx.AddTableChange(c.ID, schakel.TablePersonAdded, "", cand.ID, strings.TrimSpace(in.Reason), actor.Professional.ID)
	})
}

// SendTableNow sends a proposed table's invitations before its hold ends.
func (a *App) SendTableNow(ctx context.Context, actor *schakel.Actor, id int64) (schakel.Consultation, error) {
	return a.shapeTable(ctx, actor, id, "send the invitations of consultation %d", func(tx *storage.Tx, c schakel.Consultation) error {
		_, err := releaseTable(tx, actor, c.ID, actor.Professional.ID, audit.BasisParticipation)
		return err
	})
}

// shapeTable runs a change to a proposed table: the case guard (on the
// case, audited), access.ShapeTable (a refusal keeps only its audit
// entry), the table still on hold, then fn; it returns the table after.
func (a *App) shapeTable(ctx context.Context, actor *schakel.Actor, id int64, detail string,
	fn func(tx *storage.Tx, c schakel.Consultation) error) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := a.onConsultation(ctx, actor, id, detail, func(tx *storage.Tx, ref storage.ConsultationRef) error {
		if err := decideShapeTable(tx, actor, ref); err != nil {
			return err
		}
		c, err := tx.ConsultationByID(ref.ID)
		if err != nil {
			return err
		}
		if err := plan.CheckOnHold(c); err != nil {
			return err
		}
		if err := fn(tx, c); err != nil {
			return err
		}
		if out, err = tx.ConsultationByID(ref.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(ref.ID),
			AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf(detail, ref.ID)})
		return nil
	})
	return out, err
}

// decideShapeTable asks access.ShapeTable whether the actor may shape
// this table; a refusal is audited and keeps nothing else.
func decideShapeTable(tx *storage.Tx, actor *schakel.Actor, ref storage.ConsultationRef) error {
	d, err := shapeTableDecision(tx, actor, ref)
	if err != nil || d.Allowed {
		return err
	}
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(ref.ID),
		Detail: "shape crisis table refused"})
	return tx.Refuse(d)
}

// MayShapeTable says whether the consultation is a table on hold that
// the actor may shape, so that a screen offers its forms only to them.
// It reads no personal data and decides nothing, so it is not audited;
// the commands themselves guard and audit.
func (a *App) MayShapeTable(ctx context.Context, actor *schakel.Actor, consultationID int64) (bool, error) {
	var may bool
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		ref, err := tx.ConsultationRefOf(consultationID)
		if err != nil || !ref.OnHold {
			return err
		}
		d, err := shapeTableDecision(tx, actor, ref)
		may = d.Allowed
		return err
	})
	return may, err
}

// shapeTableDecision is access.ShapeTable over the table's planner and
// the case's region.
func shapeTableDecision(tx *storage.Tx, actor *schakel.Actor, ref storage.ConsultationRef) (access.Decision, error) {
	plannerID, err := tx.ConsultationPlanner(ref.ID)
	if err != nil {
		return access.Decision{}, err
	}
	orgs, err := tx.CaseOrganisations(ref.CaseID)
	if err != nil {
		return access.Decision{}, err
	}
	t := access.Table{PlannerID: plannerID, CaseRegionID: orgs.Region()}
	if plannerID != 0 {
		planner, err := tx.ProfessionalRecord(plannerID)
		if err != nil {
			return access.Decision{}, err
		}
		t.PlannerOrganisationID, t.PlannerIsIntake = planner.Organisation.ID, planner.HasRole(schakel.RoleIntake)
	}
	return access.ShapeTable(access.SubjectFor(actor), t), nil
}
