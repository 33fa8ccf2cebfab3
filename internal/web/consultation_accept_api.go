package web

import "net/http"

// apiAcceptInvitation is the invitee's "I take part": 200 with the
// consultation; the invitee's organisation then takes part in the case.
func (s *Server) apiAcceptInvitation(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.AcceptInvitation(r.Context(), actor(r), id)
}
