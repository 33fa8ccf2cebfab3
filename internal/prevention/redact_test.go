package prevention

import (
	"slices"
	"testing"
)

func TestForbiddenTerms(t *testing.T) {
	got := ForbiddenTerms([]string{"de Vries", "Öztürk"}, []string{"Dorpsstraat 12a"}, []string{"3012 AB"})
	for _, want := range []string{"Vries", "Öztürk", "Dorpsstraat 12a", "Dorpsstraat", "3012 AB", "3012AB"} {
		if !slices.Contains(got, want) {
			t.Errorf("terms %q lack %q", got, want)
		}
	}
	if slices.Contains(got, "de") {
		t.Errorf("a tussenvoegsel alone is not a name: %q", got)
	}
}

func TestRedact(t *testing.T) {
	terms := ForbiddenTerms([]string{"de Vries", "Öztürk"}, []string{"Dorpsstraat 12a"}, []string{"3012 AB"})
	cases := []struct{ in, want string }{
		{"Moeder de Vries woont aan de Dorpsstraat 12a, 3012 AB.", "Moeder de … woont aan de …, …."},
		{"mevrouw DE VRIES belde", "mevrouw DE … belde"},
		{"Vader Öztürk is boos.", "Vader … is boos."},
		{"Op vakantie in Vriesland en de Dorpsstraatkerk.", "Op vakantie in Vriesland en de Dorpsstraatkerk."},
		{"postcode 3012AB", "postcode …"},
		{"", ""},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := Redact(c.in, terms); got != c.want {
				t.Errorf("Redact = %q, want %q", got, c.want)
			}
			if c.in != c.want && len(Contains(c.in, terms)) == 0 {
				t.Error("Contains found nothing in a text that Redact changed")
			}
		})
	}
}
