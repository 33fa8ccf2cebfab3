package web

// The intake screens: the shared intake form (melding) with drafts and a
// form that survives an expired session, the result of filing a report, the
// case page, the consultation page and the work list ("Mijn werk").
//
// Every screen works without JavaScript; static/draft.js only adds an
// automatic draft save every 15 seconds.

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/auth"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func init() {
	funcs["canReport"] = canReport
	funcs["colorNL"] = colorNL
	funcs["colorName"] = colorName
	funcs["colorClass"] = colorClass
	funcs["concernNL"] = func(code string) string { return optionLabel(intake.Concerns, code) }
	funcs["indicatorNL"] = indicatorNL
	funcs["indicatorColor"] = func(code string) string {
		if ind, ok := crisismeter.Lookup(code); ok {
			return string(ind.Color)
		}
		return ""
	}
	funcs["reporterKindNL"] = func(code string) string { return optionLabel(intake.ReporterKinds, code) }
	funcs["relationNL"] = relationNL
	funcs["financeQuestionNL"] = func(code string) string { return optionLabel(intake.FinanceQuestions, code) }
	funcs["financeAnswerNL"] = func(code string) string { return optionLabel(intake.FinanceAnswers, code) }
	funcs["needNL"] = needNL
	funcs["participationRoleNL"] = participationRoleNL
	funcs["ratingStatusNL"] = ratingStatusNL
	funcs["matchReasonNL"] = matchReasonNL
	funcs["consultKindNL"] = consultKindNL
	funcs["consultStatusNL"] = consultStatusNL
	funcs["personKindNL"] = func(kind string) string {
		if kind == "child" {
			return "Kind"
		}
		return "Volwassene"
	}
	funcs["percent"] = func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" }
	funcs["dueNL"] = dueNL
	funcs["timeNL"] = func(t time.Time) string { return t.In(workdays.Location()).Format("15:04") }
}

// ---------------------------------------------------------------------------
// Dutch words for codes.

func optionLabel(opts []intake.Option, code string) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Label
		}
	}
	return code
}

// canReport tells whether a professional may file reports, to show or hide
// the intake screens; storage decides again on every report.
func canReport(p *schakel.Professional) bool {
	if p == nil {
		return false
	}
	return access.Decide(access.SubjectOf(p), access.Report, access.Write, access.Context{}).Allowed
}

// colorNL is the lower-case Dutch colour word ("rood"), for sentences.
func colorNL(c string) string {
	if c == "" {
		return "nog geen kleur"
	}
	return crisismeter.Color(c).Dutch()
}

// colorName is the colour word for a badge ("Rood").
func colorName(c string) string {
	s := colorNL(c)
	if c == "" {
		return "Nog geen kleur"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func colorClass(c string) string {
	if crisismeter.Color(c).Valid() {
		return "color-" + c
	}
	return "color-none"
}

func indicatorNL(code string) string {
	if ind, ok := crisismeter.Lookup(code); ok {
		return ind.Label
	}
	if code == crisismeter.ReasonEarlierReports {
		return "Eerdere meldingen over dit gezin in de afgelopen 24 maanden"
	}
	return code
}

func relationNL(code string) string {
	for _, list := range [][]intake.Option{intake.ChildRelations, intake.AdultRelations} {
		for _, o := range list {
			if o.Code == code {
				return o.Label
			}
		}
	}
	return code
}

// needNL turns a stored need ("role:lawyer") into Dutch ("een jurist").
func needNL(code string) string {
	kind, value, ok := strings.Cut(code, ":")
	if !ok {
		return code
	}
	return attendees.Need{Kind: kind, Value: value}.Dutch()
}

func participationRoleNL(r schakel.ParticipationRole) string {
	switch r {
	case schakel.RoleRegie:
		return "Regie (coördineert de casus)"
	case schakel.RoleUitvoering:
		return "Uitvoering van hulp"
	case schakel.RoleOnderzoek:
		return "Onderzoek"
	case schakel.RoleAdvies:
		return "Advies"
	case schakel.RoleBesluit:
		return "Besluit"
	}
	return string(r)
}

func ratingStatusNL(s string) string {
	switch s {
	case schakel.RatingProposed:
		return "Voorstel, nog niet bevestigd"
	case schakel.RatingConfirmed:
		return "Bevestigd"
	case schakel.RatingPendingSecond:
		return "Wacht op een tweede professional"
	case schakel.RatingRejected:
		return "Afgewezen"
	case "superseded":
		return "Vervangen door een latere keuze"
	}
	return s
}

var matchReasons = map[string]string{
	"bsn_equal":                    "zelfde BSN",
	"bsn_different":                "ander BSN",
	"birth_date_equal":             "zelfde geboortedatum",
	"birth_date_day_month_swapped": "dag en maand van de geboortedatum omgedraaid",
	"birth_date_one_digit_off":     "geboortedatum wijkt 1 cijfer af",
	"birth_date_digits_transposed": "twee cijfers van de geboortedatum omgedraaid",
	"birth_date_different":         "andere geboortedatum",
	"birth_date_missing":           "geboortedatum onbekend",
	"names_swapped":                "voor- en achternaam omgedraaid",
	"family_name_equal":            "zelfde achternaam",
	"family_name_partial":          "achternaam lijkt gedeeltelijk",
	"family_name_typo":             "achternaam met een typefout",
	"family_name_different":        "andere achternaam",
	"family_name_missing":          "achternaam onbekend",
	"given_name_equal":             "zelfde voornaam",
	"given_name_partial":           "voornaam lijkt gedeeltelijk",
	"given_name_typo":              "voornaam met een typefout",
	"given_name_different":         "andere voornaam",
	"given_name_missing":           "voornaam onbekend",
}

func matchReasonNL(code string) string {
	if s, ok := matchReasons[code]; ok {
		return s
	}
	return strings.ReplaceAll(code, "_", " ")
}

func consultKindNL(kind string) string {
	switch kind {
	case schakel.ConsultCrisis:
		return "Crisisoverleg (Samen in Crisis)"
	case schakel.ConsultMDO:
		return "Multidisciplinair overleg (MDO)"
	case schakel.ConsultPlacementReview:
		return "Plaatsingstafel (alternatieven voor uithuisplaatsing)"
	case schakel.ConsultCaseConference:
		return "Casusoverleg"
	}
	return "Overleg"
}

func consultStatusNL(s string) string {
	switch s {
	case "planned":
		return "Gepland"
	case "held":
		return "Gehouden"
	case "cancelled":
		return "Afgezegd"
	}
	return s
}

// durationNL says how long d is in plain Dutch: "3 uur 20 min", "2 dagen".
func durationNL(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "minder dan 1 min"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case d < 24*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return fmt.Sprintf("%d uur", h)
		}
		return fmt.Sprintf("%d uur %d min", h, m)
	case d < 48*time.Hour:
		h := int((d - 24*time.Hour) / time.Hour)
		if h == 0 {
			return "1 dag"
		}
		return fmt.Sprintf("1 dag %d uur", h)
	}
	return fmt.Sprintf("%d dagen", int(d/(24*time.Hour)))
}

