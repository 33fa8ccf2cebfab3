package audit_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"schakel/internal/audit"
)

// sample returns an entry with every field set to a non-zero value.
func sample() audit.Entry {
	return audit.Entry{
		Seq:             7,
		Version:         audit.Version2,
		PrincipalKind:   "professional",
		PrincipalID:     42,
		At:              time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC),
		Event:           audit.EventRead,
		Outcome:         audit.Allowed,
		UserID:          42,
		UserName:        "Sanne de Wit",
		OnBehalfOf:      "API-token 'koppeling'",
		OrganisationID:  3,
		Role:            "intake",
		AccessBasis:     audit.BasisParticipation,
		Emergency:       true,
		EmergencyReason: "kind in acuut gevaar, ouders onbereikbaar",
		ClientAddr:      "192.0.2.1",
		Workstation:     "Firefox",
		ResourceType:    "case",
		ResourceID:      "12",
		Persons:         []int64{5, 9},
		Detail:          "gelezen",
		PrevHash:        strings.Repeat("ab", 32),
		Hash:            "",
	}
}

// TestComputeHashCoversEveryField changes each field of Entry in turn, found
// by reflection so that a field added later without being hashed makes this
// test fail.
func TestComputeHashCoversEveryField(t *testing.T) {
	base := sample()
	baseHash := audit.ComputeHash(base)
	typ := reflect.TypeFor[audit.Entry]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		t.Run(f.Name, func(t *testing.T) {
			e := sample()
			e.Persons = slices.Clone(base.Persons)
			v := reflect.ValueOf(&e).Elem().Field(i)
			switch x := v.Addr().Interface().(type) {
			case *int64:
				*x++
			case *int:
				*x++
			case *string:
				*x += "x"
			case *bool:
				*x = !*x
			case *time.Time:
				*x = x.Add(time.Microsecond)
			case *[]int64:
				*x = append(*x, 11)
			default:
				t.Fatalf("field %s of type %s: teach this test how to change it", f.Name, f.Type)
			}
			got := audit.ComputeHash(e)
			if f.Name == "Hash" {
				if got != baseHash {
					t.Fatalf("the hash depends on the Hash field itself")
				}
				return
			}
			if got == baseHash {
				t.Fatalf("changing %s does not change the hash", f.Name)
			}
		})
	}
}

// sampleV1 is sample as it was written before format versions: its hash
// was computed by the code of that time.
func sampleV1() (audit.Entry, string) {
	e := sample()
	e.Version, e.PrincipalKind, e.PrincipalID = audit.Version1, "", 0
	return e, "ae00ae682d66653666f670053ceb7d189b5bb4f1da2bba31ac46946e6386429d"
}

// TestComputeHashVersion1Unchanged checks that a version 1 entry hashes
// exactly as before format versions existed, and that its hash ignores the
// principal, which version 1 did not record.
func TestComputeHashVersion1Unchanged(t *testing.T) {
	e, want := sampleV1()
	if got := audit.ComputeHash(e); got != want {
		t.Fatalf("version 1 hash %s, want %s as written before format versions", got, want)
	}
	e.PrincipalKind, e.PrincipalID = "system", 1
	if got := audit.ComputeHash(e); got != want {
		t.Fatal("the version 1 hash depends on the principal, which version 1 did not hash")
	}
	// The same fields as version 2 hash differently: relabelling an entry
	// from one version to the other breaks it.
	e.PrincipalKind, e.PrincipalID, e.Version = "", 0, audit.Version2
	if audit.ComputeHash(e) == want {
		t.Fatal("a version 2 entry hashes like the version 1 entry of the same fields")
	}
	for _, v := range []int{0, 3} {
		e.Version = v
		if h := audit.ComputeHash(e); h != "" {
			t.Errorf("version %d: hash %q, want none", v, h)
		}
	}
}

func TestComputeHashStable(t *testing.T) {
	a, b := sample(), sample()
	// Same instant in another zone, persons in another order: same entry.
	b.At = b.At.In(time.FixedZone("CET", 3600))
	b.Persons = []int64{9, 5}
	if audit.ComputeHash(a) != audit.ComputeHash(b) {
		t.Fatal("the hash depends on the time zone or the order of persons")
	}
	if h := audit.ComputeHash(a); len(h) != 64 {
		t.Fatalf("hash %q is not a hex SHA-256", h)
	}
}

