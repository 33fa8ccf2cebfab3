package web

// The family copy on screen: choose the parent, prepare the copy (family
// texts, "niet delen met" marks), confirm it and print it (issue 10,
// item 6).

import (
	"net/http"
	"net/url"
	"strconv"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/familycopy"
)

// familyCopyState is what one rendering of the page carries besides the
// view: a notice, an error with what was typed, readability warnings.
type familyCopyState struct {
	status   int
	notice   string
	err      string
	actionID int64  // the action whose form failed or was saved
	typed    string // the family text as typed
	warnings []familycopy.Warning
}

func (s *Server) pageFamilySummary(w http.ResponseWriter, r *http.Request) {
	s.familyCopyPage(w, r, familyCopyState{status: http.StatusOK, notice: copyNotice(r.URL.Query().Get("ok"))})
}

func copyNotice(ok string) string {
	switch ok {
	case "bevestigd":
		return "U heeft deze kopie bevestigd. U kunt hem nu afdrukken en geven."
	case "gemarkeerd":
		return "De markering is opgeslagen. De kopie is aangepast."
	case "gewijzigd":
		return "De markering is gewijzigd. Lees elke kopie opnieuw en bevestig hem opnieuw."
	case "weggehaald":
		return "De markering is weggehaald. Lees elke kopie opnieuw en bevestig hem opnieuw."
	}
	return ""
}

func (s *Server) familyCopyPage(w http.ResponseWriter, r *http.Request, st familyCopyState) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	person, err := recipientParam(r, "voor")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v, err := s.app.FamilyCopyPage(r.Context(), actor(r), id, person)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, st.status, "family_summary.html", map[string]any{"V": v, "S": v.Copy.Summary, "C": v.Copy, "Person": person,
		"Printed": s.app.Now(), "FamilyName": familyTitle(v.Case), "State": st, "Notice": st.notice, "Error": st.err,
		"ActionID": st.actionID, "Typed": st.typed, "Warnings": st.warnings})
}

// copyURL is the page of the copy for person (0: for every parent).
func copyURL(caseID, person int64, ok string) string {
	q := url.Values{}
	if person != 0 {
		q.Set("voor", strconv.FormatInt(person, 10))
	}
	if ok != "" {
		q.Set("ok", ok)
	}
	u := "/casussen/" + strconv.FormatInt(caseID, 10) + "/voor-ouders"
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

func (s *Server) postConfirmFamilyCopy(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "confirm")
	person, perr := recipientParam(r, "voor")
	if err == nil {
		err = perr
	}
	if err == nil {
		_, err = s.app.ConfirmFamilyCopy(r.Context(), actor(r), id, person, f.Values.Get("digest"))
	}
	if err != nil {
		s.familyCopyFailed(w, r, err, familyCopyState{})
		return
	}
	http.Redirect(w, r, copyURL(id, person, "bevestigd"), http.StatusSeeOther)
}

// postFamilyText saves an action's family text and shows the page again
// with the readability warnings beside it (they would be lost in a
// redirect).
func (s *Server) postFamilyText(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "family_text")
	aid, perr := pathID(r, "aid")
	if err == nil {
		err = perr
	}
	st := familyCopyState{actionID: aid}
	if f != nil {
		st.typed = f.Values.Get("family_text")
	}
	if err == nil {
		var res app.FamilyText
		if res, err = s.app.SetFamilyText(r.Context(), actor(r), id, aid, st.typed); err == nil {
			st.status, st.typed, st.warnings = http.StatusOK, "", res.Warnings
			st.notice = "De tekst voor het gezin is opgeslagen."
			if len(res.Warnings) > 0 {
				st.notice += " Kijk nog eens naar de zinnen die moeilijk te lezen zijn."
			}
			s.familyCopyPage(w, r, st)
			return
		}
	}
	s.familyCopyFailed(w, r, err, st)
}

func (s *Server) postMarkFamilyCopy(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "mark")
	aid, perr := pathID(r, "aid")
	if err == nil {
		err = perr
	}
	person, qerr := recipientParam(r, "voor")
	if err == nil {
		err = qerr
	}
	if err == nil {
		_, err = s.app.MarkFamilyCopy(r.Context(), actor(r), id, aid, formInt(f.Values, "person"), f.Values.Get("kind"))
	}
	if err != nil {
		s.familyCopyFailed(w, r, err, familyCopyState{actionID: aid})
		return
	}
	http.Redirect(w, r, copyURL(id, person, "gemarkeerd"), http.StatusSeeOther)
}

// familyCopyFailed shows the page again with the error beside what was
// typed; a refusal or a missing case gets its own page.
func (s *Server) familyCopyFailed(w http.ResponseWriter, r *http.Request, err error, st familyCopyState) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID, schakel.ECONFLICT:
		st.status, st.err = StatusOf(err), schakel.ErrorMessage(err)
		if e, ok := err.(*schakel.Error); ok && len(e.Fields) > 0 {
			st.err = e.Fields[0].Message
		}
		s.familyCopyPage(w, r, st)
	default:
		s.pageError(w, r, err)
	}
}

// postChangeFamilyCopyMark changes a mark from the copy's page.
func (s *Server) postChangeFamilyCopyMark(w http.ResponseWriter, r *http.Request) {
	s.postFamilyCopyMark(w, r, "mark_change", "gewijzigd", func(r *http.Request, caseID, markID int64, f *pform) error {
		_, err := s.app.ChangeFamilyCopyMark(r.Context(), actor(r), caseID, markID, formInt(f.Values, "person"), f.Values.Get("kind"))
		return err
	})
}

// postRemoveFamilyCopyMark removes a mark from the copy's page.
func (s *Server) postRemoveFamilyCopyMark(w http.ResponseWriter, r *http.Request) {
	s.postFamilyCopyMark(w, r, "mark_remove", "weggehaald", func(r *http.Request, caseID, markID int64, _ *pform) error {
		return s.app.RemoveFamilyCopyMark(r.Context(), actor(r), caseID, markID)
	})
}

func (s *Server) postFamilyCopyMark(w http.ResponseWriter, r *http.Request, form, ok string, do func(*http.Request, int64, int64, *pform) error) {
	id, f, err := readForm(w, r, form)
	mid, perr := pathID(r, "mid")
	if err == nil {
		err = perr
	}
	person, qerr := recipientParam(r, "voor")
	if err == nil {
		err = qerr
	}
	if err == nil {
		err = do(r, id, mid, f)
	}
	if err != nil {
		s.familyCopyFailed(w, r, err, familyCopyState{})
		return
	}
	http.Redirect(w, r, copyURL(id, person, ok), http.StatusSeeOther)
}