// dueNL is the time left until due ("nog 3 uur 20 min") or how late it is
// ("2 dagen te laat").
func dueNL(now, due time.Time) string {
	if d := due.Sub(now); d >= 0 {
		return "nog " + durationNL(d)
	}
	return durationNL(now.Sub(due)) + " te laat"
}

// ---------------------------------------------------------------------------
// The intake form.

const (
	minChildRows = 3
	minAdultRows = 2
	maxFormRows  = intake.MaxPersons + 10 // rows beyond this are not read
	extraRows    = 2
	localLayout  = "2006-01-02T15:04"
)

// intakeState is the form as typed, blank person rows included.
type intakeState struct {
	Report     intake.Report // Children and Adults unused: see the rows
	ReceivedAt string        // as typed (datetime-local, Europe/Amsterdam)
	Children   []intake.Person
	Adults     []intake.Person
	ConceptID  int64
	IdemKey    string
}

var personKey = regexp.MustCompile(`^(children|adults)\[(\d{1,3})\]\.([a-z_]+)$`)

// intakeStateFromForm reads the posted form.
func intakeStateFromForm(f url.Values) intakeState {
	g := func(k string) string { return f.Get(k) }
	st := intakeState{
		Report: intake.Report{
			Reporter:     intake.Reporter{Kind: g("reporter.kind"), Name: g("reporter.name"), Organisation: g("reporter.organisation"), Phone: g("reporter.phone")},
			Address:      g("address"),
			Postcode:     g("postcode"),
			Municipality: g("municipality"),
			Concerns:     f["concerns"],
			Indicators:   f["indicators"],
			Finances:     map[string]string{},
			Narrative:    g("narrative"),
		},
		ReceivedAt: strings.TrimSpace(g("received_at")),
		IdemKey:    strings.TrimSpace(g("idempotency_key")),
	}
	if id, err := strconv.ParseInt(g("concept_id"), 10, 64); err == nil && id > 0 {
		st.ConceptID = id
	}
	if c, reason := g("rating.color"), g("rating.reason"); c != "" || strings.TrimSpace(reason) != "" {
		st.Report.Rating = &intake.RatingChoice{Color: c, Reason: reason}
	}
	for _, q := range intake.FinanceQuestions {
		if a := g("finances." + q.Code); a != "" {
			st.Report.Finances[q.Code] = a
		}
	}
	var children, adults []intake.Person
	for k, vs := range f {
		m := personKey.FindStringSubmatch(k)
		if m == nil || len(vs) == 0 {
			continue
		}
		i, _ := strconv.Atoi(m[2])
		if i >= maxFormRows {
			continue
		}
		rows := &children
		if m[1] == "adults" {
			rows = &adults
		}
		for len(*rows) <= i {
			*rows = append(*rows, intake.Person{})
		}
		p := &(*rows)[i]
		v := vs[0]
		switch m[3] {
		case "given_names":
			p.GivenNames = v
		case "family_name":
			p.FamilyName = v
		case "birth_date":
			p.BirthDate = strings.TrimSpace(v)
		case "bsn":
			p.BSN = v
		case "relation":
			p.Relation = v
		case "parental_authority":
			p.ParentalAuthority = v != ""
		}
	}
	st.Children, st.Adults = children, adults
	return st
}

// intakeStateFromReport opens a saved draft (or a stash) on the form.
func intakeStateFromReport(rep intake.Report, now time.Time) intakeState {
	st := intakeState{Report: rep, Children: slices.Clone(rep.Children), Adults: slices.Clone(rep.Adults)}
	st.Report.Children, st.Report.Adults = nil, nil
	if st.Report.Finances == nil {
		st.Report.Finances = map[string]string{}
	}
	if rep.ReceivedAt != nil {
		st.ReceivedAt = rep.ReceivedAt.In(workdays.Location()).Format(localLayout)
	} else {
		st.ReceivedAt = now.In(workdays.Location()).Format(localLayout)
	}
	return st
}

func blankPerson(p intake.Person) bool {
	return strings.TrimSpace(p.GivenNames) == "" && strings.TrimSpace(p.FamilyName) == "" &&
		strings.TrimSpace(p.BirthDate) == "" && strings.TrimSpace(p.BSN) == ""
}

// rowMap remembers which form row each filled-in person came from, so the
// validation's "children[0]" can point at the row on screen.
type rowMap struct{ children, adults []int }

var indexedField = regexp.MustCompile(`^(children|adults)\[(\d+)\](.*)$`)

// screenField rewrites a validation field name to the row on screen.
func (m rowMap) screenField(field string) string {
	sm := indexedField.FindStringSubmatch(field)
	if sm == nil {
		return field
	}
	i, _ := strconv.Atoi(sm[2])
	rows := m.children
	if sm[1] == "adults" {
		rows = m.adults
	}
	if i < len(rows) {
		i = rows[i]
	}
	return fmt.Sprintf("%s[%d]%s", sm[1], i, sm[3])
}

// report builds the intake.Report from the form: blank rows dropped, the
// local time parsed. A received_at that cannot be read is a field error.
func (st intakeState) report() (intake.Report, rowMap, []schakel.FieldError) {
	rep := st.Report
	rep.Children, rep.Adults = []intake.Person{}, []intake.Person{}
	var m rowMap
	for i, p := range st.Children {
		if !blankPerson(p) {
			p.ParentalAuthority = false // not asked for children
			rep.Children = append(rep.Children, p)
			m.children = append(m.children, i)
		}
	}
	for i, p := range st.Adults {
		if !blankPerson(p) {
			rep.Adults = append(rep.Adults, p)
			m.adults = append(m.adults, i)
		}
	}
	if rep.Concerns == nil {
		rep.Concerns = []string{}
	}
	if rep.Indicators == nil {
		rep.Indicators = []string{}
	}
	var errs []schakel.FieldError
	rep.ReceivedAt = nil
	if st.ReceivedAt != "" {
		t, err := time.ParseInLocation(localLayout, st.ReceivedAt, workdays.Location())
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02T15:04:05", st.ReceivedAt, workdays.Location())
		}
		if err != nil {
			errs = append(errs, schakel.FieldError{Field: "received_at", Code: "format", Message: "Vul een geldige datum en tijd in, bijvoorbeeld 09-03-2026 14:30."})
		} else {
			u := t.UTC()
			rep.ReceivedAt = &u
		}
	}
	return rep, m, errs
}

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
type uiField struct {
	ID, Name, Label, Type, Value, Hint, Error, Autocomplete, Inputmode string
	Required, Autofocus, Checked                                       bool
	Options                                                            []uiOption
	Rows                                                               int
}

// uiOption is a select option, radio button or checkbox of a group.
type uiOption struct {
	ID, Value, Label, Hint string
	Selected               bool
}

// DescribedBy lists the ids of the hint and the error.
func (f uiField) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
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

type personFields struct {
	Legend                                                      string
	GivenNames, FamilyName, BirthDate, BSN, Relation, Authority uiField
	Child                                                       bool
}

// uiError is one line of the error summary.
type uiError struct{ Href, Message string }

