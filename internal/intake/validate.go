package intake

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/bsn"
	"schakel/internal/crisismeter"
)

// Validate checks the form and returns it parsed, or an EINVALID error that
// names every wrong field (children[0].bsn) in Dutch. The checks run in the
// form's order, so that the errors list in the order a person reads them.
func Validate(r Report, now time.Time) (Parsed, error) {
	var v schakel.Validation
	p := Parsed{Report: r}
	trimReport(&p)
	checkLengths(&v, r)
	checkReporter(&v, p.Reporter)
	p.ReceivedAt = receivedAt(&v, r.ReceivedAt, now)
	if len(r.Children) == 0 {
		v.Add("children", "required", "Vul minstens één kind in.")
	}
	if len(r.Children)+len(r.Adults) > MaxPersons {
		v.Add("children", "too_many", fmt.Sprintf("Een melding kan over hoogstens %d personen gaan.", MaxPersons))
	}
	pc := personCheck{v: &v, now: now, receivedAt: p.ReceivedAt, seenBSN: map[string]string{}}
	for i, c := range r.Children {
		p.Children = append(p.Children, pc.person(fmt.Sprintf("children[%d]", i), c, true))
	}
	for i, a := range r.Adults {
		p.Adults = append(p.Adults, pc.person(fmt.Sprintf("adults[%d]", i), a, false))
	}
	if p.Municipality == "" {
		v.Add("municipality", "required", "Vul de gemeente in waar het gezin woont.")
	}
	p.Concerns = checkConcerns(&v, r.Concerns)
	p.Indicators = checkIndicators(&v, r.Indicators)
	p.Finances = checkFinances(&v, r.Finances)
	if p.Narrative == "" {
		v.Add("narrative", "required", "Beschrijf kort wat er is gemeld.")
	}
	if r.Rating != nil && r.Rating.Color != "" && !crisismeter.Color(r.Rating.Color).Valid() {
		v.Add("rating.color", "unknown", "Kies rood, oranje of groen.")
	}
	return p, v.Err()
}

// trimReport takes the spaces around the report's free texts.
func trimReport(p *Parsed) {
	for _, s := range []*string{&p.Reporter.Name, &p.Reporter.Organisation, &p.Reporter.Phone, &p.Address, &p.Postcode, &p.Municipality, &p.Narrative} {
		*s = strings.TrimSpace(*s)
	}
}

// checkReporter checks who reports: a known kind, a name unless anonymous,
// and the organisation of a professional.
func checkReporter(v *schakel.Validation, rep Reporter) {
	switch {
	case rep.Kind == "":
		v.Add("reporter.kind", "required", "Kies wie de melding doet.")
	case !has(ReporterKinds, rep.Kind):
		v.Add("reporter.kind", "unknown", "Kies wie de melding doet uit de lijst.")
	case rep.Kind != "anonymous" && rep.Name == "":
		v.Add("reporter.name", "required", "Vul de naam van de melder in, of kies 'Anoniem'.")
	}
	if rep.Kind == "professional" && rep.Organisation == "" {
		v.Add("reporter.organisation", "required", "Vul de organisatie van de melder in.")
	}
}

// receivedAt is when the report came in: now unless given, never in the
// future and not more than 90 days back.
func receivedAt(v *schakel.Validation, given *time.Time, now time.Time) time.Time {
	at := now
	if given != nil {
		at = *given
		switch {
		case at.After(now.Add(5 * time.Minute)):
			v.Add("received_at", "future", "Het moment van binnenkomst kan niet in de toekomst liggen.")
		case at.Before(now.Add(-maxPastReceived)):
			v.Add("received_at", "too_old", "Het moment van binnenkomst ligt meer dan 90 dagen terug. Controleer de datum.")
		}
	}
	return at.UTC().Truncate(time.Microsecond)
}

// personCheck checks the persons of one report; a BSN may appear once.
type personCheck struct {
	v               *schakel.Validation
	now, receivedAt time.Time
	seenBSN         map[string]string // normalised BSN → field that has it
}

