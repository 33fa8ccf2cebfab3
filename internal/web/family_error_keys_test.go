package web_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
	"schakel/internal/familytext"
	"schakel/internal/passwordpolicy"
)

// TestFamilyErrorKeysDutch: an error a family member reads names its text
// in the catalogue, and the catalogue's Dutch is the app's own message, so
// that a Dutch and an English family member are told the same thing.
func TestFamilyErrorKeysDutch(t *testing.T) {
	nl := familytext.Get(familytext.Dutch)
	type keyed struct{ key, message string }
	var all []keyed
	for _, err := range []*schakel.Error{app.ErrBadActivation, app.ErrBadFamilyLogin, app.ErrBadCode} {
		all = append(all, keyed{err.Key, err.Message})
	}
	all = append(all, keyed{"err.field.code.unknown", app.ErrBadActivation.Fields[0].Message})
	if d := access.DecideFamilySurface(schakel.PrincipalProfessional); !d.Allowed {
		all = append(all, keyed{d.Key, d.Reason})
	}
	kids := []access.FamilyPerson{{ID: 1, Child: true, Age: 11}, {ID: 2, Child: true, Age: 12}, {ID: 3, Child: true, Age: 17}, {ID: 4, Child: true, Age: -1}}
	adults := []access.FamilyPerson{{ID: 5, Authority: true}, {ID: 6}, {ID: 7, Authority: true}}
	family := append(kids, adults...)
	for _, v := range family {
		for _, withheld := range []bool{false, true} {
			for _, d := range access.ScopeOf(v, family, nil, withheld).Parts {
				if !d.Allowed {
					all = append(all, keyed{d.Key, d.Reason})
				}
			}
		}
	}
	for _, pw := range []string{"            ", "kort", string(make([]byte, 1100)), "aaaaaaaaaaaaaaaa", "welkom123456"} {
		if fe := passwordpolicy.Check(pw); fe != nil {
			all = append(all, keyed{"err.field." + fe.Field + "." + fe.Code, fe.Message})
		}
	}
	if len(all) < 12 {
		t.Fatalf("only %d errors found", len(all))
	}
	for _, k := range all {
		t.Run(k.key, func(t *testing.T) {
			if k.key == "" {
				t.Fatalf("%q has no catalogue key", k.message)
			}
			if got := nl.T(k.key); got != k.message {
				t.Errorf("catalogue %q, app %q", got, k.message)
			}
		})
	}
}
