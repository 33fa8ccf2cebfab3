package auth_test

import (
	"regexp"
	"strings"
	"testing"

	"schakel/internal/auth"
)

// TestActivationCode: four groups of four characters from the alphabet
// without look-alikes, unique, and found again however it is typed.
func TestActivationCode(t *testing.T) {
	shape := regexp.MustCompile(`^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$`)
	seen := map[string]bool{}
	for range 1000 {
		c, err := auth.NewActivationCode()
		if err != nil {
			t.Fatal(err)
		}
		if !shape.MatchString(c) {
			t.Fatalf("code %q", c)
		}
		if seen[c] {
			t.Fatalf("code %q twice", c)
		}
		seen[c] = true
		typed := " " + strings.ToLower(strings.ReplaceAll(c, "-", " ")) + " "
		if got, want := auth.NormalizeActivationCode(typed), strings.ReplaceAll(c, "-", ""); got != want {
			t.Fatalf("normalized %q = %q, want %q", typed, got, want)
		}
	}
}
