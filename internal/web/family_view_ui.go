package web

// The family's own page, their access log, their consent and their own
// side (issue 13). Every read runs through the family use cases, which
// guard with internal/access and audit with the family principal.

import (
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/familytext"
)

// familyNotices are the short confirmations after a post: the query
// word, and the notice's key in familytext ("notice.<word>").
var familyNotices = []string{"welkom", "toestemming", "verzoek", "ingetrokken"}

// familyRequestKinds are the choices of the own-side form; each is
// "kind.<code>" and, once sent, "label.<code>" in familytext.
var familyRequestKinds = []string{app.RequestStatement, app.RequestCorrection, app.RequestDestruction}

var familyRequestLabel = map[string]string{
	app.RequestStatement:   "Mijn kant van het verhaal",
	app.RequestCorrection:  "Verzoek om te verbeteren",
	app.RequestDestruction: "Verzoek om weg te halen",
}

func (s *Server) pageFamilyHome(w http.ResponseWriter, r *http.Request) {
	notice := ""
	for _, k := range familyNotices {
		if r.URL.Query().Has(k) || r.URL.Query().Get("ok") == k {
			notice = "notice." + k
		}
	}
	s.familyHome(w, r, http.StatusOK, map[string]any{"Notice": notice, "Errors": map[string]string{}})
}

func (s *Server) familyHome(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	lang := familyLang(r)
	h, err := s.app.FamilyView(r.Context(), actor(r), lang)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.render(w, r, http.StatusForbidden, "family_home.html", map[string]any{"Refused": familyErrorText(lang, err), "Errors": map[string]string{}})
		return
	} else if err != nil {
		s.familyError(w, r, err)
		return
	}
	tokens, err := s.app.FamilyTokens(r.Context(), actor(r))
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	data["H"], data["Kinds"], data["Tokens"] = h, familyRequestKinds, tokens
	data["Decides"] = h.Viewer.Child && h.Viewer.Age >= 16
	s.render(w, r, status, "family_home.html", data)
}

func (s *Server) postFamilyConsent(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.familyError(w, r, err)
		return
	}
	if err := s.app.SetFamilyConsent(r.Context(), actor(r), r.PostForm.Get("toestemming") == "ja"); err != nil {
		s.familyError(w, r, err)
		return
	}
	http.Redirect(w, r, "/gezin?ok=toestemming", http.StatusSeeOther)
}

func (s *Server) postFamilyRequest(w http.ResponseWriter, r *http.Request) {
	err := parseForm(w, r)
	if err == nil {
		_, err = s.app.FileFamilyRequest(r.Context(), actor(r), r.PostForm.Get("kind"), r.PostForm.Get("text"))
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.familyHome(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": familyFieldTexts(familyLang(r), err), "Kind": r.PostForm.Get("kind"), "Text": r.PostForm.Get("text")})
		return
	} else if err != nil {
		s.familyError(w, r, err)
		return
	}
	http.Redirect(w, r, "/gezin?ok=verzoek", http.StatusSeeOther)
}

// familyLogLine is one access, told in plain words for the family.
type familyLogLine struct {
	accessLine
	Emergency bool
}

func (s *Server) pageFamilyLog(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	before, err := strconv.ParseInt(r.URL.Query().Get("voor"), 10, 64)
	if r.URL.Query().Get("voor") == "" {
		before, err = 0, nil
	}
	if err != nil || before < 0 {
		s.familyError(w, r, schakel.Keyed(schakel.EINVALID, "err.no_such_page", "Deze pagina bestaat niet."))
		return
	}
	log, err := s.app.FamilyAccesses(r.Context(), actor(r), id, before)
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	lines := make([]familyLogLine, 0, len(log.Lines))
	for _, l := range log.Lines {
		lines = append(lines, familyLogLine{accessLine: familyAccessLine(familyLang(r), l), Emergency: l.Entry.Emergency})
	}
	s.render(w, r, http.StatusOK, "family_log.html", map[string]any{"Log": log, "Lines": lines, "Paged": before != 0,
		"Own": actor(r).FamilyMember.PersonID == id})
}

// familyAccessLine tells one entry in the page's language: the
// organisation and role, never a colleague's name; a shielded organisation
// is not named.
func familyAccessLine(lang *familytext.Lang, l app.FamilyAccessLine) accessLine {
	e := l.Entry
	org := l.Organisation
	var who string
	switch {
	case l.BySelf:
		who = lang.T("access.who.self")
	case l.ByFamily:
		who = lang.T("access.who.family")
	case e.PrincipalKind == string(schakel.PrincipalSystem):
		who = lang.T("access.who.system")
	case l.Shielded:
		who = lang.T("access.who.shielded")
	case org != "":
		who = lang.T("access.who.worker", "org", org, "roles", roleWords(lang, e.Role))
	default:
		who = lang.T("access.who.unknown")
	}
	refused := e.Outcome == audit.Refused
	if org == "" {
		org = lang.T("access.this_org")
	}
	why := accessWhy(lang, e, org)
	if l.ByFamily && !refused {
		why = lang.T("basis." + e.AccessBasis)
	}
	return accessLine{When: longDate(lang, e.At), Who: who, What: accessDid(lang, e, true), Why: why, Refused: refused}
}

// roleWords is " (casusregisseur / hulpverlener)" for the roles of an
// audit entry, in the language: the role, never the person.
func roleWords(lang *familytext.Lang, roles string) string {
	var out []string
	for _, r := range strings.Split(roles, ",") {
		if schakel.Role(r).Valid() {
			out = append(out, lang.T("role."+r))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, ", ") + ")"
}
