package web

// The intake form (melding): open it (new or from a draft), file it, or
// save it as a draft. It survives an expired session: see relogin_ui.go.

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/intake"
	"schakel/internal/workdays"
)

func newIdemKey() string {
	b := make([]byte, 16)
	rand.Read(b) // crypto/rand: never returns an error, always fills b
	return hex.EncodeToString(b)
}

func (s *Server) newIntakeState() intakeState {
	return intakeState{
		Report:     intake.Report{Finances: map[string]string{}},
		ReceivedAt: s.app.Now().In(workdays.Location()).Format(localLayout),
		IdemKey:    newIdemKey(),
	}
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, status int, st intakeState, errs []schakel.FieldError, notice string, addChildren, addAdults int) {
	if st.IdemKey == "" || len(st.IdemKey) > 200 {
		st.IdemKey = newIdemKey()
	}
	v := s.intakeView(st, errs, addChildren, addAdults)
	v.Notice = notice
	s.render(w, r, status, "intake.html", map[string]any{"Form": v})
}

func (s *Server) pageIntakeNew(w http.ResponseWriter, r *http.Request) {
	if !canReport(actor(r).Professional) {
		s.pageError(w, r, s.refuse(r, "intake_form", "", "Uw rol of organisatie kan geen meldingen invoeren."))
		return
	}
	st := s.newIntakeState()
	notice := ""
	if c := r.URL.Query().Get("concept"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id <= 0 {
			s.pageError(w, r, schakel.Errorf(schakel.ENOTFOUND, "Dit concept bestaat niet."))
			return
		}
		d, err := s.app.Draft(r.Context(), actor(r), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		var rep intake.Report
		if err := json.Unmarshal([]byte(d.Data), &rep); err != nil {
			notice = "Dit concept kon niet helemaal worden gelezen. Controleer wat er staat."
		}
		key := st.IdemKey
		st = intakeStateFromReport(rep, s.app.Now())
		st.ConceptID, st.IdemKey = d.ID, key
		if notice == "" {
			notice = "U gaat verder met het concept van " + d.UpdatedAt.In(workdays.Location()).Format("02-01-2006 15:04") + "."
		}
	}
	if r.URL.Query().Get("hersteld") == "1" {
		notice = "Uw sessie was verlopen. Wat u had ingevuld is bewaard."
	}
	s.renderIntake(w, r, http.StatusOK, st, nil, notice, 0, 0)
}

// formActor authenticates a form post itself, so that an expired session
// does not lose what was typed: the caller shows the login page with the
// form carried along instead of redirecting.
func (s *Server) formActor(w http.ResponseWriter, r *http.Request) (*schakel.Actor, error) {
	a, err := s.authenticate(r)
	if err != nil && schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
		return nil, err
	}
	if a == nil {
		s.clearSessionCookie(w)
	}
	return a, nil
}

func (s *Server) postIntake(w http.ResponseWriter, r *http.Request) {
	textErr, err := textOrFatal(parseForm(w, r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	st := intakeStateFromForm(r.PostForm)
	a, err := s.formActor(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if a == nil {
		s.renderRelogin(w, r, http.StatusUnauthorized, st, "", "")
		return
	}
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), a))
	if textErr != nil {
		// The form as typed, cleaned, with the fields that held text
		// Schakel cannot keep: nothing is filed or saved.
		s.renderIntake(w, r, http.StatusUnprocessableEntity, st, schakel.FieldErrors(textErr), "", 0, 0)
		return
	}

	if s.intakeFormAction(w, r, st) {
		return
	}
	s.fileIntake(w, r, a, st)
}

