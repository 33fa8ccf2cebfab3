package web

// The bulk hand-over form (/medewerkers/{id}/overdragen): when a worker
// goes on leave or leaves, the team lead (or the worker) moves every case
// position, open action and invitation in one act, to one colleague or
// per case to another. The same use case as POST
// /api/v1/professionals/{id}/handover.

import (
	"fmt"
	"net/http"

	"schakel"
	"schakel/internal/app"
)

// handOverView is the form with what the worker holds.
type handOverView struct {
	Preview    app.HandOverPreview
	Colleagues []uiOption
	Form       *pform
	Done       string
}

func (s *Server) pageHandOver(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.handOverPage(w, r, http.StatusOK, id, nil)
}

func (s *Server) handOverPage(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	p, err := s.app.PreviewHandOver(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all, _, err := s.colleagueOptions(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := handOverView{Preview: p, Form: f}
	for _, o := range all {
		if o.Value != itoa64(id) {
			v.Colleagues = append(v.Colleagues, o)
		}
	}
	if q := r.URL.Query(); q.Get("ok") == "1" {
		v.Done = fmt.Sprintf("Overgedragen: %s casussen, %s acties en %s uitnodigingen voor overleg. Iedere ontvanger heeft een bericht gekregen.",
			q.Get("casussen"), q.Get("acties"), q.Get("uitnodigingen"))
	}
	s.render(w, r, status, "handover.html", map[string]any{"V": v})
}

func (s *Server) postHandOver(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "handover")
	var res app.HandOverResult
	if err == nil {
		v := f.Values
		per := map[int64]int64{}
		for key := range v {
			var caseID int64
			if _, e := fmt.Sscanf(key, "case_%d", &caseID); e == nil && formInt(v, key) != 0 {
				per[caseID] = formInt(v, key)
			}
		}
		res, err = s.app.HandOverAll(r.Context(), actor(r), id, app.HandOverInput{To: formInt(v, "to"), PerCase: per, Reason: v.Get("reason"),
			Override: app.Override{Confirmed: v.Get("override") == "1", Reason: v.Get("override_reason")}})
	}
	if err != nil {
		if c := schakel.ErrorCode(err); f == nil || (c != schakel.EINVALID && c != schakel.ECONFLICT) {
			s.pageError(w, r, err)
			return
		}
		f.apply(receiverField(err))
		s.handOverPage(w, r, StatusOf(err), id, f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/medewerkers/%d/overdragen?ok=1&casussen=%d&acties=%d&uitnodigingen=%d", id, res.Cases, res.Actions, res.Invitations), http.StatusSeeOther)
}

// receiverField puts the use case's "professional_id" (the receiver of
// one case) on the form's receiver field.
func receiverField(err error) error {
	fields := schakel.FieldErrors(err)
	if schakel.ErrorCode(err) != schakel.EINVALID || len(fields) == 0 {
		return err
	}
	for i := range fields {
		if fields[i].Field == "professional_id" {
			fields[i].Field = "to"
		}
	}
	return (&schakel.Validation{Fields: fields}).Err()
}
