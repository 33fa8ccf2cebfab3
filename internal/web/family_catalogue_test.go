package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/familytext"
	"schakel/internal/web"
)

// keyUse finds a catalogue key written out in a template ({{.T "home.title"}},
// {{$.N "counter.max" …}}) or in Go (l.T("access.why.duty"), lang.T(…)).
var keyUse = regexp.MustCompile(`\.[TN]\(?\s*"([a-z_]+(?:\.[a-z_0-9]+)+)"`)

// errorKeyUse finds an error's catalogue key written out in the app, the
// access rules or the web layer (Key: "err.login", refuseKey("err.…", …)).
var errorKeyUse = regexp.MustCompile(`"(err\.[a-z_]+(?:\.[a-z_0-9]+)*)"`)

// TestFamilyCatalogueKeysUsed: every key the family screens use is in the
// catalogue (a missing one would show as its key), and every key of the
// catalogue is used, written out or built from a known list of codes.
// The Dutch role names are those of the professionals' screens.
func TestFamilyCatalogueKeysUsed(t *testing.T) {
	nl := familytext.Get(familytext.Dutch)
	known := map[string]bool{}
	for _, k := range nl.Keys() {
		known[k] = k == "_name" || k == "_dir" // the language switch and the dir attribute
	}
	var files []string
	for _, glob := range []string{"templates/*.html", "templates/partials/*.html", "*.go", "../familytext/*.go", "../familyview/*.go", "../app/*.go", "../access/*.go", "../../*.go"} {
		fs, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	used := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range append(keyUse.FindAllStringSubmatch(string(b), -1), errorKeyUse.FindAllStringSubmatch(string(b), -1)...) {
			if _, ok := known[m[1]]; !ok {
				t.Errorf("%s uses %q, which the catalogue lacks", f, m[1])
			}
			known[m[1]] = true
			used++
		}
	}
	for _, k := range web.FamilyDynamicKeysForTest() {
		if _, ok := known[k]; !ok {
			t.Errorf("the code builds %q, which the catalogue lacks", k)
		}
		known[k] = true
	}
	for k, ok := range known {
		if !ok {
			t.Errorf("%q is in the catalogue but no screen uses it", k)
		}
	}
	for _, r := range schakel.Roles {
		if got, want := nl.T("role."+string(r)), strings.ToLower(r.Dutch()); got != want {
			t.Errorf("role %s: %q in the catalogue, %q on the professionals' screens", r, got, want)
		}
	}
	t.Logf("%d keys, %d uses written out, %d languages", len(known), used, len(familytext.Languages()))
}
