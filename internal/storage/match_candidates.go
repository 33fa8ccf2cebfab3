package storage

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel/internal/matching"
)

// MatchCandidate is a known person of the region that shares a matching
// key with someone on a new report, with the family they belong to.
type MatchCandidate struct {
	matching.Person
	FamilyID int64
}

// MatchKeyCap is the most persons read for one matching key. It bounds the
// work of matching one person whatever the population: when many people
// share a birth date (1 January is the default for an unknown day) or a
// common name in one birth year, only the MatchKeyCap most recently added of
// them are read for that key, and MatchCandidates says the answer is
// capped. The selective keys (BSN, and birth date with a name sound, see
// matching.Keys) stay far below the cap in any real population, so the
// persons that match on an exact birth date and one name's sound are found
// even when the date's group is capped.
const MatchKeyCap = 200

// MatchCandidates loads the persons of a region that share a blocking key,
// in the order of their id, reading at most MatchKeyCap persons per key.
// capped reports that at least one key had more persons than that: then
// persons with typos in both names or a wrong birth date may be missed, and
// the caller says so.
func (tx *Tx) MatchCandidates(regionID int64, keys []string) (cands []MatchCandidate, capped bool, err error) {
	sets, err := tx.MatchCandidatesFor(regionID, [][]string{keys})
	if err != nil {
		return nil, false, err
	}
	return sets[0].Persons, sets[0].Capped, nil
}

// CandidateSet is what MatchCandidates finds for one person.
type CandidateSet struct {
	Persons []MatchCandidate
	Capped  bool
}

// maxCandidateKeys bounds the keys of one candidate statement.
const maxCandidateKeys = 400

// MatchCandidatesFor is MatchCandidates for every person of a report in
// one statement (one round trip instead of one per person), a set per
// person in the order of keysets.
func (tx *Tx) MatchCandidatesFor(regionID int64, keysets [][]string) ([]CandidateSet, error) {
	out := make([]CandidateSet, len(keysets))
	var args []any
	var owner []int // the person of each key
	for i, ks := range keysets {
		for _, k := range ks {
			args = append(args, k)
			owner = append(owner, i)
		}
	}
	if len(owner) == 0 {
		return out, nil
	}
	if len(owner) > maxCandidateKeys && len(keysets) > 1 {
		// SQLite allows 500 parts in one compound SELECT.
		h := len(keysets) / 2
		a, err := tx.MatchCandidatesFor(regionID, keysets[:h])
		if err != nil {
			return nil, err
		}
		b, err := tx.MatchCandidatesFor(regionID, keysets[h:])
		return append(a, b...), err
	}
	rows, err := tx.query(candidateQuery(len(owner)), append(args, regionID)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	perKey := make([]int, len(owner))
	seen := map[[2]int64]bool{}
	for rows.Next() {
		var key int
		var m MatchCandidate
		var birth sql.NullTime
		if err := rows.Scan(&key, &m.ID, &m.BSN, &m.GivenNames, &m.FamilyName, &birth, &m.FamilyID); err != nil {
			return nil, err
		}
		if key < 0 || key >= len(perKey) {
			return nil, fmt.Errorf("match candidates: key %d of %d", key, len(perKey))
		}
		perKey[key]++
		// A person of another region (id 0 here) still counts towards the
		// key's cap; a person sharing several keys is one candidate.
		p := owner[key]
		if m.ID == 0 || seen[[2]int64{int64(p), m.ID}] {
			continue
		}
		seen[[2]int64{int64(p), m.ID}] = true
		if birth.Valid {
			b := birth.Time.UTC()
			m.BirthDate = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
		}
		out[p].Persons = append(out[p].Persons, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for k, n := range perKey {
		if n > MatchKeyCap {
			out[owner[k]].Capped = true
		}
	}
	for _, set := range out {
		slices.SortFunc(set.Persons, func(a, b MatchCandidate) int { return cmp.Compare(a.ID, b.ID) })
	}
	return out, nil
}

// candidateQuery finds the persons sharing any of n keys (arguments: the
// keys, then the region): per key the MatchKeyCap+1 newest persons by an
// index range on person_keys' primary key, so one more than the cap tells
// that the key was capped. Persons of other regions come back with id 0.
//
// The key is bound as CAST(? AS TEXT), not as a bare parameter: this SQLite
// is built with STAT4, and a statement whose bare parameter is compared with
// an indexed column is prepared again at every new value (a quarter of
// matching's CPU went to that after ANALYZE). The cast keeps the plan from
// depending on the value, which the cap makes safe.
func candidateQuery(n int) string {
	var b strings.Builder
	b.WriteString(`SELECT k.n, COALESCE(p.id, 0), COALESCE(p.bsn, ''), COALESCE(p.given_names, ''), COALESCE(p.family_name, ''), p.birth_date, COALESCE(p.family_id, 0) FROM (`)
	for i := range n {
		if i > 0 {
			b.WriteString(" UNION ALL ")
		}
		fmt.Fprintf(&b, `SELECT %d AS n, person_id FROM (SELECT person_id FROM person_keys WHERE key = CAST(? AS TEXT) ORDER BY person_id DESC LIMIT %d) k%d`, i, MatchKeyCap+1, i)
	}
	b.WriteString(`) k LEFT JOIN persons p ON p.id = k.person_id AND p.region_id = ?`)
	return b.String()
}
