// Package textlimit is the one place that says how long a text Schakel
// accepts may be and which characters it refuses. Every input names one of
// the limits below: the rule packages check them, the OpenAPI document
// states them as maxLength and the forms as maxlength with a visible hint.
//
// Limits count characters (Unicode code points), with a line break typed
// as CR LF counted once: that is how a browser counts a textarea's
// maxlength, so a form the browser let through is never refused for its
// length.
//
// The characters refused are those no engine stores alike or that mean
// nothing in a text: invalid UTF-8 (PostgreSQL refuses it, SQLite keeps
// the bytes) and the C0 control characters other than tab, line feed and
// carriage return (PostgreSQL refuses NUL; XML 1.0, used by the XES export,
// refuses all of them). Every other valid Unicode text is stored as typed:
// emoji, right-to-left scripts, combining characters.
//
// The package is pure: no I/O.
package textlimit

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"schakel"
)

// The limits, in characters.
const (
	// Short is a code-like value typed by hand: a BSN, a postcode, a phone
	// number, a date or time written as text.
	Short = 40
	// Name is a person's given names or family name, or the name of a
	// professional, an organisation, a team or a cohort.
	Name = 200
	// Line is any other single line: a title, an address, a municipality,
	// an idempotency key, a norm's source.
	Line = 200
	// Email is an e-mail address (RFC 5321 allows no longer path).
	Email = 254
	// Agenda is one item on a consultation's agenda.
	Agenda = 300
	// Reason explains one decision: a rating, emergency access, a
	// correction, an answer to a colleague, a cohort's description.
	Reason = 2000
	// Text is what an organisation found, discussed, handed over or
	// decided in the joint workspace (findings, summaries, plan reviews).
	Text = 4000
	// Narrative is the report's own account of what happened.
	Narrative = 20000
	// URL is an address to return to after logging in.
	URL = 2000
)

// Max is the longest text Schakel accepts anywhere.
const Max = Narrative

// kinds names every limit, for templates and tests.
var kinds = map[string]int{
	"short": Short, "name": Name, "line": Line, "email": Email, "agenda": Agenda,
	"reason": Reason, "text": Text, "narrative": Narrative, "url": URL,
}

// Of returns the limit called kind ("name", "text", …); it panics on an
// unknown kind, which is a programming error caught by the template test.
func Of(kind string) int {
	n, ok := kinds[kind]
	if !ok {
		panic(fmt.Sprintf("textlimit: unknown kind %q", kind))
	}
	return n
}

// Limits returns every limit, for the test that checks the OpenAPI
// document against this package.
func Limits() map[string]int {
	out := make(map[string]int, len(kinds))
	for k, v := range kinds {
		out[k] = v
	}
	return out
}

// Len counts the characters of s as a limit counts them: code points, a CR
// LF pair once. Invalid bytes count one each.
func Len(s string) int {
	return utf8.RuneCountInString(s) - strings.Count(s, "\r\n")
}

// Over reports whether s is longer than max characters.
func Over(s string, max int) bool {
	// Cheap first: a string of at most max bytes has at most max runes.
	return len(s) > max && Len(s) > max
}

// Check adds a "too_long" error for field when s has more than max
// characters. It reports whether s fits.
func Check(v *schakel.Validation, field, s string, max int) bool {
	if !Over(s, max) {
		return true
	}
	v.Add(field, CodeTooLong, TooLongMessage(max, Len(s)))
	return false
}

// TooLongMessage is the Dutch message of a text that is too long.
func TooLongMessage(max, got int) string {
	return fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", max, got)
}

// Field error codes of this package.
const (
	CodeTooLong     = "too_long"
	CodeBadEncoding = "invalid_utf8"
	CodeControl     = "control_character"
)

// allowed reports whether r may stand in a stored text: anything but the
// C0 controls other than tab, LF and CR.
func allowed(r rune) bool {
	return r >= 0x20 || r == '\t' || r == '\n' || r == '\r'
}

// Problem returns CodeBadEncoding when s is not valid UTF-8, CodeControl
// when it holds a refused control character, and "" when s may be stored.
func Problem(s string) string {
	bad := ""
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return CodeBadEncoding
		}
		if !allowed(r) {
			bad = CodeControl
		}
		i += size
	}
	return bad
}

// Clean returns s with every invalid byte sequence replaced by U+FFFD and
// every refused control character removed: what a form shows again after
// it refused s, so that sending it once more works.
func Clean(s string) string {
	if Problem(s) == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToValidUTF8(s, string(utf8.RuneError)) {
		if allowed(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Cut returns s cleaned (see Clean) and cut to at most max characters: for
// text Schakel notes about a request rather than receives from a person,
// such as the browser's name in the audit trail.
func Cut(s string, max int) string {
	s = Clean(s)
	if len(s) <= max {
		return s
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i]
		}
		n++
	}
	return s
}

// ProblemMessage is the Dutch message for a Problem code when the text is
// refused as sent (the API).
func ProblemMessage(code string) string {
	if code == CodeBadEncoding {
		return "Deze tekst is geen geldige UTF-8."
	}
	return "Deze tekst bevat een onzichtbaar stuurteken (zoals een nul-teken) dat Schakel niet kan bewaren."
}

// CleanedMessage is the Dutch message for a Problem code when a form shows
// the text again, cleaned (see Clean).
func CleanedMessage(code string) string {
	if code == CodeBadEncoding {
		return "Hier stonden tekens die geen geldige tekst zijn. Ze zijn vervangen door �. Controleer de tekst en verstuur opnieuw."
	}
	return "Hier stonden onzichtbare stuurtekens (zoals een nul-teken) die Schakel niet kan bewaren. Ze zijn weggehaald. Controleer de tekst en verstuur opnieuw."
}