type intakeView struct {
	ConceptID                                 int64
	IdemKey                                   string
	Notice                                    string
	Errors                                    []uiError
	ReporterKind                              uiGroup
	ReporterName, ReporterOrg, ReporterPhone  uiField
	ReceivedAt                                uiField
	ChildrenError, AdultsError                string
	Children, Adults                          []personFields
	Address, Postcode, Municipality           uiField
	Concerns, RedIndicators, OrangeIndicators uiGroup
	Finances                                  []uiGroup
	Narrative                                 uiField
	RatingColor, RatingReason                 uiField
	Restored                                  bool
}

// errorPlace says where a validation message is shown (owner) and which
// control the summary links to (anchor).
func errorPlace(field string) (owner, anchor string) {
	switch {
	case field == "reporter.kind":
		return "reporter-kind", "reporter-kind-" + intake.ReporterKinds[0].Code
	case field == "concerns" || strings.HasPrefix(field, "concerns["):
		return "concerns", "concerns-" + intake.Concerns[0].Code
	case strings.HasPrefix(field, "indicators"):
		return "indicators-red", "indicators-" + crisismeter.Indicators()[0].Code
	case strings.HasPrefix(field, "finances."):
		id := fieldID(field)
		return id, id + "-" + intake.FinanceAnswers[0].Code
	case field == "children" || field == "adults":
		return field, field + "-0-given_names"
	case field == "color" || field == "rating.color":
		return "rating-color", "rating-color"
	case field == "reason" || field == "rating.reason":
		return "rating-reason", "rating-reason"
	}
	id := fieldID(field)
	return id, id
}

func (s *Server) intakeView(st intakeState, errs []schakel.FieldError, addChildren, addAdults int) intakeView {
	v := intakeView{ConceptID: st.ConceptID, IdemKey: st.IdemKey}
	owners := map[string]string{}
	var errOwners []string
	for _, e := range errs {
		owner, anchor := errorPlace(e.Field)
		if owners[owner] != "" {
			owners[owner] += " "
		}
		owners[owner] += e.Message
		errOwners = append(errOwners, owner)
		v.Errors = append(v.Errors, uiError{Href: "#" + anchor, Message: e.Message})
	}
	used := map[string]bool{}
	errFor := func(id string) string { used[id] = true; return owners[id] }
	text := func(name, label, value string) uiField {
		id := fieldID(name)
		return uiField{ID: id, Name: name, Label: label, Type: "text", Value: value, Error: errFor(id)}
	}
	rep := st.Report

	v.ReporterKind = uiGroup{ID: "reporter-kind", Name: "reporter.kind", Legend: "Wie doet de melding?", Type: "radio", Error: errFor("reporter-kind")}
	for _, o := range intake.ReporterKinds {
		v.ReporterKind.Options = append(v.ReporterKind.Options, uiOption{ID: "reporter-kind-" + o.Code, Value: o.Code, Label: o.Label, Selected: rep.Reporter.Kind == o.Code})
	}
	v.ReporterName = text("reporter.name", "Naam van de melder", rep.Reporter.Name)
	v.ReporterName.Hint = "Niet nodig bij een anonieme melding."
	v.ReporterName.Autocomplete = "off"
	v.ReporterOrg = text("reporter.organisation", "Organisatie van de melder", rep.Reporter.Organisation)
	v.ReporterOrg.Hint = "Alleen als de melder een professional is, bijvoorbeeld een school of huisarts."
	v.ReporterPhone = text("reporter.phone", "Telefoonnummer van de melder", rep.Reporter.Phone)
	v.ReporterPhone.Type, v.ReporterPhone.Autocomplete = "tel", "off"

	v.ReceivedAt = text("received_at", "Wanneer kwam de melding binnen?", st.ReceivedAt)
	v.ReceivedAt.Type = "datetime-local"
	v.ReceivedAt.Hint = "Datum en tijd. Staat op nu. Voert u een telefonische melding later in? Vul dan het moment van het gesprek in."

	rows := func(list []intake.Person, min, extra int, child bool) []personFields {
		n := max(len(list), min) + extra
		out := make([]personFields, 0, n)
		for i := range n {
			var p intake.Person
			if i < len(list) {
				p = list[i]
			}
			kind, legend, rels := "adults", fmt.Sprintf("Volwassene %d", i+1), intake.AdultRelations
			if child {
				kind, legend, rels = "children", fmt.Sprintf("Kind %d", i+1), intake.ChildRelations
			}
			prefix := fmt.Sprintf("%s[%d].", kind, i)
			pf := personFields{Legend: legend, Child: child}
			pf.GivenNames = text(prefix+"given_names", "Voornamen", p.GivenNames)
			pf.GivenNames.Autocomplete = "off"
			pf.FamilyName = text(prefix+"family_name", "Achternaam", p.FamilyName)
			pf.FamilyName.Autocomplete = "off"
			pf.BirthDate = text(prefix+"birth_date", "Geboortedatum", p.BirthDate)
			pf.BirthDate.Type = "date"
			pf.BSN = text(prefix+"bsn", "BSN (niet verplicht)", p.BSN)
			pf.BSN.Inputmode, pf.BSN.Autocomplete = "numeric", "off"
			pf.Relation = text(prefix+"relation", "Relatie", "")
			pf.Relation.Type = "select"
			for j, o := range rels {
				sel := p.Relation == o.Code || (p.Relation == "" && j == 0)
				pf.Relation.Options = append(pf.Relation.Options, uiOption{Value: o.Code, Label: o.Label, Selected: sel})
			}
			pf.Authority = text(prefix+"parental_authority", "Heeft het ouderlijk gezag", "1")
			pf.Authority.Type, pf.Authority.Checked = "checkbox", p.ParentalAuthority
			if i == max(len(list), min) && extra > 0 {
				pf.GivenNames.Autofocus = true // the first new row
			}
			out = append(out, pf)
		}
		return out
	}
	v.Children = rows(st.Children, minChildRows, addChildren, true)
	v.Adults = rows(st.Adults, minAdultRows, addAdults, false)
	v.ChildrenError, v.AdultsError = errFor("children"), errFor("adults")

	v.Address = text("address", "Adres (straat en huisnummer)", rep.Address)
	v.Address.Autocomplete = "off"
	v.Postcode = text("postcode", "Postcode", rep.Postcode)
	v.Postcode.Autocomplete = "off"
	v.Municipality = text("municipality", "Gemeente", rep.Municipality)
	v.Municipality.Required = true

	v.Concerns = uiGroup{ID: "concerns", Name: "concerns", Legend: "Waar gaat de zorg over?", Hint: "Kies alles wat past.", Type: "checkbox", Error: errFor("concerns")}
	for _, o := range intake.Concerns {
		v.Concerns.Options = append(v.Concerns.Options, uiOption{ID: "concerns-" + o.Code, Value: o.Code, Label: o.Label, Selected: slices.Contains(rep.Concerns, o.Code)})
	}
	v.RedIndicators = uiGroup{ID: "indicators-red", Name: "indicators", Legend: "Acute onveiligheid (rood)", Type: "checkbox", Error: errFor("indicators-red"),
		Hint: "Eén van deze signalen maakt de melding rood. Schakel plant dan meteen een crisisoverleg."}
	v.OrangeIndicators = uiGroup{ID: "indicators-orange", Name: "indicators", Legend: "Structurele onveiligheid (oranje)", Type: "checkbox",
		Hint: "Deze signalen maken de melding oranje, als er geen rood signaal is."}
	for _, ind := range crisismeter.Indicators() {
		o := uiOption{ID: "indicators-" + ind.Code, Value: ind.Code, Label: ind.Label, Hint: ind.Help, Selected: slices.Contains(rep.Indicators, ind.Code)}
		if ind.Color == crisismeter.Red {
			v.RedIndicators.Options = append(v.RedIndicators.Options, o)
		} else {
			v.OrangeIndicators.Options = append(v.OrangeIndicators.Options, o)
		}
	}
	for _, q := range intake.FinanceQuestions {
		id := fieldID("finances." + q.Code)
		g := uiGroup{ID: id, Name: "finances." + q.Code, Legend: q.Label, Type: "radio", Error: errFor(id)}
		for _, a := range intake.FinanceAnswers {
			g.Options = append(g.Options, uiOption{ID: id + "-" + a.Code, Value: a.Code, Label: a.Label, Selected: rep.Finances[q.Code] == a.Code})
		}
		v.Finances = append(v.Finances, g)
	}
	v.Narrative = text("narrative", "Wat is er gemeld?", rep.Narrative)
	v.Narrative.Type, v.Narrative.Rows, v.Narrative.Required = "textarea", 8, true
	v.Narrative.Hint = "Beschrijf in gewone woorden wat de melder vertelt: wat er is gebeurd, wanneer, en hoe het nu met de kinderen gaat."

	var color, reason string
	if rep.Rating != nil {
		color, reason = rep.Rating.Color, rep.Rating.Reason
	}
	v.RatingColor = text("rating.color", "Kleur", "")
	v.RatingColor.Type = "select"
	v.RatingColor.Hint = "Laat dit leeg om het voorstel van Schakel te volgen."
	v.RatingColor.Options = []uiOption{{Value: "", Label: "Voorstel van Schakel volgen", Selected: color == ""}}
	for _, c := range []crisismeter.Color{crisismeter.Red, crisismeter.Orange, crisismeter.Green} {
		v.RatingColor.Options = append(v.RatingColor.Options, uiOption{Value: string(c), Label: colorName(string(c)), Selected: color == string(c)})
	}
	v.RatingReason = text("rating.reason", "Waarom kiest u deze kleur?", reason)
	v.RatingReason.Type, v.RatingReason.Rows = "textarea", 3
	v.RatingReason.Hint = fmt.Sprintf("Nodig als u een andere kleur kiest dan Schakel voorstelt: minstens %d tekens. Rood verlagen moet een tweede professional bevestigen.", crisismeter.MinReasonChars)

	// A message for a field that is not on the form still shows in the summary.
	for i, owner := range errOwners {
		if !used[owner] {
			v.Errors[i].Href = "#intake-form"
		}
	}
	return v
}

