package intake

import "testing"

func TestFamilyNames(t *testing.T) {
	for _, tt := range []struct {
		name string
		r    Report
		want string
	}{
		{"nothing typed", Report{}, ""},
		{"one child", Report{Children: []Person{{FamilyName: "Jansen"}}}, "Jansen"},
		{"children first, each name once, spaces tidied", Report{
			Children: []Person{{FamilyName: " de  Vries "}, {FamilyName: "Jansen"}},
			Adults:   []Person{{FamilyName: "De Vries"}, {FamilyName: ""}, {FamilyName: "Bakker"}},
		}, "de Vries / Jansen / Bakker"},
		{"only an adult", Report{Adults: []Person{{FamilyName: "El Idrissi"}}}, "El Idrissi"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.r.FamilyNames(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
