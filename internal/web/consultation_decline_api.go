package web

import "net/http"

// declineInput is the body of POST /api/v1/consultations/{id}/decline.
type declineInput struct {
	Reason string `json:"reason"`
}

// apiDeclineInvitation lets an invitee say they will not take part: 200
// with the consultation. The invitation then no longer gives access.
func (s *Server) apiDeclineInvitation(w http.ResponseWriter, r *http.Request) {
	var in declineInput
	id, ok := s.caseAndBody(w, r, &in)
	if !ok {
		return
	}
	c, err := s.db.DeclineInvitation(r.Context(), actor(r), id, in.Reason)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}
