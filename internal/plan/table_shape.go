package plan

import (
	"slices"

	"schakel"
)

// Shaping a proposed crisis table before its invitations go out: the
// intake worker removes a need (with a reason) or adds a person. Who may
// is access.ShapeTable; these are the rules of what a change does.

// TableNeedRemoval is the input of removing a need from a proposed table.
type TableNeedRemoval struct {
	Need   string `json:"need"` // code form, e.g. "organisation:schuldhulp"
	Reason string `json:"reason"`
}

// TablePersonAdded is the input of adding a person to a proposed table.
type TablePersonAdded struct {
	ProfessionalID int64  `json:"professional_id"`
	Reason         string `json:"reason"`
}

// CheckOnHold refuses changing a table whose invitations already went out.
func CheckOnHold(c schakel.Consultation) error {
	if c.Status != schakel.ConsultationPlanned || !c.OnHold() {
		return schakel.Errorf(schakel.ECONFLICT, "De uitnodigingen voor dit overleg zijn al verstuurd. Nodig iemand uit met 'Iemand erbij vragen' of meld u af.")
	}
	return nil
}

// ValidateNeedRemoval checks a need removal: a need the table has, and
// why it is not needed (the invitees and the team leads read it).
func ValidateNeedRemoval(c schakel.Consultation, in TableNeedRemoval) error {
	var v schakel.Validation
	if !slices.ContainsFunc(c.Needs, func(n schakel.ConsultationNeed) bool { return n.Need == in.Need }) {
		v.Add("need", "unknown", "Deze behoefte staat niet (meer) op de tafel. Kies een behoefte uit de lijst.")
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom dit niet nodig is aan deze tafel.")
	return v.Err()
}

// ValidatePersonAdded checks the reason for adding a person.
func ValidatePersonAdded(in TablePersonAdded) error {
	var v schakel.Validation
	if in.ProfessionalID <= 0 {
		v.Add("professional_id", "required", "Kies wie erbij komt.")
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom deze persoon erbij komt.")
	return v.Err()
}

// WithoutNeed is what removing a need does to the people proposed: each
// stops covering it, and whoever was proposed only for needs that are now
// all gone leaves the table (they were never told). It returns the new
// covers of those who stay and who leaves.
func WithoutNeed(c schakel.Consultation, need string) (covers map[int64][]string, leave []int64) {
	covers = map[int64][]string{}
	for _, p := range c.Participants {
		if !slices.Contains(p.Covers, need) {
			continue
		}
		rest := slices.DeleteFunc(slices.Clone(p.Covers), func(s string) bool { return s == need })
		if len(rest) == 0 {
			leave = append(leave, p.Professional.ID)
			continue
		}
		covers[p.Professional.ID] = rest
	}
	return covers, leave
}
