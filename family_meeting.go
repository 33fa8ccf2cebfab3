package schakel

import "time"

// FamilyMeeting is a planned conversation with the family: planned by a
// professional from the case, shown only to the family members invited to
// it (access.FamilyMeetingShown), with a calendar file for them.
type FamilyMeeting struct {
	ID             int64
	CaseID         int64
	StartsAt       time.Time
	Minutes        int
	Location       ConsultationLocation // in person at a place, or online with an https link
	About          string               // what it is about, in plain words for the family
	OrganisationID int64
	CreatedBy      Contact
	PersonIDs      []int64 // who of the family is invited
	Professionals  []MeetingProfessional
	// Sequence counts the changes (moved, cancelled): the calendar file's
	// SEQUENCE, so that a calendar replaces its copy.
	Sequence int
	// MovedFrom is the start before the last move; nil when never moved.
	MovedFrom *time.Time
	// CancelledAt is when it was called off; nil while it goes ahead.
	CancelledAt  *time.Time
	CancelReason string // why it does not go ahead, in plain words for the family
}

// Cancelled reports whether the conversation was called off.
func (m FamilyMeeting) Cancelled() bool { return m.CancelledAt != nil }

// Ends is when the conversation is planned to end.
func (m FamilyMeeting) Ends() time.Time {
	return m.StartsAt.Add(time.Duration(m.Minutes) * time.Minute)
}

// MeetingProfessional is someone from the chain who comes to a family
// meeting.
type MeetingProfessional struct {
	ID           int64
	Name, Email  string
	Organisation string
	Kind         OrganisationKind
}
