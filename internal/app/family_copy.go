package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/familycopy"
	"schakel/internal/familyview"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// FamilyCopy builds the family copy of a case's plan for one adult of the
// family (personID 0: one copy for every parent, refused in a case with
// domestic violence), with its marks honoured and whether a professional
// confirmed it as it stands. An audited read.
func (a *App) FamilyCopy(ctx context.Context, actor *schakel.Actor, caseID, personID int64) (familycopy.Copy, error) {
	var cp familycopy.Copy
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, fmt.Sprintf("family copy for person %d", personID)); err != nil {
			return err
		}
		var err error
		cp, err = buildCopy(tx, caseID, personID)
		return err
	})
	return cp, err
}

func buildCopy(tx *storage.Tx, caseID, personID int64) (familycopy.Copy, error) {
	c, w, err := caseWithWorkspace(tx, caseID)
	if err != nil {
		return familycopy.Copy{}, err
	}
	marks, err := tx.FamilyCopyMarks(caseID)
	if err != nil {
		return familycopy.Copy{}, err
	}
	shelter, err := tx.InShelter(c.FamilyID)
	if err != nil {
		return familycopy.Copy{}, err
	}
	// Someone in a shelter: the shelter is named only in their own copy.
	c, marks = familyview.ShieldShelter(c, w, marks, shelter, personID)
	cp, err := familycopy.Build(c, w, marks, personID, tx.Now(), workdays.Location())
	if err != nil {
		return cp, err
	}
	conf, ok, err := tx.LatestFamilyCopyConfirmation(caseID, personID)
	if ok && conf.Digest == cp.Digest {
		cp.Confirmed, cp.ConfirmedBy, cp.ConfirmedAt = true, &conf.By, &conf.At
	}
	return cp, err
}

// ConfirmFamilyCopy records that a professional read the copy for this
// recipient and may give it: only the copy they saw (digest), so that a
// change since then needs a new look.
func (a *App) ConfirmFamilyCopy(ctx context.Context, actor *schakel.Actor, caseID, personID int64, digest string) (familycopy.Copy, error) {
	var cp familycopy.Copy
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("confirm family copy for person %d", personID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		var err error
		if cp, err = buildCopy(tx, caseID, personID); err != nil {
			return err
		}
		if strings.TrimSpace(digest) != cp.Digest {
			return &schakel.Error{Code: schakel.ECONFLICT, Message: "De kopie is veranderd sinds u hem las. Lees hem opnieuw en bevestig dan.",
				Fields: []schakel.FieldError{{Field: "digest", Code: "stale", Message: "Lees de kopie opnieuw voordat u bevestigt."}}}
		}
		if err := tx.InsertFamilyCopyConfirmation(caseID, personID, cp.Digest, actor.Professional.ID); err != nil {
			return err
		}
		now := tx.Now()
		cp.Confirmed, cp.ConfirmedBy, cp.ConfirmedAt = true, &schakel.Contact{ID: actor.Professional.ID, Name: actor.Professional.Name}, &now
		return nil
	})
	return cp, err
}

// MarkFamilyCopy marks an action "niet delen met" a family member
// (withhold) or as telling where that member stays (whereabouts). Any
// organisation on the case may mark: keeping someone safe is everyone's.
func (a *App) MarkFamilyCopy(ctx context.Context, actor *schakel.Actor, caseID, actionID, personID int64, kind string) (familycopy.Mark, error) {
	var m familycopy.Mark
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("mark action %d %s person %d", actionID, kind, personID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if !familycopy.ValidKind(kind) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Kies wat er niet gedeeld mag worden.",
				Fields: []schakel.FieldError{{Field: "kind", Code: "invalid", Message: "Kies 'niet delen met' of 'verblijfplaats van'."}}}
		}
		if _, err := actionOnCase(tx, caseID, actionID); err != nil {
			return err
		}
		c, _, err := caseWithWorkspace(tx, caseID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(c.Persons, func(p schakel.Person) bool { return p.ID == personID }) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Deze persoon hoort niet bij dit gezin.",
				Fields: []schakel.FieldError{{Field: "person", Code: "unknown", Message: "Kies iemand van dit gezin."}}}
		}
		marks, err := tx.FamilyCopyMarks(caseID)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(marks, func(x familycopy.Mark) bool {
			return x.ActionID == actionID && x.Person.ID == personID && x.Kind == kind
		}) {
			return schakel.Errorf(schakel.ECONFLICT, "Deze markering staat er al.")
		}
		id, err := tx.InsertFamilyCopyMark(caseID, actionID, personID, kind, actor.Professional.ID)
		if err != nil {
			return err
		}
		if marks, err = tx.FamilyCopyMarks(caseID); err != nil {
			return err
		}
		for _, x := range marks {
			if x.ID == id {
				m = x
			}
		}
		return nil
	})
	return m, err
}

