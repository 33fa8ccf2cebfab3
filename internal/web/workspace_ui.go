package web

// The pages of the joint workspace on a case: plan, findings,
// organisations, asking a colleague, planning a consultation; and how a
// form on them shows an error or its success.

import (
	"fmt"
	"net/http"

	"schakel"
)

var workspaceNotices = map[string]string{
	"casushouder":        "De casushouder is vastgelegd. Hij of zij krijgt een bericht.",
	"casushouder-einde":  "De positie is beëindigd.",
	"deelname":           "U doet mee. Uw organisatie neemt deel aan de casus, zodat u acties kunt oppakken en gesprekken kunt vastleggen.",
	"actie":              "De actie staat op het plan.",
	"actie-wijzig":       "De actie is bijgewerkt.",
	"vastgesteld":        "Het plan is vastgesteld.",
	"evaluatie":          "De evaluatie is vastgelegd.",
	"bevinding":          "De bevinding is toegevoegd.",
	"schaal":             "Uw veiligheidsschaal is vastgelegd.",
	"gesprek":            "Het gesprek is vastgelegd. Iedereen op de casus ziet het.",
	"gezinsgesprek":      "Het gesprek is gepland. De uitgenodigde gezinsleden zien het op hun eigen pagina.",
	"gesprek-verplaatst": "Het gesprek is verplaatst. De uitgenodigde gezinsleden zien de nieuwe datum op hun eigen pagina.",
	"gesprek-afgezegd":   "Het gesprek gaat niet door. De uitgenodigde gezinsleden zien dat op hun eigen pagina, met uw reden.",
	"organisatie":        "De organisatie doet mee.",
	"rol":                "De rol is veranderd.",
	"regie":              "De regie is overgedragen.",
	"deskundige":         "De deskundige is toegevoegd.",
	"besluit":            "Het besluit van de Raad is vastgelegd.",
	"collega":            "Uw vraag staat in de werklijst van uw collega.",
	"aanwezig":           "De aanwezigheid is vastgelegd.",
	"agenda":             "Het agendapunt is toegevoegd.",
	"deelnemer":          "De deelnemer is uitgenodigd.",
	"overleg":            "Het overleg is gepland. De genodigden hebben een uitnodiging.",
	"verplaatst":         "Het overleg is verplaatst. De genodigden hebben bericht en een nieuwe agenda-uitnodiging.",
	"plaats":             "De plaats van het overleg is vastgelegd. De genodigden hebben bericht en een nieuwe agenda-uitnodiging.",
	"afgezegd":           "Het overleg is afgezegd. De genodigden hebben bericht.",
	"gevraagd":           "Uw vraag is verstuurd. U ziet hieronder wie hem oppakt.",
}

// workspacePage loads a case with its workspace (one audited read) and
// renders one of the workspace pages.
func (s *Server) workspacePage(w http.ResponseWriter, r *http.Request, status int, caseID int64, tmpl string, f *pform) {
	c, ws, err := s.app.CaseWorkspace(r.Context(), actor(r), caseID)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, caseID, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := s.buildWorkspace(r, c, ws, f, false)
	if tmpl == "participations.html" || tmpl == "colleague.html" || tmpl == "consultation_new.html" || tmpl == "colleague_asks.html" {
		s.addDirectory(r, &v)
	}
	if tmpl == "colleague_asks.html" {
		if err := s.addAsks(r, &v); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if tmpl == "case_holders.html" {
		if err := s.addHolders(r, &v); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if status == http.StatusOK {
		v.Notice = workspaceNotices[r.URL.Query().Get("ok")]
	}
	s.render(w, r, status, tmpl, map[string]any{"V": v})
}

func (s *Server) workspaceGet(tmpl string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.workspacePage(w, r, http.StatusOK, id, tmpl, nil)
	}
}

func (s *Server) pagePlan(w http.ResponseWriter, r *http.Request) { s.workspaceGet("plan.html")(w, r) }

func (s *Server) pageFindings(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("findings.html")(w, r)
}

func (s *Server) pageParticipations(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("participations.html")(w, r)
}

func (s *Server) pageColleague(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("colleague.html")(w, r)
}

func (s *Server) pageNewConsultation(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("consultation_new.html")(w, r)
}

// caseWorkspaceData adds the workspace to the case page's data (the
// sections of templates/partials/plan_case.html).
func (s *Server) caseWorkspaceData(r *http.Request, data map[string]any, c schakel.Case, ws schakel.Workspace, readOnly bool) {
	data["W"] = s.buildWorkspace(r, c, ws, nil, readOnly)
}

// formFailed shows the page again with the error; a refusal of the whole
// case shows the refusal page.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, caseID int64, tmpl string, f *pform, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID, schakel.ECONFLICT, schakel.EFORBIDDEN, schakel.ENOTFOUND:
		if f == nil { // the form could not be read at all
			s.pageError(w, r, err)
			return
		}
	default:
		s.pageError(w, r, err)
		return
	}
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		// Refused the whole case: the refusal page, without a second
		// (refused, audited) read of the case.
		if ok, cerr := s.app.MayReadCase(r.Context(), actor(r), caseID); cerr == nil && !ok {
			s.renderCaseRefused(w, r, caseID, schakel.ErrorMessage(err), "", "")
			return
		}
	}
	f.apply(err)
	s.workspacePage(w, r, StatusOf(err), caseID, tmpl, f)
}

// done redirects to the page after a form worked; the notice shows at the top.
func done(w http.ResponseWriter, r *http.Request, path, ok string) {
	http.Redirect(w, r, path+"?ok="+ok, http.StatusSeeOther)
}

func casePath(id int64, sub string) string { return fmt.Sprintf("/casussen/%d%s", id, sub) }
