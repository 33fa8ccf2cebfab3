package web

// Drafts of the intake form: saving (by hand or by static/draft.js every
// 15 seconds), the list, and deleting one.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"schakel"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// saveIntakeDraft stores the form as typed (as intake.Report JSON, the same
// as the drafts API) and updates the draft it came from, if it still exists.
func (s *Server) saveIntakeDraft(r *http.Request, st intakeState) (storage.Draft, error) {
	rep, _, _ := st.report()
	b, err := json.Marshal(rep)
	if err != nil {
		return storage.Draft{}, err
	}
	d, err := s.app.SaveDraft(r.Context(), actor(r), st.ConceptID, string(b))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND && st.ConceptID != 0 {
		d, err = s.app.SaveDraft(r.Context(), actor(r), 0, string(b))
	}
	return d, err
}

// postIntakeAutosave is static/draft.js's endpoint: it saves the posted
// form as a draft and answers {"id", "saved_at"}.
func (s *Server) postIntakeAutosave(w http.ResponseWriter, r *http.Request) {
	wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	textErr, err := textOrFatal(parseForm(w, r))
	if err != nil {
		s.autosaveError(w, r, wantsJSON, err)
		return
	}
	st := intakeStateFromForm(r.PostForm)
	a, err := s.formActor(w, r)
	if err != nil {
		s.autosaveError(w, r, wantsJSON, err)
		return
	}
	if a == nil {
		if wantsJSON {
			s.apiError(w, r, schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw sessie is verlopen. Klik op Concept opslaan: dan logt u opnieuw in en blijft wat u invulde bewaard."))
			return
		}
		s.renderRelogin(w, r, http.StatusUnauthorized, st, "", "")
		return
	}
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), a))
	if textErr != nil && wantsJSON {
		s.apiError(w, r, textErr)
		return
	} else if textErr != nil {
		s.renderIntake(w, r, http.StatusUnprocessableEntity, st, schakel.FieldErrors(textErr), "", 0, 0)
		return
	}
	d, err := s.saveIntakeDraft(r, st)
	if err != nil {
		s.autosaveError(w, r, wantsJSON, err)
		return
	}
	if !wantsJSON {
		st.ConceptID = d.ID
		s.renderIntake(w, r, http.StatusOK, st, nil, "Concept opgeslagen.", 0, 0)
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]any{"id": d.ID, "saved_at": d.UpdatedAt.In(workdays.Location()).Format("15:04")})
}

func (s *Server) autosaveError(w http.ResponseWriter, r *http.Request, wantsJSON bool, err error) {
	if wantsJSON {
		s.apiError(w, r, err)
	} else {
		s.pageError(w, r, err)
	}
}

func (s *Server) pageDrafts(w http.ResponseWriter, r *http.Request) {
	ds, err := s.app.Drafts(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	notice := ""
	if r.URL.Query().Get("ok") == "verwijderd" {
		notice = "Het concept is verwijderd."
	}
	rows := make([]draftRow, 0, len(ds))
	for _, d := range ds {
		rows = append(rows, draftRow{Draft: d, Name: draftName(d)})
	}
	s.render(w, r, http.StatusOK, "intake_drafts.html", map[string]any{"Drafts": rows, "Notice": notice})
}

// draftRow is a draft in the list, with the name it goes by.
type draftRow struct {
	storage.Draft
	Name string
}

// draftName names a draft after its family and when it was begun: "Gezin
// Jansen, 1 december 2026 om 14:03".
func draftName(d storage.Draft) string {
	family := "Nog geen achternaam"
	if d.Family != "" {
		family = "Gezin " + d.Family
	}
	l := d.CreatedAt.In(workdays.Location())
	return fmt.Sprintf("%s, %d %s %d om %s", family, l.Day(), monthsNL[l.Month()-1], l.Year(), l.Format("15:04"))
}

func (s *Server) postDeleteDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.app.DeleteDraft(r.Context(), actor(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/meldingen/concepten?ok=verwijderd", http.StatusSeeOther)
}

var monthsNL = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
