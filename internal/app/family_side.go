package app

// The family's own side: a child of 16 or older decides whether its
// parents see its part, and every family member may add their own
// statement or ask for a correction or for destruction of their data. A
// statement or request reaches the case's regie holder as a work item with
// the legal deadline; the answer is shown to the family member.

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// FamilyAnswerWeeks is the legal term for answering a request to see,
// correct or destroy one's data (AVG art. 12(3), WGBO art. 7:455): four
// weeks.
const FamilyAnswerWeeks = 4

// Family request kinds.
const (
	RequestStatement   = "statement"   // mijn kant van het verhaal
	RequestCorrection  = "correction"  // verbeteren
	RequestDestruction = "destruction" // vernietigen
)

var requestWork = map[string]string{
	RequestStatement:   "Het gezin schreef zijn kant van het verhaal",
	RequestCorrection:  "Het gezin vraagt om iets te verbeteren",
	RequestDestruction: "Het gezin vraagt om gegevens te vernietigen",
}

// SetFamilyConsent records whether a child of 16 or older lets its parents
// with authority see its part; withdrawing works the same way.
func (a *App) SetFamilyConsent(ctx context.Context, actor *schakel.Actor, given bool) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		f, err := guardFamily(tx, actor, audit.EventUpdate, "family_consent", func(f family) access.Decision {
			v := f.scope.Viewer
			if !f.scope.View.Allowed {
				return f.scope.View
			}
			if !v.Child || v.Age < access.ChildDecidesAge {
				return access.Decision{Basis: audit.BasisNone, Key: "err.consent_age", Reason: "Alleen een kind van 16 jaar of ouder beslist zelf wie zijn deel mag zien."}
			}
			return f.scope.View
		}, func(f family) []int64 { return []int64{f.acc.PersonID} })
		if err != nil {
			return err
		}
		return tx.InsertFamilyConsent(f.acc.PersonID, given)
	})
}

// FileFamilyRequest stores a family member's statement or request and puts
// it in the regie holder's work list with the answer's deadline.
func (a *App) FileFamilyRequest(ctx context.Context, actor *schakel.Actor, kind, text string) (storage.FamilyRequest, error) {
	var out storage.FamilyRequest
	text = strings.TrimSpace(text)
	var v schakel.Validation
	if requestWork[kind] == "" {
		v.Add("kind", "invalid", "Kies wat u wilt doen.")
	}
	switch n := textlimit.Len(text); {
	case n == 0:
		v.Add("text", "required", "Schrijf hier wat u wilt zeggen.")
	case n > textlimit.Text:
		v.AddWith("text", "too_long", fmt.Sprintf("Hoogstens %d tekens.", textlimit.Text), "max", textlimit.Text)
	}
	if err := v.Err(); err != nil {
		return out, err
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		f, err := guardFamily(tx, actor, audit.EventCreate, "family_request", func(f family) access.Decision { return f.scope.View },
			func(f family) []int64 { return []int64{f.acc.PersonID} })
		if err != nil {
			return err
		}
		due := tx.Now().AddDate(0, 0, 7*FamilyAnswerWeeks)
		id, err := tx.InsertFamilyRequest(f.c.ID, f.acc.PersonID, f.acc.ID, kind, text, due)
		if err != nil {
			return err
		}
		if err := notifyRegie(tx, f.c.ID, fmt.Sprintf("%s. Beantwoord het vóór %s (wettelijke termijn: %d weken).",
			requestWork[kind], plan.DateNL(due, workdays.Location()), FamilyAnswerWeeks)); err != nil {
			return err
		}
		out, err = tx.FamilyRequestOnCase(f.c.ID, id)
		return err
	})
	return out, err
}

// notifyRegie puts a work item in the list of the regie holder: the
// contact person of the organisation with regie, or its team leads when it
// named none.
func notifyRegie(tx *storage.Tx, caseID int64, text string) error {
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return err
	}
	to := []int64{orgs.Contact(orgs.RegieHolder())}
	if to[0] == 0 {
		if to, err = tx.TeamLeads(orgs.RegieHolder()); err != nil {
			return err
		}
	}
	for _, id := range to {
		if err := tx.Notify(id, "family_request", caseID, text); err != nil {
			return err
		}
	}
	return nil
}
