// Package matching finds persons that are already known in the chain, so a
// family tells its story once (the idea of the Verwijsindex): a new report is
// matched against everyone known, by BSN when both have one, otherwise by
// name and birth date, allowing for typing errors, spelling variants,
// tussenvoegsels and swapped given and family names.
//
// Matching only proposes: a professional confirms a match, and the caller
// shows that another organisation knows the person and whom to call, never
// the content.
//
// To avoid scanning every known person, the storage layer keeps the blocking
// keys of every person (Keys) in an indexed table, looks up the candidates
// that share at least one key with the query, and ranks them with Rank.
//
// The package is pure: no I/O, no storage.
package matching

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Person is what matching knows of a person.
type Person struct {
	ID int64
	// BSN is optional. Only its digits count, and an eight-digit BSN gets
	// back its leading zero; the 11-test is the caller's business.
	BSN string
	// GivenNames holds all given names (or the first one only); FamilyName the
	// family name with any tussenvoegsels.
	GivenNames, FamilyName string
	// BirthDate is a civil date, conventionally UTC midnight; only its
	// year, month and day (in its own location) are used. The zero time means
	// unknown.
	BirthDate time.Time
}

// Match is a scored candidate.
type Match struct {
	Candidate Person
	// Score is between 0 and 1, rounded to four decimals.
	Score float64
	// Reasons are English machine codes explaining the score, in a fixed
	// order: BSN, birth date, names_swapped, family name, given names.
	// See the Reason… constants.
	Reasons []string
}

// Reason codes in Match.Reasons.
const (
	ReasonBSNEqual              = "bsn_equal"
	ReasonBSNDifferent          = "bsn_different"
	ReasonBirthDateEqual        = "birth_date_equal"
	ReasonBirthDateDayMonthSwap = "birth_date_day_month_swapped"
	ReasonBirthDateOneDigitOff  = "birth_date_one_digit_off"
	ReasonBirthDateTransposed   = "birth_date_digits_transposed"
	ReasonBirthDateDifferent    = "birth_date_different"
	ReasonBirthDateMissing      = "birth_date_missing"
	ReasonNamesSwapped          = "names_swapped"
	ReasonFamilyNameEqual       = "family_name_equal"
	ReasonFamilyNamePartial     = "family_name_partial"
	ReasonFamilyNameTypo        = "family_name_typo"
	ReasonFamilyNameDifferent   = "family_name_different"
	ReasonFamilyNameMissing     = "family_name_missing"
	ReasonGivenNameEqual        = "given_name_equal"
	ReasonGivenNamePartial      = "given_name_partial"
	ReasonGivenNameTypo         = "given_name_typo"
	ReasonGivenNameDifferent    = "given_name_different"
	ReasonGivenNameMissing      = "given_name_missing"
)

// Name reason codes are built from a prefix and a suffix.
const (
	reasonFamilyPrefix        = "family_name"
	reasonGivenPrefix         = "given_name"
	reasonNameSuffixEqual     = "_equal"
	reasonNameSuffixPartial   = "_partial"
	reasonNameSuffixTypo      = "_typo"
	reasonNameSuffixDifferent = "_different"
	reasonNameSuffixMissing   = "_missing"
)

// Similarity levels; see dateSimilarity and nameSimilarity.
const (
	dateSimilarityNearlyEqual = 0.8
	nameSimilarityPartial     = 0.9
	nameSimilarityTypoAtLeast = 0.7
	scoreDecimals             = 1e4
)

// Threshold is the score at or above which a candidate is proposed as a
// match.
const Threshold = 0.85

// The weights of Score when the BSN does not decide. They add up to 1.
//
// The birth date weighs less than the names but is still needed: without it
// (birth date different or unknown) the best score is 0.70, below Threshold,
// so persons with the same name are never proposed on their name alone.
// Given names weigh as much as family names, so twins (same family name and
// birth date, different given names) are kept apart: "Sanne de Vries"
// against "Sophie de Vries" scores 0.77, "Daan" against "Dina" 0.83.
//
// With an exact birth date and one name equal, the other name needs a
// similarity of at least 0.572: one edit in a name of three letters or more
// ("Jansen"/"Janssen" is 0.86). With a nearly equal birth date (0.8: day and
// month swapped, one digit off, two adjacent digits swapped) the names
// together may lose at most 0.09 of score: one typo in a name of four letters
// or more, not two typos. Known limits, acceptable because a professional
// confirms every proposal: twins with nearly equal given names ("Lisa" and
// "Lise") and namesakes born a day apart are proposed.
const (
	WeightBirthDate  = 0.30
	WeightFamilyName = 0.35
	WeightGivenNames = 0.35
)

