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
	s := make([]byte, 0, len(word))
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 'a' && c <= 'z' {
			s = append(s, c)
		}
	}
	n := len(s)
	at := func(i int, c byte) bool { return i >= 0 && i < n && s[i] == c }
	vowel := func(i int) bool { return i >= 0 && i < n && strings.IndexByte("aeiouy", s[i]) >= 0 }

	codes := make([]byte, 0, n+2)
	for i := 0; i < n; {
		c := s[i]
		switch {
		case c == 's' && at(i+1, 'c') && at(i+2, 'h'):
			if i+3 == n || (!vowel(i+3) && !at(i+3, 'r')) {
				codes = append(codes, 'S')
			} else {
				codes = append(codes, 'S', 'G')
			}
			i += 3
			continue
		case c == 'c' && at(i+1, 'h'):
			codes = append(codes, 'G')
			i += 2
			continue
		case c == 'p' && at(i+1, 'h'):
			codes = append(codes, 'F')
			i += 2
			continue
		case c == 'i' && at(i+1, 'j'):
			codes = append(codes, 'A')
			i += 2
			continue
		case c == 'd' && at(i+1, 't'):
			codes = append(codes, 'T')
			i += 2
			continue
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u':
			codes = append(codes, 'A')
		case 'y':
			if i == 0 && vowel(1) {
				codes = append(codes, 'J')
			} else {
				codes = append(codes, 'A')
			}
		case 'w':
			if vowel(i-1) && !vowel(i+1) {
				codes = append(codes, 'A')
			} else {
				codes = append(codes, 'W')
			}
		case 'b':
			if i == n-1 {
				codes = append(codes, 'P')
			} else {
				codes = append(codes, 'B')
			}
		case 'd':
			if i == n-1 {
				codes = append(codes, 'T')
			} else {
				codes = append(codes, 'D')
			}
		case 'c', 'k', 'q':
			codes = append(codes, 'K')
		case 'x':
			codes = append(codes, 'K', 'S')
		case 'z', 's':
			codes = append(codes, 'S')
		case 'v', 'f':
			codes = append(codes, 'F')
		case 'h':
			if i == 0 {
				codes = append(codes, 'H')
			}
		default: // g j l m n p r t
			codes = append(codes, c-'a'+'A')
		}
		i++
	}

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
