package intake

import (
	"slices"
	"strings"
	"testing"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

func valid() Report {
	return Report{
		Reporter:     Reporter{Kind: "citizen", Name: "Buurvrouw"},
		Children:     []Person{{GivenNames: "Sem", FamilyName: "Bakker", BirthDate: "2018-07-01"}},
		Adults:       []Person{{GivenNames: "Ilse", FamilyName: "Bakker", BirthDate: "1990-01-01", BSN: "111.222.333", Relation: "parent"}},
		Municipality: "Schiedam",
		Concerns:     []string{"neglect", "neglect"},
		Indicators:   []string{"chronic_neglect"},
		Finances:     map[string]string{"enough_food": "no", "housing_at_risk": ""},
		Narrative:    "  Kinderen lopen zonder jas en eten rond.  ",
	}
}

func TestValidateAcceptsAndNormalises(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	p, err := Validate(valid(), now)
	if err != nil {
		t.Fatal(err)
	}
	if !p.ReceivedAt.Equal(now) || p.Adults[0].BSN != "111222333" || p.Children[0].Relation != "child" ||
		len(p.Concerns) != 1 || p.Narrative != "Kinderen lopen zonder jas en eten rond." || !p.FinancialWorry() {
		t.Fatalf("parsed %+v", p)
	}
	if _, ok := p.Finances["housing_at_risk"]; ok {
		t.Error("an unanswered question must not be stored as an answer")
	}
}

func TestValidateNamesEveryField(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	past := now.Add(-100 * 24 * time.Hour)
	future := now.Add(time.Hour)
	tests := []struct {
		name  string
		edit  func(r *Report)
		field string
	}{
		{"reporter kind missing", func(r *Report) { r.Reporter.Kind = "" }, "reporter.kind"},
		{"reporter kind unknown", func(r *Report) { r.Reporter.Kind = "neighbour" }, "reporter.kind"},
		{"named reporter without name", func(r *Report) { r.Reporter.Name = "" }, "reporter.name"},
		{"professional without organisation", func(r *Report) { r.Reporter = Reporter{Kind: "professional", Name: "X"} }, "reporter.organisation"},
		{"received in the future", func(r *Report) { r.ReceivedAt = &future }, "received_at"},
		{"received long ago", func(r *Report) { r.ReceivedAt = &past }, "received_at"},
		{"no children", func(r *Report) { r.Children = nil }, "children"},
		{"child without given name", func(r *Report) { r.Children[0].GivenNames = " " }, "children[0].given_names"},
		{"child without birth date", func(r *Report) { r.Children[0].BirthDate = "" }, "children[0].birth_date"},
		{"impossible date", func(r *Report) { r.Children[0].BirthDate = "2019-13-01" }, "children[0].birth_date"},
		{"an adult as child", func(r *Report) { r.Children[0].BirthDate = "2000-01-01" }, "children[0].birth_date"},
		{"born before 1900", func(r *Report) { r.Adults[0].BirthDate = "1850-01-01" }, "adults[0].birth_date"},
		{"bsn checksum", func(r *Report) { r.Adults[0].BSN = "111222334" }, "adults[0].bsn"},
		{"bsn format", func(r *Report) { r.Adults[0].BSN = "12ab" }, "adults[0].bsn"},
		{"bsn twice", func(r *Report) { r.Children[0].BSN = "111222333" }, "adults[0].bsn"},
		{"unknown relation", func(r *Report) { r.Adults[0].Relation = "uncle" }, "adults[0].relation"},
		{"no municipality", func(r *Report) { r.Municipality = "" }, "municipality"},
		{"no concern", func(r *Report) { r.Concerns = nil }, "concerns"},
		{"unknown concern", func(r *Report) { r.Concerns = []string{"neglect", "noise"} }, "concerns[1]"},
		{"unknown indicator", func(r *Report) { r.Indicators = []string{"bogus"} }, "indicators[0]"},
		{"derived indicator ticked", func(r *Report) { r.Indicators = []string{"earlier_reports_24_months"} }, "indicators[0]"},
		{"unknown finance question", func(r *Report) { r.Finances = map[string]string{"car": "yes"} }, "finances.car"},
		{"unknown finance answer", func(r *Report) { r.Finances = map[string]string{"enough_food": "maybe"} }, "finances.enough_food"},
		{"no narrative", func(r *Report) { r.Narrative = "" }, "narrative"},
		{"unknown colour", func(r *Report) { r.Rating = &RatingChoice{Color: "purple"} }, "rating.color"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			r.Children = slices.Clone(r.Children)
			r.Adults = slices.Clone(r.Adults)
			tt.edit(&r)
			_, err := Validate(r, now)
			if schakel.ErrorCode(err) != schakel.EINVALID {
				t.Fatalf("err = %v", err)
			}
			fields := schakel.FieldErrors(err)
			if !slices.ContainsFunc(fields, func(f schakel.FieldError) bool { return f.Field == tt.field && f.Message != "" }) {
				t.Fatalf("fields %+v do not name %s", fields, tt.field)
			}
		})
	}
}

func TestValidateLimitsEveryText(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name  string
		edit  func(r *Report, n int)
		field string
		max   int
	}{
		{"child's given names", func(r *Report, n int) { r.Children[0].GivenNames = long(n) }, "children[0].given_names", textlimit.Name},
		{"child's family name", func(r *Report, n int) { r.Children[0].FamilyName = long(n) }, "children[0].family_name", textlimit.Name},
		{"adult's given names", func(r *Report, n int) { r.Adults[0].GivenNames = long(n) }, "adults[0].given_names", textlimit.Name},
		{"adult's family name", func(r *Report, n int) { r.Adults[0].FamilyName = long(n) }, "adults[0].family_name", textlimit.Name},
		{"reporter's name", func(r *Report, n int) { r.Reporter.Name = long(n) }, "reporter.name", textlimit.Name},
		{"reporter's organisation", func(r *Report, n int) { r.Reporter.Organisation = long(n) }, "reporter.organisation", textlimit.Name},
		{"reporter's phone", func(r *Report, n int) { r.Reporter.Phone = strings.Repeat("0", n) }, "reporter.phone", textlimit.Short},
		{"address", func(r *Report, n int) { r.Address = long(n) }, "address", textlimit.Line},
		{"postcode", func(r *Report, n int) { r.Postcode = long(n) }, "postcode", textlimit.Short},
		{"municipality", func(r *Report, n int) { r.Municipality = long(n) }, "municipality", textlimit.Line},
		{"narrative", func(r *Report, n int) { r.Narrative = long(n) }, "narrative", textlimit.Narrative},
		{"rating reason", func(r *Report, n int) { r.Rating = &RatingChoice{Color: "orange", Reason: long(n)} }, "rating.reason", textlimit.Reason},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.edit(&r, tt.max)
			if _, err := Validate(r, now); err != nil {
				t.Fatalf("at the limit (%d): %v", tt.max, err)
			}
			r = valid()
			tt.edit(&r, tt.max+1)
			_, err := Validate(r, now)
			if !slices.ContainsFunc(schakel.FieldErrors(err), func(f schakel.FieldError) bool {
				return f.Field == tt.field && f.Code == textlimit.CodeTooLong
			}) {
				t.Fatalf("one over the limit: %v, want %s too_long", schakel.FieldErrors(err), tt.field)
			}
		})
	}
}
