package access

import "testing"

func TestFamilyMeetingShown(t *testing.T) {
	mother, father, child := FamilyPerson{ID: 1, Authority: true, InShelter: true}, FamilyPerson{ID: 2, Authority: true}, FamilyPerson{ID: 3, Child: true, Age: 13}
	all := []FamilyPerson{mother, father, child}
	tests := []struct {
		name     string
		viewer   FamilyPerson
		withheld bool
		invited  []int64
		shown    bool
		shelter  bool // a shelter's worker is named
	}{
		{"invited mother in the shelter", mother, false, []int64{1, 2}, true, true},
		{"invited father", father, false, []int64{1, 2}, true, false},
		{"father not invited", father, false, []int64{1, 3}, false, false},
		{"invited child", child, false, []int64{3}, true, false},
		{"child not invited to the parents' talk", child, false, []int64{1, 2}, false, false},
		{"invited, but the view is withheld", father, true, []int64{2}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ScopeOf(tt.viewer, all, nil, tt.withheld)
			d := FamilyMeetingShown(s, tt.invited)
			if d.Allowed != tt.shown || (!d.Allowed && d.Reason == "") {
				t.Errorf("shown %v (%q), want %v", d.Allowed, d.Reason, tt.shown)
			}
			if got := FamilyMeetingAttendeeNamed(s, true); got != tt.shelter && tt.shown {
				t.Errorf("shelter worker named %v, want %v", got, tt.shelter)
			}
			if !FamilyMeetingAttendeeNamed(s, false) {
				t.Error("a worker of another organisation is not named")
			}
		})
	}
}
