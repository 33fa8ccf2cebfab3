package plan

import (
	"fmt"
	"slices"

	"schakel"
)

// ActionInput is a new action as the API receives it.
type ActionInput struct {
	Title               string  `json:"title"`
	OwnerOrganisationID int64   `json:"owner_organisation_id"`
	OwnerProfessionalID int64   `json:"owner_professional_id"`
	DueDate             string  `json:"due_date"`
	For                 *string `json:"for"`
	Kind                string  `json:"kind"`
	ExpectedVersion     int64   `json:"version,omitempty"`
}

// Facts are what storage knows when it checks an action or a change.
type Facts struct {
	Today Date
	// Organisations that take part in the case now.
	OnCase map[int64]bool
	// For each active professional asked about: their organisation.
	ProfessionalOrg map[int64]int64
}

// Kinds, For values and statuses that are valid.
var (
	ActionKinds    = []string{schakel.ActionTask, schakel.ActionSafetyAgreement, schakel.ActionGoal}
	ForValues      = []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork}
	ActionStatuses = []string{schakel.ActionOpen, schakel.ActionDone, schakel.ActionCancelled}
)

// ValidateAction checks a new action: a title, a known kind and target, a
// due date that is not in the past, and an owner organisation on the case
// with an owner person who works there. It returns the parsed due date.
func ValidateAction(in ActionInput, f Facts) (Date, error) {
	var v schakel.Validation
	switch n := runes(in.Title); {
	case n == 0:
		v.Add("title", "required", "Schrijf op wat er moet gebeuren.")
	case n > MaxTitle:
		v.Add("title", "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxTitle, n))
	}
	if !slices.Contains(ActionKinds, in.Kind) {
		v.Add("kind", "unknown", "Kies actie, veiligheidsafspraak of doel.")
	}
	if in.For != nil && !slices.Contains(ForValues, *in.For) {
		v.Add("for", "unknown", "Kies ouders, kind, netwerk of niemand in het bijzonder.")
	}
	due := checkDueDate(&v, "due_date", in.DueDate, f.Today)
	checkOwner(&v, in.OwnerOrganisationID, in.OwnerProfessionalID, f)
	return due, v.Err()
}

func checkDueDate(v *schakel.Validation, field, s string, today Date) Date {
	d, ok := dateField(v, field, s, "Vul een datum in.", "2026-12-01")
	if !ok {
		return Date{}
	}
	if d.Before(today) {
		v.Add(field, "in_past", fmt.Sprintf("Deze datum is voorbij. Kies vandaag (%s) of later.", today.Format("02-01-2006")))
	}
	return d
}

func checkOwner(v *schakel.Validation, orgID, proID int64, f Facts) {
	switch {
	case orgID <= 0:
		v.Add("owner_organisation_id", "required", "Kies de organisatie die de actie uitvoert.")
	case !f.OnCase[orgID]:
		v.Add("owner_organisation_id", "not_on_case", "Deze organisatie doet niet (meer) mee aan de casus. Voeg haar eerst toe, of kies een andere.")
	}
	switch org, ok := f.ProfessionalOrg[proID]; {
	case proID <= 0:
		v.Add("owner_professional_id", "required", "Kies wie de actie uitvoert.")
	case !ok:
		v.Add("owner_professional_id", "unknown", "Deze medewerker bestaat niet of is niet actief.")
	case orgID > 0 && org != orgID:
		v.Add("owner_professional_id", "not_in_organisation", "Deze medewerker werkt niet bij de gekozen organisatie.")
	}
}

// ActionChange is a change of an existing action: a new status, owner or
// due date. Nil fields stay as they are.
type ActionChange struct {
	Status              *string `json:"status"`
	OwnerOrganisationID *int64  `json:"owner_organisation_id"`
	OwnerProfessionalID *int64  `json:"owner_professional_id"`
	DueDate             *string `json:"due_date"`
	Version             int64   `json:"version"`
}

// CurrentAction is what an action is now, as far as a change cares.
type CurrentAction struct {
	Status              string
	OwnerOrganisationID int64
	OwnerProfessionalID int64
}

// ValidateChange checks a change: at least one field, a known status, a
// closed action is not reopened or changed, a new owner on the case, a new
// due date not in the past.
func ValidateChange(cur CurrentAction, ch ActionChange, f Facts) (due *Date, err error) {
	var v schakel.Validation
	if ch.Status == nil && ch.OwnerOrganisationID == nil && ch.OwnerProfessionalID == nil && ch.DueDate == nil {
		v.Add("status", "required", "Geef aan wat er verandert: status, eigenaar of datum.")
		return nil, v.Err()
	}
	if cur.Status != schakel.ActionOpen {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Deze actie is al afgerond of vervallen en kan niet meer veranderen.")
	}
	if ch.Status != nil && !slices.Contains(ActionStatuses, *ch.Status) {
		v.Add("status", "unknown", "Kies open, afgerond of vervallen.")
	}
	if ch.OwnerOrganisationID != nil || ch.OwnerProfessionalID != nil {
		org, pro := cur.OwnerOrganisationID, cur.OwnerProfessionalID
		if ch.OwnerOrganisationID != nil {
			org = *ch.OwnerOrganisationID
		}
		if ch.OwnerProfessionalID != nil {
			pro = *ch.OwnerProfessionalID
		}
		checkOwner(&v, org, pro, f)
	}
	if ch.DueDate != nil {
		d := checkDueDate(&v, "due_date", *ch.DueDate, f.Today)
		due = &d
	}
	return due, v.Err()
}

// Overdue reports whether an open action's due date has passed.
func Overdue(status string, due, today Date) bool {
	return status == schakel.ActionOpen && due.Before(today)
}