// Score compares a query with one candidate.
//
// When both have a BSN, the BSN decides: equal scores 1, different scores 0
// (two persons with different BSNs are never the same person, whatever their
// names). Otherwise the score is
//
//	WeightBirthDate·date + WeightFamilyName·family + WeightGivenNames·given
//
// where date is 1 for an equal birth date, 0.8 for day and month swapped,
// one digit off or two adjacent digits swapped within the year, month or
// day, and 0 otherwise (also when either is unknown); family and given are
// name similarities (see nameSimilarity) of the normalized names. The names
// are also compared crosswise (query given names with candidate family name
// and the other way round); the crosswise pairing is used, with the reason
// names_swapped, when it is better.
func Score(query, candidate Person) Match {
	return score(prepare(query), prepare(candidate))
}

// prepared is a person with its BSN and names normalized once.
type prepared struct {
	p                  Person
	bsn, given, family string
}

func prepare(p Person) prepared {
	return prepared{p: p, bsn: normalizeBSN(p.BSN), given: comparedName(p.GivenNames), family: comparedName(p.FamilyName)}
}

// MaxNameRunes bounds the part of a name that matching looks at: the name
// comparison is quadratic in the names' lengths (two names of 40,000
// characters took 13 s), and no real name is this long after
// normalization. Names that agree on their first MaxNameRunes normalized
// characters compare as equal.
const MaxNameRunes = 64

// rawPrefixRunes is how much of a name as typed is normalized: enough for
// MaxNameRunes after particles, punctuation and spaces are dropped.
const rawPrefixRunes = 4 * MaxNameRunes

// comparedName is the normalized prefix of name that Score compares: the cost
// of matching never depends on how long a typed name is.
func comparedName(name string) string {
	return prefix(Normalize(prefix(name, rawPrefixRunes)), MaxNameRunes)
}

// prefix returns the first n runes of s, without a trailing space.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimRight(s[:j], " ")
		}
		i++
	}
	return s
}

func score(q, c prepared) Match {
	m := Match{Candidate: c.p}
	if q.bsn != "" && c.bsn != "" {
		if q.bsn == c.bsn {
			m.Score = 1
			m.Reasons = []string{ReasonBSNEqual}
		} else {
			m.Reasons = []string{ReasonBSNDifferent}
		}
		return m
	}

	date, dateReason := dateSimilarity(q.p.BirthDate, c.p.BirthDate)
	given, givenKind := nameSimilarity(q.given, c.given)
	family, familyKind := nameSimilarity(q.family, c.family)
	swapped := false
	sg, sgKind := nameSimilarity(q.given, c.family)
	sf, sfKind := nameSimilarity(q.family, c.given)
	if WeightGivenNames*sg+WeightFamilyName*sf > WeightGivenNames*given+WeightFamilyName*family {
		swapped = true
		given, givenKind, family, familyKind = sg, sgKind, sf, sfKind
	}

	s := WeightBirthDate*date + WeightFamilyName*family + WeightGivenNames*given
	m.Score = math.Round(s*scoreDecimals) / scoreDecimals
	m.Reasons = make([]string, 0, 4)
	m.Reasons = append(m.Reasons, dateReason)
	if swapped {
		m.Reasons = append(m.Reasons, ReasonNamesSwapped)
	}
	m.Reasons = append(m.Reasons, reasonFamilyPrefix+familyKind, reasonGivenPrefix+givenKind)
	return m
}

// Rank scores every candidate against the query and returns those at or
// above Threshold, best first; equal scores are ordered by candidate ID. A
// candidate with the query's own (non-zero) ID is skipped.
func Rank(query Person, candidates []Person) []Match {
	var out []Match
	q := prepare(query)
	for _, c := range candidates {
		if query.ID != 0 && c.ID == query.ID || !q.mayReach(c) {
			continue
		}
		if m := score(q, prepare(c)); m.Score >= Threshold {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Candidate.ID, b.Candidate.ID)
	})
	return out
}

