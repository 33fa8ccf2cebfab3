package web

// Reading posted forms: parsing with a size limit, numbers, local times.

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/workdays"
)

func parseForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		return formError(err, 1<<20)
	}
	return nil
}

// formError turns a form parsing error into a 413 for an oversized body and
// a 400 otherwise.
func formError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return schakel.Errorf(schakel.ETOOLARGE, "Het formulier is groter dan %d kB.", limit>>10)
	}
	return schakel.Errorf(schakel.EMALFORMED, "Het formulier kon niet worden gelezen.")
}

func fieldsOrMessage(err error) []schakel.FieldError {
	if f := schakel.FieldErrors(err); len(f) > 0 {
		return f
	}
	return []schakel.FieldError{{Field: "name", Message: schakel.ErrorMessage(err)}}
}

// readForm parses the posted form of a workspace page.
func readForm(w http.ResponseWriter, r *http.Request, name string) (int64, *pform, bool, error) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		return 0, nil, false, err
	}
	return id, &pform{Name: name, Values: r.PostForm}, true, nil
}

func formInt(v url.Values, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(v.Get(name)), 10, 64)
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
