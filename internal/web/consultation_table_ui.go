package web

// A proposed crisis table while its invitations are held, on the
// consultation page: remove a need with a reason, add a person, or send
// the invitations now.

import (
	"fmt"
	"net/http"

	"schakel"
	"schakel/internal/plan"
)

func (s *Server) postRemoveTableNeed(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "table_need")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	in := plan.TableNeedRemoval{Need: f.Values.Get("need"), Reason: f.Values.Get("reason")}
	if _, err := s.app.RemoveTableNeed(r.Context(), actor(r), id, in); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=tafel-weg#tafel", id), http.StatusSeeOther)
}

func (s *Server) postAddTablePerson(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "table_person")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	in := plan.TablePersonAdded{ProfessionalID: formInt(f.Values, "professional_id"), Reason: f.Values.Get("reason")}
	if _, err := s.app.AddTablePerson(r.Context(), actor(r), id, in); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=tafel-erbij#tafel", id), http.StatusSeeOther)
}

func (s *Server) postSendTableNow(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "table_send")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	if _, err := s.app.SendTableNow(r.Context(), actor(r), id); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=tafel-verstuurd", id), http.StatusSeeOther)
}

// tableNeedOptions are the needs a proposed table can do without, for
// the removal form.
func tableNeedOptions(c schakel.Consultation) []uiOption {
	var out []uiOption
	for _, n := range c.Needs {
		out = append(out, uiOption{Value: n.Need, Label: needNL(n.Need)})
	}
	return out
}

func init() {
	workspaceNotices["tafel-weg"] = "Weggehaald van de voorgestelde tafel. Dat staat hieronder bij de wijzigingen."
	workspaceNotices["tafel-erbij"] = "Toegevoegd aan de voorgestelde tafel. Die persoon krijgt de uitnodiging als de uitnodigingen uitgaan."
	workspaceNotices["tafel-verstuurd"] = "De uitnodigingen zijn verstuurd. Iedereen aan tafel ziet het overleg nu in Mijn werk en in de e-mail."
}
