package web

// The intake form as typed: read from a post, opened from a draft, and
// turned into an intake.Report with blank rows dropped.

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/intake"
	"schakel/internal/workdays"
)

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
		i, err := strconv.Atoi(m[2])
		if err != nil || i >= maxFormRows {
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
	i, err := strconv.Atoi(sm[2])
	if err != nil {
		return field
	}
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
