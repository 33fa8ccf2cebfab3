// Package intake holds the shared intake form (melding) that every chain
// organisation uses: its versioned definition and its validation. It knows
// nothing of HTTP or SQL; storage files a validated report.
package intake

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
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
