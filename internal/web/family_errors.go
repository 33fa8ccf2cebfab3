package web

// Errors on the family's screens and in the family API, in the family
// member's language. The app writes its messages in Dutch and names a
// family member's message with a catalogue key (schakel.Error.Key, from an
// access decision's Key) and the key's parameters (schakel.Error.Args: the
// minutes of a login pause); a field error is named by its field and its
// stable code. In Dutch the app's own message is shown; in another
// language the catalogue's, and for an error without a key a sentence by
// its code alone, so that no Dutch sentence reaches an English page.

import (
	"net/http"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/familytext"
)

// familyErrorCodes have a sentence of their own ("err.code.<code>"); any
// other code is told as "err.code.other".
var familyErrorCodes = []string{schakel.EFORBIDDEN, schakel.ENOTFOUND, schakel.EINVALID, schakel.ECONFLICT, schakel.EUNAUTHENTICATED,
	schakel.ELOCKED, schakel.EUNAVAILABLE, schakel.ETOOLARGE, schakel.EMALFORMED, schakel.ETEXT}

// familyFieldErrors are the field errors of the family's forms, as
// "<field>.<code>": each is "err.field.<field>.<code>" in the catalogue.
// Another field error is told by its code ("err.field.<code>") or as
// "err.field.other".
var familyFieldErrors = []string{"code.required", "code.unknown", "birth_date.invalid", "username.too_short", "username.too_long",
	"username.invalid", "password.blank", "password.too_short", "password.too_long", "password.repeated", "password.common",
	"kind.invalid", "text.required", "text.too_long", "name.required", "code.used", "code.replaced", "code.expired", "username.taken"}

// familyFieldCodes are the field codes with a sentence of their own.
var familyFieldCodes = []string{"required", "too_long", "invalid_utf8", "control_character", "format", "not_a_number"}

// familyErrorText tells err's message in lang.
func familyErrorText(lang *familytext.Lang, err error) string {
	if lang.Code == familytext.Dutch {
		return schakel.ErrorMessage(err)
	}
	if k := schakel.ErrorKey(err); k != "" && lang.Has(k) {
		return lang.T(k, schakel.ErrorArgs(err)...)
	}
	code := schakel.ErrorCode(err)
	if !slices.Contains(familyErrorCodes, code) {
		code = "other"
	}
	return lang.T("err.code." + code)
}

// familyFieldText tells one field error in lang.
func familyFieldText(lang *familytext.Lang, fe schakel.FieldError) string {
	switch {
	case lang.Code == familytext.Dutch:
		return fe.Message
	case slices.Contains(familyFieldErrors, fe.Field+"."+fe.Code):
		return lang.T("err.field."+fe.Field+"."+fe.Code, fe.Args...)
	case slices.Contains(familyFieldCodes, fe.Code):
		return lang.T("err.field."+fe.Code, fe.Args...)
	}
	return lang.T("err.field.other")
}

// familyFieldTexts are err's field errors in lang, by field.
func familyFieldTexts(lang *familytext.Lang, err error) map[string]string {
	out := map[string]string{}
	for _, fe := range schakel.FieldErrors(err) {
		out[fe.Field] = familyFieldText(lang, fe)
	}
	return out
}

// familyProblem tells a family API error's detail and field messages in
// the request's language; the codes stay.
func familyProblem(w http.ResponseWriter, r *http.Request, p *Problem, err error) {
	if !strings.HasPrefix(r.URL.Path, "/api/v1/family/") {
		return
	}
	lang := apiFamilyLang(w, r)
	p.Detail = familyErrorText(lang, err)
	fields := make([]schakel.FieldError, len(p.Errors))
	for i, fe := range p.Errors {
		fields[i] = fe
		fields[i].Message = familyFieldText(lang, fe)
	}
	p.Errors = fields
}

// familyErrorTitles are the headings of the family's error page by status.
var familyErrorTitles = map[int]string{http.StatusForbidden: "err.title.forbidden", http.StatusNotFound: "err.title.not_found",
	http.StatusConflict: "err.title.conflict", http.StatusUnprocessableEntity: "err.title.invalid", http.StatusTooManyRequests: "err.title.wait"}

// familyErrorPage renders err on a family screen, in the member's language.
func (s *Server) familyErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(w, r, err) {
		return
	}
	st := StatusOf(err)
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		s.log.Error("internal error", "method", r.Method, "route", r.Pattern, "err", err)
	}
	setRetryAfter(w, err)
	title, ok := familyErrorTitles[st]
	if !ok {
		title = "err.title.other"
	}
	lang := familyLang(r)
	var fields []string
	for _, fe := range schakel.FieldErrors(err) {
		fields = append(fields, familyFieldText(lang, fe))
	}
	s.render(w, r, st, "family_error.html", map[string]any{"Title": title, "Message": familyErrorText(lang, err), "Fields": fields})
}