func newIdemKey() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *Server) newIntakeState() intakeState {
	return intakeState{
		Report:     intake.Report{Finances: map[string]string{}},
		ReceivedAt: s.db.Now().In(workdays.Location()).Format(localLayout),
		IdemKey:    newIdemKey(),
	}
}

func (s *Server) renderIntake(w http.ResponseWriter, r *http.Request, status int, st intakeState, errs []schakel.FieldError, notice string, addChildren, addAdults int) {
	if st.IdemKey == "" || len(st.IdemKey) > 200 {
		st.IdemKey = newIdemKey()
	}
	v := s.intakeView(st, errs, addChildren, addAdults)
	v.Notice = notice
	s.render(w, r, status, "intake.html", map[string]any{"Form": v})
}

func (s *Server) pageIntakeNew(w http.ResponseWriter, r *http.Request) {
	if !canReport(actor(r).Professional) {
		s.pageError(w, r, s.refuse(r, "intake_form", "", "Uw rol of organisatie kan geen meldingen invoeren."))
		return
	}
	st := s.newIntakeState()
	notice := ""
	if c := r.URL.Query().Get("concept"); c != "" {
		id, err := strconv.ParseInt(c, 10, 64)
		if err != nil || id <= 0 {
			s.pageError(w, r, schakel.Errorf(schakel.ENOTFOUND, "Dit concept bestaat niet."))
			return
		}
		d, err := s.db.Draft(r.Context(), actor(r), id)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		var rep intake.Report
		if err := json.Unmarshal([]byte(d.Data), &rep); err != nil {
			notice = "Dit concept kon niet helemaal worden gelezen. Controleer wat er staat."
		}
		key := st.IdemKey
		st = intakeStateFromReport(rep, s.db.Now())
		st.ConceptID, st.IdemKey = d.ID, key
		if notice == "" {
			notice = "U gaat verder met het concept van " + d.UpdatedAt.In(workdays.Location()).Format("02-01-2006 15:04") + "."
		}
	}
	if r.URL.Query().Get("hersteld") == "1" {
		notice = "Uw sessie was verlopen. Wat u had ingevuld is bewaard."
	}
	s.renderIntake(w, r, http.StatusOK, st, nil, notice, 0, 0)
}

// formActor authenticates a form post itself, so that an expired session
// does not lose what was typed: the caller shows the login page with the
// form carried along instead of redirecting.
func (s *Server) formActor(w http.ResponseWriter, r *http.Request) (*schakel.Actor, error) {
	a, err := s.authenticate(r)
	if err != nil && schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
		return nil, err
	}
	if a == nil {
		s.clearSessionCookie(w)
	}
	return a, nil
}

