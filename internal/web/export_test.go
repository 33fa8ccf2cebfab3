package web

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

// FamilyTextsForTest returns the fixed texts of the family's screens that
// live in Go: notices, choices and the access log's reasons.
func FamilyTextsForTest() map[string]string {
	out := map[string]string{}
	for k, v := range familyNotices {
		out["notice:"+k] = v
	}
	for _, k := range familyRequestKinds {
		out["kind:"+k.Code] = k.Label
	}
	for k, v := range familyRequestLabel {
		out["label:"+k] = v
	}
	for k, v := range familyBasisNL {
		out["basis:"+k] = v
	}
	return out
}
