// Package intake holds the shared intake form (melding) that every chain
// organisation uses: its versioned definition and its validation. It knows
// nothing of HTTP or SQL; storage files a validated report.
package intake

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/bsn"
	"schakel/internal/crisismeter"
	"schakel/internal/textlimit"
)

// FormVersion is the version of the form definition below. A stored report
// keeps the version it was made with; bump this when fields change meaning.
const FormVersion = 1

// Option is a code with its Dutch label.
type Option struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// ReporterKinds: who reports.
var ReporterKinds = []Option{
	{"professional", "Professional"},
	{"police", "Politie"},
	{"citizen", "Burger (buren, familie, bekende)"},
	{"anonymous", "Anoniem"},
}

// Concerns: the concern categories.
var Concerns = []Option{
	{"physical_abuse", "Lichamelijke mishandeling"},
	{"psychological_abuse", "Psychische mishandeling"},
	{"sexual_abuse", "Seksueel misbruik"},
	{"neglect", "Verwaarlozing"},
	{"domestic_violence", "Huiselijk geweld tussen volwassenen"},
	{"honour_related_violence", "Eergerelateerd geweld"},
	{"financial_problems", "Geldzorgen of schulden"},
	{"other", "Anders"},
}

// ChildRelations and AdultRelations: how a person relates to the household.
var ChildRelations = []Option{
	{"child", "Kind van de ouder(s)"},
	{"stepchild", "Stiefkind"},
	{"foster_child", "Pleegkind"},
	{"other", "Anders"},
}

// AdultRelations lists how an adult relates to the children.
var AdultRelations = []Option{
	{"parent", "Ouder"},
	{"step_parent", "Stiefouder"},
	{"foster_parent", "Pleegouder"},
	{"partner_of_parent", "Partner van een ouder"},
	{"grandparent", "Grootouder"},
	{"guardian", "Voogd"},
	{"other", "Anders"},
}

// FinanceQuestions are the short financial-security questions of the debt
// pilot (seed 003): asked on every intake.
var FinanceQuestions = []Option{
	{"money_for_school_and_transport", "Is er geld voor school en openbaar vervoer?"},
	{"enough_food", "Is er genoeg eten in huis?"},
	{"unopened_post_or_debts", "Is er ongeopende post, of zijn er schulden?"},
	{"housing_at_risk", "Dreigt het gezin de woning kwijt te raken?"},
}

// FinanceAnswers are "yes", "no" or "unknown".
var FinanceAnswers = []Option{{"yes", "Ja"}, {"no", "Nee"}, {"unknown", "Weet ik niet"}}

// Person is one member of the household as typed on the form.
type Person struct {
	GivenNames        string `json:"given_names"`
	FamilyName        string `json:"family_name"`
	BirthDate         string `json:"birth_date"` // YYYY-MM-DD
	BSN               string `json:"bsn,omitempty"`
	Relation          string `json:"relation"`
	ParentalAuthority bool   `json:"parental_authority"`
}

// Reporter is who made the report.
type Reporter struct {
	Kind         string `json:"kind"`
	Name         string `json:"name,omitempty"`
	Organisation string `json:"organisation,omitempty"`
	Phone        string `json:"phone,omitempty"`
}

// RatingChoice lets the intake worker confirm or change the proposed colour
// in the same submission.
type RatingChoice struct {
	Color  string `json:"color"`
	Reason string `json:"reason,omitempty"`
}

// Report is the shared intake form.
type Report struct {
	Reporter     Reporter          `json:"reporter"`
	ReceivedAt   *time.Time        `json:"received_at,omitempty"`
	Children     []Person          `json:"children"`
	Adults       []Person          `json:"adults"`
	Address      string            `json:"address"`
	Postcode     string            `json:"postcode"`
	Municipality string            `json:"municipality"`
	Concerns     []string          `json:"concerns"`
	Indicators   []string          `json:"indicators"`
	Finances     map[string]string `json:"finances"`
	Narrative    string            `json:"narrative"`
	Rating       *RatingChoice     `json:"rating,omitempty"`
}

// Valid person and time bounds.
const (
	MaxChildAge     = 18
	MaxNarrative    = textlimit.Narrative
	MaxPersons      = 20
	earliestBirth   = 1900
	maxPastReceived = 90 * 24 * time.Hour // a report typed in later, e.g. from a phone call, may lie this far back
)

// Parsed is a validated report with parsed dates and normalised BSNs.
type Parsed struct {
	Report
	ReceivedAt time.Time
	Children   []ParsedPerson
	Adults     []ParsedPerson
}

// ParsedPerson is a validated person.
type ParsedPerson struct {
	Person
	Birth time.Time // UTC midnight
}

