package caseload

import "schakel"

// Act is what assigning a position on a case comes down to.
type Act string

// The acts.
const (
	Assign   Act = "assign"    // the position is empty
	HandOver Act = "hand_over" // someone else holds it now
)

// Assignment checks giving an organisation's position on a case to a
// professional, against the case holders now: it returns the act, or a
// field error (field, code, Dutch message) when the assignment would
// overlap one that holds. current is the case's current holders.
func Assignment(current []schakel.CaseHolder, org int64, pos schakel.HolderPosition, professional int64) (Act, *schakel.FieldError) {
	if !pos.Valid() {
		return "", &schakel.FieldError{Field: "position", Code: "invalid", Message: "Kies casushouder (first) of tweede casushouder (second)."}
	}
	act := Assign
	hasFirst := false
	for _, h := range current {
		if h.OrganisationID != org {
			continue
		}
		hasFirst = hasFirst || h.Position == schakel.FirstHolder
		switch {
		case h.Position == pos && h.ProfessionalID == professional:
			return "", &schakel.FieldError{Field: "professional_id", Code: "already_holder", Message: "Deze medewerker is al " + positionName(pos) + " van deze casus."}
		case h.ProfessionalID == professional:
			return "", &schakel.FieldError{Field: "professional_id", Code: "overlap", Message: "Deze medewerker is al " + positionName(h.Position) + " van deze casus; één medewerker kan niet beide zijn."}
		case h.Position == pos:
			act = HandOver
		}
	}
	if pos == schakel.SecondHolder && !hasFirst {
		return "", &schakel.FieldError{Field: "position", Code: "no_first_holder", Message: "Wijs eerst een casushouder aan; een tweede casushouder komt daarnaast."}
	}
	return act, nil
}

func positionName(p schakel.HolderPosition) string {
	if p == schakel.SecondHolder {
		return "tweede casushouder"
	}
	return "casushouder"
}
