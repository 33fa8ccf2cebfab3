package app

import (
	"strconv"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

// firstErr returns the first error that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// fieldErr is an error about one field of a form; its catalogue key is
// the field error's ("err.field.<field>.<code>"), for a family form.
func fieldErr(code string, field, fieldCode, message string) error {
	return &schakel.Error{Code: code, Key: "err.field." + field + "." + fieldCode, Message: message, Fields: []schakel.FieldError{{Field: field, Code: fieldCode, Message: message}}}
}

// refusedLogin is the decision behind a refused login or activation.
func refusedLogin(detail string) access.Decision {
	return access.Decision{Allowed: false, Basis: audit.BasisNone, Reason: detail}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
