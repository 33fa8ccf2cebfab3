package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"schakel/internal/web"
)

// Every request a test sends to /api/ through the client helpers, and every
// answer, is checked against the OpenAPI document the server serves, so the
// document fails a test the moment it stops describing the server. The
// checks (openAPIContract.check):
//
//   - a request the document describes gets an answer the document lists
//     for that operation and status, body and content type included;
//   - a request the document rejects (schema, parameters, credentials) may
//     only get a 4xx problem: a 2xx or 3xx means the server accepts what the
//     document forbids;
//   - a request the document accepts is never refused for its shape
//     (malformed, unsupported_type, an unknown field or a wrong type): that
//     means the document allows what the server rejects;
//   - an address or method the document does not list gets a 404 or 405
//     problem.
//
// Response objects are checked closed (openAPIContract.closeObjects): a field
// the server sends that the document does not name fails the test. The
// published document leaves response objects open, so that clients tolerate
// new fields; request objects are closed in the document itself, as the
// server's decoder rejects unknown fields.

// openAPICounts are the exchanges checked in this test binary, printed once
// by TestMain.
var openAPICounts struct{ requests, responses atomic.Int64 }

func TestMain(m *testing.M) {
	code := m.Run()
	if n := openAPICounts.responses.Load(); n > 0 {
		fmt.Printf("openapi: validated %d requests and %d responses against /api/openapi.json\n",
			openAPICounts.requests.Load(), n)
	}
	os.Exit(code)
}

// openAPIContract is the loaded document with a router over its operations.
type openAPIContract struct {
	doc     *openapi3.T
	router  routers.Router
	problem *openapi3.Schema
	options *openapi3filter.Options
}

var loadContract = sync.OnceValues(func() (*openAPIContract, error) {
	ctx := context.Background()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(web.OpenAPIDocumentForTest())
	if err != nil {
		return nil, fmt.Errorf("load openapi.json: %w", err)
	}
	if err := doc.Validate(ctx); err != nil {
		return nil, fmt.Errorf("openapi.json is not a valid OpenAPI document: %w", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route openapi.json: %w", err)
	}
	problem := doc.Components.Schemas["Problem"]
	if problem == nil || problem.Value == nil {
		return nil, errors.New("openapi.json has no Problem schema")
	}
	c := &openAPIContract{doc: doc, router: router, problem: problem.Value, options: &openapi3filter.Options{
		// The server ignores a body on an operation that takes none, so a
		// body there is not checked.
		IncludeResponseStatus: true,
		MultiError:            true,
		AuthenticationFunc:    presentCredentials,
	}}
	c.closeObjects()
	return c, nil
})

func init() {
	// Bodies that are text to the validator.
	for _, ct := range []string{"text/calendar", "application/xml"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
	}
}

// presentCredentials passes a security scheme when the request carries its
// credential. Whether the credential is good is the server's business: the
// document only says which kind of credential an operation takes.
func presentCredentials(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	r := in.RequestValidationInput.Request
	s := in.SecurityScheme
	switch {
	case s.Type == "http" && strings.EqualFold(s.Scheme, "bearer"):
		scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if ok && strings.EqualFold(scheme, "bearer") && strings.TrimSpace(tok) != "" {
			return nil
		}
	case s.Type == "apiKey" && s.In == "cookie":
		if c, err := r.Cookie(s.Name); err == nil && c.Value != "" {
			return nil
		}
	default:
		return fmt.Errorf("security scheme %q: the test does not know how to check it", in.SecuritySchemeName)
	}
	return in.NewError(nil)
}

// openAPICheck is an http.RoundTripper that checks each /api/ exchange
// against the document and reports every mismatch on t.
type openAPICheck struct {
	t    *testing.T
	next http.RoundTripper
}

func (c openAPICheck) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasPrefix(req.URL.Path, "/api/") || req.URL.Path == "/api/openapi.json" {
		return c.next.RoundTrip(req)
	}
	var reqBody []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	res, err := c.next.RoundTrip(req)
	if err != nil {
		return res, err
	}
	resBody, err := io.ReadAll(res.Body)
	_ = res.Body.Close()
	if err != nil {
		return nil, err
	}
	res.Body = io.NopCloser(bytes.NewReader(resBody))

	contract, err := loadContract()
	if err != nil {
		c.t.Errorf("%v", err)
		return res, nil
	}
	problems, routed := contract.check(req, reqBody, res, resBody)
	if routed {
		openAPICounts.requests.Add(1)
	}
	openAPICounts.responses.Add(1)
	if len(problems) > 0 {
		c.t.Errorf("openapi.json does not describe %s %s → %d %s:\n  - %s\nrequest body: %s\nresponse body: %s",
			req.Method, req.URL.RequestURI(), res.StatusCode, res.Header.Get("Content-Type"),
			strings.Join(problems, "\n  - "), clip(reqBody), clip(resBody))
	}
	return res, nil
}

