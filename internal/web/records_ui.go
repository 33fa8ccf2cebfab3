package web

// Printable records of a case: a consultation's minutes, the parents' copy
// and an exited organisation's own record.

import (
	"net/http"

	"schakel/internal/plan"
)

func (s *Server) pageMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, ws, err := s.app.ConsultationWorkspace(r.Context(), actor(r), id, "minutes")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, ok := plan.MinutesOf(c, ws, id)
	if !ok {
		s.pageError(w, r, errNoMinutes)
		return
	}
	v := s.buildWorkspace(r, c, ws, nil, true)
	s.render(w, r, http.StatusOK, "minutes.html", map[string]any{"M": m, "V": v, "Printed": s.app.Now()})
}

func (s *Server) pageOwnRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rec, err := s.app.OwnRecordOf(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	notice := ""
	if r.URL.Query().Get("ok") == "uitgestapt" {
		notice = "Uw organisatie is uit de casus gestapt. De overdracht en de volgende stappen zijn vastgelegd. U ziet hieronder wat uw organisatie zelf vastlegde."
	}
	s.render(w, r, http.StatusOK, "own_record.html", map[string]any{"R": rec, "Notice": notice})
}
