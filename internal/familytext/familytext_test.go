package familytext

import (
	"regexp"
	"slices"
	"testing"
	"time"
)

var param = regexp.MustCompile(`\{[a-z_]+\}`)

// TestEveryLanguageComplete: every language has every Dutch key and no
// other, with the same parameters in every text; a plural has its
// "other" form; the writing direction is ltr or rtl. This is the test
// that the English catalogue is complete, and the one a new language
// (Turkish, Arabic, Polish) must pass.
func TestEveryLanguageComplete(t *testing.T) {
	nl := Get(Dutch)
	if len(Languages()) < 2 || Languages()[0].Code != Dutch {
		t.Fatalf("languages %v, want Dutch first and at least English", Languages())
	}
	for _, l := range Languages() {
		t.Run(l.Code, func(t *testing.T) {
			if l.Name == "" || (l.Dir != "ltr" && l.Dir != "rtl") {
				t.Errorf("name %q, dir %q", l.Name, l.Dir)
			}
			for _, k := range nl.Keys() {
				if _, ok := l.msgs[k]; !ok {
					t.Errorf("no %q", k)
					continue
				}
				want := params(nl.Texts(k)[0])
				for _, text := range l.Texts(k) {
					if text == "" {
						t.Errorf("%q is empty", k)
					}
					if got := params(text); !slices.Equal(got, want) && !(nl.msgs[k].Forms != nil && slices.Equal(without(got, "{n}"), without(want, "{n}"))) {
						t.Errorf("%q has parameters %v, Dutch %v", k, got, want)
					}
				}
				if m := l.msgs[k]; m.Forms != nil && m.Forms["other"] == "" {
					t.Errorf("%q has no plural form other", k)
				}
			}
			for _, k := range l.Keys() {
				if _, ok := nl.msgs[k]; !ok {
					t.Errorf("%q is not a Dutch key", k)
				}
			}
		})
	}
}

func params(s string) []string {
	p := param.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

func without(ps []string, p string) []string {
	return slices.DeleteFunc(slices.Clone(ps), func(x string) bool { return x == p })
}

// TestChoosingALanguage: Accept-Language picks the best language of the
// catalogue, Dutch when none fits; an unknown code is Dutch.
func TestChoosingALanguage(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"", "nl"}, {"en-GB,en;q=0.9", "en"}, {"nl-NL", "nl"}, {"tr-TR,tr;q=0.9", "nl"}, {"tr,en;q=0.5", "en"},
		{"de;q=0.9,en;q=0.2,nl;q=0.8", "nl"}, {"*", "nl"}, {"garbage;;;", "nl"},
	} {
		t.Run(tc.header, func(t *testing.T) {
			if got := FromAcceptLanguage(tc.header).Code; got != tc.want {
				t.Errorf("%q: %s, want %s", tc.header, got, tc.want)
			}
		})
	}
	if Get("xx").Code != Dutch || Known("xx") || !Known("en") {
		t.Error("an unknown code is not Dutch")
	}
}

// TestTextsAndDates: parameters, plural forms by the language's rules,
// and dates with the language's weekday and month.
func TestTextsAndDates(t *testing.T) {
	nl, en := Get("nl"), Get("en")
	at := time.Date(2026, 12, 14, 9, 30, 0, 0, time.UTC)
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ got, want string }{
		{nl.T("home.welcome", "name", "Eva"), "Welkom, Eva"},
		{en.T("home.welcome", "name", "Eva"), "Welcome, Eva"},
		{nl.N("counter.max", 1), "max. 1 teken"},
		{nl.N("counter.max", 4000), "max. 4000 tekens"},
		{en.N("counter.max", 1), "max. 1 character"},
		{en.N("counter.max", 0), "max. 0 characters"},
		{nl.Span(at, at.Add(time.Hour), ams), "maandag 14 december 2026, 10:30 tot 11:30"},
		{en.Span(at, at.Add(time.Hour), ams), "Monday 14 December 2026, 10:30 to 11:30"},
		{en.T("no.such.key"), "no.such.key"},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}
