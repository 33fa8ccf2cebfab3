// Package familycopy decides what the family copy of a plan shows to a
// given family member, and checks that family texts are plain enough to
// read. Pure functions: no HTTP, no SQL.
package familycopy

import (
	"strings"
	"unicode"
)

// Readability limits for one sentence of a family text. The Dutch
// Flesch–Douma score runs from about 0 (very hard) to 100 (very easy);
// below 45 counts as "moeilijk", beyond plain language (B1). A sentence of
// more than 20 words is hard whatever its words.
const (
	HardBelow = 45.0
	MaxWords  = 20
)

// FleschDouma is the Dutch adaptation of the Flesch reading ease:
// 206.835 − 0.93 × words per sentence − 77 × syllables per word.
func FleschDouma(sentences, words, syllables int) float64 {
	if sentences == 0 || words == 0 {
		return 100
	}
	return 206.835 - 0.93*float64(words)/float64(sentences) - 77*float64(syllables)/float64(words)
}

// Warning is one sentence a writer should make simpler, with why.
type Warning struct {
	Sentence string  `json:"sentence"`
	Score    float64 `json:"score"`
	Words    int     `json:"words"`
	Message  string  `json:"message"`
}

// Check returns a warning for each sentence of text that is too hard for
// plain Dutch (B1). It warns; it never refuses: the writer decides.
func Check(text string) []Warning {
	out := []Warning{}
	for _, s := range Sentences(text) {
		words := Words(s)
		syl := 0
		for _, w := range words {
			syl += Syllables(w)
		}
		score := FleschDouma(1, len(words), syl)
		switch {
		case len(words) > MaxWords:
			out = append(out, Warning{Sentence: s, Score: round1(score), Words: len(words),
				Message: "Deze zin is lang. Maak er twee of drie korte zinnen van."})
		case score < HardBelow:
			out = append(out, Warning{Sentence: s, Score: round1(score), Words: len(words),
				Message: "Deze zin is moeilijk. Gebruik kortere, gewone woorden."})
		}
	}
	return out
}

func round1(f float64) float64 { return float64(int(f*10+0.5*sign(f))) / 10 }

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// Sentences splits text at '.', '!', '?' and line breaks.
func Sentences(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if s := strings.TrimSpace(b.String()); len(Words(s)) > 0 {
			out = append(out, s)
		}
		b.Reset()
	}
	for _, r := range text {
		if r == '\n' {
			flush()
			continue
		}
		b.WriteRune(r)
		if r == '.' || r == '!' || r == '?' {
			flush()
		}
	}
	flush()
	return out
}

// Words returns the words of s: runs of letters and digits.
func Words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// Syllables estimates the syllables of a Dutch word as its groups of
// vowels ("ij", "ie", "oe", "eeu" each one group); a vowel with a
// diaeresis (ideeën, geïnteresseerd) starts a new syllable. At least one.
func Syllables(word string) int {
	n, inGroup := 0, false
	for _, r := range strings.ToLower(word) {
		switch {
		case strings.ContainsRune("ëïöüä", r):
			n, inGroup = n+1, true
		case strings.ContainsRune("aeiouyéèáóúàâêîôû", r):
			if !inGroup {
				n++
			}
			inGroup = true
		default:
			inGroup = false
		}
	}
	return max(n, 1)
}
