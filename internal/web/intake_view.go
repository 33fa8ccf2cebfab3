package web

// The view of the intake form (melding): every control with its value and
// error, built from the form as typed.

import (
	"fmt"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/textlimit"
)

type personFields struct {
	Legend                                                      string
	GivenNames, FamilyName, BirthDate, BSN, Relation, Authority uiField
	Child                                                       bool
}

type intakeView struct {
	ConceptID                                 int64
	IdemKey                                   string
	Notice                                    string
	fieldErrors                               // the summary, and messages by control id
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

// intakeView builds the form's controls from what was typed, with errs
// next to their controls and in the summary.
func (s *Server) intakeView(st intakeState, errs []schakel.FieldError, addChildren, addAdults int) intakeView {
	v := intakeView{ConceptID: st.ConceptID, IdemKey: st.IdemKey}
	for _, e := range errs {
		owner, anchor := errorPlace(e.Field)
		v.add(owner, anchor, e.Message)
	}
	rep := st.Report
	v.reporterFields(rep.Reporter, st.ReceivedAt)
	v.Children = v.personRows(st.Children, minChildRows, addChildren, true)
	v.Adults = v.personRows(st.Adults, minAdultRows, addAdults, false)
	v.ChildrenError, v.AdultsError = v.of("children"), v.of("adults")
	v.Address = v.textField("address", "Adres (straat en huisnummer)", rep.Address)
	v.Address.Autocomplete, v.Address.MaxLength = "off", textlimit.Line
	v.Postcode = v.textField("postcode", "Postcode", rep.Postcode)
	v.Postcode.Autocomplete, v.Postcode.MaxLength = "off", textlimit.Short
	v.Municipality = v.textField("municipality", "Gemeente", rep.Municipality)
	v.Municipality.Required, v.Municipality.MaxLength = true, textlimit.Line
	v.concernFields(rep)
	v.Narrative = v.textField("narrative", "Wat is er gemeld?", rep.Narrative)
	v.Narrative.Type, v.Narrative.Rows, v.Narrative.Required, v.Narrative.MaxLength = "textarea", 8, true, textlimit.Narrative
	v.Narrative.Hint = "Beschrijf in gewone woorden wat de melder vertelt: wat er is gebeurd, wanneer, en hoe het nu met de kinderen gaat."
	v.ratingFields(rep.Rating)
	v.linkUnshown("#intake-form")
	return v
}

func (v *intakeView) reporterFields(rep intake.Reporter, receivedAt string) {
	v.ReporterKind = uiGroup{ID: "reporter-kind", Name: "reporter.kind", Legend: "Wie doet de melding?", Type: "radio", Error: v.of("reporter-kind")}
	for _, o := range intake.ReporterKinds {
		v.ReporterKind.Options = append(v.ReporterKind.Options, uiOption{ID: "reporter-kind-" + o.Code, Value: o.Code, Label: o.Label, Selected: rep.Kind == o.Code})
	}
	v.ReporterName = v.textField("reporter.name", "Naam van de melder", rep.Name)
	v.ReporterName.Hint = "Niet nodig bij een anonieme melding."
	v.ReporterName.Autocomplete, v.ReporterName.MaxLength = "off", textlimit.Name
	v.ReporterOrg = v.textField("reporter.organisation", "Organisatie van de melder", rep.Organisation)
	v.ReporterOrg.Hint = "Alleen als de melder een professional is, bijvoorbeeld een school of huisarts."
	v.ReporterOrg.MaxLength = textlimit.Name
	v.ReporterPhone = v.textField("reporter.phone", "Telefoonnummer van de melder", rep.Phone)
	v.ReporterPhone.Type, v.ReporterPhone.Autocomplete, v.ReporterPhone.MaxLength = "tel", "off", textlimit.Short

	v.ReceivedAt = v.textField("received_at", "Wanneer kwam de melding binnen?", receivedAt)
	v.ReceivedAt.Type = "datetime-local"
	v.ReceivedAt.Hint = "Datum en tijd. Staat op nu. Voert u een telefonische melding later in? Vul dan het moment van het gesprek in."
}

// personRows shows the persons typed, at least min rows, and extra empty
// rows asked for (the first of those gets the focus).
func (v *intakeView) personRows(list []intake.Person, min, extra int, child bool) []personFields {
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
		pf.GivenNames = v.textField(prefix+"given_names", "Voornamen", p.GivenNames)
		pf.GivenNames.Autocomplete, pf.GivenNames.MaxLength = "off", textlimit.Name
		pf.FamilyName = v.textField(prefix+"family_name", "Achternaam", p.FamilyName)
		pf.FamilyName.Autocomplete, pf.FamilyName.MaxLength = "off", textlimit.Name
		pf.BirthDate = v.textField(prefix+"birth_date", "Geboortedatum", p.BirthDate)
		pf.BirthDate.Type = "date"
		pf.BSN = v.textField(prefix+"bsn", "BSN (niet verplicht)", p.BSN)
		pf.BSN.Inputmode, pf.BSN.Autocomplete, pf.BSN.MaxLength = "numeric", "off", textlimit.Short
		pf.Relation = v.textField(prefix+"relation", "Relatie", "")
		pf.Relation.Type = "select"
		for j, o := range rels {
			sel := p.Relation == o.Code || (p.Relation == "" && j == 0)
			pf.Relation.Options = append(pf.Relation.Options, uiOption{Value: o.Code, Label: o.Label, Selected: sel})
		}
		pf.Authority = v.textField(prefix+"parental_authority", "Heeft het ouderlijk gezag", "1")
		pf.Authority.Type, pf.Authority.Checked = "checkbox", p.ParentalAuthority
		if i == max(len(list), min) && extra > 0 {
			pf.GivenNames.Autofocus = true // the first new row
		}
		out = append(out, pf)
	}
	return out
}

