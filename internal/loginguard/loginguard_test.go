package loginguard

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestLimitTake(t *testing.T) {
	l := Limit{Burst: 3, Every: time.Minute}
	for _, tc := range []struct {
		name     string
		fullAt   time.Time
		wantOK   bool
		wantNext time.Time
		wantWait time.Duration
	}{
		{"new bucket", time.Time{}, true, t0.Add(time.Minute), 0},
		{"full since long ago", t0.Add(-time.Hour), true, t0.Add(time.Minute), 0},
		{"one taken", t0.Add(time.Minute), true, t0.Add(2 * time.Minute), 0},
		{"last token", t0.Add(2 * time.Minute), true, t0.Add(3 * time.Minute), 0},
		{"empty", t0.Add(3 * time.Minute), false, t0.Add(3 * time.Minute), time.Minute},
		{"empty, half refilled", t0.Add(3*time.Minute + 30*time.Second), false, t0.Add(3*time.Minute + 30*time.Second), 90 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			next, wait, ok := l.Take(t0, tc.fullAt)
			if ok != tc.wantOK || !next.Equal(tc.wantNext) || wait != tc.wantWait {
				t.Errorf("Take = (%v, %v, %v), want (%v, %v, %v)", next, wait, ok, tc.wantNext, tc.wantWait, tc.wantOK)
			}
		})
	}
}

func TestLimitGive(t *testing.T) {
	l := Limit{Burst: 3, Every: time.Minute}
	for _, tc := range []struct {
		name   string
		fullAt time.Time
		want   time.Time
	}{
		{"full stays full", time.Time{}, t0},
		{"one back", t0.Add(2 * time.Minute), t0.Add(time.Minute)},
		{"never past full", t0.Add(30 * time.Second), t0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := l.Give(t0, tc.fullAt); !got.Equal(tc.want) {
				t.Errorf("Give = %v, want %v", got, tc.want)
			}
		})
	}
}

// A burst of attempts that all reserve before any is settled: only the
// pair's burst gets through, the rest wait without spending anything.
func TestReserveBurst(t *testing.T) {
	p := NewPolicy(5, 15*time.Minute)
	var s State
	allowed := 0
	for i := 0; i < 20; i++ {
		d, next := p.Reserve(t0, s)
		if d.Allowed {
			allowed++
		} else if d.Refused != ScopePair || d.RetryAfter != 3*time.Minute {
			t.Fatalf("attempt %d: %+v, want refused by the pair for 3m", i+1, d)
		} else if next != s {
			t.Fatalf("a refused attempt changed the state")
		}
		s = next
	}
	if allowed != 5 {
		t.Errorf("%d of 20 attempts allowed, want 5", allowed)
	}
	// The address spent only what was checked.
	if want := t0.Add(5 * 20 * time.Second); !s.Address.Equal(want) {
		t.Errorf("address full at %v, want %v", s.Address, want)
	}
	// Three minutes later one more try is allowed.
	if d, _ := p.Reserve(t0.Add(3*time.Minute), s); !d.Allowed {
		t.Errorf("after 3 minutes: %+v, want allowed", d)
	}
}

func TestReserve(t *testing.T) {
	p := Policy{Address: Limit{Burst: 2, Every: time.Minute}, Pair: Limit{Burst: 3, Every: time.Minute}}
	for _, tc := range []struct {
		name  string
		state State
		want  Decision
	}{
		{"fresh", State{}, Decision{Allowed: true}},
		{"address empty", State{Address: t0.Add(2 * time.Minute)}, Decision{Refused: ScopeAddress, RetryAfter: time.Minute}},
		{"pair empty", State{Pair: t0.Add(3 * time.Minute)}, Decision{Refused: ScopePair, RetryAfter: time.Minute}},
		{"both empty: the address answers", State{Address: t0.Add(2 * time.Minute), Pair: t0.Add(3 * time.Minute)}, Decision{Refused: ScopeAddress, RetryAfter: time.Minute}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := p.Reserve(t0, tc.state); got != tc.want {
				t.Errorf("Reserve = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSucceeded(t *testing.T) {
	p := NewPolicy(5, 15*time.Minute)
	s := State{Address: t0.Add(time.Minute), Pair: t0.Add(12 * time.Minute)}
	got := p.Succeeded(t0, s)
	if !got.Pair.IsZero() {
		t.Errorf("pair = %v, want reset", got.Pair)
	}
	if want := t0.Add(40 * time.Second); !got.Address.Equal(want) {
		t.Errorf("address = %v, want %v (one token back)", got.Address, want)
	}
}

func TestNewPolicy(t *testing.T) {
	for _, tc := range []struct {
		max  int
		all  time.Duration
		want Policy
	}{
		{5, 15 * time.Minute, Policy{Address: Limit{30, 20 * time.Second}, Pair: Limit{5, 3 * time.Minute}}},
		{0, time.Minute, Policy{Address: Limit{6, 20 * time.Second}, Pair: Limit{1, time.Minute}}},
	} {
		if got := NewPolicy(tc.max, tc.all); got != tc.want {
			t.Errorf("NewPolicy(%d, %v) = %+v, want %+v", tc.max, tc.all, got, tc.want)
		}
	}
}

func TestKeysFor(t *testing.T) {
	a := KeysFor("sanne@vt.example", "198.51.100.7")
	for _, tc := range []struct {
		name               string
		keys               Keys
		sameAddr, samePair bool
	}{
		{"same attempt", KeysFor("sanne@vt.example", "198.51.100.7"), true, true},
		{"other account, same address", KeysFor("piet@vt.example", "198.51.100.7"), true, false},
		{"same account, other address", KeysFor("sanne@vt.example", "198.51.100.8"), false, false},
		{"IPv4-mapped IPv6 is the IPv4 address", KeysFor("sanne@vt.example", "::ffff:198.51.100.7"), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if (tc.keys.Address == a.Address) != tc.sameAddr || (tc.keys.Pair == a.Pair) != tc.samePair {
				t.Errorf("keys %+v against %+v: same address %v, same pair %v", tc.keys, a, tc.sameAddr, tc.samePair)
			}
		})
	}
	if a.Address == a.Pair {
		t.Errorf("the two keys coincide")
	}
}

func TestClientNetwork(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"198.51.100.7", "198.51.100.7"},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"},
		{"2001:db8:1:3::1", "2001:db8:1:3::/64"},
		{"fe80::1%eth0", "fe80::/64"},
		{"not-an-ip", "not-an-ip"},
	} {
		if got := ClientNetwork(tc.in); got != tc.want {
			t.Errorf("ClientNetwork(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
