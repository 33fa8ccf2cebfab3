package matching

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatalf("bad date %q: %v", s, err)
	}
	return d
}

func person(t testing.TB, id int64, given, family, birth string) Person {
	t.Helper()
	p := Person{ID: id, GivenNames: given, FamilyName: family}
	if birth != "" {
		p.BirthDate = date(t, birth)
	}
	return p
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jansen", "jansen"},
		{"  JANSEN  ", "jansen"},
		{"van der Berg", "berg"},
		{"Berg", "berg"},
		{"Van den Berg-de Vries", "berg vries"},
		{"van den berg – de vries", "berg vries"},
		{"in 't Veld", "veld"},
		{"in ’t Veld", "veld"},
		{"op de Beek", "beek"},
		{"ter Horst", "horst"},
		{"ten Cate", "cate"},
		{"te Riele", "riele"},
		{"'t Hart", "hart"},
		{"'s-Gravesande", "gravesande"},
		{"v.d. Berg", "berg"},
		{"El Amrani", "amrani"},
		{"la Rivière", "riviere"},
		{"Le Blanc", "blanc"},
		{"du Pré", "pre"},
		{"De", "de"},
		{"van der", "van der"},
		{"Brontë", "bronte"},
		{"Zoë", "zoe"},
		{"Loïs", "lois"},
		{"Søren Ørsted", "soren orsted"},
		{"Weiß", "weiss"},
		{"Çelik", "celik"},
		{"Şahin", "sahin"},
		{"Ĳsselmuiden", "ijsselmuiden"},
		{"Zoe\u0308", "zoe"}, // decomposed diaeresis
		{"O'Brien", "obrien"},
		{"Jan-Willem", "jan willem"},
		{"Jan\t\tWillem", "jan willem"},
		{"Anne_Marie 2", "anne marie"},
		{"", ""},
		{" - ' ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPhoneticKeySame(t *testing.T) {
	groups := [][]string{
		{"Jansen", "Janssen", "Jansen"},
		{"Meijer", "Meyer", "Meier", "Mijer"},
		{"Dijkstra", "Dykstra", "Deikstra"},
		{"de Jong", "de Jongh"},
		{"Bouwman", "Bouman"},
		{"Smit", "Smid", "Smidt", "Schmidt"},
		{"Bosch", "Bos"},
		{"Thijs", "Tijs"},
		{"Yusuf", "Joesoef"},
		{"Mohammed", "Mohamed", "Muhammad"},
		{"Bakker", "Backer", "Baker"},
		{"Visser", "Fisser"},
		{"de Graaf", "de Graaff", "de Graav"},
		{"Huisman", "Huysman"},
		{"Kok", "Cok", "Kock"},
		{"Jacob", "Jakop"},
		{"Zanten", "Santen"},
		{"Philips", "Filips"},
		{"Fatima", "Fatma"},
		{"Leeuwen", "Leuwen"},
		{"Gerrits", "Cherrits"},
	}
	for _, g := range groups {
		t.Run(strings.Join(g, "="), func(t *testing.T) {
			want := PhoneticKey(Normalize(g[0]))
			if want == "" {
				t.Fatalf("empty key for %q", g[0])
			}
			for _, name := range g[1:] {
				if got := PhoneticKey(Normalize(name)); got != want {
					t.Errorf("PhoneticKey(%q) = %q, want %q (as %q)", name, got, want, g[0])
				}
			}
		})
	}
}

func TestPhoneticKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"jansen", "JNSN"},
		{"amrani", "AMRN"},
		{"ijzerman", "ASRMN"},
		{"yvonne", "AFN"},
		{"schouten", "SGTN"},
		{"schreuder", "SGRDR"},
		{"alex", "ALKS"},
		{"hendriks", "HNDRKS"},
		{"vandenberghe", "FNDNBR"},
		{"", ""},
		{"محمد", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := PhoneticKey(tt.in); got != tt.want {
				t.Errorf("PhoneticKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPhoneticKeyDifferent(t *testing.T) {
	pairs := [][2]string{
		{"jansen", "pietersen"},
		{"bakker", "visser"},
		{"smit", "mulder"},
		{"berg", "vries"},
	}
	for _, p := range pairs {
		t.Run(p[0]+"/"+p[1], func(t *testing.T) {
			if a, b := PhoneticKey(p[0]), PhoneticKey(p[1]); a == b {
				t.Errorf("PhoneticKey(%q) = PhoneticKey(%q) = %q", p[0], p[1], a)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	tests := []struct {
		name string
		p    Person
		want []string
	}{
		{"full", Person{BSN: "123456782", GivenNames: "Jan Pieter", FamilyName: "van der Berg", BirthDate: date(t, "2015-03-04")},
			[]string{"b:123456782", "e:20150304:BRG", "e:20150304:JN", "d:20150304", "n:BRG:2015:03", "n:BRG:2015:04", "n:JN:2015:03", "n:JN:2015:04", "m:BRG:0304", "m:JN:0304"}},
		{"bsn written with spaces and a dropped zero", Person{BSN: " 1234 5678 ", GivenNames: "Jan", FamilyName: "Berg", BirthDate: date(t, "2015-03-04")},
			[]string{"b:012345678", "e:20150304:BRG", "e:20150304:JN", "d:20150304", "n:BRG:2015:03", "n:BRG:2015:04", "n:JN:2015:03", "n:JN:2015:04", "m:BRG:0304", "m:JN:0304"}},
		{"no bsn", Person{GivenNames: "Fatima", FamilyName: "El Amrani", BirthDate: date(t, "1990-12-01")},
			[]string{"e:19901201:AMRN", "e:19901201:FTM", "d:19901201", "n:AMRN:1990:12", "n:AMRN:1990:01", "n:FTM:1990:12", "n:FTM:1990:01", "m:AMRN:1201", "m:FTM:1201"}},
		{"no birth date", Person{BSN: "123456782", GivenNames: "Jan", FamilyName: "Berg"}, []string{"b:123456782"}},
		{"nothing", Person{GivenNames: "Jan", FamilyName: "Berg"}, []string{}},
		{"given equals family", Person{GivenNames: "Jan", FamilyName: "Jan", BirthDate: date(t, "2015-03-04")},
			[]string{"e:20150304:JN", "d:20150304", "n:JN:2015:03", "n:JN:2015:04", "m:JN:0304"}},
		{"no names", Person{BirthDate: date(t, "2015-03-04")}, []string{"d:20150304"}},
		{"month equals day", Person{GivenNames: "Jan", FamilyName: "Berg", BirthDate: date(t, "2015-07-07")},
			[]string{"e:20150707:BRG", "e:20150707:JN", "d:20150707", "n:BRG:2015:07", "n:JN:2015:07", "m:BRG:0707", "m:JN:0707"}},
		{"non-latin script", Person{GivenNames: "Олена", FamilyName: "Шевченко", BirthDate: date(t, "2001-01-02")},
			[]string{"e:20010102:шевченко", "e:20010102:олена", "d:20010102", "n:шевченко:2001:01", "n:шевченко:2001:02", "n:олена:2001:01", "n:олена:2001:02", "m:шевченко:0102", "m:олена:0102"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Keys(tt.p)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Keys = %q, want %q", got, tt.want)
			}
			if len(got) > 10 {
				t.Errorf("%d keys, want at most 10", len(got))
			}
		})
	}
}

// scenario is a query and a candidate that must be proposed as a match and
// must meet through at least one blocking key.
type scenario struct {
	name       string
	query, can Person
	reasons    []string // expected Match.Reasons
}

func matchScenarios(t testing.TB) []scenario {
	t.Helper()
	p := func(id int64, given, family, birth string) Person { return person(t, id, given, family, birth) }
	return []scenario{
		{"identical", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jan", "Jansen", "2010-05-06"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"family name typo Jansen/Janssen", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jan", "Janssen", "2010-05-06"),
			[]string{"birth_date_equal", "family_name_typo", "given_name_equal"}},
		{"family name typo with wrong letter", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jan", "Jamsen", "2010-05-06"),
			[]string{"birth_date_equal", "family_name_typo", "given_name_equal"}},
		{"family name transposition", p(1, "Sara", "Bakker", "1987-11-30"), p(2, "Sara", "Bakekr", "1987-11-30"),
			[]string{"birth_date_equal", "family_name_typo", "given_name_equal"}},
		{"given name typo", p(1, "Mohammed", "Yilmaz", "2012-01-15"), p(2, "Mohamed", "Yilmaz", "2012-01-15"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_typo"}},
		{"given name spelling variant", p(1, "Mohammed", "Yilmaz", "2012-01-15"), p(2, "Muhammad", "Yilmaz", "2012-01-15"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_typo"}},
		{"swapped given and family name", p(1, "Fatima", "El Amrani", "1990-12-01"), p(2, "El Amrani", "Fatima", "1990-12-01"),
			[]string{"birth_date_equal", "names_swapped", "family_name_equal", "given_name_equal"}},
		{"swapped with a typo", p(1, "Fatima", "El Amrani", "1990-12-01"), p(2, "Amrani", "Fatma", "1990-12-01"),
			[]string{"birth_date_equal", "names_swapped", "family_name_equal", "given_name_typo"}},
		{"diacritics", p(1, "Zoë", "Brontë", "2008-02-29"), p(2, "Zoe", "Bronte", "2008-02-29"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"diacritics ø and ß", p(1, "Søren", "Weiß", "2008-02-28"), p(2, "Soren", "Weiss", "2008-02-28"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"tussenvoegsels", p(1, "Pieter", "van der Berg", "1975-07-07"), p(2, "Pieter", "Berg", "1975-07-07"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"tussenvoegsel written differently", p(1, "Pieter", "van den Berg", "1975-07-07"), p(2, "Pieter", "Vd Berg", "1975-07-07"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"double family name", p(1, "Anna", "Van den Berg-de Vries", "1980-04-01"), p(2, "Anna", "Berg", "1980-04-01"),
			[]string{"birth_date_equal", "family_name_partial", "given_name_equal"}},
		{"double family name in other order", p(1, "Anna", "Berg-de Vries", "1980-04-01"), p(2, "Anna", "de Vries-van den Berg", "1980-04-01"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"all given names against the first", p(1, "Jan Pieter", "Smit", "2001-09-09"), p(2, "Jan", "Smit", "2001-09-09"),
			[]string{"birth_date_equal", "family_name_equal", "given_name_partial"}},
		{"day and month swapped", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jan", "Jansen", "2010-06-05"),
			[]string{"birth_date_day_month_swapped", "family_name_equal", "given_name_equal"}},
		{"day and month swapped with a typo", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jan", "Janssen", "2010-06-05"),
			[]string{"birth_date_day_month_swapped", "family_name_typo", "given_name_equal"}},
		{"wrong birth year digit", p(1, "Lotte", "Visser", "2014-08-21"), p(2, "Lotte", "Visser", "2016-08-21"),
			[]string{"birth_date_one_digit_off", "family_name_equal", "given_name_equal"}},
		{"wrong birth year and a family name typo", p(1, "Lotte", "Visser", "2014-08-21"), p(2, "Lotte", "Vissser", "2016-08-21"),
			[]string{"birth_date_one_digit_off", "family_name_typo", "given_name_equal"}},
		{"wrong day digit", p(1, "Lotte", "Visser", "2014-08-21"), p(2, "Lotte", "Visser", "2014-08-27"),
			[]string{"birth_date_one_digit_off", "family_name_equal", "given_name_equal"}},
		{"year digits transposed", p(1, "Noah", "de Boer", "2019-03-12"), p(2, "Noah", "de Boer", "2091-03-12"),
			[]string{"birth_date_digits_transposed", "family_name_equal", "given_name_equal"}},
		{"day digits transposed", p(1, "Noah", "de Boer", "2019-03-12"), p(2, "Noah", "de Boer", "2019-03-21"),
			[]string{"birth_date_digits_transposed", "family_name_equal", "given_name_equal"}},
		{"one bsn missing", Person{ID: 1, BSN: "123456782", GivenNames: "Jan", FamilyName: "Jansen", BirthDate: date(t, "2010-05-06")},
			p(2, "Jan", "Janssen", "2010-05-06"),
			[]string{"birth_date_equal", "family_name_typo", "given_name_equal"}},
	}
}

func TestScoreMatches(t *testing.T) {
	for _, sc := range matchScenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			m := Score(sc.query, sc.can)
			if m.Score < Threshold || m.Score > 1 {
				t.Errorf("Score = %v, want in [%v, 1]", m.Score, Threshold)
			}
			if !reflect.DeepEqual(m.Reasons, sc.reasons) {
				t.Errorf("Reasons = %q, want %q", m.Reasons, sc.reasons)
			}
			if m.Candidate != sc.can {
				t.Errorf("Candidate = %+v, want %+v", m.Candidate, sc.can)
			}
			if back := Score(sc.can, sc.query); back.Score != m.Score {
				t.Errorf("not symmetric: %v one way, %v the other", m.Score, back.Score)
			}
		})
	}
}

func TestKeysMeetInMatchScenarios(t *testing.T) {
	for _, sc := range matchScenarios(t) {
		t.Run(sc.name, func(t *testing.T) {
			qk, ck := Keys(sc.query), Keys(sc.can)
			for _, k := range qk {
				if slices.Contains(ck, k) {
					return
				}
			}
			t.Errorf("no shared key: query %q, candidate %q", qk, ck)
		})
	}
	// Without the birth-date key, the name keys alone must still meet when
	// the birth date is not exactly equal.
	for _, sc := range matchScenarios(t) {
		if sc.query.BirthDate.Equal(sc.can.BirthDate) {
			continue
		}
		t.Run("name keys/"+sc.name, func(t *testing.T) {
			qk, ck := Keys(sc.query), Keys(sc.can)
			for _, k := range qk {
				if !strings.HasPrefix(k, "d:") && slices.Contains(ck, k) {
					return
				}
			}
			t.Errorf("no shared name key: query %q, candidate %q", qk, ck)
		})
	}
}

// TestKeysMeetOnExactDateKeys: every scenario with an equal birth date also
// meets on an e: key (date and name sound together), so a storage layer
// that caps the large d: and n: groups still finds it.
func TestKeysMeetOnExactDateKeys(t *testing.T) {
	for _, sc := range matchScenarios(t) {
		if !sc.query.BirthDate.Equal(sc.can.BirthDate) {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			qk, ck := Keys(sc.query), Keys(sc.can)
			for _, k := range qk {
				if strings.HasPrefix(k, "e:") && slices.Contains(ck, k) {
					return
				}
			}
			t.Errorf("no shared e: key: query %q, candidate %q", qk, ck)
		})
	}
}

func TestKeysMeetOnNamesWithSameDate(t *testing.T) {
	// With an equal birth date the d: key always meets; the name keys must
	// also meet for phonetic variants so that a wrong date would still be
	// caught.
	p := func(id int64, given, family string) Person { return person(t, id, given, family, "2010-05-06") }
	pairs := [][2]Person{
		{p(1, "Jan", "Jansen"), p(2, "Jan", "Janssen")},
		{p(1, "Jan", "Jansen"), p(2, "Jan", "Jamsen")}, // family key differs; the given key meets
		{p(1, "Mohammed", "Yilmaz"), p(2, "Muhammad", "Yilmaz")},
		{p(1, "Fatima", "El Amrani"), p(2, "El Amrani", "Fatima")},
		{p(1, "Pieter", "van der Berg"), p(2, "Pieter", "Berg")},
		{p(1, "Zoë", "Brontë"), p(2, "Zoe", "Bronte")},
	}
	for _, pr := range pairs {
		t.Run(pr[0].GivenNames+" "+pr[0].FamilyName+"/"+pr[1].GivenNames+" "+pr[1].FamilyName, func(t *testing.T) {
			qk, ck := Keys(pr[0]), Keys(pr[1])
			for _, k := range qk {
				if strings.HasPrefix(k, "n:") && slices.Contains(ck, k) {
					return
				}
			}
			t.Errorf("no shared n: key: %q and %q", qk, ck)
		})
	}
}

func TestScoreNoMatch(t *testing.T) {
	p := func(id int64, given, family, birth string) Person { return person(t, id, given, family, birth) }
	withBSN := func(q Person, bsn string) Person { q.BSN = bsn; return q }
	tests := []struct {
		name       string
		query, can Person
		reason     string // must be among the reasons
	}{
		{"different bsn, everything else equal",
			withBSN(p(1, "Jan", "Jansen", "2010-05-06"), "123456782"), withBSN(p(2, "Jan", "Jansen", "2010-05-06"), "111222333"),
			"bsn_different"},
		{"similar name, different birth date", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jan", "Janssen", "2011-09-17"),
			"birth_date_different"},
		{"common name, different birth date", p(1, "Jan", "de Vries", "1980-03-04"), p(2, "Jan", "de Vries", "1981-07-14"),
			"birth_date_different"},
		{"common name, birth date two digits off", p(1, "Jan", "de Vries", "1980-03-04"), p(2, "Jan", "de Vries", "1980-03-15"),
			"birth_date_different"},
		{"no birth date", p(1, "Jan", "Jansen", ""), p(2, "Jan", "Jansen", "2010-05-06"), "birth_date_missing"},
		{"twins", p(1, "Sanne", "de Vries", "2015-03-04"), p(2, "Sophie", "de Vries", "2015-03-04"), "given_name_different"},
		{"twins with short names", p(1, "Daan", "de Vries", "2015-03-04"), p(2, "Dina", "de Vries", "2015-03-04"), "given_name_different"},
		{"same birth date, other person", p(1, "Emma", "Bakker", "2015-03-04"), p(2, "Lucas", "Visser", "2015-03-04"), "family_name_different"},
		{"nearly equal date and two typos", p(1, "Jan", "Jansen", "2010-05-06"), p(2, "Jon", "Janssen", "2010-06-05"), "given_name_different"},
		{"missing family name", p(1, "Jan", "", "2010-05-06"), p(2, "Jan", "Jansen", "2010-05-06"), "family_name_missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Score(tt.query, tt.can)
			if m.Score >= Threshold {
				t.Errorf("Score = %v (%q), want below %v", m.Score, m.Reasons, Threshold)
			}
			if !slices.Contains(m.Reasons, tt.reason) {
				t.Errorf("Reasons = %q, want %q among them", m.Reasons, tt.reason)
			}
			if got := Rank(tt.query, []Person{tt.can}); len(got) != 0 {
				t.Errorf("Rank proposed %+v", got)
			}
		})
	}
}

func TestScoreBSN(t *testing.T) {
	tests := []struct {
		name       string
		qBSN, cBSN string
		q, c       [3]string // given, family, birth date
		score      float64
		reasons    []string
	}{
		{"equal, names differ completely", "123456782", "123456782",
			[3]string{"Jan", "Jansen", "2010-05-06"}, [3]string{"Kees", "Pietersen", "1970-01-01"}, 1, []string{"bsn_equal"}},
		{"equal with different formatting", "1234.56.782", " 123456782 ",
			[3]string{"Jan", "Jansen", "2010-05-06"}, [3]string{"Jan", "Jansen", "2010-05-06"}, 1, []string{"bsn_equal"}},
		{"equal, dropped leading zero", "12345678", "012345678",
			[3]string{"Jan", "Jansen", "2010-05-06"}, [3]string{"Jan", "Jansen", "2010-05-06"}, 1, []string{"bsn_equal"}},
		{"different", "123456782", "123456783",
			[3]string{"Jan", "Jansen", "2010-05-06"}, [3]string{"Jan", "Jansen", "2010-05-06"}, 0, []string{"bsn_different"}},
		{"only one present falls back to names", "123456782", "",
			[3]string{"Jan", "Jansen", "2010-05-06"}, [3]string{"Jan", "Jansen", "2010-05-06"}, 1,
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
		{"blank BSN is absent", "  ", "123456782",
			[3]string{"Jan", "Jansen", "2010-05-06"}, [3]string{"Jan", "Jansen", "2010-05-06"}, 1,
			[]string{"birth_date_equal", "family_name_equal", "given_name_equal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := person(t, 1, tt.q[0], tt.q[1], tt.q[2])
			q.BSN = tt.qBSN
			c := person(t, 2, tt.c[0], tt.c[1], tt.c[2])
			c.BSN = tt.cBSN
			m := Score(q, c)
			if m.Score != tt.score || !reflect.DeepEqual(m.Reasons, tt.reasons) {
				t.Errorf("Score = %v %q, want %v %q", m.Score, m.Reasons, tt.score, tt.reasons)
			}
		})
	}
}

func TestScoreWeights(t *testing.T) {
	if s := WeightBirthDate + WeightFamilyName + WeightGivenNames; math.Abs(s-1) > 1e-9 {
		t.Fatalf("weights add up to %v, want 1", s)
	}
	// The best score without a birth date stays below the threshold.
	if WeightFamilyName+WeightGivenNames >= Threshold {
		t.Fatal("names alone reach the threshold")
	}
	tests := []struct {
		name       string
		query, can Person
		want       float64
	}{
		{"exact", person(t, 1, "Jan", "Jansen", "2010-05-06"), person(t, 2, "Jan", "Jansen", "2010-05-06"), 1},
		{"Jansen/Janssen", person(t, 1, "Jan", "Jansen", "2010-05-06"), person(t, 2, "Jan", "Janssen", "2010-05-06"),
			0.30 + 0.35*(1-1.0/7) + 0.35},
		{"day and month swapped", person(t, 1, "Jan", "Jansen", "2010-05-06"), person(t, 2, "Jan", "Jansen", "2010-06-05"),
			0.30*0.8 + 0.35 + 0.35},
		{"names only", person(t, 1, "Jan", "Jansen", "2010-05-06"), person(t, 2, "Jan", "Jansen", "1999-12-31"), 0.70},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Score(tt.query, tt.can).Score; math.Abs(got-tt.want) > 1e-4 {
				t.Errorf("Score = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDateSimilarity(t *testing.T) {
	tests := []struct {
		a, b   string
		sim    float64
		reason string
	}{
		{"2010-05-06", "2010-05-06", 1, "birth_date_equal"},
		{"2010-05-06", "2010-06-05", 0.8, "birth_date_day_month_swapped"},
		{"2010-05-06", "2010-05-08", 0.8, "birth_date_one_digit_off"},
		{"2010-05-06", "2010-08-06", 0.8, "birth_date_one_digit_off"},
		{"2010-05-06", "2011-05-06", 0.8, "birth_date_one_digit_off"},
		{"2010-05-06", "2000-05-06", 0.8, "birth_date_one_digit_off"},
		{"2019-05-06", "2091-05-06", 0.8, "birth_date_digits_transposed"},
		{"2010-05-12", "2010-05-21", 0.8, "birth_date_digits_transposed"},
		{"2010-01-06", "2010-10-06", 0.8, "birth_date_digits_transposed"},
		{"2010-05-06", "2010-05-17", 0, "birth_date_different"},
		{"2010-05-06", "2012-07-06", 0, "birth_date_different"},
		{"2019-01-06", "2011-09-06", 0, "birth_date_different"}, // swap across year and month is not a typo we accept
		{"2010-05-05", "2010-05-05", 1, "birth_date_equal"},
		{"2010-05-06", "", 0, "birth_date_missing"},
		{"", "", 0, "birth_date_missing"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			var a, b time.Time
			if tt.a != "" {
				a = date(t, tt.a)
			}
			if tt.b != "" {
				b = date(t, tt.b)
			}
			sim, reason := dateSimilarity(a, b)
			if sim != tt.sim || reason != tt.reason {
				t.Errorf("dateSimilarity = %v %q, want %v %q", sim, reason, tt.sim, tt.reason)
			}
		})
	}
	t.Run("civil date in another location", func(t *testing.T) {
		ams, err := time.LoadLocation("Europe/Amsterdam")
		if err != nil {
			t.Skip("no time zone data:", err)
		}
		a := time.Date(2010, 5, 6, 0, 0, 0, 0, ams)
		if sim, _ := dateSimilarity(a, date(t, "2010-05-06")); sim != 1 {
			t.Errorf("local midnight compared as another day: %v", sim)
		}
	})
}

func TestNameSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		sim  float64
		kind string
	}{
		{"jansen", "jansen", 1, "_equal"},
		{"obrien", "o brien", 1, "_equal"},
		{"berg vries", "vries berg", 1, "_equal"},
		{"jansen", "janssen", 1 - 1.0/7, "_typo"},
		{"bakker", "bakekr", 1 - 1.0/6, "_typo"},
		{"berg", "berg vries", 0.9, "_partial"},
		{"jan pieter", "jan", 0.9, "_partial"},
		{"sanne", "sophie", 1 - 4.0/6, "_different"},
		{"daan", "dina", 0.5, "_different"},
		{"jan", "", 0, "_missing"},
		{"", "", 0, "_missing"},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			sim, kind := nameSimilarity(tt.a, tt.b)
			if math.Abs(sim-tt.sim) > 1e-9 || kind != tt.kind {
				t.Errorf("nameSimilarity = %v %q, want %v %q", sim, kind, tt.sim, tt.kind)
			}
		})
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"jansen", "janssen", 1},
		{"jansen", "jasnen", 1},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau-Levenshtein
		{"kitten", "sitting", 3},
		{"zoë", "zoe", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := osaDistance([]rune(tt.a), []rune(tt.b)); got != tt.want {
				t.Errorf("osaDistance = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestRank(t *testing.T) {
	p := func(id int64, given, family, birth string) Person { return person(t, id, given, family, birth) }
	query := p(100, "Jan", "Jansen", "2010-05-06")
	candidates := []Person{
		p(7, "Jan", "Janssen", "2010-05-06"),  // typo
		p(3, "Piet", "Jansen", "2010-05-06"),  // other child, no match
		p(9, "Jan", "Jansen", "2010-05-06"),   // exact
		p(4, "Jan", "Jansen", "2010-05-06"),   // exact, lower id
		p(100, "Jan", "Jansen", "2010-05-06"), // the query itself
		p(5, "Jan", "Jansen", "2010-06-05"),   // day and month swapped
		p(6, "Jan", "Jansen", "1999-01-01"),   // other date
	}
	got := Rank(query, candidates)
	var ids []int64
	for _, m := range got {
		ids = append(ids, m.Candidate.ID)
	}
	if want := []int64{4, 9, 7, 5}; !reflect.DeepEqual(ids, want) {
		t.Errorf("Rank ids = %v, want %v (%+v)", ids, want, got)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not sorted by score: %v before %v", got[i-1].Score, got[i].Score)
		}
	}
	t.Run("empty", func(t *testing.T) {
		if got := Rank(query, nil); len(got) != 0 {
			t.Errorf("Rank(nil) = %v", got)
		}
	})
	t.Run("query without id keeps every candidate", func(t *testing.T) {
		q := query
		q.ID = 0
		if got := Rank(q, []Person{p(0, "Jan", "Jansen", "2010-05-06")}); len(got) != 1 {
			t.Errorf("Rank = %v, want one match", got)
		}
	})
}

func BenchmarkScore(b *testing.B) {
	q := person(b, 1, "Fatima Zahra", "El Amrani", "1990-12-01")
	c := person(b, 2, "Amrani", "Fatma", "1990-12-10")
	b.ReportAllocs()
	for b.Loop() {
		Score(q, c)
	}
}

func BenchmarkKeys(b *testing.B) {
	p := person(b, 1, "Jan Pieter", "Van den Berg-de Vries", "2015-03-04")
	p.BSN = "123456782"
	b.ReportAllocs()
	for b.Loop() {
		Keys(p)
	}
}

func BenchmarkRank1000(b *testing.B) {
	q := person(b, 1, "Jan", "Jansen", "2010-05-06")
	given := []string{"Jan", "Piet", "Emma", "Fatima", "Mohammed", "Sanne", "Daan", "Lotte"}
	family := []string{"Jansen", "de Vries", "Bakker", "El Amrani", "Yilmaz", "van den Berg", "Visser", "Smit"}
	cands := make([]Person, 1000)
	for i := range cands {
		cands[i] = person(b, int64(i+2), given[i%len(given)], family[(i/len(given))%len(family)],
			fmt.Sprintf("20%02d-%02d-%02d", i%20, i%12+1, i%28+1))
	}
	b.ReportAllocs()
	for b.Loop() {
		Rank(q, cands)
	}
}

// longName is a name of n runes, words of varied letters and a diacritic,
// so that normalization has work to do.
func longName(n int, seed byte) string {
	var b strings.Builder
	for i := 0; b.Len() < 2*n; i++ {
		if i%9 == 8 {
			b.WriteByte(' ')
			continue
		}
		b.WriteByte('a' + (seed+byte(i*7))%26)
		if i%13 == 0 {
			b.WriteRune('ë')
		}
	}
	return string([]rune(b.String())[:n])
}

func TestLongNamesAreComparedOnTheirPrefix(t *testing.T) {
	base := longName(40000, 3)
	tests := []struct {
		name                  string
		qGiven, qFamily       string
		cGiven, cFamily       string
		wantMatch             bool
		wantReasonFamily      string
		wantReasonGivenPrefix string
	}{
		{"equal long names", base, base, base, base, true, ReasonFamilyNameEqual, ReasonGivenNameEqual},
		{"differ only after the prefix", base, base + "x", base, base + "y", true, ReasonFamilyNameEqual, ReasonGivenNameEqual},
		{"differ at the start", base, "x" + base, base, "q" + base, true, ReasonFamilyNameTypo, ReasonGivenNameEqual},
		{"long against short", base, "Jansen", "Jan", "Jansen", false, ReasonFamilyNameEqual, ReasonGivenNameDifferent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := person(t, 1, tt.qGiven, tt.qFamily, "2015-03-04")
			c := person(t, 2, tt.cGiven, tt.cFamily, "2015-03-04")
			m := Score(q, c)
			if got := m.Score >= Threshold; got != tt.wantMatch {
				t.Errorf("match = %v (score %.4f), want %v", got, m.Score, tt.wantMatch)
			}
			if !slices.Contains(m.Reasons, tt.wantReasonFamily) || !slices.Contains(m.Reasons, tt.wantReasonGivenPrefix) {
				t.Errorf("reasons %v, want %s and %s", m.Reasons, tt.wantReasonFamily, tt.wantReasonGivenPrefix)
			}
			if len(Keys(q)) == 0 {
				t.Error("no keys for a long name")
			}
		})
	}
}

func TestComparedNameIsBounded(t *testing.T) {
	for _, n := range []int{0, 1, MaxNameRunes, 5 * MaxNameRunes, 40000} {
		got := comparedName(longName(n, 1))
		if r := utf8.RuneCountInString(got); r > MaxNameRunes {
			t.Errorf("comparedName of %d runes has %d runes", n, r)
		}
		if strings.HasSuffix(got, " ") {
			t.Errorf("comparedName(%d) ends in a space: %q", n, got)
		}
	}
}

// BenchmarkScoreLongNames shows that two 40,000-character names with the
// same birth date cost as much as two names of MaxNameRunes (13.2 s
// inside the intake's transaction before the prefix bound).
func BenchmarkScoreLongNames(b *testing.B) {
	for _, n := range []int{MaxNameRunes, 200, 40000} {
		b.Run(fmt.Sprintf("runes=%d", n), func(b *testing.B) {
			q := person(b, 1, longName(n, 1), longName(n, 2), "2015-03-04")
			c := person(b, 2, longName(n, 2), longName(n, 1), "2015-03-04")
			b.ReportAllocs()
			for b.Loop() {
				Score(q, c)
				Keys(q)
			}
		})
	}
}