func clip(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// check returns what in this exchange the document does not describe, and
// whether the document has an operation for the request.
func (c *openAPIContract) check(req *http.Request, reqBody []byte, res *http.Response, resBody []byte) ([]string, bool) {
	ctx := context.Background()
	// The document's server is "/": route on the path alone.
	routed := req.Clone(ctx)
	routed.URL = &url.URL{Path: req.URL.Path, RawPath: req.URL.RawPath, RawQuery: req.URL.RawQuery}
	routed.Host = ""
	routed.Body = io.NopCloser(bytes.NewReader(reqBody))
	route, params, err := c.router.FindRoute(routed)
	if err != nil {
		return c.checkUnrouted(c.documentedPath(routed), err, res, resBody), false
	}
	var problems []string
	in := &openapi3filter.RequestValidationInput{Request: routed, PathParams: params, Route: route, Options: c.options}
	reqErr := openapi3filter.ValidateRequest(ctx, in)
	if reqErr == nil && route.Operation.RequestBody != nil && !json.Valid(reqBody) && isJSON(req.Header.Get("Content-Type")) {
		// The validator reads only the first JSON value of a body.
		reqErr = errors.New("the body is not one JSON value")
	}
	code := problemCode(res, resBody)
	switch {
	case reqErr != nil && res.StatusCode < 400:
		problems = append(problems, fmt.Sprintf("the document rejects the request, the server accepted it: %s", flatten(reqErr)))
	case reqErr == nil && res.StatusCode < 500 && shapeRefusal(code, resBody):
		problems = append(problems, fmt.Sprintf("the document accepts the request, the server refused its shape (%s)", code))
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header, Options: c.options}
	out.SetBodyBytes(resBody)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		problems = append(problems, "response: "+flatten(err))
	}
	return problems, true
}

// checkUnrouted checks the answer to an address or method the document
// does not list: a 404 or 405 problem.
func (c *openAPIContract) checkUnrouted(pathKnown bool, routeErr error, res *http.Response, resBody []byte) []string {
	var re *routers.RouteError
	if !errors.As(routeErr, &re) {
		return []string{"route: " + routeErr.Error()}
	}
	want, what := http.StatusNotFound, "no such address"
	if pathKnown {
		want, what = http.StatusMethodNotAllowed, "this address without this method"
	}
	if res.StatusCode != want {
		return []string{fmt.Sprintf("the document has %s, the server answered %d instead of %d", what, res.StatusCode, want)}
	}
	if pathKnown && res.Header.Get("Allow") == "" {
		return []string{"a 405 without an Allow header"}
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		return []string{fmt.Sprintf("Content-Type %q, want application/problem+json", ct)}
	}
	var v any
	if err := json.Unmarshal(resBody, &v); err != nil {
		return []string{"problem body: " + err.Error()}
	}
	if err := c.problem.VisitJSON(v, openapi3.EnableJSONSchema2020(), openapi3.MultiErrors()); err != nil {
		return []string{"problem body: " + flatten(err)}
	}
	return nil
}

// documentedPath tells whether the document lists req's path under any method.
func (c *openAPIContract) documentedPath(req *http.Request) bool {
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		probe := req.Clone(context.Background())
		probe.Method = m
		if _, _, err := c.router.FindRoute(probe); err == nil {
			return true
		}
	}
	return false
}

func isJSON(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "application/json"
}

// shapeRefusal tells whether the server refused a request for its shape
// rather than for its meaning: the document should have refused it first.
func shapeRefusal(code string, body []byte) bool {
	switch code {
	case "malformed", "unsupported_type":
		return true
	case "invalid":
		return bytes.Contains(body, []byte(`"code":"unknown_field"`)) || bytes.Contains(body, []byte(`"code":"type"`))
	}
	return false
}

// problemCode is the code of a problem response, or "".
func problemCode(res *http.Response, body []byte) string {
	if res.Header.Get("Content-Type") != "application/problem+json" {
		return ""
	}
	var p web.Problem
	if json.Unmarshal(body, &p) != nil {
		return ""
	}
	return p.Code
}

// flatten puts a (multi) validation error on one line per cause.
func flatten(err error) string {
	var multi openapi3.MultiError
	if errors.As(err, &multi) && len(multi) > 0 {
		parts := make([]string, len(multi))
		for i, e := range multi {
			parts[i] = flatten(e)
		}
		return strings.Join(parts, "; ")
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}