// TestComputeHashNoAmbiguity checks that moving text between adjacent
// fields changes the hash (fields are length-prefixed).
func TestComputeHashNoAmbiguity(t *testing.T) {
	a, b := sample(), sample()
	a.UserName, a.OnBehalfOf = "ab", "c"
	b.UserName, b.OnBehalfOf = "a", "bc"
	if audit.ComputeHash(a) == audit.ComputeHash(b) {
		t.Fatal("entries that differ only in where a field boundary lies hash alike")
	}
}

func TestPersonsText(t *testing.T) {
	for _, tc := range []struct {
		in   []int64
		want string
	}{
		{nil, ""},
		{[]int64{3}, "3"},
		{[]int64{9, 3, 9, 1}, "1,3,9"},
	} {
		got := audit.PersonsText(tc.in)
		if got != tc.want {
			t.Errorf("PersonsText(%v) = %q, want %q", tc.in, got, tc.want)
		}
		if back := audit.PersonsText(audit.ParsePersons(got)); back != tc.want {
			t.Errorf("ParsePersons(%q) does not round-trip: %q", got, back)
		}
	}
}

func TestNormalize(t *testing.T) {
	e := sample()
	e.At = time.Date(2025, 1, 2, 3, 4, 5, 123456789, time.FixedZone("CET", 3600))
	e.Persons = []int64{4, 2, 4}
	e.Normalize()
	if e.At.Location() != time.UTC || e.At.Nanosecond() != 123456000 {
		t.Errorf("At = %v, want UTC truncated to microseconds", e.At)
	}
	if !slices.Equal(e.Persons, []int64{2, 4}) {
		t.Errorf("Persons = %v, want [2 4]", e.Persons)
	}
	var fresh audit.Entry
	fresh.Normalize()
	if fresh.Version != audit.CurrentVersion {
		t.Errorf("a new entry gets version %d, want the current %d", fresh.Version, audit.CurrentVersion)
	}
	old, _ := sampleV1()
	old.Normalize()
	if old.Version != audit.Version1 {
		t.Errorf("Normalize changed a version 1 entry to %d", old.Version)
	}
}

// chain builds n correctly chained entries, the first half in format
// version 1 (written before principals) and the rest in version 2, as a
// trail upgraded in place looks.
func chain(t *testing.T, n int) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	prev := ""
	for i := 1; i <= n; i++ {
		e := sample()
		if i <= n/2 {
			e, _ = sampleV1()
		}
		e.Seq = int64(i)
		e.At = e.At.Add(time.Duration(i) * time.Second)
		e.Detail = strings.Repeat("d", i)
		e.PrevHash = prev
		e.Hash = audit.ComputeHash(e)
		prev = e.Hash
		out = append(out, e)
	}
	return out
}

// verify runs entries through a Verifier and Finish against the head of
// the original chain; it returns the first error and the verified count.
func verify(t *testing.T, entries []audit.Entry, headSeq int64, headHash string) (int64, error) {
	t.Helper()
	var v audit.Verifier
	for _, e := range entries {
		if err := v.Next(e); err != nil {
			return v.Count(), err
		}
	}
	return v.Count(), v.Finish(headSeq, headHash)
}