// concernFields are the concerns, the crisismeter's indicators and the
// finance questions.
func (v *intakeView) concernFields(rep intake.Report) {
	v.Concerns = uiGroup{ID: "concerns", Name: "concerns", Legend: "Waar gaat de zorg over?", Hint: "Kies alles wat past.", Type: "checkbox", Error: v.of("concerns")}
	for _, o := range intake.Concerns {
		v.Concerns.Options = append(v.Concerns.Options, uiOption{ID: "concerns-" + o.Code, Value: o.Code, Label: o.Label, Selected: slices.Contains(rep.Concerns, o.Code)})
	}
	v.RedIndicators = uiGroup{ID: "indicators-red", Name: "indicators", Legend: "Acute onveiligheid (rood)", Type: "checkbox", Error: v.of("indicators-red"),
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
		g := uiGroup{ID: id, Name: "finances." + q.Code, Legend: q.Label, Type: "radio", Error: v.of(id)}
		for _, a := range intake.FinanceAnswers {
			g.Options = append(g.Options, uiOption{ID: id + "-" + a.Code, Value: a.Code, Label: a.Label, Selected: rep.Finances[q.Code] == a.Code})
		}
		v.Finances = append(v.Finances, g)
	}
}

// ratingFields are the worker's own choice of colour and its reason.
func (v *intakeView) ratingFields(choice *intake.RatingChoice) {
	var color, reason string
	if choice != nil {
		color, reason = choice.Color, choice.Reason
	}
	v.RatingColor = v.textField("rating.color", "Kleur", "")
	v.RatingColor.Type = "select"
	v.RatingColor.Hint = "Laat dit leeg om het voorstel van Schakel te volgen."
	v.RatingColor.Options = []uiOption{{Value: "", Label: "Voorstel van Schakel volgen", Selected: color == ""}}
	for _, c := range []crisismeter.Color{crisismeter.Red, crisismeter.Orange, crisismeter.Green} {
		v.RatingColor.Options = append(v.RatingColor.Options, uiOption{Value: string(c), Label: colorName(string(c)), Selected: color == string(c)})
	}
	v.RatingReason = v.textField("rating.reason", "Waarom kiest u deze kleur?", reason)
	v.RatingReason.Type, v.RatingReason.Rows, v.RatingReason.MaxLength = "textarea", 3, textlimit.Reason
	v.RatingReason.Hint = fmt.Sprintf("Nodig als u een andere kleur kiest dan Schakel voorstelt: minstens %d tekens. Rood verlagen moet een tweede professional bevestigen.", crisismeter.MinReasonChars)
}
