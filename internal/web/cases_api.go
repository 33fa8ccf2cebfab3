package web

// A case, its workspace, and the colour: rating, second opinion, safety
// assessment and matches in the JSON API.

import (
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/textlimit"
)

func (s *Server) apiCase(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.app.Case(r.Context(), withEmergency(r), id)
	if err != nil {
		return nil, err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.FormatInt(c.Version, 10)))
	return c, nil
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

func (s *Server) apiWorkspace(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	ws, err := s.app.Workspace(r.Context(), withEmergency(r), id)
	if err != nil {
		return nil, err
	}
	etag(w, ws.Plan.Version)
	return ws, nil
}

func (s *Server) apiRateCase(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in struct {
		Color   string `json:"color"`
		Reason  string `json:"reason"`
		Version int64  `json:"version"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	if err := checkRatingReason(in.Reason); err != nil {
		return nil, err
	}
	v, err := expectedVersion(r, in.Version)
	if err != nil {
		return nil, err
	}
	g, cons, err := s.app.RateCase(r.Context(), actor(r), id, in.Color, in.Reason, v)
	if err != nil {
		return nil, err
	}
	status := http.StatusCreated
	if g.Status == schakel.RatingPendingSecond {
		status = http.StatusAccepted
	}
	return withStatus(status, map[string]any{"rating": g, "consultation": cons}), nil
}

// checkRatingReason holds a rating's reason to its limit: the rating rules
// (crisismeter) ask only for a minimum.
func checkRatingReason(reason string) error {
	var v schakel.Validation
	textlimit.Check(&v, "reason", reason, textlimit.Reason)
	return v.Err()
}

func (s *Server) apiSecondOpinion(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	rid, err := pathID(r, "rating_id")
	if err != nil {
		return nil, err
	}
	var in struct {
		Approve *bool `json:"approve"`
	}
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	if in.Approve == nil {
		return nil, &schakel.Error{Code: schakel.EINVALID, Message: "Kies bevestigen of afwijzen.",
			Fields: []schakel.FieldError{{Field: "approve", Code: "required", Message: "Vul true of false in."}}}
	}
	g, err := s.app.ConfirmLowering(r.Context(), actor(r), id, rid, *in.Approve)
	if err != nil {
		return nil, err
	}
	return g, nil
}

func (s *Server) apiCompleteAssessment(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := s.app.CompleteAssessment(r.Context(), actor(r), id); err != nil {
		return nil, err
	}
	return map[string]any{"report_id": id, "assessment_done": true}, nil
}

func (s *Server) apiDecideMatch(confirm bool) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		id, err := pathID(r, "id")
		if err != nil {
			return nil, err
		}
		m, caseID, err := s.app.DecideMatch(r.Context(), actor(r), id, confirm)
		if err != nil {
			return nil, err
		}
		return map[string]any{"match": m, "case_id": caseID}, nil
	}
}
