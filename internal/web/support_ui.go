package web

// Support work on request (issue 14, item 4): the case holder posts a
// task from the case; support workers see the team's open tasks on
// /ondersteuning, claim one, read it, hand it back or mark it done.

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/supportwork"
)

var supportNotices = map[string]string{
	"taak":         "De taak staat klaar voor de ondersteuners van uw team. U krijgt bericht als iemand hem oppakt.",
	"opgepakt":     "U heeft de taak opgepakt. Alleen u ziet nu wat de casushouder erbij schreef.",
	"teruggegeven": "U heeft de taak teruggegeven. Hij staat weer open voor het team; u ziet hem niet meer.",
	"ingetrokken":  "De taak is ingetrokken.",
	"klaar":        "De taak is klaar. Dank u wel! U ziet hem niet meer.",
}

func (s *Server) pageSupportPost(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("support_post.html")(w, r)
}

func (s *Server) postSupportTask(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "support")
	if err != nil {
		s.formFailed(w, r, id, "support_post.html", f, err)
		return
	}
	v := f.Values
	in := supportwork.TaskInput{Kind: v.Get("kind"), DueOn: v.Get("due_on"), Brief: v.Get("brief"), ShareAddress: v.Get("share_address") != ""}
	if _, err := s.app.PostSupportTask(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "support_post.html", f, err)
		return
	}
	done(w, r, "/ondersteuning", "taak")
}

func (s *Server) pageSupportWork(w http.ResponseWriter, r *http.Request) {
	work, err := s.app.MySupportWork(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "support_work.html", map[string]any{"Work": work, "Notice": supportNotices[r.URL.Query().Get("ok")],
		"Me": actor(r).Professional.ID, "SupportWorker": actor(r).Professional.HasRole(schakel.RoleSupportWorker)})
}

func (s *Server) pageSupportTask(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.renderSupportTask(w, r, http.StatusOK, id, nil)
}

// renderSupportTask shows a task (an audited read); f carries the done
// form's values and errors after bad input.
func (s *Server) renderSupportTask(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	view, err := s.app.SupportTask(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	me := actor(r).Professional.ID
	claimant := view.Task.ClaimedBy != nil && view.Task.ClaimedBy.ID == me && view.Task.Status == schakel.TaskClaimed
	s.render(w, r, status, "support_task.html", map[string]any{"V": view, "Form": f, "Poster": view.Task.PostedBy.ID == me,
		"Claimant": claimant, "Notice": supportNotices[r.URL.Query().Get("ok")]})
}

func (s *Server) postTaskAct(act taskActFunc, ok string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err == nil {
			err = parseForm(w, r)
		}
		if err == nil {
			_, err = act(s, r, id)
		}
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if ok == "opgepakt" {
			http.Redirect(w, r, "/ondersteuning/"+itoa64(id)+"?ok="+ok, http.StatusSeeOther)
			return
		}
		done(w, r, "/ondersteuning", ok)
	}
}

func (s *Server) postFinishTask(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "done")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, err = s.app.FinishSupportTask(r.Context(), actor(r), id, hoursOf(f.Values.Get("hours_saved")))
	if schakel.ErrorCode(err) == schakel.EINVALID {
		f.apply(err)
		s.renderSupportTask(w, r, http.StatusUnprocessableEntity, id, f)
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	done(w, r, "/ondersteuning", "klaar")
}

// hoursOf reads hours as typed (1,5 or 1.5); nil when empty, NaN when not
// a number, so that the use case names what is wrong.
func hoursOf(s string) *float64 {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return nil
	}
	h, err := strconv.ParseFloat(s, 64)
	if err != nil {
		h = math.NaN()
	}
	return &h
}