// KeysVersion changes whenever Keys or PhoneticKey produce different keys for
// the same person, so a storage layer can tell that its key table must be
// rebuilt.
//
// Version 2 keys only the bounded prefix of a name (MaxNameRunes). Version 3
// adds the e: keys (birth date and name key together). Version 4 narrows the
// n: keys from the birth year to the year with the month and the year with
// the day.
const KeysVersion = 4

// Keys returns the blocking keys of a person: a storage layer stores them in
// an indexed (key, person) table and finds the candidates for a query with an
// equality lookup on the query's keys. Two persons that Score can match share
// at least one key in the supported error scenarios:
//
//	b:<BSN>                       same BSN
//	e:<YYYYMMDD>:<family key>     same birth date and family name sound
//	e:<YYYYMMDD>:<given key>      same birth date and given name sound
//	d:<YYYYMMDD>                  same birth date, whatever the names
//	n:<family key>:<YYYY>:<MM>    typo in the given names, or in the date's day
//	n:<family key>:<YYYY>:<DD>    typo in the given names, or in the date's month
//	n:<given key>:<YYYY>:<MM>     typo in the family name, or in the date's day
//	n:<given key>:<YYYY>:<DD>     typo in the family name, or in the date's month
//	m:<family key>:<MMDD>         wrong birth year
//	m:<given key>:<MMDD>          wrong birth year and a typo in the family name
//
// A nearly equal birth date (see Score) differs in one of year, month and
// day, or has day and month swapped; the n: and m: keys pair the name sound
// with two of the three, so one of them survives the error. The month and
// the day are written alike in the n: keys, so a date and its day-month swap
// (2010-05-06 and 2010-06-05) both have n:<key>:2010:05 and n:<key>:2010:06.
//
// The e: keys are the selective ones: only namesakes born on the same day
// share them, so a storage layer that caps how many persons it reads per key
// still finds every exact-date match that keeps one name's sound, however
// many persons share the birth date (a default date such as 1 January for
// people whose birth date is unknown) or the name. The d: key is for typos
// in both names on an exact date; it is the first to be capped. An n: key
// holds the namesakes born in one month of a year and those born on that
// day number of its months: about a ninth of the namesakes born that year
// (a thirtieth for a day after the 12th), where version 3 read them all.
//
// The name keys are PhoneticKey of the first word of the normalized name.
// Family and given keys share the prefixes, so swapped given and family names
// still meet. Persons without a birth date get only their BSN key: Score
// never proposes them without a BSN. At most ten keys, without duplicates.
//
// Stored keys must be rebuilt when KeysVersion changes.
func Keys(p Person) []string {
	keys := make([]string, 0, 10)
	add := func(k string) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if b := normalizeBSN(p.BSN); b != "" {
		add("b:" + b)
	}
	if p.BirthDate.IsZero() {
		return keys
	}
	y, mo, d := p.BirthDate.Date()
	date := fmt.Sprintf("%04d%02d%02d", y, int(mo), d)
	fk, gk := nameKey(p.FamilyName), nameKey(p.GivenNames)
	yearMonth := fmt.Sprintf(":%04d:%02d", y, int(mo))
	yearDay := fmt.Sprintf(":%04d:%02d", y, d)
	monthDay := fmt.Sprintf(":%02d%02d", int(mo), d)
	for _, k := range []string{fk, gk} {
		if k != "" {
			add("e:" + date + ":" + k)
		}
	}
	add("d:" + date)
	for _, k := range []string{fk, gk} {
		if k != "" {
			add("n:" + k + yearMonth)
			add("n:" + k + yearDay)
		}
	}
	for _, k := range []string{fk, gk} {
		if k != "" {
			add("m:" + k + monthDay)
		}
	}
	return keys
}

// nameKey is the phonetic key of the first word of the normalized name (its
// bounded prefix, see comparedName), or the word itself when it has no
// letters a–z (a name in another script).
func nameKey(name string) string {
	n := comparedName(name)
	if i := strings.IndexByte(n, ' '); i >= 0 {
		n = n[:i]
	}
	if k := PhoneticKey(n); k != "" {
		return k
	}
	return n
}

