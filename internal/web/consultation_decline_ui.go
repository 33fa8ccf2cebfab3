package web

import "net/http"

// postDeclineInvitation is the invitee's "Ik doe niet mee" on the
// consultation page. After declining the invitee may no longer see the
// case (unless their organisation takes part), so the answer goes to
// "Mijn werk" rather than back to the consultation.
func (s *Server) postDeclineInvitation(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "decline")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	if _, err := s.app.DeclineInvitation(r.Context(), actor(r), id, f.Values.Get("reason")); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
