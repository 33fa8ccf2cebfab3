package web

import (
	"fmt"
	"net/http"
)

// postAcceptInvitation is "Ik doe mee" on the consultation page and in the
// work list: back to the consultation, which now says the invitee takes part.
func (s *Server) postAcceptInvitation(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "accept")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	if _, err := s.app.AcceptInvitation(r.Context(), actor(r), id); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=deelname", id), http.StatusSeeOther)
}
