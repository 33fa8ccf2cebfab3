package matching

import (
	"strings"
	"unicode"
)

// tussenvoegsels are the name particles dropped by Normalize when they are
// separate words and not the whole name. Multi-word particles ("van der",
// "in 't", "op de") are covered because each of their words is listed. "t"
// and "s" are "'t" and "'s" after the apostrophe is removed; "vd" is "v.d.".
var tussenvoegsels = map[string]bool{
	"van": true, "de": true, "der": true, "den": true,
	"ter": true, "ten": true, "te": true, "het": true,
	"t": true, "s": true, "in": true, "op": true,
	"aan": true, "bij": true, "uit": true, "vd": true,
	"la": true, "le": true, "du": true, "el": true,
}

// fold maps lower-case letters with diacritics (and a few ligatures) to plain
// ASCII. It covers Latin-1 Supplement, Latin Extended-A and the Romanian
// comma-below letters, which is what Dutch registers contain in practice.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae",
	'ç': "c", 'ć': "c", 'ĉ': "c", 'ċ': "c", 'č': "c",
	'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g", 'ģ': "g",
	'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i", 'ı': "i",
	'ĳ': "ij", 'ĵ': "j", 'ķ': "k",
	'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ŀ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n", 'ŉ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ő': "o",
	'œ': "oe",
	'ŕ': "r", 'ŗ': "r", 'ř': "r",
	'ś': "s", 'ŝ': "s", 'ş': "s", 'š': "s", 'ș': "s", 'ß': "ss",
	'ţ': "t", 'ť': "t", 'ŧ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ũ': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ŵ': "w", 'ý': "y", 'ÿ': "y", 'ŷ': "y",
	'ź': "z", 'ż': "z", 'ž': "z",
}

// Normalize prepares a name for comparison:
//
//   - lower case, diacritics removed (é→e, ï→i, ø→o, ß→ss, ĳ→ij);
//   - apostrophes and dots are removed ("O'Brien" → "obrien", "'t" → "t",
//     "v.d." → "vd"); combining marks are removed too;
//   - every other character that is not a letter (spaces, hyphens, digits,
//     commas…) separates words, and words are joined by a single space;
//   - Dutch tussenvoegsels ("van", "de", "van der", "in 't", "op de", "ter",
//     "la", "el", …) are dropped as separate words, unless the name consists
//     of nothing else.
//
// So "van der Berg" and "Berg" both become "berg", and
// "Van den Berg-de Vries" becomes "berg vries".
func Normalize(name string) string {
	var words []string
	var w strings.Builder
	flush := func() {
		if w.Len() > 0 {
			words = append(words, w.String())
			w.Reset()
		}
	}
	for _, r := range name {
		r = unicode.ToLower(r)
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == '´' || r == 'ʼ' || r == '.':
			// removed, joining the parts
		case unicode.Is(unicode.Mn, r):
			// combining diacritical mark of a decomposed letter
		case r < 0x80 && r >= 'a' && r <= 'z':
			w.WriteRune(r)
		case unicode.IsLetter(r):
			if s, ok := fold[r]; ok {
				w.WriteString(s)
			} else {
				w.WriteRune(r)
			}
		default:
			flush()
		}
	}
	flush()

	kept := words[:0:0]
	for _, word := range words {
		if !tussenvoegsels[word] {
			kept = append(kept, word)
		}
	}
	if len(kept) == 0 {
		kept = words
	}
	return strings.Join(kept, " ")
}

// normalizeBSN keeps the digits of a BSN and restores a dropped leading zero
// of an eight-digit number. It does not apply the 11-test: a wrong BSN is
// still compared as typed.
func normalizeBSN(bsn string) string {
	var b strings.Builder
	for _, r := range bsn {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) == 8 {
		s = "0" + s
	}
	return s
}
