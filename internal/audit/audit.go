// Package audit defines the entries of Schakel's access log (NEN 7513) and
// the hash chain that makes changes and removals detectable. Storage writes
// entries in the same transaction as the access they describe, each with a
// sequence number of its own and no chain link; a sealer then chains them in
// sequence order (see storage's audit_seal.go). This package only knows how
// an entry is shaped and hashed.
package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Outcomes of an audited attempt.
const (
	Allowed = "allowed"
	Refused = "refused"
)

// Access bases: why the actor was allowed to see or change the data.
const (
	BasisParticipation = "participation" // the actor's organisation takes part in the case
	BasisDuty          = "duty"          // crisis duty: invited to a consultation on the case
	BasisEmergency     = "emergency"     // explicit emergency access with a written reason
	BasisRole          = "role"          // the actor's role (e.g. privacy officer, admin)
	BasisSelf          = "self"          // the actor's own data
	BasisOwnRecord     = "own_record"    // what the actor's organisation wrote itself, kept after it exited a case
	BasisSystem        = "system"        // Schakel itself: the command line on the server or a scheduled job
	BasisReview        = "review"        // a placement-prevention panel member reads the review's minimal extract
	BasisTask          = "task"          // a support worker reads the task they claimed, while it runs (not the case)
	// BasisParentalAuthority: a parent with authority sees the part of a
	// child under 16 in the family's own view.
	BasisParentalAuthority = "parental_authority"
	// BasisChildConsent: a child of 16 or older let its parents see its part.
	BasisChildConsent = "child_consent"
	BasisNone         = "none" // refused
)

// Bases lists every access basis, for the screens that put them in words.
var Bases = []string{BasisParticipation, BasisDuty, BasisEmergency, BasisRole, BasisSelf, BasisOwnRecord, BasisSystem, BasisReview, BasisTask,
	BasisParentalAuthority, BasisChildConsent, BasisNone}

// Events. They name what happened in a stable, greppable way.
const (
	EventRead   = "read"
	EventSearch = "search"
	EventCreate = "create"
	EventUpdate = "update"
	EventExport = "export"
	EventDelete = "delete"
	EventLogin  = "login"
	// EventVoid marks a sequence number whose transaction rolled back:
	// the sealer records it so that the chain has no gap (Void).
	EventVoid   = "void"
	EventLogout = "logout"
)

// Events lists every event, in the order the screens offer them.
var Events = []string{EventRead, EventSearch, EventCreate, EventUpdate, EventExport, EventDelete, EventLogin, EventLogout}

// Format versions of an entry: what its hash covers.
const (
	// Version1 is every entry written before principals: the hash covers
	// the NEN 7513 fields, not the principal.
	Version1 = 1
	// Version2 also hashes the version itself and the principal (kind
	// and id), so that a family member's or the system's entry can never
	// pass for a professional's.
	Version2 = 2
	// CurrentVersion is the version new entries are written in.
	CurrentVersion = Version2
)

// Entry is one line of the audit trail.
type Entry struct {
	Seq             int64     `json:"seq"`
	Version         int       `json:"format_version"`
	PrincipalKind   string    `json:"principal_kind,omitempty"` // professional, family_member, system; empty when no one is logged in (and in version 1)
	PrincipalID     int64     `json:"principal_id,omitempty"`
	At              time.Time `json:"at"`
	Event           string    `json:"event"`
	Outcome         string    `json:"outcome"`
	UserID          int64     `json:"user_id,omitempty"`
	UserName        string    `json:"user_name,omitempty"`
	OnBehalfOf      string    `json:"on_behalf_of,omitempty"`
	OrganisationID  int64     `json:"organisation_id,omitempty"`
	Role            string    `json:"role,omitempty"`
	AccessBasis     string    `json:"access_basis"`
	Emergency       bool      `json:"emergency"`
	EmergencyReason string    `json:"emergency_reason,omitempty"`
	ClientAddr      string    `json:"client_addr,omitempty"`
	Workstation     string    `json:"workstation,omitempty"`
	ResourceType    string    `json:"resource_type"`
	ResourceID      string    `json:"resource_id,omitempty"`
	Persons         []int64   `json:"persons,omitempty"`
	Detail          string    `json:"detail,omitempty"`
	PrevHash        string    `json:"prev_hash"`
	Hash            string    `json:"hash"`
}

// Void is the entry the sealer chains in place of a sequence number that
// no committed transaction holds. Its row takes the number for good: a
// transaction that still meant to write an entry under it fails on the
// primary key, and is retried with a new number.
func Void(seq int64, at time.Time) Entry {
	e := Entry{Seq: seq, Version: CurrentVersion, PrincipalKind: "system", At: at, Event: EventVoid, Outcome: EventVoid,
		OnBehalfOf: "audit sealer", AccessBasis: BasisSystem, ResourceType: "audit_trail", ResourceID: strconv.FormatInt(seq, 10),
		Detail: "sequence number not used: the transaction that took it rolled back"}
	e.Normalize()
	return e
}

// Sealed reports whether the sealer has chained e.
func (e Entry) Sealed() bool { return e.Hash != "" || e.PrevHash != "" }

