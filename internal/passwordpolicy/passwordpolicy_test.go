package passwordpolicy

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, password, want string
	}{
		{"twelve spaces", strings.Repeat(" ", 12), CodeBlank},
		{"tabs and newlines", "\t\t\n\n      \t\t\n\n", CodeBlank},
		{"empty", "", CodeBlank},
		{"short", "kort-genoeg", CodeTooShort},
		{"eleven characters", "abcdefgh-jk", CodeTooShort},
		{"too long", strings.Repeat("lang-", 205), CodeTooLong},
		{"one character", "aaaaaaaaaaaa", CodeRepeated},
		{"one digit", "111111111111111", CodeRepeated},
		{"two characters", "abababababab", CodeRepeated},
		{"three characters", "xyzxyzxyzxyz", CodeRepeated},
		{"listed, 12 characters", "123456789012", CodeCommon},
		{"listed word repeated", "passwordpassword", CodeCommon},
		{"listed word repeated, capitals", "PasswordPassword", CodeCommon},
		{"listed word, digits after", "password1234", CodeCommon},
		{"listed Dutch word, digits after", "welkom123456", CodeCommon},
		{"listed Dutch word, punctuation around", "!!wachtwoord!!", CodeCommon},
		{"listed in capitals", "QWERTYUIOP123", CodeCommon},
		{"letters of a short listed word padded", "abc!123456789", ""},
		{"four random words", "fiets regen koffie lamp", ""},
		{"a passphrase with digits", "Zeven-Zwanen-Zwemmen-42", ""},
		{"random", "k3#Vq9!mZp2@", ""},
		{"twelve different digits", "907152436818", ""},
		{"non-ASCII letters", "ĳsbaan-frühling-ñandú", ""},
		{"a listed word inside a longer one", "monkeybusinessplan", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Check(tc.password)
			switch {
			case tc.want == "" && got != nil:
				t.Errorf("Check(%q) = %+v, want accepted", tc.password, got)
			case tc.want != "" && got == nil:
				t.Errorf("Check(%q) accepted, want %s", tc.password, tc.want)
			case got != nil && (got.Code != tc.want || got.Field != "password" || got.Message == ""):
				t.Errorf("Check(%q) = %+v, want code %s with a message", tc.password, got, tc.want)
			}
		})
	}
}

func TestEmbeddedList(t *testing.T) {
	words := list()
	// 100,000 passwords, fewer once lower-cased and deduplicated.
	if n := len(words); n < 95000 || n > 100000 {
		t.Errorf("%d passwords on the list, want about 100,000", n)
	}
	for _, w := range []string{"123456", "password", "qwerty", "wachtwoord", "passwordpassword", "123456789012"} {
		if !listed(w) {
			t.Errorf("%q not on the list", w)
		}
	}
	for _, w := range words {
		if w == "" || w != strings.ToLower(w) {
			t.Fatalf("entry %q: empty or not lower case", w)
		}
	}
}

func TestRepeatedUnit(t *testing.T) {
	for in, want := range map[string]string{"aaaa": "a", "abab": "ab", "abcabcab": "abcabcab", "ééé": "é", "x": "x"} {
		if got := repeatedUnit(in); got != want {
			t.Errorf("repeatedUnit(%q) = %q, want %q", in, got, want)
		}
	}
}
