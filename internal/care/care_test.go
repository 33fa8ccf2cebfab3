package care

import (
	"slices"
	"testing"
	"time"

	"schakel"
)

func fields(err error) []string {
	var out []string
	for _, f := range schakel.FieldErrors(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestDeadline(t *testing.T) {
	friday := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		urgency string
		want    string
	}{{schakel.UrgencyWeeks, "2026-12-12"}, {schakel.UrgencyDays, "2026-12-08"}}
	for _, c := range cases {
		t.Run(c.urgency, func(t *testing.T) {
			d := Deadline(friday, c.urgency)
			// the end of the last working day is the next day's midnight in Amsterdam
			if got := d.Add(time.Hour).Format(time.DateOnly); got != c.want {
				t.Errorf("deadline %s, want the start of %s", d, c.want)
			}
			if !Late(d, d) || Late(d.Add(-time.Second), d) {
				t.Error("an answer at the deadline is late, one second before is not")
			}
		})
	}
}

func TestReaches(t *testing.T) {
	p := schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedDebts, schakel.NeedHousing}, Municipalities: []string{"Rotterdam", "Schiedam"}}
	debts := []schakel.CareNeed{{Category: schakel.NeedDebts}}
	cases := []struct {
		name  string
		p     schakel.ProviderProfile
		muni  string
		needs []schakel.CareNeed
		want  bool
	}{
		{"need and place", p, "schiedam", debts, true},
		{"another place", p, "Vlaardingen", debts, false},
		{"another need", p, "Rotterdam", []schakel.CareNeed{{Category: schakel.NeedTrauma}}, false},
		{"everywhere in the region", schakel.ProviderProfile{Categories: p.Categories}, "Vlaardingen", debts, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Reaches(c.p, c.muni, c.needs); got != c.want {
				t.Errorf("Reaches = %v, want %v", got, c.want)
			}
		})
	}
}

func TestValidateRequest(t *testing.T) {
	ok := Request{Needs: []schakel.CareNeed{{Category: schakel.NeedDebts, Text: "Post wordt niet geopend."}}, Urgency: schakel.UrgencyWeeks}
	cases := []struct {
		name   string
		change func(r *Request)
		fields []string
	}{
		{"complete", func(*Request) {}, nil},
		{"no needs", func(r *Request) { r.Needs = nil }, []string{"needs"}},
		{"unknown need", func(r *Request) { r.Needs[0].Category = "horoscope" }, []string{"needs[0].category"}},
		{"no urgency", func(r *Request) { r.Urgency = "" }, []string{"urgency"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := ok
			r.Needs = slices.Clone(ok.Needs)
			c.change(&r)
			if got := fields(ValidateRequest(r)); !slices.Equal(got, c.fields) {
				t.Errorf("fields = %v, want %v", got, c.fields)
			}
		})
	}
}

func TestValidateAnswer(t *testing.T) {
	today := "2026-12-01"
	cases := []struct {
		name   string
		a      Answer
		fields []string
	}{
		{"can help", Answer{Approach: "Wekelijks thuis.", EarliestStart: "2026-12-07"}, nil},
		{"no approach", Answer{EarliestStart: "2026-12-07"}, []string{"approach"}},
		{"start in the past", Answer{Approach: "x", EarliestStart: "2026-11-30"}, []string{"earliest_start"}},
		{"no capacity with a date", Answer{NoCapacity: true, ExpectedRoom: "2027-02-01"}, nil},
		{"no capacity without a date", Answer{NoCapacity: true}, []string{"expected_room"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := fields(ValidateAnswer(c.a, today)); !slices.Equal(got, c.fields) {
				t.Errorf("fields = %v, want %v", got, c.fields)
			}
		})
	}
}

func TestValidateChoice(t *testing.T) {
	answers := []schakel.CareAnswer{{Organisation: schakel.OrganisationRef{ID: 1}}, {Organisation: schakel.OrganisationRef{ID: 2}, NoCapacity: true}}
	for _, c := range []struct {
		org  int64
		code string
	}{{1, ""}, {2, "no_capacity"}, {3, "not_answered"}} {
		fe := schakel.FieldErrors(ValidateChoice(answers, c.org))
		if (c.code == "" && len(fe) > 0) || (c.code != "" && (len(fe) != 1 || fe[0].Code != c.code)) {
			t.Errorf("org %d: %+v, want %q", c.org, fe, c.code)
		}
	}
}

func TestAgeBand(t *testing.T) {
	for age, want := range map[int]string{0: "0-3", 3: "0-3", 4: "4-11", 11: "4-11", 12: "12-17", 17: "12-17", 18: "18+"} {
		if got := AgeBand(age); got != want {
			t.Errorf("AgeBand(%d) = %s, want %s", age, got, want)
		}
	}
}