func TestVerifier(t *testing.T) {
	const n = 6
	head := func(es []audit.Entry) (int64, string) { return es[len(es)-1].Seq, es[len(es)-1].Hash }
	for _, tc := range []struct {
		name string
		// tamper changes a fresh copy of the chain.
		tamper  func(es []audit.Entry) []audit.Entry
		wantSeq int64 // 0: the chain must verify
	}{
		{"intact", func(es []audit.Entry) []audit.Entry { return es }, 0},
		{"changed detail", func(es []audit.Entry) []audit.Entry { es[2].Detail = "anders"; return es }, 3},
		{"changed user", func(es []audit.Entry) []audit.Entry { es[0].UserID = 99; return es }, 1},
		{"changed outcome of last", func(es []audit.Entry) []audit.Entry { es[n-1].Outcome = audit.Refused; return es }, n},
		{"changed persons", func(es []audit.Entry) []audit.Entry { es[3].Persons = []int64{5}; return es }, 4},
		{"changed and rehashed", func(es []audit.Entry) []audit.Entry {
			// Recomputing the changed entry's hash breaks the link of the next.
			es[2].Detail = "anders"
			es[2].Hash = audit.ComputeHash(es[2])
			return es
		}, 4},
		{"rewritten tail with recomputed hashes", func(es []audit.Entry) []audit.Entry {
			// An attacker who re-chains everything after the change is
			// still caught by the recorded head.
			es[3].Detail = "anders"
			for i := 3; i < len(es); i++ {
				es[i].PrevHash = es[i-1].Hash
				es[i].Hash = audit.ComputeHash(es[i])
			}
			return es
		}, n},
		{"removed first", func(es []audit.Entry) []audit.Entry { return es[1:] }, 1},
		{"removed middle", func(es []audit.Entry) []audit.Entry { return slices.Delete(es, 2, 3) }, 3},
		{"removed last", func(es []audit.Entry) []audit.Entry { return es[:n-1] }, n},
		{"removed two last", func(es []audit.Entry) []audit.Entry { return es[:n-2] }, n - 1},
		{"reordered", func(es []audit.Entry) []audit.Entry { es[2], es[3] = es[3], es[2]; return es }, 3},
		{"reordered and renumbered", func(es []audit.Entry) []audit.Entry {
			es[2], es[3] = es[3], es[2]
			es[2].Seq, es[3].Seq = 3, 4
			return es
		}, 3},
		{"duplicated entry", func(es []audit.Entry) []audit.Entry { return slices.Insert(es, 3, es[2]) }, 4},
		{"changed principal of a version 2 entry", func(es []audit.Entry) []audit.Entry { es[4].PrincipalKind = "system"; return es }, 5},
		{"version 2 entry relabelled version 1", func(es []audit.Entry) []audit.Entry { es[4].Version = audit.Version1; return es }, 5},
		{"version 2 entry relabelled and rehashed as version 1", func(es []audit.Entry) []audit.Entry {
			// Rewriting a new entry in the old format (to drop its
			// principal) breaks the link of the next entry, and even
			// when the rest is re-chained the version going back is seen.
			for i := 3; i < len(es); i++ {
				es[i].PrevHash = es[i-1].Hash
				if i == 4 {
					es[i].Version, es[i].PrincipalKind, es[i].PrincipalID = audit.Version1, "", 0
				}
				es[i].Hash = audit.ComputeHash(es[i])
			}
			return es
		}, 5},
		{"version 1 entry relabelled version 2", func(es []audit.Entry) []audit.Entry { es[1].Version = audit.Version2; return es }, 2},
		{"unknown version", func(es []audit.Entry) []audit.Entry { es[2].Version = 3; return es }, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			orig := chain(t, n)
			headSeq, headHash := head(orig)
			es := tc.tamper(slices.Clone(chain(t, n)))
			count, err := verify(t, es, headSeq, headHash)
			if tc.wantSeq == 0 {
				if err != nil {
					t.Fatalf("intact chain: %v", err)
				}
				if count != n {
					t.Fatalf("verified %d entries, want %d", count, n)
				}
				return
			}
			var br *audit.Break
			if !errors.As(err, &br) {
				t.Fatalf("tampering not detected: err = %v", err)
			}
			if br.Seq != tc.wantSeq {
				t.Fatalf("break at %d (%s), want %d", br.Seq, br.Reason, tc.wantSeq)
			}
			if !strings.Contains(br.Error(), "audit entry") || br.Reason == "" {
				t.Fatalf("break message %q does not explain itself", br.Error())
			}
			// Entries before the break were verified; a changed last entry
			// is only caught by Finish, after it was counted.
			if count < tc.wantSeq-1 || count > tc.wantSeq {
				t.Fatalf("verified %d entries, break at %d", count, tc.wantSeq)
			}
		})
	}
}

func TestVerifierEmptyTrail(t *testing.T) {
	var v audit.Verifier
	if err := v.Finish(0, ""); err != nil {
		t.Fatalf("empty trail: %v", err)
	}
	// A head that claims entries while none were found.
	var br *audit.Break
	if err := v.Finish(3, "abc"); !errors.As(err, &br) || br.Seq != 1 {
		t.Fatalf("head at 3 with no entries: %v", err)
	}
}

func TestParseAnchor(t *testing.T) {
	hash := strings.Repeat("ab", 32)
	for _, tc := range []struct {
		in   string
		want audit.Anchor
		ok   bool
	}{
		{"12:" + hash, audit.Anchor{12, hash}, true},
		{" 12:" + strings.ToUpper(hash) + "\n", audit.Anchor{12, hash}, true},
		{"12", audit.Anchor{}, false},
		{"0:" + hash, audit.Anchor{}, false},
		{"x:" + hash, audit.Anchor{}, false},
		{"12:abc", audit.Anchor{}, false},
		{"12:" + strings.Repeat("zz", 32), audit.Anchor{}, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := audit.ParseAnchor(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Fatalf("ParseAnchor(%q) = %+v, %v", tc.in, got, err)
			}
			if tc.ok && got.String() != "12:"+hash {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}
