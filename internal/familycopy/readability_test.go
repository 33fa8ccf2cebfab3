package familycopy

import (
	"math"
	"testing"
)

func TestSyllables(t *testing.T) {
	for _, tc := range []struct {
		word string
		want int
	}{
		{"kind", 1}, {"ouders", 2}, {"hulpverleners", 4}, {"afspraken", 3},
		{"ideeën", 3}, {"geïnteresseerd", 5}, {"leeuw", 1}, {"bijeenkomst", 3},
		{"Veiligheidsplan", 4}, {"x", 1}, {"2026", 1},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := Syllables(tc.word); got != tc.want {
				t.Errorf("Syllables(%q) = %d, want %d", tc.word, got, tc.want)
			}
		})
	}
}

func TestFleschDouma(t *testing.T) {
	for _, tc := range []struct {
		name              string
		sent, words, syll int
		want              float64
	}{
		{"one word of one syllable", 1, 1, 1, 206.835 - 0.93 - 77},
		{"ten words, fifteen syllables", 1, 10, 15, 206.835 - 9.3 - 115.5},
		{"two sentences", 2, 20, 40, 206.835 - 9.3 - 154},
		{"no words", 0, 0, 0, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FleschDouma(tc.sent, tc.words, tc.syll); math.Abs(got-tc.want) > 1e-9 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckWarnsOnHardSentences(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		warns int
	}{
		{"plain", "Wij bellen u elke week. U kunt ons altijd bellen.", 0},
		{"empty", "", 0},
		{"professional jargon", "Multidisciplinaire risicotaxatie conform veiligheidsbeoordelingsinstrumentarium uitvoeren.", 1},
		{"too long", "Wij gaan met u en met uw kind en met de school en met de buren en met de opa en oma praten over wat er thuis gebeurt.", 1},
		{"one hard of two", "Wij bellen u. Geïntegreerde ketensamenwerking intensiveren.", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(tc.text)
			if len(got) != tc.warns {
				t.Errorf("Check(%q) = %+v, want %d warnings", tc.text, got, tc.warns)
			}
			for _, w := range got {
				if w.Message == "" || w.Sentence == "" {
					t.Errorf("warning without message or sentence: %+v", w)
				}
			}
		})
	}
}

func TestSentences(t *testing.T) {
	got := Sentences("Eén. Twee!\nDrie? ...")
	if len(got) != 3 || got[0] != "Eén." || got[2] != "Drie?" {
		t.Errorf("Sentences = %q", got)
	}
}
