package plan

import (
	"strings"
	"time"

	"schakel"
)

// RequestInput asks a colleague along.
type RequestInput struct {
	ToProfessionalID int64  `json:"to_professional_id"`
	Kind             string `json:"kind"`
	At               string `json:"at"` // RFC 3339
	Message          string `json:"message"`
}

// ValidateRequest checks a colleague request: an active colleague who is
// not the asker, a kind, a moment not in the past, a message.
func ValidateRequest(in RequestInput, me int64, active bool, now time.Time) (time.Time, error) {
	var v schakel.Validation
	switch {
	case in.ToProfessionalID <= 0:
		v.Add("to_professional_id", "required", "Kies de collega die u wilt vragen.")
	case in.ToProfessionalID == me:
		v.Add("to_professional_id", "self", "U kunt uzelf niet vragen.")
	case !active:
		v.Add("to_professional_id", "unknown", "Deze collega bestaat niet of is niet actief.")
	}
	if in.Kind != schakel.RequestJoinConversation && in.Kind != schakel.RequestThinkAlong {
		v.Add("kind", "unknown", "Kies: meegaan naar een gesprek, of meedenken.")
	}
	var at time.Time
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(in.At)); err != nil {
		v.Add("at", "format", "Vul een moment in, bijvoorbeeld 2026-11-25T10:00:00+01:00.")
	} else if t.Before(now.Add(-5 * time.Minute)) {
		v.Add("at", "in_past", "Dit moment is voorbij.")
	} else {
		at = t.UTC()
	}
	text(&v, "message", in.Message, "Schrijf kort waar u hulp bij vraagt.")
	return at, v.Err()
}
