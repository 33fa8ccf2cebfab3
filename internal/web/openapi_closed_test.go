package web_test

import "github.com/getkin/kin-openapi/openapi3"

// closeObjects makes every object schema that names its properties and says
// nothing about others reject fields it does not name, for the duration of
// the test: so a field the server sends but the document leaves out (a
// renamed, a capitalised or a new one) fails a test. Members of an allOf
// stay open, since each sees only its own part of the object.
func (c *openAPIContract) closeObjects() {
	var all []*openapi3.Schema
	inAllOf := map[*openapi3.Schema]bool{}
	seen := map[*openapi3.Schema]bool{}
	var walk func(ref *openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		all = append(all, s)
		for _, p := range s.Properties {
			walk(p)
		}
		for _, m := range s.AllOf {
			if m != nil && m.Value != nil {
				inAllOf[m.Value] = true
			}
			walk(m)
		}
		for _, list := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf, s.PrefixItems} {
			for _, m := range list {
				walk(m)
			}
		}
		walk(s.Items)
		walk(s.Not)
		walk(s.AdditionalProperties.Schema)
	}
	for _, s := range c.doc.Components.Schemas {
		walk(s)
	}
	for _, item := range c.doc.Paths.Map() {
		for _, op := range item.Operations() {
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for _, mt := range op.RequestBody.Value.Content {
					walk(mt.Schema)
				}
			}
			for _, r := range op.Responses.Map() {
				if r.Value != nil {
					for _, mt := range r.Value.Content {
						walk(mt.Schema)
					}
				}
			}
		}
	}
	closed := false
	for _, s := range all {
		open := s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil &&
			s.UnevaluatedProperties.Has == nil && s.UnevaluatedProperties.Schema == nil
		if len(s.Properties) > 0 && open && !inAllOf[s] {
			s.AdditionalProperties.Has = &closed
		}
	}
}
