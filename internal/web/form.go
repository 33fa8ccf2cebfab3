package web

// The form kit of every screen: controls (uiField, uiGroup, uiOption), the
// error summary, and a posted form with its errors (pform) that templates
// render with "pf" and "pg".
//
// Every form works without JavaScript. A form with an error is shown again
// with what was typed, the error next to the field and in a summary at the
// top (422); a conflict or refusal is shown at the top (409, 403).

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/textlimit"
)

// fieldID turns a field name into an element id: children[0].bsn →
// children-0-bsn.
func fieldID(name string) string {
	s := strings.NewReplacer(".", "-", "[", "-", "]", "-").Replace(name)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return strings.Trim(s, "-")
}

// uiField is one form control with everything its markup needs.
// MaxLength, when set, is the control's maxlength and shows as a hint
// ("max. 200 tekens", kept up to date by static/counter.js).
type uiField struct {
	ID, Name, Label, Type, Value, Hint, Error, Autocomplete, Inputmode string
	Required, Autofocus, Checked                                       bool
	Options                                                            []uiOption
	Rows, MaxLength                                                    int
}

// uiOption is a select option, radio button or checkbox of a group.
type uiOption struct {
	ID, Value, Label, Hint string
	Selected               bool
}

// DescribedBy lists the ids of the hint, the length hint and the error.
func (f uiField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.MaxLength > 0 {
		ids = append(ids, f.ID+"-count")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// uiGroup is a fieldset of radio buttons or checkboxes.
type uiGroup struct {
	ID, Name, Legend, Hint, Error, Type string
	Options                             []uiOption
}

// DescribedBy lists the ids of the group's hint and error.
func (g uiGroup) DescribedBy() string {
	return uiField{ID: g.ID, Hint: g.Hint, Error: g.Error}.DescribedBy()
}

// uiError is one line of the error summary.
type uiError struct{ Href, Message string }

// fieldErrors holds a form's validation messages: next to the control they
// belong to (several joined) and, in order, in the summary at the top that
// links to the control.
type fieldErrors struct {
	Errors  map[string]string // by control
	Summary []uiError
	owners  []string // the control of each summary line
	shown   map[string]bool
}

// add puts message next to control and in the summary, linking to anchor
// (the element to focus: a group links to its first option).
func (e *fieldErrors) add(control, anchor, message string) {
	if e.Errors == nil {
		e.Errors = map[string]string{}
	}
	if e.Errors[control] != "" {
		e.Errors[control] += " "
	}
	e.Errors[control] += message
	e.owners = append(e.owners, control)
	e.Summary = append(e.Summary, uiError{Href: "#" + anchor, Message: message})
}

// of returns control's messages and notes that the form shows control.
func (e *fieldErrors) of(control string) string {
	if e.shown == nil {
		e.shown = map[string]bool{}
	}
	e.shown[control] = true
	return e.Errors[control]
}

// linkUnshown points summary lines whose control the form did not show at
// anchor, so that a message for a field not on the form is still seen.
func (e *fieldErrors) linkUnshown(anchor string) {
	for i, owner := range e.owners {
		if !e.shown[owner] {
			e.Summary[i].Href = anchor
		}
	}
}

// textField is a text control whose id follows its name
// (children[0].bsn → children-0-bsn), with its messages.
func (e *fieldErrors) textField(name, label, value string) uiField {
	id := fieldID(name)
	return uiField{ID: id, Name: name, Label: label, Type: "text", Value: value, Error: e.of(id)}
}

// pform is one posted form on a workspace page: which form, what was
// typed, and the errors (by field name).
type pform struct {
	Name   string
	Values url.Values
	fieldErrors
	Message string
	// Confirming: the form passed every check and waits for "Ja".
	Confirming bool
}

// ConfirmingFor reports whether form waits for its confirmation step.
func (f *pform) ConfirmingFor(form string) bool { return f != nil && f.Name == form && f.Confirming }

func (f *pform) value(form, name string) string {
	if f != nil && f.Name == form {
		return f.Values.Get(name)
	}
	return ""
}

func (f *pform) values(form, name string) []string {
	if f != nil && f.Name == form {
		return f.Values[name]
	}
	return nil
}

func (f *pform) err(form, name string) string {
	if f != nil && f.Name == form {
		return f.Errors[name]
	}
	return ""
}

// Has reports whether form was the one posted, to open its <details>.
func (f *pform) Has(form string) bool { return f != nil && f.Name == form }

// MessageFor is the form-level message of form.
func (f *pform) MessageFor(form string) string {
	if f != nil && f.Name == form {
		return f.Message
	}
	return ""
}

// formTop is one form's message and error summary, for "pformtop".
type formTop struct {
	Form *pform
	Name string
}

// formField builds one control: pf form "action" "title" "Label" "text" [key value]…
// Keys: hint, rows, required, options ([]uiOption), default, max (a
// textlimit kind: "name", "text", …).
func formField(f *pform, form, name, label, typ string, kv ...any) uiField {
	fl := uiField{ID: form + "-" + fieldID(name), Name: name, Label: label, Type: typ, Rows: 3}
	def := ""
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "hint":
			fl.Hint, _ = kv[i+1].(string)
		case "rows":
			fl.Rows, _ = kv[i+1].(int)
		case "required":
			fl.Required, _ = kv[i+1].(bool)
		case "options":
			fl.Options, _ = kv[i+1].([]uiOption)
		case "default":
			def = fmt.Sprint(kv[i+1])
		case "max":
			kind, _ := kv[i+1].(string)
			fl.MaxLength = textlimit.Of(kind)
		}
	}
	fl.Value = def
	if f.Has(form) {
		fl.Value = f.value(form, name)
	}
	fl.Error = f.err(form, name)
	if len(fl.Options) > 0 {
		opts := slices.Clone(fl.Options)
		for i := range opts {
			opts[i].Selected = opts[i].Value == fl.Value
		}
		fl.Options = opts
	}
	return fl
}

