package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/storage"
)

func (s *Server) intakePolicy() storage.IntakePolicy {
	p := storage.DefaultIntakePolicy
	if s.cfg.CrisisWithin > 0 {
		p.CrisisWithin = s.cfg.CrisisWithin
	}
	return p
}

// withEmergency applies an explicit emergency-access claim from the
// request header to the actor (audited as such by storage).
func withEmergency(r *http.Request) *schakel.Actor {
	a := *actor(r)
	if reason := strings.TrimSpace(r.Header.Get("Schakel-Emergency-Reason")); reason != "" {
		a.EmergencyReason = reason
	}
	return &a
}

func (s *Server) apiCreateReport(w http.ResponseWriter, r *http.Request) {
	var in intake.Report
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if len(key) > 200 {
		s.apiError(w, r, &schakel.Error{Code: schakel.EINVALID, Message: "De Idempotency-Key is te lang.",
			Fields: []schakel.FieldError{{Field: "Idempotency-Key", Code: "too_long", Message: "Hoogstens 200 tekens."}}})
		return
	}
	res, err := s.db.CreateReport(r.Context(), actor(r), in, key, s.intakePolicy())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/cases/%d", res.CaseID))
	status := http.StatusCreated
	if res.Replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	writeJSON(w, status, res)
}

func (s *Server) apiIntakeForm(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"version":           intake.FormVersion,
		"reporter_kinds":    intake.ReporterKinds,
		"concerns":          intake.Concerns,
		"child_relations":   intake.ChildRelations,
		"adult_relations":   intake.AdultRelations,
		"finance_questions": intake.FinanceQuestions,
		"finance_answers":   intake.FinanceAnswers,
		"indicators":        crisismeter.Indicators(),
	})
}

func (s *Server) apiCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.db.Case(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(c.Version, 10)))
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiConsultation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	c, err := s.db.Consultation(r.Context(), withEmergency(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

// expectedVersion reads the case version a client last saw: If-Match
// header or a "version" field.
func expectedVersion(r *http.Request, body int64) (int64, error) {
	if h := strings.Trim(r.Header.Get("If-Match"), `" `); h != "" {
		v, err := strconv.ParseInt(strings.TrimPrefix(h, "W/"), 10, 64)
		if err != nil {
			return 0, &schakel.Error{Code: schakel.EINVALID, Message: "If-Match moet een versienummer zijn.",
				Fields: []schakel.FieldError{{Field: "If-Match", Code: "format", Message: "Verwacht een getal."}}}
		}
		return v, nil
	}
	return body, nil
}

func (s *Server) apiRateCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in struct {
		Color   string `json:"color"`
		Reason  string `json:"reason"`
		Version int64  `json:"version"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	g, cons, err := s.db.RateCase(r.Context(), actor(r), id, in.Color, in.Reason, v, s.intakePolicy())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	status := http.StatusCreated
	if g.Status == schakel.RatingPendingSecond {
		status = http.StatusAccepted
	}
	writeJSON(w, status, map[string]any{"rating": g, "consultation": cons})
}

func (s *Server) apiSecondOpinion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rid, err := pathID(r, "rating_id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var in struct {
		Approve *bool `json:"approve"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		s.apiError(w, r, err)
		return
	}
	if in.Approve == nil {
		s.apiError(w, r, &schakel.Error{Code: schakel.EINVALID, Message: "Kies bevestigen of afwijzen.",
			Fields: []schakel.FieldError{{Field: "approve", Code: "required", Message: "Vul true of false in."}}})
		return
	}
	g, err := s.db.ConfirmLowering(r.Context(), actor(r), id, rid, *in.Approve)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, g)
}

func (s *Server) apiWorklist(w http.ResponseWriter, r *http.Request) {
	f, err := workFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	wl, err := s.db.WorklistWithOverflow(r.Context(), actor(r), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, wl)
}

func workFilter(r *http.Request) (storage.WorkFilter, error) {
	q := r.URL.Query()
	f := storage.WorkFilter{Scope: q.Get("scope"), Color: q.Get("color"), Team: q.Get("team")}
	var v schakel.Validation
	if f.Scope != "" && f.Scope != "mine" && f.Scope != "team" && f.Scope != "organisation" {
		v.Add("scope", "unknown", "Kies mine, team of organisation.")
	}
	if f.Color != "" && !crisismeter.Color(f.Color).Valid() {
		v.Add("color", "unknown", "Kies red, orange of green.")
	}
	if s := q.Get("organisation_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			v.Add("organisation_id", "format", "Vul een getal in.")
		}
		f.OrganisationID = n
	}
	return f, v.Err()
}

func (s *Server) apiDecideMatch(confirm bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		m, caseID, err := s.db.DecideMatch(r.Context(), actor(r), id, confirm)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"match": m, "case_id": caseID})
	}
}

func (s *Server) apiCompleteAssessment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.CompleteAssessment(r.Context(), actor(r), id); err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"report_id": id, "assessment_done": true})
}

func (s *Server) apiInviteICS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	// Reading the consultation checks access and audits it.
	if _, err := s.db.Consultation(r.Context(), actor(r), id); err != nil {
		s.apiError(w, r, err)
		return
	}
	msgs, err := s.db.OutboxFor(r.Context(), actor(r).Professional.ID, 200)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	uid := fmt.Sprintf("UID:consultation-%d@schakel", id)
	for _, m := range msgs {
		if strings.Contains(m.ICS, uid) {
			method := "REQUEST"
			if strings.Contains(m.ICS, "METHOD:CANCEL") {
				method = "CANCEL"
			}
			w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
			w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="crisisoverleg-%d.ics"`, id))
			_, _ = w.Write([]byte(m.ICS))
			return
		}
	}
	s.apiError(w, r, schakel.Errorf(schakel.ENOTFOUND, "U bent niet uitgenodigd voor dit overleg."))
}

func (s *Server) apiDrafts(w http.ResponseWriter, r *http.Request) {
	ds, err := s.db.Drafts(r.Context(), actor(r))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"drafts": ds})
}

func (s *Server) apiSaveDraft(w http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			s.apiError(w, r, err)
			return
		}
	}
	// A draft is saved as typed, valid or not: only well-formed JSON is required.
	var raw json.RawMessage
	if err := s.decodeJSON(w, r, &raw); err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.db.SaveDraft(r.Context(), actor(r), id, string(raw))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	st := http.StatusOK
	if id == 0 {
		st = http.StatusCreated
	}
	writeJSON(w, st, d)
}

func (s *Server) apiDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.db.Draft(r.Context(), actor(r), id)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

func (s *Server) apiDeleteDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if err := s.db.DeleteDraft(r.Context(), actor(r), id); err != nil {
		s.apiError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
