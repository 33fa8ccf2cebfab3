// Package loginguard decides, before a password is checked, whether a login
// attempt may be checked at all. Two limits hold: one per client address
// (slows an attacker who tries many accounts from one place) and one per
// typed e-mail address from one client address (slows guessing one account
// without locking its owner out from anywhere else). Both are keyed on what
// was typed, not on whether the account exists, so their answers never tell
// which accounts exist.
//
// Each limit is a token bucket kept as one instant, the moment it is full
// again (the generic cell rate algorithm): no background refill and one
// column of state per key, which storage keeps so that several servers
// share it. Every attempt takes a token before its password is checked, so
// twenty simultaneous wrong passwords cannot all be checked; a success gives
// its tokens back.
package loginguard

import (
	"crypto/sha256"
	"encoding/hex"
	"net/netip"
	"time"
)

// Limit is a token bucket: Burst attempts in a row, then one more every
// Every.
type Limit struct {
	Burst int
	Every time.Duration
}

// Take spends one attempt from a bucket that is full again at fullAt (the
// zero time or any past instant means full). It returns the bucket's new
// full-again instant, or, when the bucket is empty, how long to wait.
func (l Limit) Take(now, fullAt time.Time) (next time.Time, wait time.Duration, ok bool) {
	start := fullAt
	if start.Before(now) {
		start = now
	}
	next = start.Add(l.Every)
	if over := next.Sub(now) - time.Duration(l.Burst)*l.Every; over > 0 {
		return fullAt, over, false
	}
	return next, 0, true
}

// Give returns one attempt to the bucket (a login that succeeded did not
// fail).
func (l Limit) Give(now, fullAt time.Time) time.Time {
	back := fullAt.Add(-l.Every)
	if back.Before(now) {
		return now
	}
	return back
}

// Policy holds both limits.
type Policy struct {
	Address Limit // failed logins from one client address, any account
	Pair    Limit // failed logins for one e-mail address from one client address
}

// NewPolicy returns the policy for a number of failures in a row per account
// and address (maxFailures), all of which come back after refillAll. The
// per-address limit allows an office behind one address six times as many
// failures in a row, one more every 20 seconds.
func NewPolicy(maxFailures int, refillAll time.Duration) Policy {
	if maxFailures < 1 {
		maxFailures = 1
	}
	return Policy{
		Address: Limit{Burst: 6 * maxFailures, Every: 20 * time.Second},
		Pair:    Limit{Burst: maxFailures, Every: refillAll / time.Duration(maxFailures)},
	}
}

// Scope says which limit refused an attempt.
type Scope string

// The scopes.
const (
	ScopeNone    Scope = ""
	ScopeAddress Scope = "address" // too many failures from this client address
	ScopePair    Scope = "account" // too many failures for this e-mail address from this client address
)

// State is what storage keeps for one attempt: the full-again instants of
// its two buckets.
type State struct {
	Address time.Time
	Pair    time.Time
}

// Decision is the answer to an attempt.
type Decision struct {
	Allowed    bool
	Refused    Scope
	RetryAfter time.Duration
}

// Reserve takes a token from both buckets, or from neither: an attempt
// refused by one limit costs nothing from the other, so a person retrying a
// paused e-mail address does not use up the office's allowance.
func (p Policy) Reserve(now time.Time, s State) (Decision, State) {
	addr, wait, ok := p.Address.Take(now, s.Address)
	if !ok {
		return Decision{Refused: ScopeAddress, RetryAfter: wait}, s
	}
	pair, wait, ok := p.Pair.Take(now, s.Pair)
	if !ok {
		return Decision{Refused: ScopePair, RetryAfter: wait}, s
	}
	return Decision{Allowed: true}, State{Address: addr, Pair: pair}
}

// Succeeded settles a reserved attempt whose password was right and whose
// account may log in: the address gets its token back and the pair starts
// afresh (the zero time: full).
func (p Policy) Succeeded(now time.Time, s State) State {
	return State{Address: p.Address.Give(now, s.Address)}
}

// Keys are the storage keys of an attempt's two buckets. They are hashes,
// so that the table never holds a typed e-mail address (people type their
// password there by mistake) or a client address in the clear.
type Keys struct {
	Address string
	Pair    string
}

// KeysFor returns the keys for a normalised e-mail address and a client
// address. An IPv6 client counts by its /64 network, which one subscriber
// usually holds whole; an IPv4 client by its address.
func KeysFor(email, clientAddr string) Keys {
	addr := ClientNetwork(clientAddr)
	return Keys{Address: hash("address", addr), Pair: hash("account", email+"\x00"+addr)}
}

// ClientNetwork returns the part of a client address that identifies one
// client: an IPv4 address, an IPv6 /64 prefix, or the text as given when it
// is no IP address.
func ClientNetwork(clientAddr string) string {
	ip, err := netip.ParseAddr(clientAddr)
	if err != nil {
		return clientAddr
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	prefix, err := ip.WithZone("").Prefix(64)
	if err != nil {
		return clientAddr
	}
	return prefix.String()
}

func hash(kind, value string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + value))
	return kind[:1] + ":" + hex.EncodeToString(sum[:16])
}