// intakeFormAction handles the form's buttons other than filing: saving a
// draft and more rows. It tells whether it answered.
func (s *Server) intakeFormAction(w http.ResponseWriter, r *http.Request, st intakeState) bool {
	switch action := r.PostForm.Get("action"); action {
	case "save_draft":
		d, err := s.saveIntakeDraft(r, st)
		if err != nil {
			s.intakeFailed(w, r, st, err)
			return true
		}
		st.ConceptID = d.ID
		s.renderIntake(w, r, http.StatusOK, st, nil, "Concept opgeslagen om "+d.UpdatedAt.In(workdays.Location()).Format("15:04")+
			". U vindt het terug onder Concepten.", 0, 0)
		return true
	case "more_rows", "more_rows:children", "more_rows:adults":
		addC, addA := extraRows, extraRows
		if action == "more_rows:children" {
			addA = 0
		} else if action == "more_rows:adults" {
			addC = 0
		}
		s.renderIntake(w, r, http.StatusOK, st, nil, "", addC, addA)
		return true
	}
	return false
}

// fileIntake files the report typed on the form and shows its result, or
// the form again with every mistake beside its field.
func (s *Server) fileIntake(w http.ResponseWriter, r *http.Request, a *schakel.Actor, st intakeState) {
	rep, rows, errs := st.report()
	if len(errs) > 0 {
		// Also show every other mistake at once.
		if _, verr := intake.Validate(rep, s.app.Now()); verr != nil {
			for _, f := range schakel.FieldErrors(verr) {
				errs = append(errs, schakel.FieldError{Field: rows.screenField(f.Field), Code: f.Code, Message: f.Message})
			}
		}
		s.renderIntake(w, r, http.StatusUnprocessableEntity, st, errs, "", 0, 0)
		return
	}
	if st.IdemKey == "" || len(st.IdemKey) > 200 {
		st.IdemKey = newIdemKey()
	}
	res, err := s.app.CreateReport(r.Context(), a, rep, st.IdemKey)
	if err != nil {
		s.intakeNotFiled(w, r, st, rows, err)
		return
	}
	if st.ConceptID != 0 {
		if err := s.app.DeleteDraft(r.Context(), a, st.ConceptID); err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
			s.log.Warn("delete draft after filing", "err", err)
		}
	}
	s.reportResults.put(a.Professional.ID, res)
	http.Redirect(w, r, fmt.Sprintf("/meldingen/%d/resultaat?casus=%d", res.ID, res.CaseID), http.StatusSeeOther)
}

// intakeNotFiled shows the form again after filing failed: the fields the
// rules refused, a conflict with an earlier sending, or another fault.
func (s *Server) intakeNotFiled(w http.ResponseWriter, r *http.Request, st intakeState, rows rowMap, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID:
		fields := schakel.FieldErrors(err)
		for i := range fields {
			fields[i].Field = rows.screenField(fields[i].Field)
		}
		if len(fields) == 0 {
			fields = []schakel.FieldError{{Field: "narrative", Message: schakel.ErrorMessage(err)}}
		}
		s.renderIntake(w, r, http.StatusUnprocessableEntity, st, fields, "", 0, 0)
	case schakel.ECONFLICT:
		// The form was sent before with other content (the idempotency key
		// is taken): nothing was filed now. A new key lets the worker send
		// it on purpose.
		st.IdemKey = newIdemKey()
		s.renderIntake(w, r, http.StatusConflict, st, []schakel.FieldError{{Field: "form",
			Message: "Dit formulier is al eens verstuurd, met andere gegevens. Kijk in Mijn werk of de melding er al staat. Wilt u deze gegevens als nieuwe melding versturen? Klik dan nog een keer op Melding versturen."}}, "", 0, 0)
	default:
		s.intakeFailed(w, r, st, err)
	}
}

// intakeFailed shows the form again, with everything typed, when filing or
// saving fails for another reason than a validation error: nothing typed is
// lost, whatever went wrong.
func (s *Server) intakeFailed(w http.ResponseWriter, r *http.Request, st intakeState, err error) {
	if s.clientWentAway(w, r, err) {
		return
	}
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		s.log.Error("internal error", "method", r.Method, "route", r.Pattern, "err", err)
	}
	s.renderIntake(w, r, StatusOf(err), st, []schakel.FieldError{{Field: "form", Message: schakel.ErrorMessage(err)}}, "", 0, 0)
}
