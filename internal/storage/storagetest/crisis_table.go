package storagetest

import (
	"slices"
	"strings"
	"testing"

	"schakel"
)

// RemovableNeed is an urgent need of a crisis table that one of its
// invitees covers alone, and those invitees: a need that can be taken off
// the table. Tests of both the use cases and the storage plans shape a
// table with it.
func RemovableNeed(t testing.TB, c schakel.Consultation) (string, []int64) {
	t.Helper()
	for _, n := range c.Needs {
		if n.Urgency != "urgent" || strings.HasPrefix(n.Need, "person:") {
			continue
		}
		var alone []int64
		for _, p := range c.Participants {
			if slices.Equal(p.Covers, []string{n.Need}) {
				alone = append(alone, p.Professional.ID)
			}
		}
		if len(alone) > 0 {
			return n.Need, alone
		}
	}
	t.Fatalf("no need covered by someone alone: %+v", c.Participants)
	return "", nil
}
