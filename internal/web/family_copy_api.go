package web

// The family copy in the JSON API: the copy per parent, its confirmation,
// family texts and "niet delen met" marks (issue 10, item 6).

import (
	"net/http"
	"strconv"
	"strings"

	"schakel"
)

// recipientParam reads ?person= (the adult the copy is for; absent: one
// copy for every parent).
func recipientParam(r *http.Request, name string) (int64, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Kies voor wie de kopie is.",
			Fields: []schakel.FieldError{{Field: name, Code: "invalid", Message: "Geef het nummer van een ouder of verzorger van dit gezin."}}}
	}
	return n, nil
}

func (s *Server) apiFamilySummary(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	person, err := recipientParam(r, "person")
	if err != nil {
		return nil, err
	}
	return s.app.FamilyCopy(r.Context(), actor(r), id, person)
}

// confirmCopyInput is the body of POST /api/v1/cases/{id}/family-summary/confirm.
type confirmCopyInput struct {
	PersonID int64  `json:"person_id"`
	Digest   string `json:"digest"`
}

func (s *Server) apiConfirmFamilyCopy(w http.ResponseWriter, r *http.Request) (any, error) {
	var in confirmCopyInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.ConfirmFamilyCopy(r.Context(), actor(r), id, in.PersonID, in.Digest)
}

// familyTextInput is the body of PUT /api/v1/cases/{id}/actions/{action_id}/family-text.
type familyTextInput struct {
	FamilyText string `json:"family_text"`
}

func (s *Server) apiSetFamilyText(w http.ResponseWriter, r *http.Request) (any, error) {
	var in familyTextInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	aid, err := pathID(r, "action_id")
	if err != nil {
		return nil, err
	}
	return s.app.SetFamilyText(r.Context(), actor(r), id, aid, in.FamilyText)
}

// markInput is the body of POST /api/v1/cases/{id}/actions/{action_id}/marks.
type markInput struct {
	PersonID int64  `json:"person_id"`
	Kind     string `json:"kind"`
}

func (s *Server) apiMarkFamilyCopy(w http.ResponseWriter, r *http.Request) (any, error) {
	var in markInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	aid, err := pathID(r, "action_id")
	if err != nil {
		return nil, err
	}
	m, err := s.app.MarkFamilyCopy(r.Context(), actor(r), id, aid, in.PersonID, in.Kind)
	if err != nil {
		return nil, err
	}
	return created(m), nil
}

// apiChangeFamilyCopyMark changes whom a mark is about or its kind: the
// organisation that placed it or the one with regie (403 otherwise).
func (s *Server) apiChangeFamilyCopyMark(w http.ResponseWriter, r *http.Request) (any, error) {
	var in markInput
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	mid, err := pathID(r, "mark_id")
	if err != nil {
		return nil, err
	}
	return s.app.ChangeFamilyCopyMark(r.Context(), actor(r), id, mid, in.PersonID, in.Kind)
}

// apiRemoveFamilyCopyMark removes a mark under the same rule: 204.
func (s *Server) apiRemoveFamilyCopyMark(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	mid, err := pathID(r, "mark_id")
	if err != nil {
		return nil, err
	}
	if err := s.app.RemoveFamilyCopyMark(r.Context(), actor(r), id, mid); err != nil {
		return nil, err
	}
	return noContent, nil
}
