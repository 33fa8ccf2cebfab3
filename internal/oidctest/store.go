package oidctest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// store is the provider's memory: clients, users, authorization requests
// and codes, access tokens, and signing keys. It implements op.Storage.
type store struct {
	mu       sync.Mutex
	clients  map[string]*client
	users    map[string]User // by username
	requests map[string]*authRequest
	codes    map[string]string // code → request id
	tokens   map[string]accessToken
	keys     []*signingKey // the last one signs
	endings  map[string]int
	nextID   int

	idTokenLifetime atomic.Int64
	// now is the provider's clock for auth_time (SetClock); nil: real time.
	now atomic.Pointer[func() time.Time]
}

type accessToken struct{ subject, clientID string }

func newStore() *store {
	s := &store{clients: map[string]*client{}, users: map[string]User{}, requests: map[string]*authRequest{},
		codes: map[string]string{}, tokens: map[string]accessToken{}, endings: map[string]int{}}
	s.idTokenLifetime.Store(int64(5 * time.Minute))
	s.rotate()
	return s
}

func (s *store) id(prefix string) string {
	s.nextID++
	return fmt.Sprintf("%s%d", prefix, s.nextID)
}

func (s *store) addClient(c *client) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clients[c.id] = c
}

func (s *store) addUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.Username] = u
}

func (s *store) userBySubject(sub string) (User, bool) {
	for _, u := range s.users {
		if u.Subject == sub {
			return u, true
		}
	}
	return User{}, false
}

func (s *store) rotate() {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, &signingKey{id: s.id("key"), key: key})
}

func (s *store) dropOld() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = s.keys[len(s.keys)-1:]
}

func (s *store) ended(clientID string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.endings[clientID]
}

// authenticate marks an authorization request as done by a user.
func (s *store) authenticate(requestID, username, password string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	req, ok := s.requests[requestID]
	if !ok {
		return errors.New("onbekend inlogverzoek")
	}
	u, ok := s.users[username]
	if !ok || u.Password != password {
		return errors.New("gebruikersnaam of wachtwoord klopt niet")
	}
	authTime := time.Now()
	if now := s.now.Load(); now != nil {
		authTime = (*now)()
	}
	req.subject, req.done, req.authTime = u.Subject, true, authTime.UTC()
	return nil
}

func (s *store) CreateAuthRequest(_ context.Context, r *oidc.AuthRequest, userID string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	req := &authRequest{AuthRequest: *r, subject: userID}
	req.id = s.id("req")
	s.requests[req.id] = req
	return req, nil
}

func (s *store) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req, ok := s.requests[id]; ok {
		return req, nil
	}
	return nil, errors.New("auth request not found")
}

func (s *store) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	id, ok := s.codes[code]
	s.mu.Unlock()
	if !ok {
		return nil, errors.New("code invalid or used")
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *store) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest runs when the code was exchanged: the code can never be
// used again.
func (s *store) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.requests, id)
	for code, rid := range s.codes {
		if rid == id {
			delete(s.codes, code)
		}
	}
	return nil
}

func (s *store) CreateAccessToken(_ context.Context, r op.TokenRequest) (string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.id("at")
	clientID := ""
	if ar, ok := r.(op.AuthRequest); ok {
		clientID = ar.GetClientID()
	}
	s.tokens[id] = accessToken{subject: r.GetSubject(), clientID: clientID}
	return id, time.Now().Add(5 * time.Minute), nil
}

func (s *store) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errors.New("refresh tokens are not offered")
}

func (s *store) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, op.ErrInvalidRefreshToken
}

// TerminateSession records an RP-initiated logout.
func (s *store) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.endings[clientID]++
	for id, t := range s.tokens {
		if t.clientID == clientID && (userID == "" || t.subject == userID) {
			delete(s.tokens, id)
		}
	}
	return nil
}

func (s *store) RevokeToken(_ context.Context, tokenOrID, _, _ string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.tokens, tokenOrID)
	return nil
}

func (s *store) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *store) SigningKey(context.Context) (op.SigningKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keys[len(s.keys)-1], nil
}

func (s *store) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *store) KeySet(context.Context) ([]op.Key, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := make([]op.Key, len(s.keys))
	for i, k := range s.keys {
		keys[i] = publicKey{k}
	}
	return keys, nil
}

func (s *store) Health(context.Context) error { return nil }
