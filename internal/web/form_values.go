package web

// Reading posted forms: parsing with a size limit, numbers, local times.

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// parseForm reads a posted form (at most 1 MB). A value that no engine
// stores alike (invalid UTF-8, a control character other than tab and line
// breaks) is cleaned in r.PostForm, so that the form shows it again and
// sending it once more works, and named in the EINVALID error returned:
// callers show the form again with it like any validation error.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return formError(err, 1<<20)
	}
	return cleanForm(r.PostForm)
}

// cleanForm cleans every value of form in place (see textlimit.Clean) and
// returns an EINVALID error naming each field that needed it. A field
// whose name itself cannot be stored is dropped: no form has it.
func cleanForm(form url.Values) error {
	var v schakel.Validation
	for _, name := range slices.Sorted(maps.Keys(form)) {
		if code := textlimit.Problem(name); code != "" {
			delete(form, name)
			v.Add(textlimit.Clean(name), code, textlimit.CleanedMessage(code))
			continue
		}
		reported := false
		for i, value := range form[name] {
			code := textlimit.Problem(value)
			if code == "" {
				continue
			}
			form[name][i] = textlimit.Clean(value)
			if !reported {
				v.Add(name, code, textlimit.CleanedMessage(code))
				reported = true
			}
		}
	}
	if err := v.Err(); err != nil {
		return &schakel.Error{Code: schakel.EINVALID, Key: "err.form_text", Message: "Niet alle tekst kon worden gelezen. Kijk de velden met een fout na.",
			Fields: schakel.FieldErrors(err)}
	}
	return checkNumbers(form)
}

// numberFields are the posted fields that hold a whole number (an id, a
// version, a count). Every name formInt and formInts read is here.
var numberFields = map[string]bool{
	"version": true, "case_id": true, "cohort_id": true, "consultation_id": true, "organisation_id": true, "organisation_ids": true,
	"professional_id": true, "professional_ids": true, "contact_professional_id": true, "to_professional_id": true, "lead_id": true,
	"person": true, "person_ids": true, "present": true, "invited": true, "owner": true, "months": true, "corrects": true,
	"minutes": true, "sequence": true,
}

// checkNumbers refuses a form in which a number field holds anything but a
// whole number (empty is left to the use case, which says what is
// missing), with a Dutch message for each such field.
func checkNumbers(form url.Values) error {
	var v schakel.Validation
	for _, name := range slices.Sorted(maps.Keys(form)) {
		if !numberFields[name] {
			continue
		}
		for _, value := range form[name] {
			if value = strings.TrimSpace(value); value == "" {
				continue
			}
			if _, err := strconv.ParseInt(value, 10, 64); err != nil {
				v.Add(name, "not_a_number", "Hier hoort een heel getal, zonder letters of andere tekens.")
				break
			}
		}
	}
	if err := v.Err(); err != nil {
		return &schakel.Error{Code: schakel.EINVALID, Key: "err.form_numbers", Message: "Niet elk getal in het formulier kon worden gelezen. Kijk de velden met een fout na.",
			Fields: schakel.FieldErrors(err)}
	}
	return nil
}

// formError turns a form parsing error into a 413 for an oversized body and
// a 400 otherwise.
func formError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &schakel.Error{Code: schakel.ETOOLARGE, Key: "err.form_too_large", Message: fmt.Sprintf("Het formulier is groter dan %d kB.", limit>>10)}
	}
	return schakel.Keyed(schakel.EMALFORMED, "err.form_unreadable", "Het formulier kon niet worden gelezen.")
}

func fieldsOrMessage(err error) []schakel.FieldError {
	if f := schakel.FieldErrors(err); len(f) > 0 {
		return f
	}
	return []schakel.FieldError{{Field: "name", Message: schakel.ErrorMessage(err)}}
}

// textOrFatal splits parseForm's error: a form that could not be read at
// all (too large, malformed) is fatal, for an error page; a text error is
// the form's own, shown with the form like a validation error.
func textOrFatal(err error) (text, fatal error) {
	if err != nil && schakel.ErrorCode(err) == schakel.EINVALID {
		return err, nil
	}
	return nil, err
}

// readForm parses the posted form of a workspace page. With a text error
// (see parseForm) it returns the form too, to be shown again with the
// error; with any other error the form is nil.
func readForm(w http.ResponseWriter, r *http.Request, name string) (int64, *pform, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, nil, err
	}
	if err := parseForm(w, r); err != nil {
		if schakel.ErrorCode(err) != schakel.EINVALID {
			return id, nil, err
		}
		return id, &pform{Name: name, Values: r.PostForm}, err
	}
	return id, &pform{Name: name, Values: r.PostForm}, nil
}

// mergeInvalid joins two validation errors into one: first's message and
// fields, except a field second names too, which keeps second's (the
// form's own, more specific) message.
func mergeInvalid(first, second error) error {
	if first == nil || second == nil {
		return cmp.Or(first, second)
	}
	own := schakel.FieldErrors(second)
	var fields []schakel.FieldError
	for _, f := range schakel.FieldErrors(first) {
		if !slices.ContainsFunc(own, func(o schakel.FieldError) bool { return o.Field == f.Field }) {
			fields = append(fields, f)
		}
	}
	return &schakel.Error{Code: schakel.EINVALID, Message: schakel.ErrorMessage(first), Fields: append(fields, own...)}
}

// formInt reads a number field of a form that parseForm accepted: one of
// numberFields, so that it holds a number or nothing (0).
func formInt(v url.Values, name string) int64 { return formNumber(v.Get(name)) }

// formNumber reads the value of a number field that parseForm accepted (a
// number, or nothing: 0).
func formNumber(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0
	}
	return n
}

func formInts(v url.Values, name string) []int64 {
	var out []int64
	for _, s := range v[name] {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// localToRFC3339 reads a datetime-local value (Europe/Amsterdam); what
// cannot be read is passed on as typed, so that validation names it.
func localToRFC3339(s string) string {
	s = strings.TrimSpace(s)
	t, err := time.ParseInLocation(localLayout, s, workdays.Location())
	if err != nil {
		return s
	}
	return t.Format(time.RFC3339)
}
