package app

import (
	"slices"
	"testing"
	"time"

	"schakel"
)

// TestEmptySeats: the seats a decline, an exit or a new report leaves
// empty are the needs nobody still at the table covers; someone who
// declined earlier covers nothing, and whoever is leaving is gone.
func TestEmptySeats(t *testing.T) {
	declined := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	seat := func(id, org int64, covers ...string) schakel.Participant {
		p := schakel.Participant{Covers: covers}
		p.Professional.ID, p.Professional.Organisation.ID = id, org
		return p
	}
	gone := seat(4, 30, "organisation:raad")
	gone.DeclinedAt = &declined
	c := &schakel.Consultation{Participants: []schakel.Participant{
		seat(1, 10, "organisation:veilig_thuis", "role:intake"),
		seat(2, 20, "organisation:jeugdbescherming"),
		seat(3, 20, "expertise:debt_counselling", "organisation:jeugdbescherming"),
		gone,
	}}
	fromOrg20 := func(p schakel.Participant) bool { return p.Professional.Organisation.ID == 20 }
	for _, tc := range []struct {
		name    string
		needs   []string
		leaving func(schakel.Participant) bool
		want    []string
	}{
		{"all covered", []string{"organisation:veilig_thuis", "organisation:jeugdbescherming"}, nil, nil},
		{"a declined invitee covers nothing", []string{"organisation:raad", "role:intake"}, nil, []string{"organisation:raad"}},
		{"each need once, in order", []string{"expertise:behaviour", "organisation:raad", "expertise:behaviour"}, nil,
			[]string{"expertise:behaviour", "organisation:raad"}},
		{"an organisation leaving empties its seats", []string{"organisation:jeugdbescherming", "expertise:debt_counselling", "role:intake"},
			fromOrg20, []string{"organisation:jeugdbescherming", "expertise:debt_counselling"}},
		{"a need not in code form is no seat", []string{"iemand van de school"}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, n := range emptySeats(c, tc.needs, tc.leaving) {
				got = append(got, n.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("empty seats %v, want %v", got, tc.want)
			}
		})
	}
}

// TestSeatedCovers splits the covers of those leaving from the rest and
// leaves out whoever declined.
func TestSeatedCovers(t *testing.T) {
	declined := time.Now()
	c := &schakel.Consultation{Participants: []schakel.Participant{
		{Covers: []string{"a"}}, {Covers: []string{"b"}, DeclinedAt: &declined}, {Covers: []string{"c", "d"}},
	}}
	left, remaining := seatedCovers(c, func(p schakel.Participant) bool { return slices.Contains(p.Covers, "c") })
	if !slices.Equal(left, []string{"c", "d"}) || len(remaining) != 1 || !slices.Equal(remaining[0], []string{"a"}) {
		t.Errorf("left %v, remaining %v", left, remaining)
	}
}
