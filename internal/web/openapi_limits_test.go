package web_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"schakel/internal/textlimit"
)

// TestOpenAPIStatesEveryTextLimit checks that every string a client sends
// (in a body, the query, the path or a header) has a stated maximum: an
// enumeration, or a maxLength that is one of the limits of package
// textlimit, the one place they are chosen.
func TestOpenAPIStatesEveryTextLimit(t *testing.T) {
	contract, err := loadContract()
	if err != nil {
		t.Fatal(err)
	}
	var limits []uint64
	for _, n := range textlimit.Limits() {
		limits = append(limits, uint64(n))
	}
	checked := 0
	for path, item := range contract.doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			for _, p := range op.Parameters {
				if p.Value.Schema != nil {
					checked += checkStringLimits(t, where+" "+p.Value.In+" "+p.Value.Name, p.Value.Schema, limits, map[*openapi3.Schema]bool{})
				}
			}
			if op.RequestBody == nil {
				continue
			}
			for ct, mt := range op.RequestBody.Value.Content {
				checked += checkStringLimits(t, where+" "+ct, mt.Schema, limits, map[*openapi3.Schema]bool{})
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d strings checked: the walk misses the document's strings", checked)
	}
}

// checkStringLimits checks every string in s and returns how many it saw.
func checkStringLimits(t *testing.T, where string, ref *openapi3.SchemaRef, limits []uint64, seen map[*openapi3.Schema]bool) int {
	t.Helper()
	s := ref.Value
	if s == nil || seen[s] {
		return 0
	}
	seen[s] = true
	n := 0
	for _, sub := range slices.Concat(s.AllOf, s.OneOf, s.AnyOf) {
		n += checkStringLimits(t, where, sub, limits, seen)
	}
	for name, p := range s.Properties {
		n += checkStringLimits(t, where+"."+name, p, limits, seen)
	}
	if s.Items != nil {
		n += checkStringLimits(t, where+"[]", s.Items, limits, seen)
	}
	if ap := s.AdditionalProperties.Schema; ap != nil {
		n += checkStringLimits(t, where+".*", ap, limits, seen)
	}
	if s.Type == nil || !s.Type.Includes(openapi3.TypeString) {
		return n
	}
	switch {
	case len(s.Enum) > 0:
	case s.MaxLength == nil:
		t.Errorf("%s: a string without maxLength", strings.TrimSpace(where))
	case !slices.Contains(limits, *s.MaxLength):
		t.Errorf("%s: maxLength %d is none of textlimit's limits %v", where, *s.MaxLength, limits)
	}
	return n + 1
}
