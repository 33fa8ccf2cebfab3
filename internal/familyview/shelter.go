package familyview

import (
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/familycopy"
)

// ShieldShelter prepares a case for the family copy a professional prints
// for recipient (0: one copy for every parent): when someone of the family
// stays in a shelter and the recipient does not, the shelter is left out of
// the organisations and contacts, and each agreement it owns gets a "niet
// delen met" mark for every adult who does not stay there, so that the copy
// leaves it out and counts it as left out. The marks live only in memory.
func ShieldShelter(c schakel.Case, w schakel.Workspace, marks []familycopy.Mark, inShelter map[int64]bool, recipient int64) (schakel.Case, []familycopy.Mark) {
	anyone := false
	for _, p := range c.Persons {
		anyone = anyone || inShelter[p.ID]
	}
	if access.ShelterNamed(anyone, recipient != 0 && inShelter[recipient]) {
		return c, marks
	}
	c.Participations = slices.DeleteFunc(slices.Clone(c.Participations), func(p schakel.ParticipationView) bool {
		return p.Organisation.Kind == schakel.BlijfGroep
	})
	marks = slices.Clone(marks)
	for _, a := range w.Plan.Actions {
		if a.Owner.Kind != schakel.BlijfGroep {
			continue
		}
		for _, p := range c.Persons {
			if p.Kind == "adult" && !inShelter[p.ID] {
				marks = append(marks, familycopy.Mark{ActionID: a.ID, Person: schakel.PersonRef{ID: p.ID, Kind: p.Kind}, Kind: familycopy.MarkWithhold})
			}
		}
	}
	return c, marks
}
