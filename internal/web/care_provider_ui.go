package web

// The provider's side of care by need: the inbox, the answer page and
// the profile of what it offers.

import (
	"fmt"
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/care"
)

func (s *Server) pageCareInbox(w http.ResponseWriter, r *http.Request) {
	xs, err := s.app.CareInbox(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "care_inbox.html", map[string]any{"Requests": xs})
}

func (s *Server) pageCareAnswer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderCareAnswer(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderCareAnswer(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	x, err := s.app.CareExtract(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, status, "care_answer.html", map[string]any{"X": x, "Form": f, "Notice": notice(r)})
}

func (s *Server) postCareAnswer(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "answer")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := care.Answer{Approach: v.Get("approach"), EarliestStart: v.Get("earliest_start"), Conditions: v.Get("conditions"),
		NoCapacity: v.Get("no_capacity") != "", ExpectedRoom: v.Get("expected_room")}
	_, err = s.app.AnswerCare(r.Context(), actor(r), id, in)
	switch schakel.ErrorCode(err) {
	case "":
		done(w, r, fmt.Sprintf("/zorgvragen/%d/antwoorden", id), "beantwoord")
	case schakel.EINVALID, schakel.ECONFLICT:
		f.apply(err)
		s.renderCareAnswer(w, r, StatusOf(err), id, f)
	default:
		s.pageError(w, r, err)
	}
}

func (s *Server) pageCareProfile(w http.ResponseWriter, r *http.Request) {
	s.renderCareProfile(w, r, http.StatusOK, nil)
}

func (s *Server) renderCareProfile(w http.ResponseWriter, r *http.Request, status int, f *pform) {
	me := actor(r)
	profiles, err := s.app.CareProfiles(r.Context(), me)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	counts, err := s.app.CareAnswerCounts(r.Context(), me)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var mine schakel.ProviderProfile
	for _, p := range profiles {
		if p.Organisation.ID == me.Professional.Organisation.ID {
			mine = p
		}
	}
	var cats []string
	for _, c := range mine.Categories {
		cats = append(cats, string(c))
	}
	starts := map[string]string{}
	for c, d := range mine.EarliestStart {
		starts[string(c)] = d
	}
	s.render(w, r, status, "care_profile.html", map[string]any{"Profiles": profiles, "Counts": counts, "Mine": mine, "Cats": cats, "Starts": starts, "Form": f,
		"Needs": needOptions(), "Municipalities": strings.Join(mine.Municipalities, ", "), "Languages": strings.Join(mine.Languages, ", "),
		"Notice": notice(r)})
}

func (s *Server) postCareProfile(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	f := &pform{Name: "profile", Values: r.PostForm}
	p := schakel.ProviderProfile{Municipalities: list(r.PostForm.Get("municipalities")), Languages: list(r.PostForm.Get("languages")),
		EarliestStart: map[schakel.NeedCategory]string{}}
	for _, c := range r.PostForm["categories"] {
		p.Categories = append(p.Categories, schakel.NeedCategory(c))
		if d := strings.TrimSpace(r.PostForm.Get("start_" + c)); d != "" {
			p.EarliestStart[schakel.NeedCategory(c)] = d
		}
	}
	me := actor(r)
	_, err := s.app.PutCareProfile(r.Context(), me, me.Professional.Organisation.ID, p)
	switch schakel.ErrorCode(err) {
	case "":
		done(w, r, "/beheer/aanbod", "aanbod")
	case schakel.EINVALID:
		f.apply(err)
		s.renderCareProfile(w, r, StatusOf(err), f)
	default:
		s.pageError(w, r, err)
	}
}

// list splits a comma-separated field into its trimmed, non-empty parts.
func list(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
