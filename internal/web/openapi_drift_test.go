package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestOpenAPICheckCatchesDrift feeds the exchange check made-up exchanges
// in which server and document disagree, so that the check that guards
// every API test is itself shown to fail when it should.
func TestOpenAPICheckCatchesDrift(t *testing.T) {
	contract, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	const (
		jsonCT    = "application/json"
		problemCT = "application/problem+json"
		invalid   = `{"type":"about:blank","title":"Unprocessable Entity","status":422,"code":"invalid","detail":"x"}`
	)
	for _, tc := range []struct {
		name         string
		method, path string
		reqBody      string
		status       int
		contentType  string
		resBody      string
		want         string // in the problems; "" means none
	}{
		{"work item of an unknown kind", "GET", "/api/v1/worklist", "", 200, jsonCT,
			`{"items":[{"kind":"bogus","title":"x","overdue":false,"seconds_left":1}],"norms_not_shown":0}`, `"bogus"`},
		{"capitalised indicator keys", "GET", "/api/v1/intake/form", "", 200, jsonCT,
			`{"version":1,"reporter_kinds":[],"concerns":[],"child_relations":[],"adult_relations":[],"finance_questions":[],"finance_answers":[],
			"indicators":[{"Code":"threat_to_life","Color":"red","Label":"x","Help":"y"}]}`, "indicators"},
		{"undocumented response field", "GET", "/api/v1/organisations", "", 200, jsonCT,
			`{"organisations":[{"id":1,"region_id":1,"name":"X","kind":"gemeente","secret":true}]}`, "secret"},
		{"undocumented status", "GET", "/api/v1/organisations", "", 418, problemCT, invalid, "status"},
		{"unknown field accepted", "POST", "/api/v1/organisations", `{"name":"X","kind":"gemeente","naam":"Y"}`, 201, jsonCT,
			`{"id":1,"region_id":1,"name":"X","kind":"gemeente"}`, "the server accepted it"},
		{"missing field accepted", "POST", "/api/v1/organisations", `{"kind":"gemeente"}`, 201, jsonCT,
			`{"id":1,"region_id":1,"name":"X","kind":"gemeente"}`, "the server accepted it"},
		{"valid body refused for its shape", "POST", "/api/v1/organisations", `{"name":"X","kind":"gemeente"}`, 422, problemCT,
			`{"type":"about:blank","title":"Unprocessable Entity","status":422,"code":"invalid","detail":"x","errors":[{"field":"name","code":"unknown_field","message":"x"}]}`,
			"refused its shape"},
		{"unknown address answered", "GET", "/api/v1/nope", "", 200, jsonCT, `{}`, "no such address"},
		{"undocumented method answered", "DELETE", "/api/v1/me", "", 204, "", ``, "without this method"},
		{"problem with an unknown code", "GET", "/api/v1/nope", "", 404, problemCT,
			`{"type":"about:blank","title":"Not Found","status":404,"code":"gone","detail":"x"}`, "code"},
		// And two that agree, so the check is not simply always failing.
		{"documented refusal", "POST", "/api/v1/organisations", `{"name":"X","kind":"bakkerij"}`, 422, problemCT, invalid, ""},
		{"documented answer", "GET", "/api/v1/organisations", "", 200, jsonCT,
			`{"organisations":[{"id":1,"region_id":1,"name":"X","kind":"gemeente"}]}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, "http://127.0.0.1"+tc.path, strings.NewReader(tc.reqBody))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer skt_test")
			if tc.reqBody != "" {
				req.Header.Set("Content-Type", jsonCT)
			}
			res := &http.Response{StatusCode: tc.status, Header: http.Header{}, Request: req}
			if tc.contentType != "" {
				res.Header.Set("Content-Type", tc.contentType)
			}
			if tc.status == http.StatusMethodNotAllowed {
				res.Header.Set("Allow", "GET")
			}
			problems, _ := contract.check(req, []byte(tc.reqBody), res, []byte(tc.resBody))
			got := strings.Join(problems, "\n")
			switch {
			case tc.want == "" && got != "":
				t.Errorf("the check finds fault with an exchange the document describes:\n%s", got)
			case tc.want != "" && !strings.Contains(got, tc.want):
				t.Errorf("problems %q, want one mentioning %q", got, tc.want)
			}
		})
	}
}
