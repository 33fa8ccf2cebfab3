package matching

import "strings"

// maxKeyLen is the number of codes a phonetic key is cut to.
const maxKeyLen = 6

// PhoneticKey returns a simplified Dutch phonetic key of one normalized word
// (see Normalize; characters other than a–z are ignored). Words that sound
// alike, or differ by a common spelling variant, get the same key, so that
// "Jansen" and "Janssen", "Meijer", "Meyer" and "Meier", "Dijkstra" and
// "Dykstra", "de Jong" and "de Jongh", "Bouwman" and "Bouman", "Smit", "Smid"
// and "Schmidt" meet in one block.
//
// The rules, applied from left to right:
//
//   - vowels a, e, i, o, u and the diphthongs ij, ei, y, ou, au, oe, ui… are
//     one vowel class; y before a vowel at the start of the word is j
//     ("Yusuf" = "Joesoef");
//   - w after a vowel and not before one is part of the vowel (ouw, auw,
//     eeuw: "Bouwman" = "Bouman");
//   - ch and g are one class (Dutch pronounces them alike); sch is s + g,
//     but s alone at the end of the word ("Bosch" = "Bos") and before a
//     consonant other than r (German "Schmidt", "Schneider");
//   - c, k and q are k; x is ks; z is s; v, f and ph are f;
//   - dt anywhere and d at the end are t; b at the end is p (final
//     devoicing: "Smid" = "Smit", "Jacob" = "Jakop");
//   - h is dropped except as the first letter ("Thijs" = "Tijs");
//   - then repeated codes are collapsed ("Janssen" = "Jansen", "ck" = "k"),
//     every vowel class after the first code is dropped, and the key is cut
//     to six codes.
//
// The key is used only to find candidates (see Keys); it is deliberately
// coarse, and Score decides.
func PhoneticKey(word string) string {
	w := spelled{}
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 'a' && c <= 'z' {
			w = append(w, c)
		}
	}
	codes := make([]byte, 0, len(w)+2)
	for i := 0; i < len(w); {
		var width int
		if codes, width = w.digraph(i, codes); width > 0 {
			i += width
			continue
		}
		codes = w.letter(i, codes)
		i++
	}
	return collapse(codes)
}

// spelled is a word's letters a–z.
type spelled []byte

func (w spelled) at(i int, c byte) bool { return i >= 0 && i < len(w) && w[i] == c }

func (w spelled) vowel(i int) bool {
	return i >= 0 && i < len(w) && strings.IndexByte("aeiouy", w[i]) >= 0
}

// digraph appends the code of the letters that sound as one at i (sch,
// ch, ph, ij, dt) and says how many letters it took (0: none there).
func (w spelled) digraph(i int, codes []byte) ([]byte, int) {
	switch c := w[i]; {
	case c == 's' && w.at(i+1, 'c') && w.at(i+2, 'h'):
		if i+3 == len(w) || (!w.vowel(i+3) && !w.at(i+3, 'r')) {
			return append(codes, 'S'), 3
		}
		return append(codes, 'S', 'G'), 3
	case c == 'c' && w.at(i+1, 'h'):
		return append(codes, 'G'), 2
	case c == 'p' && w.at(i+1, 'h'):
		return append(codes, 'F'), 2
	case c == 'i' && w.at(i+1, 'j'):
		return append(codes, 'A'), 2
	case c == 'd' && w.at(i+1, 't'):
		return append(codes, 'T'), 2
	}
	return codes, 0
}

// letter appends the code of the single letter at i.
func (w spelled) letter(i int, codes []byte) []byte {
	last := i == len(w)-1
	switch c := w[i]; c {
	case 'a', 'e', 'i', 'o', 'u':
		return append(codes, 'A')
	case 'y':
		return append(codes, pick(i == 0 && w.vowel(1), 'J', 'A'))
	case 'w':
		return append(codes, pick(w.vowel(i-1) && !w.vowel(i+1), 'A', 'W'))
	case 'b':
		return append(codes, pick(last, 'P', 'B'))
	case 'd':
		return append(codes, pick(last, 'T', 'D'))
	case 'c', 'k', 'q':
		return append(codes, 'K')
	case 'x':
		return append(codes, 'K', 'S')
	case 'z', 's':
		return append(codes, 'S')
	case 'v', 'f':
		return append(codes, 'F')
	case 'h':
		if i == 0 {
			return append(codes, 'H')
		}
		return codes
	default: // g j l m n p r t
		return append(codes, c-'a'+'A')
	}
}

func pick(cond bool, yes, no byte) byte {
	if cond {
		return yes
	}
	return no
}

// collapse drops repeated codes and every vowel class after the first
// code, and cuts the key to maxKeyLen codes.
func collapse(codes []byte) string {
	out := make([]byte, 0, maxKeyLen)
	for i, c := range codes {
		if i > 0 && c == codes[i-1] {
			continue
		}
		if c == 'A' && i > 0 {
			continue
		}
		out = append(out, c)
		if len(out) == maxKeyLen {
			break
		}
	}
	return string(out)
}
