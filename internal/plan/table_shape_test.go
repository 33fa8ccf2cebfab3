package plan

import (
	"slices"
	"testing"

	"schakel"
)

func TestWithoutNeed(t *testing.T) {
	person := func(id int64, covers ...string) schakel.Participant {
		return schakel.Participant{Professional: schakel.ProfessionalRef{ID: id}, Covers: covers}
	}
	c := schakel.Consultation{Participants: []schakel.Participant{
		person(1, "organisation:schuldhulp"),
		person(2, "organisation:schuldhulp", "expertise:debts"),
		person(3, "organisation:politie"),
		person(4),
	}}
	covers, leave := WithoutNeed(c, "organisation:schuldhulp")
	if !slices.Equal(leave, []int64{1}) {
		t.Errorf("leave = %v, want only the one proposed for that need alone", leave)
	}
	if got := covers[2]; !slices.Equal(got, []string{"expertise:debts"}) {
		t.Errorf("covers of 2 = %v, want the other need kept", got)
	}
	if _, changed := covers[3]; changed {
		t.Error("someone who did not cover the need is unchanged")
	}
	if _, changed := covers[4]; changed || slices.Contains(leave, 4) {
		t.Error("a person added by hand (no needs) stays")
	}
}

func TestTableShapeValidation(t *testing.T) {
	held := schakel.Consultation{Status: schakel.ConsultationPlanned, Needs: []schakel.ConsultationNeed{{Need: "organisation:schuldhulp"}}}
	if err := CheckOnHold(held); schakel.ErrorCode(err) != schakel.ECONFLICT {
		t.Errorf("a table whose invitations went out: %v, want conflict", err)
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"a need the table has, with a reason", ValidateNeedRemoval(held, TableNeedRemoval{Need: "organisation:schuldhulp", Reason: "Schulden volgen bij het MDO."}), ""},
		{"a need the table lacks", ValidateNeedRemoval(held, TableNeedRemoval{Need: "organisation:politie", Reason: "Schulden volgen bij het MDO."}), schakel.EINVALID},
		{"no reason", ValidateNeedRemoval(held, TableNeedRemoval{Need: "organisation:schuldhulp"}), schakel.EINVALID},
		{"a person with a reason", ValidatePersonAdded(TablePersonAdded{ProfessionalID: 3, Reason: "Kent het gezin al jaren."}), ""},
		{"no person", ValidatePersonAdded(TablePersonAdded{Reason: "Kent het gezin al jaren."}), schakel.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := schakel.ErrorCode(tt.err); got != tt.want && !(tt.want == "" && tt.err == nil) {
				t.Fatalf("code %q (%v), want %q", got, tt.err, tt.want)
			}
		})
	}
}
