// Package bsn validates and normalises the Dutch citizen service number
// (burgerservicenummer, BSN).
//
// A BSN has 9 digits; older numbers of 8 digits are written with a leading
// zero. A valid BSN passes the 11-test (elfproef):
//
//	9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 ≡ 0 (mod 11)
//
// The package only checks the form of a number; it cannot tell whether a
// number has been issued to a person.
package bsn

import (
	"errors"
	"math/rand/v2"
	"strings"
	"unicode"
)

// Stable error values returned by [Normalize]; callers map them to Dutch
// messages (e.g. "Een BSN heeft 9 cijfers" and "Dit BSN klopt niet
// (elfproef)").
var (
	// ErrFormat means the input, after removing separators, is not 8 or 9
	// ASCII digits.
	ErrFormat = errors.New("bsn: must be 8 or 9 digits")
	// ErrChecksum means the input has the right form but fails the 11-test
	// or consists of zeros only.
	ErrChecksum = errors.New("bsn: fails the 11-test")
)

// weights of the 11-test, from the first to the ninth digit.
var weights = [9]int{9, 8, 7, 6, 5, 4, 3, 2, -1}

// Valid reports whether s is a valid BSN: exactly 9 ASCII digits (or 8,
// read with a leading zero), not all zeros, passing the 11-test. Valid does
// not accept separators; use [Normalize] for user input.
func Valid(s string) bool {
	return check(s) == nil
}

// check validates s, which must contain no separators.
func check(s string) error {
	if len(s) != 8 && len(s) != 9 {
		return ErrFormat
	}
	if len(s) == 8 {
		s = "0" + s
	}
	sum, zero := 0, true
	for i := range len(s) {
		c := s[i]
		if c < '0' || c > '9' {
			return ErrFormat
		}
		if c != '0' {
			zero = false
		}
		sum += weights[i] * int(c-'0')
	}
	if zero || sum%11 != 0 {
		return ErrChecksum
	}
	return nil
}

// Normalize turns user input into the canonical 9-digit form. It removes
// white space, dots and dashes ("1234.56.782", "123 456 782"), pads an
// 8-digit number with a leading zero and checks the result. It returns
// [ErrFormat] when what remains is not 8 or 9 ASCII digits and [ErrChecksum]
// when it fails the 11-test (or is all zeros); the returned string is empty
// on error.
func Normalize(s string) (string, error) {
	cleaned := strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if err := check(cleaned); err != nil {
		return "", err
	}
	if len(cleaned) == 8 {
		cleaned = "0" + cleaned
	}
	return cleaned, nil
}

// Generate returns a random valid 9-digit BSN for demo data and tests.
//
// The number is synthetic but indistinguishable from a real one: it may
// happen to be a BSN issued to a real person. Use it only for data that is
// clearly marked as fictitious, and never send it to outside systems.
func Generate(r *rand.Rand) string {
	var b [9]byte
	for {
		sum := 0
		for i := range 8 {
			d := r.IntN(10)
			b[i] = byte('0' + d)
			sum += weights[i] * d
		}
		// The 11-test needs d9 ≡ sum (mod 11); a remainder of 10 cannot be
		// a digit, so draw again. An all-zero prefix would give 000000000.
		d9 := sum % 11
		if d9 == 10 || sum == 0 {
			continue
		}
		b[8] = byte('0' + d9)
		return string(b[:])
	}
}
