// Package schakel holds the domain types and error codes shared by every
// capability of Schakel. It imports nothing of the project so that every
// other package can depend on it.
package schakel

import (
	"errors"
	"fmt"
	"time"
)

// Stable error codes. The HTTP layer maps them to a status in one place and
// API clients may rely on them; screens show the Dutch Message instead.
const (
	ECONFLICT        = "conflict"           // the request clashes with the current state
	EFORBIDDEN       = "forbidden"          // the actor may not do this
	EINTERNAL        = "internal"           // a fault on our side; details are logged, never shown
	EINVALID         = "invalid"            // validation failed; see Fields
	ENOTFOUND        = "not_found"          // the thing does not exist (or the actor may not know it does)
	EUNAUTHENTICATED = "unauthenticated"    // no valid session or token
	ELOCKED          = "locked"             // too many failed logins from this client address: wait RetryAfter
	ETOOLARGE        = "too_large"          // request body too large
	EUNSUPPORTED     = "unsupported_type"   // wrong content type
	EMALFORMED       = "malformed"          // body is not valid JSON / form
	EMETHOD          = "method_not_allowed" // the address exists, not with this method
	ETEXT            = "invalid_text"       // text no engine stores alike: invalid UTF-8 or a control character; see Fields
	EUNAVAILABLE     = "unavailable"        // the server is too busy right now: try again after RetryAfter
	// ESTEPUP refuses a risky act until the actor shows a second factor
	// again (POST /api/v1/session/step-up, or /bevestigen on screens).
	ESTEPUP = "step_up_required"
)

// FieldError names one invalid field, with a JSON-path-like name such as
// "children[0].bsn".
// The family's screens tell it in the member's language by its field and
// code (catalogue key "err.field.<field>.<code>"), with Args for the
// text's parameters.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"` // Dutch, shown next to the field
	Args    []any  `json:"-"`       // name, value pairs for the catalogue's text
}

// Error is an application error with a stable code and a Dutch message that
// is safe to show to a user. Internal causes stay in Err and are only logged.
type Error struct {
	Code    string
	Message string
	// Key names Message in the family's translation catalogue
	// (internal/familytext), so that a family member reads it in their
	// language; empty for a message no family member sees.
	Key string
	// Args are name, value pairs for the catalogue's text of Key (a
	// number of minutes: "n", 3, which also picks the plural form).
	Args   []any
	Fields []FieldError
	Err    error
	// RetryAfter, when set, tells the client when trying again makes sense
	// (the HTTP layer sends it as Retry-After).
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a code and a Dutch user-facing message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Keyed returns an *Error with a code, a Dutch message and the message's
// key in the family's translation catalogue.
func Keyed(code, key, message string) *Error {
	return &Error{Code: code, Key: key, Message: message}
}

// ErrorKey returns the catalogue key of the first *Error in err's chain.
func ErrorKey(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Key
	}
	return ""
}

// ErrorArgs returns the catalogue text's parameters of the first *Error
// in err's chain.
func ErrorArgs(err error) []any {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Args
	}
	return nil
}

// ErrorCode returns the code of the first *Error in err's chain, or EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// RetryAfter returns how long the client should wait before trying again,
// or zero when err does not say.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

// ErrorMessage returns the user-facing message of err, or a generic Dutch
// message for internal errors so that no internal text leaks to a screen.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return "Er ging iets mis aan onze kant. Probeer het opnieuw; lukt het niet, meld het dan bij de beheerder."
}

// Validation collects field errors and turns them into one EINVALID error.
type Validation struct{ Fields []FieldError }

// Add records a field error.
func (v *Validation) Add(field, code, message string) {
	v.Fields = append(v.Fields, FieldError{Field: field, Code: code, Message: message})
}

// AddWith records a field error whose text has parameters (name, value
// pairs), for the translation catalogue.
func (v *Validation) AddWith(field, code, message string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Code: code, Message: message, Args: args})
}

// Err returns nil when nothing was added.
func (v *Validation) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Key: "err.fields", Message: "Niet alle velden zijn goed ingevuld.", Fields: v.Fields}
}

// FieldErrors returns the field errors of err, if any.
func FieldErrors(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
