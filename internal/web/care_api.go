package web

import (
	"net/http"

	"schakel"
	"schakel/internal/care"
)

// Care asked for by need (issue 15) in the JSON API.

func (s *Server) apiCareProfiles(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.CareProfiles(r.Context(), actor(r))
}

// careProfileInput is the body of PUT /api/v1/organisations/{id}/care-profile.
type careProfileInput struct {
	Categories     []schakel.NeedCategory          `json:"categories"`
	Municipalities []string                        `json:"municipalities"`
	Languages      []string                        `json:"languages"`
	ContractedBy   []string                        `json:"contracted_by"`
	EarliestStart  map[schakel.NeedCategory]string `json:"earliest_start"`
}

func (s *Server) apiCareAnswerCounts(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.CareAnswerCounts(r.Context(), actor(r))
}

func (s *Server) apiPutCareProfile(w http.ResponseWriter, r *http.Request) (any, error) {
	var in careProfileInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.PutCareProfile(r.Context(), actor(r), id, schakel.ProviderProfile{Categories: in.Categories, Municipalities: in.Municipalities,
		Languages: in.Languages, ContractedBy: in.ContractedBy, EarliestStart: in.EarliestStart})
}

// careRequestInput is the body of POST /api/v1/cases/{id}/care-requests.
type careRequestInput struct {
	Needs       []schakel.CareNeed `json:"needs"`
	Urgency     string             `json:"urgency"`
	Wants       string             `json:"wants"`
	DoesNotWant string             `json:"does_not_want"`
	Place       string             `json:"place"`
	Language    string             `json:"language"`
	Times       string             `json:"times"`
}

func (s *Server) apiCreateCareRequest(w http.ResponseWriter, r *http.Request) (any, error) {
	var in careRequestInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	req, err := s.app.CreateCareRequest(r.Context(), actor(r), id, care.Request(in))
	if err != nil {
		return nil, err
	}
	return created(req), nil
}

func (s *Server) apiCaseCareRequests(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.CaseCareRequests(r.Context(), actor(r), id)
}

func (s *Server) apiCareRequest(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.CareRequest(r.Context(), actor(r), id)
}

func (s *Server) apiCareInbox(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.CareInbox(r.Context(), actor(r))
}

func (s *Server) apiCareExtract(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.CareExtract(r.Context(), actor(r), id)
}

// careAnswerInput is the body of POST /api/v1/care-requests/{id}/answer.
type careAnswerInput struct {
	Approach      string `json:"approach"`
	EarliestStart string `json:"earliest_start"`
	Conditions    string `json:"conditions"`
	NoCapacity    bool   `json:"no_capacity"`
	ExpectedRoom  string `json:"expected_room"`
}

func (s *Server) apiAnswerCare(w http.ResponseWriter, r *http.Request) (any, error) {
	var in careAnswerInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	x, err := s.app.AnswerCare(r.Context(), actor(r), id, care.Answer(in))
	if err != nil {
		return nil, err
	}
	return created(x), nil
}

// chooseInput is the body of POST /api/v1/care-requests/{id}/choose.
type chooseInput struct {
	OrganisationID int64 `json:"organisation_id"`
}

func (s *Server) apiChooseCare(w http.ResponseWriter, r *http.Request) (any, error) {
	var in chooseInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.ChooseCare(r.Context(), actor(r), id, in.OrganisationID)
}

// careProgressInput is the body of POST /api/v1/care-requests/{id}/start
// and /end.
type careProgressInput struct {
	Date   string `json:"date"`
	Reason string `json:"reason"`
}

func (s *Server) apiStartCare(w http.ResponseWriter, r *http.Request) (any, error) {
	var in careProgressInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.StartCare(r.Context(), actor(r), id, care.Progress(in))
}

func (s *Server) apiEndCare(w http.ResponseWriter, r *http.Request) (any, error) {
	var in careProgressInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.EndCare(r.Context(), actor(r), id, care.Progress(in))
}