func (s *Server) postIntake(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	st := intakeStateFromForm(r.PostForm)
	a, err := s.formActor(w, r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if a == nil {
		s.renderRelogin(w, r, http.StatusUnauthorized, st, "", "")
		return
	}
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), a))

	switch action := r.PostForm.Get("action"); action {
	case "save_draft":
		d, err := s.saveIntakeDraft(r, st)
		if err != nil {
			s.intakeFailed(w, r, st, err)
			return
		}
		st.ConceptID = d.ID
		s.renderIntake(w, r, http.StatusOK, st, nil, "Concept opgeslagen om "+d.UpdatedAt.In(workdays.Location()).Format("15:04")+
			". U vindt het terug onder Concepten.", 0, 0)
		return
	case "more_rows", "more_rows:children", "more_rows:adults":
		addC, addA := extraRows, extraRows
		if action == "more_rows:children" {
			addA = 0
		} else if action == "more_rows:adults" {
			addC = 0
		}
		s.renderIntake(w, r, http.StatusOK, st, nil, "", addC, addA)
		return
	}

	rep, rows, errs := st.report()
	if len(errs) > 0 {
		// Also show every other mistake at once.
		if _, verr := intake.Validate(rep, s.db.Now()); verr != nil {
			for _, f := range schakel.FieldErrors(verr) {
				errs = append(errs, schakel.FieldError{Field: rows.screenField(f.Field), Code: f.Code, Message: f.Message})
			}
		}
		s.renderIntake(w, r, http.StatusUnprocessableEntity, st, errs, "", 0, 0)
		return
	}
	if st.IdemKey == "" || len(st.IdemKey) > 200 {
		st.IdemKey = newIdemKey()
	}
	res, err := s.db.CreateReport(r.Context(), a, rep, st.IdemKey, s.intakePolicy())
	switch schakel.ErrorCode(err) {
	case "":
	case schakel.EINVALID:
		fields := schakel.FieldErrors(err)
		for i := range fields {
			fields[i].Field = rows.screenField(fields[i].Field)
		}
		if len(fields) == 0 {
			fields = []schakel.FieldError{{Field: "narrative", Message: schakel.ErrorMessage(err)}}
		}
		s.renderIntake(w, r, http.StatusUnprocessableEntity, st, fields, "", 0, 0)
		return
	case schakel.ECONFLICT:
		// The form was sent before with other content (the idempotency key
		// is taken): nothing was filed now. A new key lets the worker send
		// it on purpose.
		st.IdemKey = newIdemKey()
		s.renderIntake(w, r, http.StatusConflict, st, []schakel.FieldError{{Field: "form",
			Message: "Dit formulier is al eens verstuurd, met andere gegevens. Kijk in Mijn werk of de melding er al staat. Wilt u deze gegevens als nieuwe melding versturen? Klik dan nog een keer op Melding versturen."}}, "", 0, 0)
		return
	default:
		s.intakeFailed(w, r, st, err)
		return
	}
	if st.ConceptID != 0 {
		if err := s.db.DeleteDraft(r.Context(), a, st.ConceptID); err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
			s.log.Warn("delete draft after filing", "err", err)
		}
	}
	reportResults.put(s, a.Professional.ID, res)
	http.Redirect(w, r, fmt.Sprintf("/meldingen/%d/resultaat?casus=%d", res.ID, res.CaseID), http.StatusSeeOther)
}

// intakeFailed shows the form again, with everything typed, when filing or
// saving fails for another reason than a validation error: nothing typed is
// lost, whatever went wrong.
func (s *Server) intakeFailed(w http.ResponseWriter, r *http.Request, st intakeState, err error) {
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		s.log.Error("internal error", "method", r.Method, "route", r.Pattern, "err", err)
	}
	s.renderIntake(w, r, StatusOf(err), st, []schakel.FieldError{{Field: "form", Message: schakel.ErrorMessage(err)}}, "", 0, 0)
}

// saveIntakeDraft stores the form as typed (as intake.Report JSON, the same
// as the drafts API) and updates the draft it came from, if it still exists.
func (s *Server) saveIntakeDraft(r *http.Request, st intakeState) (storage.Draft, error) {
	rep, _, _ := st.report()
	b, err := json.Marshal(rep)
	if err != nil {
		return storage.Draft{}, err
	}
	d, err := s.db.SaveDraft(r.Context(), actor(r), st.ConceptID, string(b))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND && st.ConceptID != 0 {
		d, err = s.db.SaveDraft(r.Context(), actor(r), 0, string(b))
	}
	return d, err
}

// postIntakeAutosave is static/draft.js's endpoint: it saves the posted
// form as a draft and answers {"id", "saved_at"}.
func (s *Server) postIntakeAutosave(w http.ResponseWriter, r *http.Request) {
	wantsJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	if err := parseForm(w, r); err != nil {
		s.autosaveError(w, r, wantsJSON, err)
		return
	}
	st := intakeStateFromForm(r.PostForm)
	a, err := s.formActor(w, r)
	if err != nil {
		s.autosaveError(w, r, wantsJSON, err)
		return
	}
	if a == nil {
		if wantsJSON {
			s.apiError(w, r, schakel.Errorf(schakel.EUNAUTHENTICATED, "Uw sessie is verlopen. Klik op Concept opslaan: dan logt u opnieuw in en blijft wat u invulde bewaard."))
			return
		}
		s.renderRelogin(w, r, http.StatusUnauthorized, st, "", "")
		return
	}
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), a))
	d, err := s.saveIntakeDraft(r, st)
	if err != nil {
		s.autosaveError(w, r, wantsJSON, err)
		return
	}
	if !wantsJSON {
		st.ConceptID = d.ID
		s.renderIntake(w, r, http.StatusOK, st, nil, "Concept opgeslagen.", 0, 0)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": d.ID, "saved_at": d.UpdatedAt.In(workdays.Location()).Format("15:04")})
}

func (s *Server) autosaveError(w http.ResponseWriter, r *http.Request, wantsJSON bool, err error) {
	if wantsJSON {
		s.apiError(w, r, err)
	} else {
		s.pageError(w, r, err)
	}
}

// ---------------------------------------------------------------------------
// An expired session: log in again without losing the form.

// stash is what travels through the login page in a hidden field.
type stash struct {
	ConceptID int64         `json:"concept_id,omitempty"`
	Report    intake.Report `json:"report"`
}

const maxStash = storage.MaxDraftBytes

func encodeStash(st intakeState) string {
	rep, _, _ := st.report()
	b, err := json.Marshal(stash{ConceptID: st.ConceptID, Report: rep})
	if err != nil || len(b) > maxStash {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeStash(s string) (stash, bool) {
	var st stash
	if s == "" || len(s) > base64.RawURLEncoding.EncodedLen(maxStash) {
		return st, false
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &st) != nil {
		return st, false
	}
	return st, true
}

func (s *Server) renderRelogin(w http.ResponseWriter, r *http.Request, status int, st intakeState, email, errMsg string) {
	s.renderReloginStash(w, r, status, encodeStash(st), email, errMsg)
}

func (s *Server) renderReloginStash(w http.ResponseWriter, r *http.Request, status int, stashed, email, errMsg string) {
	s.render(w, r, status, "intake_relogin.html", map[string]any{"Stash": stashed, "Email": email, "Error": errMsg})
}

// postIntakeRestore logs in and saves the carried form as a draft of the
// professional who logged in, then opens it.
func (s *Server) postIntakeRestore(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	email, password, raw := r.PostForm.Get("email"), r.PostForm.Get("password"), r.PostForm.Get("stash")
	secret, err := s.login(r, email, password)
	if err != nil {
		code := schakel.ErrorCode(err)
		if code != schakel.EUNAUTHENTICATED && code != schakel.ELOCKED {
			s.pageError(w, r, err)
			return
		}
		s.renderReloginStash(w, r, StatusOf(err), raw, email, schakel.ErrorMessage(err))
		return
	}
	s.setSessionCookie(w, secret)
	st, ok := decodeStash(raw)
	if !ok {
		http.Redirect(w, r, "/meldingen/nieuw", http.StatusSeeOther)
		return
	}
	p, err := s.db.SessionProfessional(r.Context(), auth.HashSecret(secret), s.cfg.IdleTimeout)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a := &schakel.Actor{Professional: &p, ClientAddr: s.clientAddr(r), Workstation: truncate(r.UserAgent(), 200)}
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), a))
	b, err := json.Marshal(st.Report)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	d, err := s.db.SaveDraft(r.Context(), a, st.ConceptID, string(b))
	if schakel.ErrorCode(err) == schakel.ENOTFOUND && st.ConceptID != 0 {
		d, err = s.db.SaveDraft(r.Context(), a, 0, string(b))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/meldingen/nieuw?concept=%d&hersteld=1", d.ID), http.StatusSeeOther)
}

