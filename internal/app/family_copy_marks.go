package app

import (
	"context"
	"fmt"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/familycopy"
	"schakel/internal/storage"
)

// ChangeFamilyCopyMark changes whom a "niet delen met" (or whereabouts)
// mark is about, or its kind. Only the organisation that placed it or the
// one with regie may (familycopy.MayChange); a refusal keeps only its
// audit entry. Every copy confirmed before must be confirmed again: the
// copy's fingerprint covers the marks.
func (a *App) ChangeFamilyCopyMark(ctx context.Context, actor *schakel.Actor, caseID, markID, personID int64, kind string) (familycopy.Mark, error) {
	var out familycopy.Mark
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("change family copy mark %d", markID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		m, marks, err := markToChange(tx, actor, caseID, markID)
		if err != nil {
			return err
		}
		if err := validMark(tx, caseID, personID, kind); err != nil {
			return err
		}
		if slices.ContainsFunc(marks, func(x familycopy.Mark) bool {
			return x.ID != m.ID && x.ActionID == m.ActionID && x.Person.ID == personID && x.Kind == kind
		}) {
			return schakel.Errorf(schakel.ECONFLICT, "Deze markering staat er al. Haal deze markering weg als hij dubbel is.")
		}
		if err := tx.UpdateFamilyCopyMark(m.ID, personID, kind); err != nil {
			return err
		}
		if marks, err = tx.FamilyCopyMarks(caseID); err != nil {
			return err
		}
		for _, x := range marks {
			if x.ID == m.ID {
				out = x
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "family_copy_mark", ResourceID: fmt.Sprint(m.ID),
			AccessBasis: audit.BasisParticipation, Persons: []int64{m.Person.ID, personID},
			Detail: fmt.Sprintf("case %d, action %d: %s person %d became %s person %d", caseID, m.ActionID, m.Kind, m.Person.ID, kind, personID)})
		return nil
	})
	return out, err
}

// RemoveFamilyCopyMark removes a mark, under the same rule as changing it;
// its audit entry keeps what it was.
func (a *App) RemoveFamilyCopyMark(ctx context.Context, actor *schakel.Actor, caseID, markID int64) error {
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("remove family copy mark %d", markID)}
	return a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		m, _, err := markToChange(tx, actor, caseID, markID)
		if err != nil {
			return err
		}
		if err := tx.DeleteFamilyCopyMark(m.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventDelete, ResourceType: "family_copy_mark", ResourceID: fmt.Sprint(m.ID),
			AccessBasis: audit.BasisParticipation, Persons: []int64{m.Person.ID},
			Detail: fmt.Sprintf("case %d, action %d: %s person %d removed (placed by professional %d)", caseID, m.ActionID, m.Kind, m.Person.ID, m.By.ID)})
		return nil
	})
}

// markToChange loads a mark of the case (not found otherwise) and decides
// with familycopy.MayChange whether the actor may change it.
func markToChange(tx *storage.Tx, actor *schakel.Actor, caseID, markID int64) (familycopy.Mark, []familycopy.Mark, error) {
	marks, err := tx.FamilyCopyMarks(caseID)
	if err != nil {
		return familycopy.Mark{}, nil, err
	}
	i := slices.IndexFunc(marks, func(x familycopy.Mark) bool { return x.ID == markID })
	if i < 0 {
		return familycopy.Mark{}, nil, schakel.Errorf(schakel.ENOTFOUND, "Deze markering bestaat niet (meer) op deze casus.")
	}
	regie, err := tx.CaseRegie(caseID)
	if err != nil {
		return familycopy.Mark{}, nil, err
	}
	if !familycopy.MayChange(marks[i].OrganisationID, regie, actor.Professional.Organisation.ID) {
		return familycopy.Mark{}, nil, tx.RefuseRule(actor, caseID, audit.EventUpdate,
			"Alleen de organisatie die deze markering plaatste, of de organisatie met de regie, kan hem wijzigen of weghalen. Vraag het hun.")
	}
	return marks[i], marks, nil
}

// validMark checks a mark's kind and that its person is of the family.
func validMark(tx *storage.Tx, caseID, personID int64, kind string) error {
	if !familycopy.ValidKind(kind) {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Kies wat er niet gedeeld mag worden.",
			Fields: []schakel.FieldError{{Field: "kind", Code: "invalid", Message: "Kies 'niet delen met' of 'verblijfplaats van'."}}}
	}
	c, _, err := caseWithWorkspace(tx, caseID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(c.Persons, func(p schakel.Person) bool { return p.ID == personID }) {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Deze persoon hoort niet bij dit gezin.",
			Fields: []schakel.FieldError{{Field: "person", Code: "unknown", Message: "Kies iemand van dit gezin."}}}
	}
	return nil
}
