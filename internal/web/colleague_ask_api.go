package web

// Asking the team along and quick questions (issue 14, item 5) in the API.

import (
	"net/http"

	"schakel"
	"schakel/internal/askalong"
)

func (s *Server) apiAskColleagues(w http.ResponseWriter, r *http.Request) (any, error) {
	var in askalong.Input
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	ask, err := s.app.AskColleagues(r.Context(), actor(r), id, in)
	if err != nil {
		return nil, err
	}
	return created(ask), nil
}

func (s *Server) apiCaseColleagueAsks(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.CaseColleagueAsks(r.Context(), actor(r), id)
}

func (s *Server) apiMyColleagueAsks(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.MyColleagueAsks(r.Context(), actor(r))
}

func (s *Server) apiColleagueAsk(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.ColleagueAsk(r.Context(), actor(r), id)
}

// apiTakeColleagueAsk accepts a join (kind join) or answers a question
// (kind question), with the answer in the body.
func (s *Server) apiTakeColleagueAsk(kind string) apiFunc {
	return func(w http.ResponseWriter, r *http.Request) (any, error) {
		id, err := pathID(r, "id")
		var in struct {
			Answer string `json:"answer"`
		}
		if err == nil {
			err = s.decodeOptionalJSON(w, r, &in)
		}
		if err != nil {
			return nil, err
		}
		return s.app.TakeColleagueAsk(r.Context(), actor(r), id, kind, in.Answer)
	}
}

func (s *Server) apiWithdrawColleagueAsk(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.app.WithdrawColleagueAsk(r.Context(), actor(r), id)
}

// askTakeKinds maps the API's act to the kind of ask it goes with.
var askTakeKinds = map[string]string{"accept": schakel.AskJoin, "answer": schakel.AskQuestion}
