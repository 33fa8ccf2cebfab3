package web

import (
	"maps"
	"slices"
	"strconv"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/familytext"
	"schakel/internal/plan"
)

// APIRoutesForTest returns the method and path template of every route in
// the API route table, for the test that checks the OpenAPI document.
func APIRoutesForTest(s *Server) [][2]string {
	var out [][2]string
	for _, rt := range s.apiRoutes() {
		out = append(out, [2]string{rt.Method, rt.Path})
	}
	return out
}

// OpenAPIDocumentForTest returns the document served at /api/openapi.json.
func OpenAPIDocumentForTest() []byte { return openAPIDoc }

// RoutePatternsForTest returns every pattern the server's mux was given
// ("GET /casussen/{id}", "/api/", …), for the outsider walk.
func RoutePatternsForTest(s *Server) []string { return s.patterns }

// FamilyTextsForTest returns the Dutch texts of the family catalogue
// (familytext), every plural form apart.
func FamilyTextsForTest() map[string]string {
	out := map[string]string{}
	nl := familytext.Get(familytext.Dutch)
	for _, k := range nl.Keys() {
		for i, text := range nl.Texts(k) {
			out["nl:"+k+":"+strconv.Itoa(i)] = text
		}
	}
	return out
}

// FamilyDynamicKeysForTest returns the catalogue keys the code builds
// from a code rather than writes out: notices, request kinds, the family
// bases, the access log's events and roles, weekdays and months.
func FamilyDynamicKeysForTest() []string {
	var out []string
	for _, k := range familyNotices {
		out = append(out, "notice."+k)
	}
	for _, k := range familyRequestKinds {
		out = append(out, "kind."+k, "label."+k)
	}
	for _, b := range []string{audit.BasisSelf, audit.BasisParentalAuthority, audit.BasisChildConsent} {
		out = append(out, "basis."+b)
	}
	for _, ev := range append(slices.Collect(maps.Keys(accessEvents)), audit.EventLogin, audit.EventLogout, "other") {
		out = append(out, "access.what."+ev, "access.tried."+ev)
	}
	for _, r := range schakel.Roles {
		out = append(out, "role."+string(r))
	}
	for _, r := range []schakel.ParticipationRole{schakel.RoleRegie, schakel.RoleUitvoering, schakel.RoleOnderzoek, schakel.RoleAdvies, schakel.RoleBesluit} {
		out = append(out, "does."+string(r))
	}
	for _, a := range []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork} {
		out = append(out, "for."+a)
	}
	for _, k := range plan.FamilyDecisionKinds() {
		out = append(out, "decision."+k)
	}
	for _, c := range append(familyErrorCodes, "other") {
		out = append(out, "err.code."+c)
	}
	for _, f := range familyFieldErrors {
		out = append(out, "err.field."+f)
	}
	for _, c := range append(familyFieldCodes, "other") {
		out = append(out, "err.field."+c)
	}
	out = append(out, "err.title.other")
	for d := range 7 {
		out = append(out, "weekday."+strconv.Itoa(d))
	}
	for m := 1; m <= 12; m++ {
		out = append(out, "month."+strconv.Itoa(m))
	}
	return out
}
