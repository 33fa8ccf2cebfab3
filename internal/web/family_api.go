package web

// The family's JSON API under /api/v1/family: the family cookie is scoped
// to /gezin, so a script or app of a family member uses a bearer token the
// member issued on their own page (family_token_ui.go). It answers what
// the family view shows, never more, through the same use cases; a
// professional's token or session is refused and audited.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/familytext"
	"schakel/internal/familyview"
	"schakel/internal/textlimit"
)

// requireFamilyBearer guards a family API route: a live family token
// passes; a professional is refused (audited); anyone else gets 401.
func (s *Server) requireFamilyBearer(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		scheme, tok, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if ok && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(tok) != "" {
			m, err := s.app.TokenFamilyMember(r.Context(), auth.HashSecret(strings.TrimSpace(tok)))
			if err == nil {
				a := &schakel.Actor{FamilyMember: &m, ClientAddr: s.clientAddr(r), Workstation: textlimit.Cut(r.UserAgent(), textlimit.Line)}
				next(w, r.WithContext(schakel.NewContextWithActor(r.Context(), a)))
				return
			}
			if schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
				s.apiError(w, r, err)
				return
			}
		}
		if pro, err := s.authenticate(r); err == nil && pro != nil {
			s.apiError(w, r, s.app.RefuseFamilySurface(r.Context(), pro, r.URL.Path))
			return
		}
		s.apiError(w, r, schakel.Keyed(schakel.EUNAUTHENTICATED, "err.bearer", "Gebruik 'Authorization: Bearer <token>' met een sleutel van uw eigen pagina in Schakel."))
	}
}

// apiFamilyLang is the language of a family API answer: the request's
// Accept-Language (Dutch when none matches), said in Content-Language. A
// header longer than a line (the OpenAPI document states it) is read as
// no preference.
func apiFamilyLang(w http.ResponseWriter, r *http.Request) *familytext.Lang {
	lang := familytext.Get(familytext.Dutch)
	if h := r.Header.Get("Accept-Language"); len(h) <= textlimit.Line {
		lang = familytext.FromAcceptLanguage(h)
	}
	w.Header().Set("Content-Language", lang.Code)
	if !slices.Contains(w.Header().Values("Vary"), "Accept-Language") {
		w.Header().Add("Vary", "Accept-Language")
	}
	return lang
}

// familyViewJSON is the family view as the API answers it.
type familyViewJSON struct {
	Name     string              `json:"name"`
	PersonID int64               `json:"person_id"`
	View     familyview.View     `json:"view"`
	Requests []familyRequestJSON `json:"requests"`
}

type familyRequestJSON struct {
	Kind       string  `json:"kind"`
	Text       string  `json:"text"`
	At         string  `json:"at"`
	DueAt      string  `json:"due_at"`
	Answer     string  `json:"answer,omitempty"`
	AnsweredAt *string `json:"answered_at,omitempty"`
}

func (s *Server) apiFamilyView(w http.ResponseWriter, r *http.Request) (any, error) {
	lang := apiFamilyLang(w, r)
	h, err := s.app.FamilyView(r.Context(), actor(r), lang)
	if err != nil {
		return nil, err
	}
	out := familyViewJSON{Name: h.Me.Name, PersonID: h.Me.PersonID, View: h.View, Requests: []familyRequestJSON{}}
	for _, q := range h.Requests {
		j := familyRequestJSON{Kind: q.Kind, Text: q.Text, At: q.At.UTC().Format(time.RFC3339), DueAt: q.DueAt.UTC().Format(time.RFC3339), Answer: q.Answer}
		if q.AnsweredAt != nil {
			at := q.AnsweredAt.UTC().Format(time.RFC3339)
			j.AnsweredAt = &at
		}
		out.Requests = append(out.Requests, j)
	}
	return out, nil
}

// familyAccessJSON is one access to a person's data as the family sees it:
// the organisation and role, never a colleague's name.
type familyAccessJSON struct {
	At           string `json:"at"`
	Event        string `json:"event"`
	Outcome      string `json:"outcome"`
	Organisation string `json:"organisation,omitempty"`
	Shielded     bool   `json:"shielded"`
	Role         string `json:"role,omitempty"`
	Basis        string `json:"access_basis,omitempty"`
	Emergency    bool   `json:"emergency"`
	ByFamily     bool   `json:"by_family"`
	BySelf       bool   `json:"by_self"`
}

func (s *Server) apiFamilyAccesses(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	before := int64(0)
	if v := r.URL.Query().Get("before"); v != "" {
		if before, err = strconv.ParseInt(v, 10, 64); err != nil {
			return nil, schakel.Keyed(schakel.EINVALID, "err.before_number", "before is een getal.")
		}
	}
	log, err := s.app.FamilyAccesses(r.Context(), actor(r), id, before)
	if err != nil {
		return nil, err
	}
	out := struct {
		Accesses []familyAccessJSON `json:"accesses"`
		Next     int64              `json:"next,omitempty"`
	}{Accesses: []familyAccessJSON{}, Next: log.Next}
	for _, l := range log.Lines {
		e := l.Entry
		out.Accesses = append(out.Accesses, familyAccessJSON{At: e.At.UTC().Format(time.RFC3339), Event: e.Event, Outcome: e.Outcome,
			Organisation: l.Organisation, Shielded: l.Shielded, Role: familyRole(l), Basis: e.AccessBasis, Emergency: e.Emergency,
			ByFamily: l.ByFamily, BySelf: l.BySelf})
	}
	return out, nil
}

// familyRole is the role an access was made in, left out where the
// organisation is not named.
func familyRole(l app.FamilyAccessLine) string {
	if l.Shielded {
		return ""
	}
	return l.Entry.Role
}
