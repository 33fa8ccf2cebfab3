package access

import "time"

// CaseFacts are the stored facts about one professional, their
// organisation and a case that the case rules weigh.
type CaseFacts struct {
	RegionID      int64
	Participation Participation
	ExitedAt      time.Time    // when the organisation exited; zero unless it did
	Invitations   []Invitation // every call of the professional to the case
}

// CaseContext builds the context Decide weighs for a case from its facts:
// an invitation gives access while it holds (InvitationHolds), and after
// the organisation exited only an invitation after the exit counts, so that
// earlier ones do not keep showing its people new information.
func CaseContext(f CaseFacts, emergencyReason string, now time.Time, grace time.Duration) Context {
	c := Context{CaseRegionID: f.RegionID, Participation: f.Participation, EmergencyReason: emergencyReason}
	for _, inv := range f.Invitations {
		if f.Participation == Exited && !f.ExitedAt.IsZero() && !inv.InvitedAt.After(f.ExitedAt) {
			continue
		}
		if InvitationHolds(inv, now, grace) {
			c.InvitedToCrisis = true
		}
	}
	return c
}