// dateSimilarity compares two civil dates; see Score.
func dateSimilarity(a, b time.Time) (float64, string) {
	if a.IsZero() || b.IsZero() {
		return 0, ReasonBirthDateMissing
	}
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	if ay == by && am == bm && ad == bd {
		return 1, ReasonBirthDateEqual
	}
	if ay == by && int(am) == bd && ad == int(bm) {
		return dateSimilarityNearlyEqual, ReasonBirthDateDayMonthSwap
	}
	sa, okA := digits(ay, int(am), ad)
	sb, okB := digits(by, int(bm), bd)
	if !okA || !okB {
		return 0, ReasonBirthDateDifferent
	}
	var diff []int
	for i := range 8 {
		if sa[i] != sb[i] {
			diff = append(diff, i)
		}
	}
	switch {
	case len(diff) == 1:
		return dateSimilarityNearlyEqual, ReasonBirthDateOneDigitOff
	case len(diff) == 2 && diff[1] == diff[0]+1 && diff[0] != 3 && diff[0] != 5 &&
		sa[diff[0]] == sb[diff[1]] && sa[diff[1]] == sb[diff[0]]:
		// adjacent digits swapped inside the year (0–3), month (4–5) or day (6–7)
		return dateSimilarityNearlyEqual, ReasonBirthDateTransposed
	}
	return 0, ReasonBirthDateDifferent
}

// nameSimilarity compares two normalized names and returns a similarity in
// [0, 1] with the suffix of its reason code:
//
//   - 1 ("_equal") when the names are equal, ignoring spaces and word order
//     ("o brien" = "obrien", "berg vries" = "vries berg");
//   - otherwise the best of the normalized Damerau-Levenshtein (optimal
//     string alignment) similarity 1 − distance/longer length, on the names
//     without spaces and on their words sorted, and 0.9 ("_partial") when
//     all words of one name are words of the other ("berg" against
//     "berg vries", "fatima" against "fatima zahra");
//   - "_typo" when that is at least 0.7, "_different" below, and 0 with
//     "_missing" when either name is empty.
//
// Damerau-Levenshtein is used rather than Jaro-Winkler because it is stricter
// on short, different names: "Daan" and "Dina" score 0.5 here and 0.75 with
// Jaro-Winkler.
func nameSimilarity(a, b string) (float64, string) {
	if a == "" || b == "" {
		return 0, reasonNameSuffixMissing
	}
	if a == b {
		return 1, reasonNameSuffixEqual
	}
	wa, wb := strings.Fields(a), strings.Fields(b)
	ca, cb := strings.Join(wa, ""), strings.Join(wb, "")
	if ca == cb {
		return 1, reasonNameSuffixEqual
	}
	sim := osaSimilarity(ca, cb)
	kind := ""
	if len(wa) > 1 || len(wb) > 1 {
		sa, sb := slices.Sorted(slices.Values(wa)), slices.Sorted(slices.Values(wb))
		if slices.Equal(sa, sb) {
			return 1, reasonNameSuffixEqual
		}
		sim = max(sim, osaSimilarity(strings.Join(sa, ""), strings.Join(sb, "")))
		if (subset(wa, wb) || subset(wb, wa)) && sim < nameSimilarityPartial {
			sim, kind = nameSimilarityPartial, reasonNameSuffixPartial
		}
	}
	if kind == "" {
		if sim >= nameSimilarityTypoAtLeast {
			kind = reasonNameSuffixTypo
		} else {
			kind = reasonNameSuffixDifferent
		}
	}
	return sim, kind
}

// subset reports whether every word of a is a word of b.
func subset(a, b []string) bool {
	for _, w := range a {
		if !slices.Contains(b, w) {
			return false
		}
	}
	return true
}

// osaSimilarity is 1 − d/max(len) for the optimal string alignment distance
// d (Levenshtein plus transposition of adjacent characters), over runes.
func osaSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	n := max(len(ra), len(rb))
	if n == 0 {
		return 1
	}
	return 1 - float64(osaDistance(ra, rb))/float64(n)
}

func osaDistance(a, b []rune) int {
	// Three rolling rows: previous-but-one, previous, current.
	w := len(b) + 1
	rows := make([]int, 3*w)
	pp, p, c := rows[:w], rows[w:2*w], rows[2*w:]
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= len(a); i++ {
		c[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			c[j] = v
		}
		pp, p, c = p, c, pp
	}
	return p[len(b)]
}
