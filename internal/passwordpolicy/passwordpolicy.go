// Package passwordpolicy decides whether a new password may be used. It
// follows NIST SP 800-63B: a minimum length, no composition rules, and a
// check against passwords that are common or were leaked, shipped with
// Schakel (see README.md beside this file for the list's source and
// licence). A password that only pads or repeats a listed one counts as
// listed too: "password1234" and "passwordpassword" guess as fast as
// "password".
package passwordpolicy

import (
	"bytes"
	"compress/gzip"
	_ "embed" // the list of common passwords
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"schakel"
)

// Length limits, in characters.
const (
	MinLength = 12
	MaxLength = 1024
)

// Refusal codes, stable in the API (the field error's code).
const (
	CodeBlank    = "blank"     // only spaces
	CodeTooShort = "too_short" // fewer than MinLength characters
	CodeTooLong  = "too_long"  // more than MaxLength characters
	CodeRepeated = "repeated"  // one character or a short piece, repeated
	CodeCommon   = "common"    // on the list, or a listed password padded or repeated
)

// minCore is the shortest listed word that counts when it is padded with
// digits or punctuation: shorter ones are parts of too many good passwords.
const minCore = 4

// Check returns nil when password may be used, or a field error (field
// "password") with a stable code and a Dutch message that says what to do.
func Check(password string) *schakel.FieldError {
	refuse := func(code, msg string) *schakel.FieldError {
		return &schakel.FieldError{Field: "password", Code: code, Message: msg}
	}
	n := utf8.RuneCountInString(password)
	switch {
	case strings.TrimFunc(password, unicode.IsSpace) == "":
		return refuse(CodeBlank, "Een wachtwoord van alleen spaties kan niet. Kies een wachtwoord van minstens 12 tekens.")
	case n < MinLength:
		return refuse(CodeTooShort, "Kies een wachtwoord van minstens 12 tekens.")
	case n > MaxLength:
		return refuse(CodeTooLong, "Kies een wachtwoord van hoogstens 1024 tekens.")
	}
	lower := strings.ToLower(password)
	unit := repeatedUnit(lower)
	if utf8.RuneCountInString(unit) <= 3 {
		return refuse(CodeRepeated, "Dit wachtwoord herhaalt steeds dezelfde tekens. Kies iets dat moeilijker te raden is, bijvoorbeeld een paar losse woorden.")
	}
	if listedOrPadded(lower) || listedOrPadded(unit) {
		return refuse(CodeCommon, "Dit wachtwoord is makkelijk te raden. Het staat op een lijst van veelgebruikte of uitgelekte wachtwoorden, of lijkt er sterk op. Kies een ander wachtwoord, bijvoorbeeld een paar losse woorden.")
	}
	return nil
}

// repeatedUnit returns the shortest piece that s is a repetition of (s
// itself when it repeats nothing).
func repeatedUnit(s string) string {
	r := []rune(s)
	for p := 1; p <= len(r)/2; p++ {
		if len(r)%p != 0 {
			continue
		}
		if slices.Equal(r[p:], r[:len(r)-p]) {
			return string(r[:p])
		}
	}
	return s
}

// listedOrPadded reports whether s, or s without the digits, punctuation
// and spaces around it, is on the list.
func listedOrPadded(s string) bool {
	if listed(s) {
		return true
	}
	core := strings.TrimFunc(s, func(c rune) bool { return !unicode.IsLetter(c) })
	return core != s && utf8.RuneCountInString(core) >= minCore && listed(core)
}

// listed reports whether s (in lower case) is on the list.
func listed(s string) bool {
	words := list()
	_, found := slices.BinarySearch(words, s)
	return found
}

//go:embed common-passwords.txt.gz
var commonGz []byte

// list is the embedded list in lower case, sorted, read on first use.
var list = sync.OnceValue(func() []string {
	zr, err := gzip.NewReader(bytes.NewReader(commonGz))
	if err != nil {
		panic("passwordpolicy: embedded list: " + err.Error()) // a broken build, caught by the tests
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic("passwordpolicy: embedded list: " + err.Error())
	}
	words := strings.Split(strings.ToLower(string(raw)), "\n")
	words = slices.DeleteFunc(words, func(w string) bool { return w == "" })
	slices.Sort(words)
	return slices.Compact(words)
})
