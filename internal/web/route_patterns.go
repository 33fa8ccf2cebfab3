package web

import "net/http"

// patternMux is a ServeMux that remembers the patterns it was given, so
// that the outsider walk (outsider_walk_test.go) can try every route of
// both surfaces, including routes added later, without a second list.
type patternMux struct {
	*http.ServeMux
	patterns []string
}

func newPatternMux() *patternMux { return &patternMux{ServeMux: http.NewServeMux()} }

func (m *patternMux) Handle(pattern string, h http.Handler) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.Handle(pattern, h)
}

func (m *patternMux) HandleFunc(pattern string, h func(http.ResponseWriter, *http.Request)) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.HandleFunc(pattern, h)
}
