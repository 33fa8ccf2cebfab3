package textlimit_test

import (
	"strings"
	"testing"

	"schakel"
	"schakel/internal/textlimit"
)

func TestLen(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int
	}{
		{"empty", "", 0},
		{"ascii", "Jansen", 6},
		{"diacritics", "Zoë Ağaoğlu", 11},
		{"emoji is one character", "🙂", 1},
		{"combining mark counts on its own", "e\u0301", 2},
		{"CR LF counts once", "a\r\nb", 3},
		{"lone LF", "a\nb", 3},
		{"invalid byte counts one", "a\xffb", 3},
		{"arabic", "فاطمة", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textlimit.Len(tt.in); got != tt.want {
				t.Errorf("Len(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		ok   bool
	}{
		{"at the limit", strings.Repeat("a", 200), 200, true},
		{"one over", strings.Repeat("a", 201), 200, false},
		{"multi-byte at the limit", strings.Repeat("ë", 200), 200, true},
		{"multi-byte over", strings.Repeat("ë", 201), 200, false},
		{"textarea line breaks as the browser counts them", strings.Repeat("a\r\n", 100), 200, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v schakel.Validation
			if got := textlimit.Check(&v, "f", tt.in, tt.max); got != tt.ok {
				t.Fatalf("Check = %v, want %v", got, tt.ok)
			}
			if tt.ok != (len(v.Fields) == 0) {
				t.Fatalf("fields %v for ok=%v", v.Fields, tt.ok)
			}
			if !tt.ok && (v.Fields[0].Field != "f" || v.Fields[0].Code != textlimit.CodeTooLong) {
				t.Errorf("field error %+v", v.Fields[0])
			}
		})
	}
}

func TestProblemAndClean(t *testing.T) {
	tests := []struct {
		name, in, problem, clean string
	}{
		{"plain", "Sanne de Vries", "", "Sanne de Vries"},
		{"tab newline CR kept", "a\tb\nc\r\nd", "", "a\tb\nc\r\nd"},
		{"emoji", "👨‍👩‍👧 gezin", "", "👨‍👩‍👧 gezin"},
		{"right to left", "\u202eعائلة", "", "\u202eعائلة"},
		{"combining", "Zoe\u0308", "", "Zoe\u0308"},
		{"C1 control is valid Unicode", "a\u0085b", "", "a\u0085b"},
		{"NUL", "a\x00b", textlimit.CodeControl, "ab"},
		{"bell and escape", "a\x07b\x1bc", textlimit.CodeControl, "abc"},
		{"invalid byte", "a\xffb", textlimit.CodeBadEncoding, "a\uFFFDb"},
		{"truncated sequence", "Zo\xc3", textlimit.CodeBadEncoding, "Zo\uFFFD"},
		{"UTF-16 surrogate as UTF-8", "a\xed\xa0\x80b", textlimit.CodeBadEncoding, "a\uFFFDb"},
		{"both", "\x00\xff", textlimit.CodeBadEncoding, "\uFFFD"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textlimit.Problem(tt.in); got != tt.problem {
				t.Errorf("Problem(%q) = %q, want %q", tt.in, got, tt.problem)
			}
			got := textlimit.Clean(tt.in)
			if got != tt.clean {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.clean)
			}
			if p := textlimit.Problem(got); p != "" {
				t.Errorf("Clean(%q) = %q still has problem %q", tt.in, got, p)
			}
		})
	}
}

func TestOf(t *testing.T) {
	for kind, n := range textlimit.Limits() {
		if textlimit.Of(kind) != n || n <= 0 || n > textlimit.Max {
			t.Errorf("limit %s = %d", kind, n)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Of(unknown) did not panic")
		}
	}()
	textlimit.Of("no-such-kind")
}

func FuzzClean(f *testing.F) {
	f.Add("a\x00\xff🙂")
	f.Fuzz(func(t *testing.T, s string) {
		c := textlimit.Clean(s)
		if textlimit.Problem(c) != "" {
			t.Fatalf("Clean(%q) = %q has a problem", s, c)
		}
		if textlimit.Problem(s) == "" && c != s {
			t.Fatalf("Clean changed a clean text %q to %q", s, c)
		}
	})
}

func TestCut(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Mozilla/5.0", 200, "Mozilla/5.0"},
		{"ëëë", 2, "ëë"},
		{"a\xffb", 2, "a\uFFFD"},
		{"a\x00bc", 2, "ab"},
	}
	for _, tt := range tests {
		if got := textlimit.Cut(tt.in, tt.max); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