// ---------------------------------------------------------------------------
// Drafts.

func (s *Server) pageDrafts(w http.ResponseWriter, r *http.Request) {
	ds, err := s.db.Drafts(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	notice := ""
	if r.URL.Query().Get("ok") == "verwijderd" {
		notice = "Het concept is verwijderd."
	}
	s.render(w, r, http.StatusOK, "intake_drafts.html", map[string]any{"Drafts": ds, "Notice": notice})
}

func (s *Server) postDeleteDraft(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.db.DeleteDraft(r.Context(), actor(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/meldingen/concepten?ok=verwijderd", http.StatusSeeOther)
}

// ---------------------------------------------------------------------------
// The result of filing a report.

// reportResults keeps the full answer of a filed report for a while, so
// the page after the redirect shows what only filing computes (earlier
// reports, who knows the family, match details). Without it (another
// instance, a restart) the page shows what the case holds.
var reportResults = &resultCache{m: map[resultKey]cachedResult{}}

type resultKey struct {
	srv          *Server
	professional int64
	report       int64
}

type cachedResult struct {
	res     storage.ReportResult
	expires time.Time
}

type resultCache struct {
	mu sync.Mutex
	m  map[resultKey]cachedResult
}

const (
	resultTTL      = 2 * time.Hour
	resultCacheMax = 2000
)

func (c *resultCache) put(s *Server, professional int64, res storage.ReportResult) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if len(c.m) >= resultCacheMax {
		for k, v := range c.m {
			if now.After(v.expires) || len(c.m) >= resultCacheMax {
				delete(c.m, k)
			}
		}
	}
	c.m[resultKey{s, professional, res.ID}] = cachedResult{res: res, expires: now.Add(resultTTL)}
}

func (c *resultCache) get(s *Server, professional, report int64) (storage.ReportResult, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[resultKey{s, professional, report}]
	if !ok || time.Now().After(v.expires) {
		return storage.ReportResult{}, false
	}
	return v.res, true
}

func (s *Server) pageReportResult(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	caseID, err := strconv.ParseInt(r.URL.Query().Get("casus"), 10, 64)
	if err != nil || caseID <= 0 {
		s.pageError(w, r, schakel.Errorf(schakel.ENOTFOUND, "Deze melding is niet gevonden."))
		return
	}
	c, err := s.db.Case(r.Context(), actor(r), caseID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var rep *schakel.Report
	for i := range c.Reports {
		if c.Reports[i].ID == id {
			rep = &c.Reports[i]
		}
	}
	if rep == nil {
		s.pageError(w, r, schakel.Errorf(schakel.ENOTFOUND, "Deze melding hoort (niet meer) bij casus %d. Kijk in Mijn werk.", caseID))
		return
	}
	me := actor(r).Professional
	res, full := reportResults.get(s, me.ID, id)
	if !full {
		res = resultFromCase(c, *rep, me.Organisation.ID)
	}
	s.render(w, r, http.StatusOK, "intake_result.html", map[string]any{
		"Case": c, "Report": rep, "Result": res, "Full": full, "Persons": personNames(c),
		"Consultation": res.Consultation, "Now": s.db.Now(),
	})
}

// resultFromCase rebuilds what it can of a filing's answer from the case.
func resultFromCase(c schakel.Case, rep schakel.Report, myOrg int64) storage.ReportResult {
	res := storage.ReportResult{ID: rep.ID, CaseID: c.ID, FamilyID: c.FamilyID, FormVersion: rep.FormVersion, KnownAt: []schakel.KnownAt{}}
	for _, g := range c.Ratings {
		if g.CreatedAt.Equal(rep.CreatedAt) {
			if len(g.Reasons) > 0 {
				res.Rating = g
			} else if res.Rating.ID != 0 { // the worker's own choice on the form
				reasons, proposed := res.Rating.Reasons, res.Rating.Proposed
				res.Rating = g
				res.Rating.Reasons, res.Rating.Proposed = reasons, proposed
			}
		}
	}
	res.Rating.DueAt = rep.AssessmentDueAt
	for _, o := range c.Reports {
		if o.ID != rep.ID && !o.ReceivedAt.After(rep.ReceivedAt) {
			res.EarlierReports++
		}
	}
	for _, p := range c.Participations {
		if p.Organisation.ID != myOrg && p.Status == "active" {
			res.KnownAt = append(res.KnownAt, schakel.KnownAt{Organisation: p.Organisation, Contact: p.Contact})
		}
	}
	res.Matches = []schakel.Match{}
	for _, m := range c.Matches {
		if m.Status == "proposed" {
			res.Matches = append(res.Matches, m)
		}
	}
	if res.Rating.Proposed == string(crisismeter.Red) || res.Rating.Color == string(crisismeter.Red) {
		for i := range c.Consultations {
			if cs := c.Consultations[i]; cs.Kind == schakel.ConsultCrisis && cs.Status == "planned" {
				res.Consultation = &c.Consultations[i]
			}
		}
	}
	return res
}

func personNames(c schakel.Case) map[int64]string {
	m := map[int64]string{}
	for _, p := range c.Persons {
		m[p.ID] = strings.TrimSpace(p.GivenNames + " " + p.FamilyName)
	}
	return m
}

// ---------------------------------------------------------------------------
// The case page.

// caseForm is what was typed in the case page's forms, kept on an error.
type caseForm struct {
	Color, Reason  string
	ColorError     string
	ReasonError    string
	Message        string // a conflict or refusal, shown at the top
	EmergencyError string
}

type caseView struct {
	Case            schakel.Case
	Title           string
	Reasons         []schakel.Reason
	Current         *schakel.Rating // the latest professional decision
	Ratings         []schakel.Rating
	Pending         *schakel.Rating
	PendingMine     bool
	Persons         map[int64]string
	ProposedMatches []schakel.Match
	DecidedMatches  []schakel.Match
	KnownAt         []schakel.KnownAt
	Consultations   []schakel.Consultation
	ProposalOpen    bool // the rules' colour waits for a professional
	ReadOnly        bool
	Emergency       bool
	Form            caseForm
	Notice          string
	Now             time.Time
	MyID            int64
	ColorOptions    []uiOption
	OpenAssessments int
	FamilyName      string
}

func familyTitle(c schakel.Case) string {
	var names []string
	for _, p := range c.Persons {
		if n := strings.TrimSpace(p.FamilyName); n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return fmt.Sprintf("Casus %d", c.ID)
	}
	return fmt.Sprintf("Casus %d: gezin %s", c.ID, strings.Join(names, " / "))
}

func (s *Server) buildCaseView(r *http.Request, c schakel.Case, f caseForm, readOnly bool) caseView {
	me := actor(r).Professional
	v := caseView{Case: c, Title: familyTitle(c), Persons: personNames(c), ReadOnly: readOnly, Form: f, Now: s.db.Now(), MyID: me.ID}
	for i := len(c.Ratings) - 1; i >= 0; i-- {
		g := c.Ratings[i]
		v.Ratings = append(v.Ratings, g)
		if v.Reasons == nil && len(g.Reasons) > 0 {
			v.Reasons = g.Reasons
		}
		if v.Current == nil && g.Status == schakel.RatingConfirmed && g.RatedBy != nil {
			v.Current = &c.Ratings[i]
		}
		if g.Status == schakel.RatingProposed {
			v.ProposalOpen = true
		}
		if v.Pending == nil && g.Status == schakel.RatingPendingSecond {
			v.Pending = &c.Ratings[i]
			v.PendingMine = g.RatedBy != nil && g.RatedBy.ID == me.ID
		}
	}
	seen := map[int64]bool{}
	for _, m := range c.Matches {
		if m.Status == "proposed" {
			v.ProposedMatches = append(v.ProposedMatches, m)
		} else {
			v.DecidedMatches = append(v.DecidedMatches, m)
		}
		for _, k := range m.KnownAt {
			if !seen[k.Organisation.ID] {
				seen[k.Organisation.ID] = true
				v.KnownAt = append(v.KnownAt, k)
			}
		}
	}
	v.Consultations = c.Consultations
	for _, rep := range c.Reports {
		if rep.AssessmentDoneAt == nil {
			v.OpenAssessments++
		}
	}
	sel := f.Color
	if sel == "" {
		sel = c.Color
	}
	for _, col := range []crisismeter.Color{crisismeter.Red, crisismeter.Orange, crisismeter.Green} {
		v.ColorOptions = append(v.ColorOptions, uiOption{Value: string(col), Label: colorName(string(col)), Selected: sel == string(col)})
	}
	return v
}

func caseNotice(r *http.Request) string {
	switch r.URL.Query().Get("ok") {
	case "kleur":
		return "De kleur is opgeslagen."
	case "kleur-wacht":
		return "Uw verlaging van rood is vastgelegd. Een tweede professional moet die nog bevestigen; tot dan blijft de casus rood."
	case "tweede-bevestigd":
		return "U heeft de verlaging bevestigd. De nieuwe kleur geldt nu."
	case "tweede-afgewezen":
		return "U heeft de verlaging afgewezen. De casus blijft rood."
	case "match-bevestigd":
		return "De match is bevestigd. De melding hoort nu bij het bekende gezin."
	case "match-afgewezen":
		return "De match is afgewezen. Dit is vastgelegd."
	case "beoordeeld":
		return "De veiligheidsbeoordeling is afgerond."
	}
	return ""
}

// casePage loads and renders a case; a refusal shows the refusal page with
// the emergency-access form.
func (s *Server) casePage(w http.ResponseWriter, r *http.Request, status int, id int64, f caseForm) {
	c, ws, err := s.db.CaseWorkspace(r.Context(), actor(r), id)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := s.buildCaseView(r, c, f, false)
	if status == http.StatusOK {
		v.Notice = caseNotice(r)
	}
	data := map[string]any{"V": v}
	s.caseWorkspaceData(r, data, c, ws, false) // plan_ui.go: overview, plan, findings
	s.withTimeline(r, data, id)                // chain_ui.go: the chain timeline
	s.render(w, r, status, "case.html", data)
}

func (s *Server) renderCaseRefused(w http.ResponseWriter, r *http.Request, id int64, message, reason, reasonErr string) {
	me := actor(r).Professional
	// Emergency access only helps someone whose role may read case content.
	caseRole := access.Decide(access.SubjectOf(me), access.Case, access.Read, access.Context{Participation: access.Participating}).Allowed
	status := http.StatusForbidden
	if reasonErr != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "case_refused.html", map[string]any{"ID": id, "Message": message, "CanEmergency": caseRole,
		"Reason": reason, "ReasonError": reasonErr, "MinReason": access.MinEmergencyReason,
		"Exited": caseRole && s.db.OrganisationExited(r.Context(), actor(r), id)})
}

func (s *Server) pageCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.casePage(w, r, http.StatusOK, id, caseForm{})
}

// postEmergencyCase shows a case once, read-only, with an explicit
// emergency reason; storage records the access as emergency access.
func (s *Server) postEmergencyCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	a := *actor(r)
	a.EmergencyReason = reason
	r = r.WithContext(schakel.NewContextWithActor(r.Context(), &a))
	// Storage decides, also on a reason that is too short: the attempt is
	// audited either way.
	c, ws, err := s.db.CaseWorkspace(r.Context(), &a, id)
	if n := len([]rune(reason)); schakel.ErrorCode(err) == schakel.EFORBIDDEN && n < access.MinEmergencyReason {
		s.renderCaseRefused(w, r, id, "U heeft geen toegang tot deze casus.", r.PostForm.Get("reason"),
			fmt.Sprintf("Schrijf een duidelijke reden van minstens %d tekens. U schreef er %d.", access.MinEmergencyReason, n))
		return
	} else if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), r.PostForm.Get("reason"), "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := s.buildCaseView(r, c, caseForm{}, true)
	v.Emergency = true
	data := map[string]any{"V": v}
	s.caseWorkspaceData(r, data, c, ws, true)
	s.withTimeline(r, data, id) // chain_ui.go: the chain timeline
	s.render(w, r, http.StatusOK, "case.html", data)
}

