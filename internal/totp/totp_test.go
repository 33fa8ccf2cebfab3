package totp

import (
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// The test vectors of RFC 6238, appendix B: 8-digit codes with the seeds
// of its reference implementation, one per hash.
func TestRFC6238Vectors(t *testing.T) {
	seeds := map[Algorithm][]byte{
		SHA1:   []byte("12345678901234567890"),
		SHA256: []byte("12345678901234567890123456789012"),
		SHA512: []byte("1234567890123456789012345678901234567890123456789012345678901234"),
	}
	vectors := []struct {
		unix int64
		alg  Algorithm
		want string
	}{
		{59, SHA1, "94287082"}, {59, SHA256, "46119246"}, {59, SHA512, "90693936"},
		{1111111109, SHA1, "07081804"}, {1111111109, SHA256, "68084774"}, {1111111109, SHA512, "25091201"},
		{1111111111, SHA1, "14050471"}, {1111111111, SHA256, "67062674"}, {1111111111, SHA512, "99943326"},
		{1234567890, SHA1, "89005924"}, {1234567890, SHA256, "91819424"}, {1234567890, SHA512, "93441116"},
		{2000000000, SHA1, "69279037"}, {2000000000, SHA256, "90698825"}, {2000000000, SHA512, "38618901"},
		{20000000000, SHA1, "65353130"}, {20000000000, SHA256, "77737706"}, {20000000000, SHA512, "47863826"},
	}
	for _, v := range vectors {
		step := Step(time.Unix(v.unix, 0))
		if got := HOTP(seeds[v.alg], uint64(step), 8, v.alg); got != v.want {
			t.Errorf("T=%d alg %d: got %s, want %s", v.unix, v.alg, got, v.want)
		}
	}
}

// The HOTP vectors of RFC 4226, appendix D.
func TestRFC4226Vectors(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	for i, w := range want {
		if got := HOTP([]byte("12345678901234567890"), uint64(i), 6, SHA1); got != w {
			t.Errorf("count %d: got %s, want %s", i, got, w)
		}
	}
}

// A second implementation (pquerna/otp) computes and checks the same
// codes for many secrets and times.
func TestAgreesWithPquerna(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2000 {
		secret := NewSecret()
		at := start.Add(time.Duration(i) * 7919 * time.Second)
		theirs, err := totp.GenerateCodeCustom(Encode(secret), at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			t.Fatal(err)
		}
		if ours := Code(secret, Step(at)); ours != theirs {
			t.Fatalf("secret %s at %s: ours %s, theirs %s", Encode(secret), at, ours, theirs)
		}
		if _, ok := Match(secret, theirs, at, 0); !ok {
			t.Fatalf("their code %s not accepted", theirs)
		}
		mine := Code(secret, Step(at))
		if ok, err := totp.ValidateCustom(mine, Encode(secret), at, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}); err != nil || !ok {
			t.Fatalf("our code %s not accepted by pquerna: %v", mine, err)
		}
	}
}

// The URI is read by pquerna's key parser as the same secret and settings.
func TestURIReadBySecondImplementation(t *testing.T) {
	secret := NewSecret()
	key, err := otp.NewKeyFromURL(URI("Schakel", "sanne.vt@schakel.example", secret))
	if err != nil {
		t.Fatal(err)
	}
	if key.Secret() != Encode(secret) || key.Issuer() != "Schakel" || key.AccountName() != "sanne.vt@schakel.example" || key.Period() != 30 {
		t.Fatalf("key %+v", key)
	}
}

func TestMatch(t *testing.T) {
	secret := NewSecret()
	now := time.Date(2026, 12, 1, 9, 0, 10, 0, time.UTC)
	cur := Step(now)
	tests := []struct {
		name string
		code string
		last int64
		ok   bool
		step int64
	}{
		{"current step", Code(secret, cur), 0, true, cur},
		{"typed with a space", Code(secret, cur)[:3] + " " + Code(secret, cur)[3:], 0, true, cur},
		{"previous step", Code(secret, cur-1), 0, true, cur - 1},
		{"next step", Code(secret, cur+1), 0, true, cur + 1},
		{"two steps old", Code(secret, cur-2), 0, false, 0},
		{"two steps ahead", Code(secret, cur+2), 0, false, 0},
		{"the step already used", Code(secret, cur), cur, false, 0},
		{"an older step after a newer one was used", Code(secret, cur-1), cur, false, 0},
		{"too short", Code(secret, cur)[:5], 0, false, 0},
		{"letters", "abcdef", 0, false, 0},
		{"empty", "", 0, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			step, ok := Match(secret, tt.code, now, tt.last)
			if ok != tt.ok || step != tt.step {
				t.Fatalf("Match = %d, %v; want %d, %v", step, ok, tt.step, tt.ok)
			}
		})
	}
}

func TestEncodeDecode(t *testing.T) {
	secret := NewSecret()
	got, err := Decode(strings.ToLower(Grouped(Encode(secret))))
	if err != nil || string(got) != string(secret) {
		t.Fatalf("round trip: %x, %v", got, err)
	}
	if _, err := Decode("not base32!"); err == nil {
		t.Fatal("garbage decoded")
	}
}