func has(opts []Option, code string) bool {
	return slices.ContainsFunc(opts, func(o Option) bool { return o.Code == code })
}

// Validate checks the form and returns it parsed, or an EINVALID error that
// names every wrong field (children[0].bsn) in Dutch.
func Validate(r Report, now time.Time) (Parsed, error) {
	var v schakel.Validation
	p := Parsed{Report: r}
	trim := func(s *string) { *s = strings.TrimSpace(*s) }
	trim(&p.Reporter.Name)
	trim(&p.Reporter.Organisation)
	trim(&p.Reporter.Phone)
	trim(&p.Address)
	trim(&p.Postcode)
	trim(&p.Municipality)
	p.Narrative = strings.TrimSpace(p.Narrative)
	checkLengths(&v, r)

	switch {
	case p.Reporter.Kind == "":
		v.Add("reporter.kind", "required", "Kies wie de melding doet.")
	case !has(ReporterKinds, p.Reporter.Kind):
		v.Add("reporter.kind", "unknown", "Kies wie de melding doet uit de lijst.")
	case p.Reporter.Kind != "anonymous" && p.Reporter.Name == "":
		v.Add("reporter.name", "required", "Vul de naam van de melder in, of kies 'Anoniem'.")
	}
	if p.Reporter.Kind == "professional" && p.Reporter.Organisation == "" {
		v.Add("reporter.organisation", "required", "Vul de organisatie van de melder in.")
	}

	p.ReceivedAt = now
	if r.ReceivedAt != nil {
		p.ReceivedAt = *r.ReceivedAt
		switch {
		case p.ReceivedAt.After(now.Add(5 * time.Minute)):
			v.Add("received_at", "future", "Het moment van binnenkomst kan niet in de toekomst liggen.")
		case p.ReceivedAt.Before(now.Add(-maxPastReceived)):
			v.Add("received_at", "too_old", "Het moment van binnenkomst ligt meer dan 90 dagen terug. Controleer de datum.")
		}
	}
	p.ReceivedAt = p.ReceivedAt.UTC().Truncate(time.Microsecond)

	if len(r.Children) == 0 {
		v.Add("children", "required", "Vul minstens één kind in.")
	}
	if len(r.Children)+len(r.Adults) > MaxPersons {
		v.Add("children", "too_many", fmt.Sprintf("Een melding kan over hoogstens %d personen gaan.", MaxPersons))
	}
	seenBSN := map[string]string{}
	person := func(field string, in Person, child bool) ParsedPerson {
		pp := ParsedPerson{Person: in}
		trim(&pp.GivenNames)
		trim(&pp.FamilyName)
		trim(&pp.Relation)
		if pp.GivenNames == "" {
			v.Add(field+".given_names", "required", "Vul de voornaam in.")
		}
		if pp.FamilyName == "" {
			v.Add(field+".family_name", "required", "Vul de achternaam in.")
		}
		rels := AdultRelations
		if child {
			rels = ChildRelations
		}
		if pp.Relation == "" {
			pp.Relation = rels[0].Code
		} else if !has(rels, pp.Relation) {
			v.Add(field+".relation", "unknown", "Kies de relatie uit de lijst.")
		}
		if in.BirthDate == "" {
			if child {
				v.Add(field+".birth_date", "required", "Vul de geboortedatum van het kind in.")
			}
		} else if t, err := time.Parse("2006-01-02", strings.TrimSpace(in.BirthDate)); err != nil {
			v.Add(field+".birth_date", "format", "Vul een bestaande datum in als jjjj-mm-dd, bijvoorbeeld 2016-03-09.")
		} else {
			switch {
			case t.After(now):
				v.Add(field+".birth_date", "future", "De geboortedatum kan niet in de toekomst liggen.")
			case t.Year() < earliestBirth:
				v.Add(field+".birth_date", "too_old", "Deze geboortedatum is niet mogelijk.")
			case child && !t.AddDate(MaxChildAge, 0, 0).After(p.ReceivedAt):
				v.Add(field+".birth_date", "not_a_child", "Deze persoon is 18 jaar of ouder. Vul hem of haar in bij de volwassenen.")
			}
			pp.Birth = t
		}
		if strings.TrimSpace(in.BSN) != "" {
			n, err := bsn.Normalize(in.BSN)
			switch {
			case errors.Is(err, bsn.ErrFormat):
				v.Add(field+".bsn", "format", "Een BSN heeft 9 cijfers.")
			case err != nil:
				v.Add(field+".bsn", "checksum", "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.")
			default:
				if other, dup := seenBSN[n]; dup {
					v.Add(field+".bsn", "duplicate", "Dit BSN is ook ingevuld bij "+other+".")
				}
				seenBSN[n] = field
				pp.BSN = n
			}
		}
		return pp
	}
	for i, c := range r.Children {
		p.Children = append(p.Children, person(fmt.Sprintf("children[%d]", i), c, true))
	}
	for i, a := range r.Adults {
		p.Adults = append(p.Adults, person(fmt.Sprintf("adults[%d]", i), a, false))
	}
	if p.Municipality == "" {
		v.Add("municipality", "required", "Vul de gemeente in waar het gezin woont.")
	}
	p.Concerns = dedupe(r.Concerns)
	if len(p.Concerns) == 0 {
		v.Add("concerns", "required", "Kies minstens één zorg.")
	}
	for i, c := range p.Concerns {
		if !has(Concerns, c) {
			v.Add(fmt.Sprintf("concerns[%d]", i), "unknown", fmt.Sprintf("Onbekende zorg %q.", c))
		}
	}
	p.Indicators = dedupe(r.Indicators)
	for i, code := range p.Indicators {
		if ind, ok := crisismeter.Lookup(code); !ok || code == crisismeter.ReasonEarlierReports {
			v.Add(fmt.Sprintf("indicators[%d]", i), "unknown", fmt.Sprintf("Onbekend signaal %q.", code))
		} else {
			_ = ind
		}
	}
	p.Finances = map[string]string{}
	for k, a := range r.Finances {
		if !has(FinanceQuestions, k) {
			v.Add("finances."+k, "unknown", "Onbekende vraag.")
			continue
		}
		if a == "" {
			continue
		}
		if !has(FinanceAnswers, a) {
			v.Add("finances."+k, "unknown", "Antwoord met ja, nee of weet ik niet.")
			continue
		}
		p.Finances[k] = a
	}
	if p.Narrative == "" {
		v.Add("narrative", "required", "Beschrijf kort wat er is gemeld.")
	}
	if r.Rating != nil && r.Rating.Color != "" && !crisismeter.Color(r.Rating.Color).Valid() {
		v.Add("rating.color", "unknown", "Kies rood, oranje of groen.")
	}
	return p, v.Err()
}

