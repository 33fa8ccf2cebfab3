package web

// Asking the team along and quick questions (issue 14, item 5) on screen:
// the asker's page on the case (/casussen/{id}/collega-vragen), the page
// of one ask (/werk/vragen/{id}) where a colleague accepts or answers and
// the asker withdraws, and the asker's list on the home page.

import (
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/askalong"
)

var askNotices = map[string]string{
	"aangenomen":  "U gaat mee. Uw collega heeft bericht.",
	"beantwoord":  "Uw antwoord is verstuurd naar uw collega.",
	"ingetrokken": "Uw vraag is ingetrokken.",
}

func placeKindOptions() []uiOption {
	out := []uiOption{{Value: "", Label: "Kies waar het gesprek is"}}
	for _, k := range schakel.PlaceKinds {
		out = append(out, uiOption{Value: k, Label: schakel.PlaceKindDutch(k)})
	}
	return out
}

func (s *Server) pageColleagueAsks(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("colleague_asks.html")(w, r)
}

// addAsks adds the case's asks and the viewer's team to the page.
func (s *Server) addAsks(r *http.Request, v *wsView) error {
	asks, err := s.app.CaseColleagueAsks(r.Context(), actor(r), v.Case.ID)
	if err != nil {
		return err
	}
	v.Asks = asks
	v.TeamID, v.TeamName, err = s.app.MyTeam(r.Context(), actor(r))
	v.PlaceKinds = placeKindOptions()
	v.AskTo = []uiOption{{Value: "", Label: "Kies wie u vraagt"}}
	if v.TeamID != 0 {
		v.AskTo = append(v.AskTo, uiOption{Value: "team", Label: "Mijn team: " + v.TeamName})
	}
	v.AskTo = append(v.AskTo, v.AllPros...)
	return err
}

// postColleagueAsk asks the team along (kind join) or asks a quick
// question (kind question) from the case's page.
func (s *Server) postColleagueAsk(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "question")
	form := "question"
	if f != nil && f.Values.Get("soort") == "meegaan" {
		form, f.Name = "teamjoin", "teamjoin"
	}
	if err != nil {
		s.formFailed(w, r, id, "colleague_asks.html", f, err)
		return
	}
	v := f.Values
	in := askalong.Input{Kind: schakel.AskQuestion, Message: v.Get("message")}
	team, _, err := s.app.MyTeam(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if form == "teamjoin" {
		in.Kind, in.TeamID, in.At, in.PlaceKind = schakel.AskJoin, formInt(v, "team_id"), localToRFC3339(v.Get("at")), v.Get("place_kind")
	} else if to := v.Get("to_professional_id"); to == "team" {
		in.TeamID = team
	} else if to != "" {
		n, perr := strconv.ParseInt(to, 10, 64)
		if perr != nil {
			n = 0 // not a number: refused as no choice
		}
		in.ToProfessionalID = n
	}
	if _, err := s.app.AskColleagues(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "colleague_asks.html", f, err)
		return
	}
	done(w, r, casePath(id, "/collega-vragen"), "gevraagd")
}

func (s *Server) pageColleagueAsk(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderColleagueAsk(w, r, http.StatusOK, id, nil)
}

// renderColleagueAsk shows one ask (an audited read); f carries the
// answer form's values and errors after bad input.
func (s *Server) renderColleagueAsk(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	ask, err := s.app.ColleagueAsk(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if f == nil {
		f = &pform{}
	}
	me := actor(r).Professional.ID
	s.render(w, r, status, "colleague_ask.html", map[string]any{"A": ask, "Form": f, "Asker": ask.From.ID == me,
		"Open": ask.Status == schakel.AskOpen, "Notice": askNotices[r.URL.Query().Get("ok")]})
}

// postTakeColleagueAsk accepts a join or answers a question.
func (s *Server) postTakeColleagueAsk(kind, ok string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, f, err := readForm(w, r, "answer")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		_, err = s.app.TakeColleagueAsk(r.Context(), actor(r), id, kind, f.Values.Get("answer"))
		if code := schakel.ErrorCode(err); code == schakel.EINVALID || code == schakel.ECONFLICT {
			f.apply(err)
			s.renderColleagueAsk(w, r, StatusOf(err), id, f)
			return
		} else if err != nil {
			s.pageError(w, r, err)
			return
		}
		http.Redirect(w, r, "/werk/vragen/"+itoa64(id)+"?ok="+ok, http.StatusSeeOther)
	}
}

func (s *Server) postWithdrawColleagueAsk(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err == nil {
		_, err = s.app.WithdrawColleagueAsk(r.Context(), actor(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/werk/vragen/"+itoa64(id)+"?ok=ingetrokken", http.StatusSeeOther)
}

// minutesNL writes a median time in minutes as hours and minutes; "–"
// when there is none.
func minutesNL(m *int) string {
	switch {
	case m == nil:
		return "–"
	case *m < 60:
		return strconv.Itoa(*m) + " min"
	case *m%60 == 0:
		return strconv.Itoa(*m/60) + " uur"
	}
	return strconv.Itoa(*m/60) + " uur " + strconv.Itoa(*m%60) + " min"
}
