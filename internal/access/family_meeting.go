package access

import (
	"slices"

	"schakel/internal/audit"
)

// FamilyMeetingShown decides whether a family member sees a planned
// conversation with the family (and may put it in their calendar): only
// when they are invited to it, and not while a professional withholds
// their whole view. Parents do not see a child's conversations they are
// not invited to, and a child not the parents'.
func FamilyMeetingShown(s FamilyScope, invited []int64) Decision {
	switch {
	case !s.View.Allowed:
		return s.View
	case !slices.Contains(invited, s.Viewer.ID):
		return refuse("U bent niet uitgenodigd voor dit gesprek.")
	}
	return allow(audit.BasisSelf)
}

// FamilyMeetingAttendeeNamed decides whether a professional who comes to
// the conversation is named to the viewer: someone of a shelter only to
// those who may know the shelter (ShelterNamed).
func FamilyMeetingAttendeeNamed(s FamilyScope, ofShelter bool) bool {
	return !ofShelter || ShelterNamed(s.Shelter, s.Viewer.InShelter)
}
