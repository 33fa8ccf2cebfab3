package prevention

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Hidden is what Redact puts where a name or place was.
const Hidden = "…"

// tussenvoegsels are left out of a family name's forbidden words: "de" or
// "van" alone names nobody, and hiding them would break every sentence.
var tussenvoegsels = []string{"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "op", "'t", "la", "le", "du"}

// ForbiddenTerms returns the words an extract or an anonymised review may
// never contain: the family names (each word but a tussenvoegsel), and the
// addresses (whole, and the street without its number) and postcodes
// (with and without the space). Longest first, so that a whole address is
// hidden before its street.
func ForbiddenTerms(familyNames, addresses, postcodes []string) []string {
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) >= 2 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, n := range familyNames {
		for _, w := range strings.Fields(n) {
			if !slices.Contains(tussenvoegsels, strings.ToLower(w)) {
				add(w)
			}
		}
	}
	for _, a := range addresses {
		add(a)
		add(street(a))
	}
	for _, p := range postcodes {
		add(p)
		add(strings.ReplaceAll(p, " ", ""))
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}

// street returns an address up to its first word with a digit.
func street(address string) string {
	var words []string
	for _, w := range strings.Fields(address) {
		if strings.ContainsFunc(w, unicode.IsDigit) {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// Redact hides every forbidden term in text, ignoring case, where it stands
// as a whole word (so "Vries" is hidden in "mevrouw de Vries" but not in
// "Vriesland").
func Redact(text string, terms []string) string {
	for _, t := range terms {
		text = hideWord(text, t)
	}
	return text
}

// Contains reports the forbidden terms text contains as whole words.
func Contains(text string, terms []string) []string {
	var found []string
	for _, t := range terms {
		if hideWord(text, t) != text {
			found = append(found, t)
		}
	}
	return found
}

func hideWord(text, term string) string {
	lower, lt := strings.ToLower(text), strings.ToLower(term)
	if len(lower) != len(text) || lt == "" {
		// Lower-casing changed the byte length (rare letters); compare
		// rune by rune is not worth it here: fall back to exact case.
		lower, lt = text, term
	}
	var b strings.Builder
	for i := 0; ; {
		j := strings.Index(lower[i:], lt)
		if j < 0 {
			b.WriteString(text[i:])
			return b.String()
		}
		start, end := i+j, i+j+len(lt)
		if wordEdge(text, start, true) && wordEdge(text, end, false) {
			b.WriteString(text[i:start])
			b.WriteString(Hidden)
		} else {
			b.WriteString(text[i:end])
		}
		i = end
	}
}

// wordEdge reports whether position at in s is the start (or end) of a word.
func wordEdge(s string, at int, start bool) bool {
	if start {
		if at == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(s[:at])
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}
	if at >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[at:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
