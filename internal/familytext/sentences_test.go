package familytext

import (
	"strings"
	"testing"
)

// TestAccessLinesSayItOnce: a line of the access log is "<who> <what>",
// each from the catalogue. In no language may the two halves say the same
// thing twice ("Someone who wanted to log in wanted to log in"): the
// subject holds no start of a predicate.
func TestAccessLinesSayItOnce(t *testing.T) {
	for _, l := range Languages() {
		for _, who := range l.Keys() {
			if !strings.HasPrefix(who, "access.who.") {
				continue
			}
			for _, what := range l.Keys() {
				if !strings.HasPrefix(what, "access.what.") && !strings.HasPrefix(what, "access.tried.") {
					continue
				}
				subject, verb := words(l.T(who, "org", "Veilig Thuis", "roles", "")), words(l.T(what))
				if len(verb) >= 2 && strings.Contains(" "+strings.Join(subject, " ")+" ", " "+strings.Join(verb[:2], " ")+" ") {
					t.Errorf("%s: %s already says what %s says: %q %q", l.Code, who, what, l.T(who), l.T(what))
				}
			}
		}
	}
}

// words are the words of s in lower case, without punctuation.
func words(s string) []string {
	return strings.Fields(strings.ToLower(strings.NewReplacer(".", " ", ",", " ").Replace(s)))
}

// TestPlainEnglish: the English catalogue avoids wording that is correct
// but stiff for a B1 reader: "data" as a plural noun ("these are their
// own data") and a sentence that only repeats the one before.
func TestPlainEnglish(t *testing.T) {
	en := Get("en")
	for _, k := range en.Keys() {
		for _, text := range en.Texts(k) {
			low := strings.ToLower(text)
			for _, stiff := range []string{"these are their", "data are", "these data"} {
				if strings.Contains(low, stiff) {
					t.Errorf("%s: %q says %q", k, text, stiff)
				}
			}
		}
	}
}
