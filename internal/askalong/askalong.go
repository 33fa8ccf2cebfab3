// Package askalong holds the rules of asking a colleague along that need
// no storage (issue 14, item 5): what a valid ask to the team or quick
// question is, what a valid written answer is, and the median time to an
// answer. Who may ask, see or take an ask is decided in internal/access.
package askalong

import (
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Input is an ask as the case worker writes it: to their team (TeamID)
// or, for a question, to one colleague (ToProfessionalID).
type Input struct {
	Kind             string `json:"kind"` // join or question
	TeamID           int64  `json:"team_id"`
	ToProfessionalID int64  `json:"to_professional_id"`
	At               string `json:"at"`         // RFC 3339; join only
	PlaceKind        string `json:"place_kind"` // join only
	Message          string `json:"message"`    // what it is about, or the question
}

// Ask is a checked ask.
type Ask struct {
	Kind      string
	TeamID    int64
	To        int64
	At        *time.Time
	PlaceKind string
	Message   string
}

// MaxAhead is how far ahead a conversation may be.
const MaxAhead = 366 * 24 * time.Hour

// Validate checks an ask of asker at now: a kind; a join goes to a team,
// at a moment from now to a year ahead, at a kind of place; a question
// goes to a team or to one colleague who is not the asker; and there is a
// message. Every wrong field is named.
func Validate(in Input, asker int64, now time.Time) (Ask, error) {
	var v schakel.Validation
	out := Ask{Kind: in.Kind, TeamID: in.TeamID, To: in.ToProfessionalID, Message: strings.TrimSpace(in.Message)}
	switch in.Kind {
	case schakel.AskJoin:
		out.To = 0
		if in.TeamID <= 0 {
			v.Add("team_id", "required", "Kies het team dat u wilt vragen.")
		}
		out.At = checkAt(&v, in.At, now)
		out.PlaceKind = in.PlaceKind
		if !slices.Contains(schakel.PlaceKinds, in.PlaceKind) {
			v.Add("place_kind", "invalid", "Kies waar het gesprek is.")
		}
	case schakel.AskQuestion:
		switch {
		case in.TeamID > 0 && in.ToProfessionalID > 0:
			v.Add("to_professional_id", "both", "Kies uw team of één collega, niet allebei.")
		case in.TeamID <= 0 && in.ToProfessionalID <= 0:
			v.Add("to_professional_id", "required", "Kies uw team of de collega die u wilt vragen.")
		case in.ToProfessionalID == asker:
			v.Add("to_professional_id", "self", "U kunt uzelf niet vragen.")
		}
	default:
		v.Add("kind", "invalid", "Kies: meegaan naar een gesprek, of een snelle vraag.")
	}
	if out.Message == "" {
		what := "Schrijf kort waar het gesprek over gaat."
		if in.Kind == schakel.AskQuestion {
			what = "Schrijf uw vraag op."
		}
		v.Add("message", "required", what)
	} else {
		textlimit.Check(&v, "message", out.Message, textlimit.Text)
	}
	return out, v.Err()
}

func checkAt(v *schakel.Validation, s string, now time.Time) *time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	switch {
	case strings.TrimSpace(s) == "":
		v.Add("at", "required", "Vul in wanneer het gesprek is.")
	case err != nil:
		v.Add("at", "invalid", "Vul een moment in, bijvoorbeeld 2026-12-10T14:00:00+01:00.")
	case t.Before(now):
		v.Add("at", "past", "Dit moment is al voorbij. Kies een moment dat nog komt.")
	case t.Sub(now) > MaxAhead:
		v.Add("at", "too_far", "Kies een moment binnen een jaar.")
	default:
		u := t.UTC()
		return &u
	}
	return nil
}

// ValidateAnswer checks a written answer to a question: not empty, not
// too long.
func ValidateAnswer(answer string) (string, error) {
	var v schakel.Validation
	a := strings.TrimSpace(answer)
	if a == "" {
		v.Add("answer", "required", "Schrijf uw antwoord op.")
	} else {
		textlimit.Check(&v, "answer", a, textlimit.Text)
	}
	return a, v.Err()
}

// Median is the median of the durations (the mean of the middle two for
// an even count); ok is false for none.
func Median(ds []time.Duration) (m time.Duration, ok bool) {
	if len(ds) == 0 {
		return 0, false
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2], true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}
