package web

// The region's count of assignments above the caseload norm
// (/caseload/boven-de-norm): how often each organisation's team leads
// gave a worker a case above the norm, without cases, names or reasons.

import "net/http"

func (s *Server) pageCaseloadOverrides(w http.ResponseWriter, r *http.Request) {
	o, err := s.app.CaseloadOverrides(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "caseload_overrides.html", map[string]any{"O": o})
}