// caseFormError re-renders the case page with what was typed and the error.
func (s *Server) caseFormError(w http.ResponseWriter, r *http.Request, id int64, f caseForm, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID:
		for _, fe := range schakel.FieldErrors(err) {
			switch fe.Field {
			case "color":
				f.ColorError = fe.Message
			case "reason":
				f.ReasonError = fe.Message
			default:
				f.Message = fe.Message
			}
		}
		if f.ColorError == "" && f.ReasonError == "" && f.Message == "" {
			f.Message = schakel.ErrorMessage(err)
		}
	case schakel.ECONFLICT, schakel.EFORBIDDEN:
		f.Message = schakel.ErrorMessage(err)
		if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
			// A refusal of the whole case shows the refusal page; asking
			// reads nothing, so the refusal stays the attempt's one entry.
			if ok, cerr := s.db.MayReadCase(r.Context(), actor(r), id); cerr == nil && !ok {
				s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
				return
			}
		}
	default:
		s.pageError(w, r, err)
		return
	}
	s.casePage(w, r, StatusOf(err), id, f)
}

func (s *Server) postRateCase(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := caseForm{Color: r.PostForm.Get("color"), Reason: r.PostForm.Get("reason")}
	version, _ := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	if version <= 0 {
		s.caseFormError(w, r, id, f, schakel.Errorf(schakel.ECONFLICT, "Laad de casus opnieuw en probeer het nog eens."))
		return
	}
	g, _, err := s.db.RateCase(r.Context(), actor(r), id, f.Color, f.Reason, version, s.intakePolicy())
	if err != nil {
		s.caseFormError(w, r, id, f, err)
		return
	}
	ok := "kleur"
	if g.Status == schakel.RatingPendingSecond {
		ok = "kleur-wacht"
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=%s#kleur", id, ok), http.StatusSeeOther)
}

func (s *Server) postSecondOpinion(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var rid int64
	if err == nil {
		rid, err = pathID(r, "rid")
	}
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decision := r.PostForm.Get("decision")
	if decision != "approve" && decision != "reject" {
		s.caseFormError(w, r, id, caseForm{}, schakel.Errorf(schakel.EINVALID, "Kies Bevestigen of Afwijzen."))
		return
	}
	if _, err := s.db.ConfirmLowering(r.Context(), actor(r), id, rid, decision == "approve"); err != nil {
		s.caseFormError(w, r, id, caseForm{}, err)
		return
	}
	ok := "tweede-bevestigd"
	if decision == "reject" {
		ok = "tweede-afgewezen"
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=%s#kleur", id, ok), http.StatusSeeOther)
}

func (s *Server) postDecideMatch(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var mid int64
	if err == nil {
		mid, err = pathID(r, "mid")
	}
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decision := r.PostForm.Get("decision")
	if decision != "confirm" && decision != "reject" {
		s.caseFormError(w, r, id, caseForm{}, schakel.Errorf(schakel.EINVALID, "Kies Bevestigen of Afwijzen."))
		return
	}
	_, target, err := s.db.DecideMatch(r.Context(), actor(r), mid, decision == "confirm")
	if err != nil {
		s.caseFormError(w, r, id, caseForm{}, err)
		return
	}
	ok := "match-bevestigd"
	if decision == "reject" {
		ok = "match-afgewezen"
		target = id
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=%s#matches", target, ok), http.StatusSeeOther)
}

func (s *Server) postAssessmentDone(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	caseID, _ := strconv.ParseInt(r.PostForm.Get("case_id"), 10, 64)
	if err := s.db.CompleteAssessment(r.Context(), actor(r), id); err != nil {
		if caseID > 0 {
			s.caseFormError(w, r, caseID, caseForm{}, err)
		} else {
			s.pageError(w, r, err)
		}
		return
	}
	if caseID <= 0 {
		http.Redirect(w, r, "/?ok=beoordeeld", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d?ok=beoordeeld#melding-%d", caseID, id), http.StatusSeeOther)
}

// ---------------------------------------------------------------------------
// The consultation page.

func (s *Server) pageConsultation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.consultationPage(w, r, http.StatusOK, id, nil) // plan_ui.go: with agenda, attendance and minutes
}

// ---------------------------------------------------------------------------
// Mijn werk.

type workRow struct {
	storage.WorkItem
	KindNL, Due, Link, LinkText string
}

var workKindNL = map[string]string{
	"rate":           "Kleur bevestigen",
	"assessment":     "Veiligheidsbeoordeling",
	"second_opinion": "Tweede oordeel",
	"consultation":   "Crisisoverleg",
	"notice":         "Bericht",
	"norm":           "Norm bijna voorbij",
	"court_order":    "Maatregel loopt af",
}

func workRows(items []storage.WorkItem, now time.Time) []workRow {
	out := make([]workRow, 0, len(items))
	for _, it := range items {
		row := workRow{WorkItem: it, KindNL: workKindNL[it.Kind]}
		if row.KindNL == "" {
			row.KindNL = it.Kind
		}
		if (it.Kind == "consultation" || it.Kind == "norm" || it.Kind == "court_order") && it.Title != "" {
			row.KindNL = it.Title
		}
		if it.DueAt != nil {
			if it.Kind == "notice" {
				row.Due = "ontvangen " + it.DueAt.In(workdays.Location()).Format("02-01 15:04")
			} else {
				row.Due = dueNL(now, *it.DueAt) + " (" + it.DueAt.In(workdays.Location()).Format("02-01 15:04") + ")"
			}
		}
		switch {
		case it.Kind == "consultation" && it.ConsultationID != 0:
			row.Link, row.LinkText = fmt.Sprintf("/overleggen/%d", it.ConsultationID), fmt.Sprintf("Open overleg %d", it.ConsultationID)
		case it.CaseID != 0:
			frag := ""
			switch it.Kind {
			case "rate", "second_opinion":
				frag = "#kleur"
			case "assessment":
				frag = fmt.Sprintf("#melding-%d", it.ReportID)
			case "action":
				frag = fmt.Sprintf("/plan#actie-%d", it.ActionID)
			case "plan_review":
				frag = "/plan#evaluatie"
			case "norm", "court_order":
				frag = "#tijdlijn"
			}
			row.Link, row.LinkText = fmt.Sprintf("/casussen/%d%s", it.CaseID, frag), fmt.Sprintf("Open casus %d", it.CaseID)
		}
		out = append(out, row)
	}
	return out
}

// worklistPage fills the data of home.html.
func (s *Server) worklistData(r *http.Request, data map[string]any) {
	q := r.URL.Query()
	f, ferr := workFilter(r)
	if ferr != nil {
		data["FilterError"] = "Een filter klopte niet. U ziet de gewone werklijst."
		f = storage.WorkFilter{}
	}
	wl, err := s.db.WorklistWithOverflow(r.Context(), actor(r), f)
	if err != nil {
		s.log.Error("worklist", "err", err)
		data["WorkError"] = schakel.ErrorMessage(err)
	}
	items := wl.Items
	data["NormsNotShown"] = wl.NormsNotShown
	data["MaxNormItems"] = storage.MaxNormItems
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.log.Error("organisations", "err", err)
	}
	now := s.db.Now()
	rows := workRows(items, now)
	overdue := 0
	for _, it := range items {
		if it.Overdue {
			overdue++
		}
	}
	scope := f.Scope
	if scope == "" {
		scope = "team"
	}
	data["Items"] = rows
	data["Overdue"] = overdue
	data["Orgs"] = orgs
	data["Filter"] = map[string]string{"Scope": scope, "Color": f.Color, "Org": q.Get("organisation_id")}
	data["Scopes"] = []uiOption{
		{Value: "mine", Label: "Mijn werk", Selected: scope == "mine"},
		{Value: "team", Label: "Mijn team", Selected: scope == "team"},
		{Value: "organisation", Label: "Mijn organisatie", Selected: scope == "organisation"},
	}
	colors := []uiOption{{Value: "", Label: "Alle kleuren", Selected: f.Color == ""}}
	for _, c := range []crisismeter.Color{crisismeter.Red, crisismeter.Orange, crisismeter.Green} {
		colors = append(colors, uiOption{Value: string(c), Label: colorName(string(c)), Selected: f.Color == string(c)})
	}
	data["Colors"] = colors
	data["CanReport"] = canReport(actor(r).Professional)
	switch q.Get("ok") {
	case "gelezen":
		data["Notice"] = "Het bericht is als gelezen gemarkeerd."
	case "beoordeeld":
		data["Notice"] = "De veiligheidsbeoordeling is afgerond."
	case "verzoek":
		data["Notice"] = "Uw antwoord is verstuurd naar uw collega."
	}
}

func (s *Server) postNoticeRead(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = s.db.MarkNotificationRead(r.Context(), actor(r), id)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/?ok=gelezen", http.StatusSeeOther)
}