// FamilyText is an action's family text as stored, with the readability
// warnings the writer should look at.
type FamilyText struct {
	Action   schakel.Action       `json:"action"`
	Warnings []familycopy.Warning `json:"warnings"`
}

// SetFamilyText stores the plain-Dutch text of an action for the family
// copy. The owning organisation writes or confirms it (or the one with
// regie, as for any change to an action). Hard sentences are warned
// about, not refused.
func (a *App) SetFamilyText(ctx context.Context, actor *schakel.Actor, caseID, actionID int64, text string) (FamilyText, error) {
	var out FamilyText
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("family text of plan action %d", actionID)}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		act, err := actionOnCase(tx, caseID, actionID)
		if err != nil {
			return err
		}
		regie, err := tx.CaseRegie(caseID)
		if err != nil {
			return err
		}
		if mine := actor.Professional.Organisation.ID; mine != act.Owner.ID && mine != regie {
			return tx.RefuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie die de actie uitvoert, of de organisatie met de regie, schrijft de tekst voor het gezin.")
		}
		text = strings.TrimSpace(text)
		switch n := textlimit.Len(text); {
		case n == 0:
			return &schakel.Error{Code: schakel.EINVALID, Message: "Schrijf de tekst voor het gezin.",
				Fields: []schakel.FieldError{{Field: "family_text", Code: "required", Message: "Schrijf in gewone woorden wat er gebeurt, voor de ouders."}}}
		case n > textlimit.Reason:
			return &schakel.Error{Code: schakel.EINVALID, Message: "De tekst voor het gezin is te lang.",
				Fields: []schakel.FieldError{{Field: "family_text", Code: "too_long", Message: fmt.Sprintf("Hoogstens %d tekens.", textlimit.Reason)}}}
		}
		if err := tx.SetFamilyTextRecord(actionID, text, actor.Professional.ID); err != nil {
			return err
		}
		out.Action, err = actionOnCase(tx, caseID, actionID)
		out.Warnings = familycopy.Check(text)
		return err
	})
	return out, err
}

// FamilyCopyView is what the professional's page on the family copy shows:
// the copy (or why none can be made yet) and, to prepare it, the actions
// with their professional titles, family texts and marks.
type FamilyCopyView struct {
	Case    schakel.Case
	Actions []schakel.Action
	Marks   []familycopy.Mark
	Copy    familycopy.Copy
	Refusal string // why this copy cannot be made (choose a parent, honour a mark)
}

// FamilyCopyPage loads the view for the professional's page in one
// audited read.
func (a *App) FamilyCopyPage(ctx context.Context, actor *schakel.Actor, caseID, personID int64) (FamilyCopyView, error) {
	var v FamilyCopyView
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, fmt.Sprintf("family copy page for person %d", personID)); err != nil {
			return err
		}
		c, w, err := caseWithWorkspace(tx, caseID)
		if err != nil {
			return err
		}
		v.Case, v.Actions = c, w.Plan.Actions
		if v.Marks, err = tx.FamilyCopyMarks(caseID); err != nil {
			return err
		}
		v.Copy, err = buildCopy(tx, caseID, personID)
		if code := schakel.ErrorCode(err); code == schakel.ECONFLICT || code == schakel.EINVALID {
			v.Refusal, err = schakel.ErrorMessage(err), nil
		}
		return err
	})
	return v, err
}
