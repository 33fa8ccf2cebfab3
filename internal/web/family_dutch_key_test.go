package web_test

import "testing"

// TestDutchCheckSkipsAppKey: the English check finds a Dutch word in the
// text, but not in an app key whose letters happen to spell one (seen in
// CI: "… OQUW F7C2 3DSP" read as "uw ").
func TestDutchCheckSkipsAppKey(t *testing.T) {
	for _, c := range []struct {
		name, body string
		hits       int
	}{
		{"app key", "<main>Type the name Schakel and as the key: MUTW 64QW AVAE SAGD 7Y6W OQUW F7C2 3DSP Do you use it?</main>", 0},
		{"Dutch word", "<main>Open uw app and type the code.</main>", 1},
		{"Dutch word beside a key", "<main>Typ uw sleutel: MUTW 64QW AVAE SAGD 7Y6W OQUW F7C2 3DSP</main>", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			if hits := dutchIn(c.body); len(hits) != c.hits {
				t.Errorf("found %v, want %d", hits, c.hits)
			}
		})
	}
}
