package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"schakel/internal/familytext"
	"strings"

	"schakel"
)

// Page templates, and partials (templates/partials): named blocks that
// several pages include, each capability in its own file.
//
//go:embed templates/*.html templates/partials/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout.
type pages struct{ sets map[string]*template.Template }

func parsePages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" {
			continue
		}
		t, err := template.New(base).Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", base, err)
		}
		p.sets[base] = t
	}
	return p, nil
}

// PageNames lists the page templates, for the render-every-template test.
func (s *Server) PageNames() []string {
	var out []string
	for n := range s.pages.sets {
		out = append(out, n)
	}
	return out
}

// view is what every page gets besides its own data.
type view struct {
	Actor   *schakel.Actor
	Me      *schakel.Professional
	Family  *schakel.FamilyMember // on the family's own screens
	Path    string
	Data    map[string]any
	Version string
	// Lang is the language of a family screen (familytext); nil, that is
	// Dutch, on the professionals' screens.
	Lang *familytext.Lang
}

// Can reports role-based menu items; the real check happens in access.
func (v view) Can(role string) bool {
	return v.Me != nil && v.Me.HasRole(schakel.Role(role))
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	t, ok := s.pages.sets[name]
	if !ok {
		s.log.Error("unknown template", "name", name)
		http.Error(w, "template missing", http.StatusInternalServerError)
		return
	}
	v := view{Actor: actor(r), Path: r.URL.Path, Data: data, Version: s.cfg.Version}
	if v.Actor != nil {
		v.Me, v.Family = v.Actor.Professional, v.Actor.FamilyMember
	}
	if familyPages[name] {
		v.Lang = familyLang(r)
		w.Header().Set("Content-Language", v.Lang.Code)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.log.Error("render", "template", name, "err", err)
		http.Error(w, "Er ging iets mis bij het tonen van deze pagina.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if _, err := buf.WriteTo(w); err != nil {
		s.logFailure(r, "write the page", err)
	}
}