// PersonsText is the stored form of Persons: sorted ids, comma separated.
func PersonsText(ids []int64) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	parts := make([]string, len(s))
	for i, id := range s {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

// ParsePersons is the inverse of PersonsText.
func ParsePersons(s string) []int64 {
	if s == "" {
		return nil
	}
	var ids []int64
	for _, p := range strings.Split(s, ",") {
		if id, err := strconv.ParseInt(p, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// Normalize prepares an entry for storage: time in UTC truncated to
// microseconds (what both database engines keep), persons sorted, and the
// current format version for an entry that names none.
func (e *Entry) Normalize() {
	if e.Version == 0 {
		e.Version = CurrentVersion
	}
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Persons = ParsePersons(PersonsText(e.Persons))
}

// ComputeHash returns the hash of e chained to e.PrevHash, in e's format
// version. Every field of that version except Hash itself is included, each
// length-prefixed so that no two different entries serialise alike. It
// returns "" for a version it does not know, which matches no stored hash.
func ComputeHash(e Entry) string {
	h := sha256.New()
	write := func(s string) { fmt.Fprintf(h, "%d:%s;", len(s), s) }
	switch e.Version {
	case Version1:
		writeVersion1(write, e)
	case Version2:
		// The version first: a version 2 entry never hashes like a
		// version 1 entry of the same fields.
		write("v" + strconv.Itoa(e.Version))
		writeVersion1(write, e)
		write(e.PrincipalKind)
		write(strconv.FormatInt(e.PrincipalID, 10))
	default:
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeVersion1 writes the fields of a version 1 entry, exactly as every
// entry was hashed before format versions existed.
func writeVersion1(write func(string), e Entry) {
	write(e.PrevHash)
	write(strconv.FormatInt(e.Seq, 10))
	write(e.At.UTC().Format(time.RFC3339Nano))
	write(e.Event)
	write(e.Outcome)
	write(strconv.FormatInt(e.UserID, 10))
	write(e.UserName)
	write(e.OnBehalfOf)
	write(strconv.FormatInt(e.OrganisationID, 10))
	write(e.Role)
	write(e.AccessBasis)
	write(strconv.FormatBool(e.Emergency))
	write(e.EmergencyReason)
	write(e.ClientAddr)
	write(e.Workstation)
	write(e.ResourceType)
	write(e.ResourceID)
	write(PersonsText(e.Persons))
	write(e.Detail)
}

// Break describes the first place where a chain does not hold.
type Break struct {
	Seq    int64
	Reason string
}

func (b *Break) Error() string { return fmt.Sprintf("audit entry %d: %s", b.Seq, b.Reason) }

// Anchor is the hash of one entry kept outside the database (printed by
// `schakel audit head`, stored where the database's administrators cannot
// change it). The chain alone cannot catch someone who rewrites entries and
// every hash after them, head included; an anchor can, for every entry up
// to it.
type Anchor struct {
	Seq  int64
	Hash string
}

func (a Anchor) String() string { return fmt.Sprintf("%d:%s", a.Seq, a.Hash) }

// ParseAnchor reads an anchor written as seq:hash.
func ParseAnchor(s string) (Anchor, error) {
	seq, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	n, err := strconv.ParseInt(seq, 10, 64)
	if !ok || err != nil || n < 1 || len(hash) != sha256.Size*2 {
		return Anchor{}, fmt.Errorf("anchor %q: want seq:hash, as printed by 'schakel audit head'", s)
	}
	if _, err := hex.DecodeString(hash); err != nil {
		return Anchor{}, fmt.Errorf("anchor %q: the hash is not hexadecimal", s)
	}
	return Anchor{Seq: n, Hash: strings.ToLower(hash)}, nil
}

// Verifier checks entries one by one, in sequence order, so that a trail of
// millions of entries can be streamed rather than loaded.
type Verifier struct {
	// Anchors, when set, are hashes kept outside that entries must match.
	Anchors     []Anchor
	prevSeq     int64
	prevHash    string
	prevVersion int
	count       int64
}

// Next checks the next entry. It returns a *Break for the first entry that
// was changed, or for a gap where entries were removed.
func (v *Verifier) Next(e Entry) error {
	if e.Seq != v.prevSeq+1 {
		return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("missing: the next entry found is %d", e.Seq)}
	}
	if e.PrevHash != v.prevHash {
		return &Break{Seq: e.Seq, Reason: "previous-hash link does not match the entry before it"}
	}
	if e.Version != Version1 && e.Version != Version2 {
		return &Break{Seq: e.Seq, Reason: fmt.Sprintf("unknown format version %d", e.Version)}
	}
	// Schakel never writes an older format after a newer one: an entry
	// that does was relabelled.
	if e.Version < v.prevVersion {
		return &Break{Seq: e.Seq, Reason: fmt.Sprintf("format version %d after an entry of version %d", e.Version, v.prevVersion)}
	}
	if ComputeHash(e) != e.Hash {
		return &Break{Seq: e.Seq, Reason: "content does not match its hash (changed)"}
	}
	for _, a := range v.Anchors {
		if a.Seq == e.Seq && a.Hash != e.Hash {
			return &Break{Seq: e.Seq, Reason: "differs from the anchor kept outside: an entry up to here was changed and the chain after it rewritten"}
		}
	}
	v.prevSeq, v.prevHash, v.prevVersion = e.Seq, e.Hash, e.Version
	v.count++
	return nil
}

// Finish checks the end of the chain against the recorded head, which
// catches removal of the newest entries.
func (v *Verifier) Finish(headSeq int64, headHash string) error {
	if headSeq != v.prevSeq {
		return &Break{Seq: v.prevSeq + 1, Reason: fmt.Sprintf("missing: the head says the trail ends at %d", headSeq)}
	}
	if headHash != v.prevHash {
		return &Break{Seq: v.prevSeq, Reason: "the last entry does not match the recorded head"}
	}
	for _, a := range v.Anchors {
		if a.Seq > v.prevSeq {
			return &Break{Seq: a.Seq, Reason: fmt.Sprintf("missing: an anchor kept outside names entry %d, the trail ends at %d", a.Seq, v.prevSeq)}
		}
	}
	return nil
}

// Count returns how many entries were verified.
func (v *Verifier) Count() int64 { return v.count }
