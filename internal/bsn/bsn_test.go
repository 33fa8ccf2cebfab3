package bsn

import (
	"errors"
	"math/rand/v2"
	"testing"
)

func TestValid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"synthetic 111222333", "111222333", true},
		{"synthetic 123456782", "123456782", true},
		{"leading zero counts as a digit", "010000008", true},
		{"mostly zeros", "000000024", true},
		{"highest digits", "999999990", true},
		{"8 digits read with a leading zero", "12345611", true},
		{"8 digits, short form of 000000024", "00000024", true},
		{"fails 11-test", "123456789", false},
		{"fails 11-test, last digit off by one", "123456783", false},
		{"8 digits failing the 11-test", "12345678", false},
		{"all zeros passes the sum but is not a BSN", "000000000", false},
		{"8 zeros", "00000000", false},
		{"empty", "", false},
		{"7 digits", "1234567", false},
		{"10 digits", "1234567820", false},
		{"letter", "12345678a", false},
		{"separators are not accepted by Valid", "1234.56.782", false},
		{"surrounding space is not accepted by Valid", " 123456782", false},
		{"sign", "+23456782", false},
		{"non-ASCII digits", "١٢٣٤٥٦٧٨٢", false},
		{"full-width digits", "１２３４５６７８２", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Valid(tt.in); got != tt.want {
				t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		{"plain", "123456782", "123456782", nil},
		{"dots", "1234.56.782", "123456782", nil},
		{"spaces", " 123 456 782 ", "123456782", nil},
		{"dashes", "123-456-782", "123456782", nil},
		{"tab and non-breaking space", "123\t456\u00a0782", "123456782", nil},
		{"8 digits padded", "12345611", "012345611", nil},
		{"8 digits with dots padded", "1234.56.11", "012345611", nil},
		{"leading zero kept", "0100.00.008", "010000008", nil},
		{"empty", "", "", ErrFormat},
		{"only separators", " .-. ", "", ErrFormat},
		{"too short", "1234567", "", ErrFormat},
		{"too long", "1234567820", "", ErrFormat},
		{"letters", "12345678X", "", ErrFormat},
		{"other separator", "123/456/782", "", ErrFormat},
		{"non-ASCII digits", "١٢٣٤٥٦٧٨٢", "", ErrFormat},
		{"checksum", "123456789", "", ErrChecksum},
		{"checksum with dots", "1234.56.789", "", ErrChecksum},
		{"8 digits failing checksum", "12345678", "", ErrChecksum},
		{"all zeros", "000.000.000", "", ErrChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Normalize(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if err == nil && !Valid(got) {
				t.Errorf("Normalize(%q) = %q, which is not Valid", tt.in, got)
			}
		})
	}
}

func TestErrorsAreDistinct(t *testing.T) {
	if errors.Is(ErrFormat, ErrChecksum) || errors.Is(ErrChecksum, ErrFormat) {
		t.Fatal("ErrFormat and ErrChecksum must be distinguishable")
	}
}

// generated returns n BSNs from a deterministic generator.
func generated(t *testing.T, n int) []string {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		out[i] = Generate(r)
	}
	return out
}

func TestGenerate(t *testing.T) {
	all := generated(t, 20000)
	seen := make(map[string]bool, len(all))
	firstDigits := make(map[byte]bool)
	for _, s := range all {
		if len(s) != 9 {
			t.Fatalf("Generate() = %q, want 9 digits", s)
		}
		if !Valid(s) {
			t.Fatalf("Generate() = %q, which is not Valid", s)
		}
		if n, err := Normalize(s); err != nil || n != s {
			t.Fatalf("Normalize(%q) = %q, %v; want it unchanged", s, n, err)
		}
		seen[s] = true
		firstDigits[s[0]] = true
	}
	// Rough sanity checks that the output is spread out: nearly all unique,
	// and every first digit (including 0) occurs.
	if len(seen) < len(all)-10 {
		t.Errorf("only %d unique numbers in %d", len(seen), len(all))
	}
	if len(firstDigits) != 10 {
		t.Errorf("first digits seen: %d, want all 10", len(firstDigits))
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := generated(t, 50), generated(t, 50)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed gave %q and %q at %d", a[i], b[i], i)
		}
	}
}

// TestElevenTestCatchesTypos checks the two error classes the 11-test is
// designed to catch: any single wrong digit and any swap of two adjacent
// different digits.
func TestElevenTestCatchesTypos(t *testing.T) {
	for _, s := range append(generated(t, 500), "111222333", "123456782") {
		t.Run(s, func(t *testing.T) {
			b := []byte(s)
			for i := range b {
				orig := b[i]
				for c := byte('0'); c <= '9'; c++ {
					if c == orig {
						continue
					}
					b[i] = c
					if Valid(string(b)) {
						t.Errorf("%s with digit %d changed to %c is still valid", s, i+1, c)
					}
				}
				b[i] = orig
			}
			for i := 0; i+1 < len(b); i++ {
				if b[i] == b[i+1] {
					continue
				}
				b[i], b[i+1] = b[i+1], b[i]
				if Valid(string(b)) {
					t.Errorf("%s with digits %d and %d swapped is still valid", s, i+1, i+2)
				}
				b[i], b[i+1] = b[i+1], b[i]
			}
		})
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"123456782", "1234.56.782", "12345611", "", "000000000", "12345678X", " 1-2.3 4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := Normalize(in)
		switch {
		case err == nil:
			if len(got) != 9 || !Valid(got) {
				t.Fatalf("Normalize(%q) = %q, nil; not a valid 9-digit BSN", in, got)
			}
			if again, err := Normalize(got); err != nil || again != got {
				t.Fatalf("Normalize not idempotent: %q -> %q -> %q, %v", in, got, again, err)
			}
		case errors.Is(err, ErrFormat), errors.Is(err, ErrChecksum):
			if got != "" {
				t.Fatalf("Normalize(%q) = %q with error %v; want empty string", in, got, err)
			}
		default:
			t.Fatalf("Normalize(%q) returned unexpected error %v", in, err)
		}
		if Valid(in) && (err != nil || (got != in && got != "0"+in)) {
			t.Fatalf("Valid(%q) but Normalize = %q, %v", in, got, err)
		}
	})
}
