package web

// One's own second factor in the API, as on /tweede-factor: the status,
// a new key for the authenticator app and its confirmation, new recovery
// codes, removal (password and a recovery code); an administrator removes
// a lost one. The rules are internal/app's.

import (
	"net/http"

	"schakel/internal/app"
)

func (s *Server) apiFactors(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.SecondFactors(r.Context(), actor(r))
}

// apiStartApp returns the key to type into (or scan with) the app; it
// counts once confirmed with POST /api/v1/factors/app/confirm.
func (s *Server) apiStartApp(w http.ResponseWriter, r *http.Request) (any, error) {
	return s.app.StartApp(r.Context(), actor(r))
}

// recoveryCodesReply carries recovery codes, shown this once.
type recoveryCodesReply struct {
	RecoveryCodes []string `json:"recovery_codes"`
}

// confirmAppInput is the body of POST /api/v1/factors/app/confirm: the
// password only with the first app (app.ConfirmApp says why).
type confirmAppInput struct {
	Code     string `json:"code"`
	Password string `json:"password"`
}

func (s *Server) apiConfirmApp(w http.ResponseWriter, r *http.Request) (any, error) {
	var in confirmAppInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	codes, err := s.app.ConfirmApp(r.Context(), actor(r), credentialOf(r), in.Code, in.Password)
	if err != nil {
		return nil, err
	}
	return recoveryCodesReply{RecoveryCodes: nonNil(codes)}, nil
}

func (s *Server) apiNewRecoveryCodes(w http.ResponseWriter, r *http.Request) (any, error) {
	codes, err := s.app.NewRecoveryCodes(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	return recoveryCodesReply{RecoveryCodes: codes}, nil
}

// removeFactorInput is the body of POST /api/v1/factors/app/remove.
type removeFactorInput struct {
	Password     string `json:"password"`
	RecoveryCode string `json:"recovery_code"`
}

func (s *Server) apiRemoveApp(w http.ResponseWriter, r *http.Request) (any, error) {
	var in removeFactorInput
	if err := s.decodeJSON(w, r, &in); err != nil {
		return nil, err
	}
	a := actor(r)
	if err := s.app.RemoveSecondFactor(r.Context(), a, app.RemoveFactor{ProfessionalID: a.Professional.ID,
		Password: in.Password, RecoveryCode: in.RecoveryCode}); err != nil {
		return nil, err
	}
	return noContent, nil
}

// apiAdminRemoveFactors: an administrator removes a professional's app and
// recovery codes (a lost phone); that person's sessions end.
func (s *Server) apiAdminRemoveFactors(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	if err := s.app.RemoveSecondFactor(r.Context(), actor(r), app.RemoveFactor{ProfessionalID: id}); err != nil {
		return nil, err
	}
	return noContent, nil
}
