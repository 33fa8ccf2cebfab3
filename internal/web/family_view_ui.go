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
)

// familyNotices are the short confirmations after a post.
var familyNotices = map[string]string{
	"welkom":      "Welkom. U bent nu ingelogd.",
	"toestemming": "Je keuze is opgeslagen. Je kunt dit altijd weer veranderen.",
	"verzoek":     "Dank u. Uw contactpersoon krijgt dit te zien en antwoordt binnen 4 weken.",
	"ingetrokken": "De sleutel is ingetrokken. De app kan niet meer bij uw gegevens.",
}

// familyRequestKinds are the choices of the own-side form.
var familyRequestKinds = []struct{ Code, Label string }{
	{app.RequestStatement, "Ik wil mijn kant van het verhaal vertellen"},
	{app.RequestCorrection, "Er staat iets dat niet klopt. Verbeter het"},
	{app.RequestDestruction, "Haal gegevens over mij weg"},
}

var familyRequestLabel = map[string]string{
	app.RequestStatement:   "Mijn kant van het verhaal",
	app.RequestCorrection:  "Verzoek om te verbeteren",
	app.RequestDestruction: "Verzoek om weg te halen",
}

func (s *Server) pageFamilyHome(w http.ResponseWriter, r *http.Request) {
	notice := ""
	for k, v := range familyNotices {
		if r.URL.Query().Has(k) || r.URL.Query().Get("ok") == k {
			notice = v
		}
	}
	s.familyHome(w, r, http.StatusOK, map[string]any{"Notice": notice, "Errors": map[string]string{}})
}

func (s *Server) familyHome(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	h, err := s.app.FamilyView(r.Context(), actor(r))
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.render(w, r, http.StatusForbidden, "family_home.html", map[string]any{"Refused": schakel.ErrorMessage(err), "Errors": map[string]string{}})
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
	data["H"], data["Kinds"], data["KindLabel"], data["Tokens"] = h, familyRequestKinds, familyRequestLabel, tokens
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
		errs := map[string]string{}
		for _, fe := range schakel.FieldErrors(err) {
			errs[fe.Field] = fe.Message
		}
		s.familyHome(w, r, http.StatusUnprocessableEntity, map[string]any{"Errors": errs, "Kind": r.PostForm.Get("kind"), "Text": r.PostForm.Get("text")})
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
		s.familyError(w, r, schakel.Errorf(schakel.EINVALID, "Deze pagina bestaat niet."))
		return
	}
	log, err := s.app.FamilyAccesses(r.Context(), actor(r), id, before)
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	lines := make([]familyLogLine, 0, len(log.Lines))
	for _, l := range log.Lines {
		lines = append(lines, familyLogLine{accessLine: familyAccessLine(l), Emergency: l.Entry.Emergency})
	}
	s.render(w, r, http.StatusOK, "family_log.html", map[string]any{"Log": log, "Lines": lines, "Paged": before != 0,
		"Own": actor(r).FamilyMember.PersonID == id})
}

// familyAccessLine tells one entry: the organisation and role, never a
// colleague's name; a shielded organisation is not named.
func familyAccessLine(l app.FamilyAccessLine) accessLine {
	e := l.Entry
	org := l.Organisation
	var who string
	switch {
	case l.BySelf:
		who = "U zelf"
	case l.ByFamily:
		who = "Iemand uit uw gezin"
	case e.PrincipalKind == string(schakel.PrincipalSystem):
		who = "Schakel zelf"
	case l.Shielded:
		who = "Een medewerker van een organisatie die uw gezin helpt. De naam laten we niet zien, voor de veiligheid"
	case org != "":
		who = "Een medewerker van " + org + roleNL(e.Role)
	default:
		who = "Iemand die wilde inloggen"
	}
	what, ok := accessWhat[e.Event]
	switch {
	case e.Event == audit.EventLogin:
		what = [2]string{"heeft ingelogd.", "wilde inloggen. Dat lukte niet."}
	case e.Event == audit.EventLogout:
		what = [2]string{"heeft uitgelogd.", "wilde uitloggen."}
	case !ok:
		what = [2]string{"heeft iets met uw gegevens gedaan.", "wilde iets met uw gegevens doen."}
	}
	refused := e.Outcome == audit.Refused
	if refused {
		what[0] = what[1]
	}
	if org == "" {
		org = "Deze organisatie"
	}
	why := accessWhy(e, org)
	if l.ByFamily && !refused {
		why = familyBasisNL[e.AccessBasis]
	}
	return accessLine{When: longDateNL(e.At), Who: who, What: what[0], Why: why, Refused: refused}
}

// familyBasisNL says why a family member could see it.
var familyBasisNL = map[string]string{
	audit.BasisSelf:              "Dit zijn eigen gegevens.",
	audit.BasisParentalAuthority: "Een ouder met gezag mag meekijken tot een kind 16 jaar is.",
	audit.BasisChildConsent:      "Het kind is 16 jaar of ouder en gaf zelf toestemming.",
}

// roleNL is ", casusregisseur" for the roles of an audit entry: the role,
// never the person.
func roleNL(roles string) string {
	var out []string
	for _, r := range strings.Split(roles, ",") {
		if d := schakel.Role(r).Dutch(); d != "" {
			out = append(out, strings.ToLower(d))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, ", ") + ")"
}
