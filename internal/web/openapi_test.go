package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"schakel/internal/storage/storagetest"
	"schakel/internal/web"
)

// TestOpenAPI checks that /api/openapi.json describes exactly the routes of
// the server's API route table: no undocumented route, no documented route
// that does not exist.
func TestOpenAPI(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e storagetest.Engine) {
		ts := startServer(t, e)
		r := ts.Anonymous().Get("/api/openapi.json")
		wantStatus(t, r, http.StatusOK)
		if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type = %q", ct)
		}
		// The API tests check every exchange against this very document.
		if r.Body != string(web.OpenAPIDocumentForTest()) {
			t.Error("the server serves another document than the one the tests check against")
		}
		var doc struct {
			OpenAPI string `json:"openapi"`
			Info    struct {
				Title, Version string
			} `json:"info"`
			Paths      map[string]map[string]json.RawMessage `json:"paths"`
			Components struct {
				Schemas         map[string]json.RawMessage `json:"schemas"`
				SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
			} `json:"components"`
		}
		if err := json.Unmarshal([]byte(r.Body), &doc); err != nil {
			t.Fatalf("openapi.json is not valid JSON: %v", err)
		}
		if !strings.HasPrefix(doc.OpenAPI, "3.") {
			t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
		}
		if doc.Info.Title == "" || doc.Info.Version == "" {
			t.Errorf("info = %+v", doc.Info)
		}

		documented := map[string]bool{}
		methods := []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
		param := regexp.MustCompile(`\{([^}]+)\}`)
		for path, item := range doc.Paths {
			for key, raw := range item {
				if !slices.Contains(methods, key) {
					continue // "parameters", "summary", …
				}
				documented[strings.ToUpper(key)+" "+path] = true
				var op struct {
					OperationID string                      `json:"operationId"`
					Responses   map[string]json.RawMessage  `json:"responses"`
					Parameters  []struct{ Name, In string } `json:"parameters"`
				}
				if err := json.Unmarshal(raw, &op); err != nil {
					t.Errorf("%s %s: %v", key, path, err)
					continue
				}
				if op.OperationID == "" || len(op.Responses) == 0 {
					t.Errorf("%s %s: no operationId or responses", key, path)
				}
				// Every path template parameter is declared.
				for _, m := range param.FindAllStringSubmatch(path, -1) {
					found := false
					for _, p := range op.Parameters {
						found = found || (p.In == "path" && p.Name == m[1])
					}
					if !found {
						t.Errorf("%s %s: path parameter %q not declared", key, path, m[1])
					}
				}
			}
		}
		// Every $ref resolves.
		for _, m := range regexp.MustCompile(`"\$ref":\s*"#/components/schemas/([^"]+)"`).FindAllStringSubmatch(r.Body, -1) {
			if _, ok := doc.Components.Schemas[m[1]]; !ok {
				t.Errorf("$ref to missing schema %q", m[1])
			}
		}

		routes := map[string]bool{}
		for _, rt := range web.APIRoutesForTest(ts.Srv) {
			routes[rt[0]+" "+rt[1]] = true
		}
		if len(routes) == 0 {
			t.Fatal("no API routes")
		}
		for k := range routes {
			if !documented[k] {
				t.Errorf("route %s is not in openapi.json", k)
			}
		}
		for k := range documented {
			if !routes[k] {
				t.Errorf("openapi.json documents %s, which the server does not route", k)
			}
		}

		// Every route in the table answers (never the catch-all 404).
		api := ts.Bearer(vtAdmin)
		for k := range routes {
			method, path, _ := strings.Cut(k, " ")
			path = param.ReplaceAllString(path, "1")
			res := api.Do(method, path, strings.NewReader("{}"), "application/json")
			if res.StatusCode == http.StatusNotFound && strings.Contains(res.Body, "Dit API-adres bestaat niet") {
				t.Errorf("%s: the route table has it but the server does not route it", k)
			}
		}
	})
}

// TestOpenAPIDocument validates the document as OpenAPI and checks that
// every object it describes names its fields: an object schema without
// properties says nothing a test could hold the server to.
func TestOpenAPIDocument(t *testing.T) {
	contract, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	if err := contract.doc.Validate(context.Background()); err != nil {
		t.Errorf("openapi.json: %v", err)
	}
	var bare []string
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			_, props := v["properties"]
			_, extra := v["additionalProperties"]
			if isObjectType(v["type"]) && !props && !extra {
				bare = append(bare, path)
			}
			for k, sub := range v {
				walk(path+"/"+k, sub)
			}
		case []any:
			for i, sub := range v {
				walk(fmt.Sprintf("%s/%d", path, i), sub)
			}
		}
	}
	var raw any
	if err := json.Unmarshal(web.OpenAPIDocumentForTest(), &raw); err != nil {
		t.Fatal(err)
	}
	walk("#", raw)
	for _, p := range bare {
		t.Errorf("%s: an object without properties or additionalProperties", p)
	}
}

func isObjectType(t any) bool {
	switch t := t.(type) {
	case string:
		return t == "object"
	case []any:
		return slices.Contains(t, any("object"))
	}
	return false
}