// checkLengths checks every text of the form against its limit (see
// package textlimit), as typed: a browser counts the same with maxlength.
func checkLengths(v *schakel.Validation, r Report) {
	textlimit.Check(v, "reporter.name", r.Reporter.Name, textlimit.Name)
	textlimit.Check(v, "reporter.organisation", r.Reporter.Organisation, textlimit.Name)
	textlimit.Check(v, "reporter.phone", r.Reporter.Phone, textlimit.Short)
	textlimit.Check(v, "address", r.Address, textlimit.Line)
	textlimit.Check(v, "postcode", r.Postcode, textlimit.Short)
	textlimit.Check(v, "municipality", r.Municipality, textlimit.Line)
	textlimit.Check(v, "narrative", r.Narrative, textlimit.Narrative)
	if r.Rating != nil {
		textlimit.Check(v, "rating.reason", r.Rating.Reason, textlimit.Reason)
	}
	persons := func(kind string, ps []Person) {
		for i, p := range ps {
			field := fmt.Sprintf("%s[%d].", kind, i)
			textlimit.Check(v, field+"given_names", p.GivenNames, textlimit.Name)
			textlimit.Check(v, field+"family_name", p.FamilyName, textlimit.Name)
		}
	}
	persons("children", r.Children)
	persons("adults", r.Adults)
}

// FinancialWorry reports whether the finance answers point at money
// problems: no money for school, not enough food, debts or housing at risk.
func (p Parsed) FinancialWorry() bool { return len(WorryingAnswers(p.Finances)) > 0 }

// WorryingAnswers returns, in question order, the finance questions whose
// answer points at money problems; the label is the question with the
// answer given ("Is er ongeopende post, of zijn er schulden? Antwoord: ja.").
func WorryingAnswers(f map[string]string) []Option {
	var out []Option
	for _, q := range FinanceQuestions {
		worry, word := "yes", "ja"
		if q.Code == "money_for_school_and_transport" || q.Code == "enough_food" {
			worry, word = "no", "nee"
		}
		if f[q.Code] == worry {
			out = append(out, Option{Code: q.Code, Label: q.Label + " Antwoord: " + word + "."})
		}
	}
	return out
}

// Persons returns children then adults.
func (p Parsed) Persons() []ParsedPerson { return append(slices.Clone(p.Children), p.Adults...) }

func dedupe(s []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, x := range s {
		x = strings.TrimSpace(x)
		if x == "" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}
