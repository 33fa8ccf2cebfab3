package web

// Passkeys (WebAuthn) in the API: begin and finish an enrolment, rename
// and remove a passkey, and step up with one. A begin answers the options
// for navigator.credentials.create or .get ({"publicKey": …}, as the
// WebAuthn JSON of the W3C); its challenge is kept on the server for this
// session or token alone, for 5 minutes, and the finish that follows takes
// the authenticator's PublicKeyCredential as JSON. The checks are the
// WebAuthn library's, the rules internal/app's. The screens' script
// (static/passkey.js) uses the begin routes with the session cookie.

import (
	"encoding/json"
	"net/http"

	"schakel/internal/app"
	"schakel/internal/passkey"
)

const (
	passkeyStepUpBegin  = "/api/v1/session/step-up/passkey/begin"
	passkeyStepUpFinish = "/api/v1/session/step-up/passkey/finish"
)

// passkeyRP is the relying party for this request: the configured public
// address (--public-url), or else the request's own scheme and host.
func (s *Server) passkeyRP(r *http.Request) (passkey.RP, error) {
	return passkey.RPFor(s.publicURL(r))
}

func (s *Server) apiBeginPasskey(w http.ResponseWriter, r *http.Request) (any, error) {
	rp, rpErr := s.passkeyRP(r)
	return s.app.BeginPasskey(r.Context(), actor(r), credentialOf(r), rpErr, rp)
}

// finishPasskeyInput is the body of POST /api/v1/factors/passkeys/finish.
type finishPasskeyInput struct {
	Name       string          `json:"name"`
	Password   string          `json:"password"`
	Credential json.RawMessage `json:"credential"`
}

func (s *Server) apiFinishPasskey(w http.ResponseWriter, r *http.Request) (any, error) {
	var in finishPasskeyInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	rp, rpErr := s.passkeyRP(r)
	return s.app.FinishPasskey(r.Context(), actor(r), credentialOf(r), rpErr, rp, app.PasskeyEnrolment{Name: in.Name, Password: in.Password, Answer: in.Credential})
}

// renamePasskeyInput is the body of PATCH /api/v1/factors/passkeys/{id}.
type renamePasskeyInput struct {
	Name string `json:"name"`
}

func (s *Server) apiRenamePasskey(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in renamePasskeyInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	if err := s.app.RenamePasskey(r.Context(), actor(r), id, in.Name); err != nil {
		return nil, err
	}
	return noContent, nil
}

func (s *Server) apiRemovePasskey(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	var in removeFactorInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	a := actor(r)
	err = s.app.RemovePasskey(r.Context(), a, app.RemovePasskeyRequest{ProfessionalID: a.Professional.ID, PasskeyID: id,
		Password: in.Password, RecoveryCode: in.RecoveryCode})
	if err != nil {
		return nil, err
	}
	return noContent, nil
}

func (s *Server) apiBeginPasskeyStepUp(w http.ResponseWriter, r *http.Request) (any, error) {
	rp, rpErr := s.passkeyRP(r)
	return s.app.BeginPasskeyStepUp(r.Context(), actor(r), credentialOf(r), rpErr, rp)
}

// passkeyStepUpInput is the body of POST …/step-up/passkey/finish.
type passkeyStepUpInput struct {
	Credential json.RawMessage `json:"credential"`
}

func (s *Server) apiFinishPasskeyStepUp(w http.ResponseWriter, r *http.Request) (any, error) {
	var in passkeyStepUpInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	rp, rpErr := s.passkeyRP(r)
	return s.app.StepUpPasskey(r.Context(), actor(r), credentialOf(r), rpErr, rp, in.Credential)
}
