package web

// Care asked for by need on screen (issue 15): the coordinator's requests
// on a case, the answers side by side and the choice; the provider's inbox
// and answer page; the provider's profile.

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/care"
	"schakel/internal/workdays"
)

func needOptions() []uiOption {
	var out []uiOption
	for _, c := range schakel.NeedCategories {
		out = append(out, uiOption{Value: string(c), Label: c.Dutch()})
	}
	return out
}

func (s *Server) pageCaseCare(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCaseCare(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderCaseCare(w http.ResponseWriter, r *http.Request, status int, caseID int64, f *pform) {
	rs, err := s.app.CaseCareRequests(r.Context(), actor(r), caseID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "case_care.html", map[string]any{"CaseID": caseID, "Requests": rs, "Form": f, "Needs": needOptions(),
		"Urgencies": []uiOption{{Value: schakel.UrgencyWeeks, Label: "Binnen weken (antwoord binnen 5 werkdagen)"}, {Value: schakel.UrgencyDays, Label: "Binnen dagen (antwoord binnen 1 werkdag)"}}})
}

// postCareRequest writes a request from the case's form: a checkbox per
// need with a line of explanation each.
func (s *Server) postCareRequest(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "care")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := care.Request{Urgency: v.Get("urgency"), Wants: v.Get("wants"), DoesNotWant: v.Get("does_not_want"), Place: v.Get("place"),
		Language: v.Get("language"), Times: v.Get("times")}
	for _, c := range v["needs"] {
		in.Needs = append(in.Needs, schakel.CareNeed{Category: schakel.NeedCategory(c), Text: v.Get("need_text_" + c)})
	}
	req, err := s.app.CreateCareRequest(r.Context(), actor(r), id, in)
	switch schakel.ErrorCode(err) {
	case "":
		done(w, r, fmt.Sprintf("/zorgvragen/%d", req.ID), "gevraagd")
	case schakel.EINVALID:
		f.apply(err)
		s.renderCaseCare(w, r, StatusOf(err), id, f)
	default:
		s.pageError(w, r, err)
	}
}

// pageCareCompare shows a request with the answers side by side.
func (s *Server) pageCareCompare(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCareCompare(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderCareCompare(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	req, err := s.app.CareRequest(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	me := actor(r).Professional
	chosenHere := req.Chosen != nil && me != nil && *req.Chosen == me.Organisation.ID
	var silent []schakel.OrganisationRef
	for _, o := range req.Asked {
		if !slices.ContainsFunc(req.Answers, func(a schakel.CareAnswer) bool { return a.Organisation.ID == o.ID }) {
			silent = append(silent, o)
		}
	}
	s.render(w, r, status, "care_compare.html", map[string]any{"R": req, "Form": f, "Notice": notice(r), "ChosenHere": chosenHere,
		"Silent": silent, "PastDeadline": req.Status == "open" && !s.app.Now().Before(req.Deadline),
		"Reasons": endReasonOptions(), "Today": time.Now().In(workdays.Location()).Format(time.DateOnly)})
}

func endReasonOptions() []uiOption {
	var out []uiOption
	for _, x := range care.EndReasons {
		out = append(out, uiOption{Value: x.Code, Label: x.Dutch})
	}
	return out
}

// postCareProgress records the start (/start) or end (/einde) of the care
// from the chosen provider's form on the request's page.
func (s *Server) postCareProgress(w http.ResponseWriter, r *http.Request) {
	end := strings.HasSuffix(r.URL.Path, "/einde")
	name, step := "start", s.app.StartCare
	if end {
		name, step = "end", s.app.EndCare
	}
	id, f, err := readForm(w, r, name)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, err = step(r.Context(), actor(r), id, care.Progress{Date: f.Values.Get("date"), Reason: f.Values.Get("reason")})
	switch schakel.ErrorCode(err) {
	case "":
		done(w, r, fmt.Sprintf("/zorgvragen/%d", id), "zorg-"+name)
	case schakel.EINVALID, schakel.ECONFLICT:
		f.apply(err)
		s.renderCareCompare(w, r, StatusOf(err), id, f)
	default:
		s.pageError(w, r, err)
	}
}

// postChooseCare records the provider chosen with the family.
func (s *Server) postChooseCare(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "choose")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, err = s.app.ChooseCare(r.Context(), actor(r), id, formInt(f.Values, "organisation_id"))
	switch schakel.ErrorCode(err) {
	case "":
		done(w, r, fmt.Sprintf("/zorgvragen/%d", id), "gekozen")
	case schakel.EINVALID, schakel.ECONFLICT:
		f.apply(err)
		s.renderCareCompare(w, r, StatusOf(err), id, f)
	default:
		s.pageError(w, r, err)
	}
}

func careStatusNL(s string) string {
	switch s {
	case "open":
		return "Wacht op antwoorden"
	case "chosen":
		return "Aanbieder gekozen"
	case "cancelled":
		return "Ingetrokken"
	}
	return s
}

// providesCare reports whether a professional works for an organisation
// that gives help and so answers care requests: its menu shows them.
func providesCare(p *schakel.Professional) bool {
	if p == nil {
		return false
	}
	switch p.Organisation.Kind {
	case schakel.Zorgaanbieder, schakel.Schuldhulp, schakel.BlijfGroep, schakel.Wijkteam:
		return true
	}
	return false
}