// person checks one child or adult of the form at field (children[0]).
func (c personCheck) person(field string, in Person, child bool) ParsedPerson {
	pp := ParsedPerson{Person: in}
	for _, s := range []*string{&pp.GivenNames, &pp.FamilyName, &pp.Relation} {
		*s = strings.TrimSpace(*s)
	}
	if pp.GivenNames == "" {
		c.v.Add(field+".given_names", "required", "Vul de voornaam in.")
	}
	if pp.FamilyName == "" {
		c.v.Add(field+".family_name", "required", "Vul de achternaam in.")
	}
	rels := AdultRelations
	if child {
		rels = ChildRelations
	}
	if pp.Relation == "" {
		pp.Relation = rels[0].Code
	} else if !has(rels, pp.Relation) {
		c.v.Add(field+".relation", "unknown", "Kies de relatie uit de lijst.")
	}
	pp.Birth = c.birth(field, in.BirthDate, child)
	if strings.TrimSpace(in.BSN) != "" {
		if n, ok := c.bsn(field, in.BSN); ok {
			pp.BSN = n
		}
	}
	return pp
}

// birth parses a birth date: required for a child, a real date in the
// past, and under 18 on the day of the report for a child.
func (c personCheck) birth(field, date string, child bool) time.Time {
	if date == "" {
		if child {
			c.v.Add(field+".birth_date", "required", "Vul de geboortedatum van het kind in.")
		}
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", strings.TrimSpace(date))
	if err != nil {
		c.v.Add(field+".birth_date", "format", "Vul een bestaande datum in als jjjj-mm-dd, bijvoorbeeld 2016-03-09.")
		return time.Time{}
	}
	switch {
	case t.After(c.now):
		c.v.Add(field+".birth_date", "future", "De geboortedatum kan niet in de toekomst liggen.")
	case t.Year() < earliestBirth:
		c.v.Add(field+".birth_date", "too_old", "Deze geboortedatum is niet mogelijk.")
	case child && !t.AddDate(MaxChildAge, 0, 0).After(c.receivedAt):
		c.v.Add(field+".birth_date", "not_a_child", "Deze persoon is 18 jaar of ouder. Vul hem of haar in bij de volwassenen.")
	}
	return t
}

// bsn normalises a BSN (ok is false for one that is not a BSN); one
// already given for another person of the report is an error too.
func (c personCheck) bsn(field, in string) (n string, ok bool) {
	n, err := bsn.Normalize(in)
	switch {
	case errors.Is(err, bsn.ErrFormat):
		c.v.Add(field+".bsn", "format", "Een BSN heeft 9 cijfers.")
		return "", false
	case err != nil:
		c.v.Add(field+".bsn", "checksum", "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers.")
		return "", false
	}
	if other, dup := c.seenBSN[n]; dup {
		c.v.Add(field+".bsn", "duplicate", "Dit BSN is ook ingevuld bij "+other+".")
	}
	c.seenBSN[n] = field
	return n, true
}

// checkConcerns returns the concerns once each; at least one, all known.
func checkConcerns(v *schakel.Validation, in []string) []string {
	concerns := dedupe(in)
	if len(concerns) == 0 {
		v.Add("concerns", "required", "Kies minstens één zorg.")
	}
	for i, c := range concerns {
		if !has(Concerns, c) {
			v.Add(fmt.Sprintf("concerns[%d]", i), "unknown", fmt.Sprintf("Onbekende zorg %q.", c))
		}
	}
	return concerns
}

// checkIndicators returns the crisis meter's signals once each; all known,
// and never "earlier reports", which Schakel counts itself.
func checkIndicators(v *schakel.Validation, in []string) []string {
	indicators := dedupe(in)
	for i, code := range indicators {
		if _, ok := crisismeter.Lookup(code); !ok || code == crisismeter.ReasonEarlierReports {
			v.Add(fmt.Sprintf("indicators[%d]", i), "unknown", fmt.Sprintf("Onbekend signaal %q.", code))
		}
	}
	return indicators
}

// checkFinances keeps the answered financial questions; unknown questions
// and answers are errors, unanswered ones are left out.
func checkFinances(v *schakel.Validation, in map[string]string) map[string]string {
	out := map[string]string{}
	for k, a := range in {
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
		out[k] = a
	}
	return out
}