// formGroup builds a radio or checkbox group: pg form "action" "kind" "Legend" "radio" options [key value]…
// Keys: hint, default (a value, or []string for checkboxes).
func formGroup(f *pform, form, name, legend, typ string, options []uiOption, kv ...any) uiGroup {
	id := form + "-" + fieldID(name)
	g := uiGroup{ID: id, Name: name, Legend: legend, Type: typ, Error: f.err(form, name)}
	var chosen []string
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "hint":
			g.Hint, _ = kv[i+1].(string)
		case "default":
			switch v := kv[i+1].(type) {
			case string:
				chosen = []string{v}
			case []string:
				chosen = v
			}
		}
	}
	if f.Has(form) {
		chosen = f.values(form, name)
	}
	for i, o := range options {
		o.ID = fmt.Sprintf("%s-%d", id, i)
		o.Selected = slices.Contains(chosen, o.Value)
		g.Options = append(g.Options, o)
	}
	return g
}

var indexSuffix = regexp.MustCompile(`\[\d+\]`)

// formFieldName maps an API field name to the form's field.
func formFieldName(field string) string {
	field = strings.TrimPrefix(field, "invite.")
	field = strings.TrimPrefix(field, "location.")
	field = indexSuffix.ReplaceAllString(field, "")
	switch field {
	case "owner_organisation_id", "owner_professional_id":
		return "owner"
	case "value":
		return "value"
	}
	return field
}

// apply puts err's messages on the form: next to the fields it names (and
// in the summary), or at the top.
func (f *pform) apply(err error) {
	fields := schakel.FieldErrors(err)
	if schakel.ErrorCode(err) != schakel.EINVALID || len(fields) == 0 {
		f.Message = schakel.ErrorMessage(err)
		return
	}
	personMissing := slices.ContainsFunc(fields, func(fe schakel.FieldError) bool {
		return fe.Field == "owner_professional_id" && fe.Code == "required"
	})
	for _, fe := range fields {
		// The screens ask for the owner person only (the organisation
		// follows): one "choose who" is enough when none was chosen.
		if personMissing && fe.Field == "owner_organisation_id" && fe.Code == "required" {
			continue
		}
		name := formFieldName(fe.Field)
		switch {
		case f.Name == "participant" || f.Name == "expert":
			switch name {
			case "expertises", "invite":
				name = "expertise"
			case "professional_ids":
				name = "professional_id"
			}
		case f.Name == "consultation" && name == "invite":
			name = "organisation_ids"
		}
		switch name {
		case "talks_with_parents", "talks_with_child", "version":
			if f.Message != "" {
				f.Message += " "
			}
			f.Message += fe.Message
			continue
		}
		f.add(name, f.Name+"-"+fieldID(name), fe.Message)
	}
}

// textControl builds a text control for a form whose errors are a list of
// field errors: id "org-name" is the control of field "name" (the part
// after the last hyphen, as the error summary links to it).
func textControl(id, label, typ, value, kind string, required bool, errs []schakel.FieldError) uiField {
	name := id[strings.LastIndex(id, "-")+1:]
	return uiField{ID: id, Name: name, Label: label, Type: typ, Value: value, Required: required,
		MaxLength: textlimit.Of(kind), Error: fieldError(errs, name)}
}

// fieldError joins the messages for field in errs.
func fieldError(errs []schakel.FieldError, field string) string {
	var msgs []string
	for _, e := range errs {
		if e.Field == field {
			msgs = append(msgs, e.Message)
		}
	}
	return strings.Join(msgs, " ")
}
