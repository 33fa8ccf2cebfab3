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
// key with someone on a new report, with what scoring needs. Their family
// is not part of it (it changes when families are joined, and the key rows
// carry only what never changes): PersonFamilies reads it for the few
// persons that matched.
type MatchCandidate struct {
	matching.Person
}

// MatchKeyCap is the most persons read for one matching key. It bounds the
// work of matching one person whatever the population: when many people
// share a birth date (1 January is the default for an unknown day) or a
// common name in one month of a birth year, only the MatchKeyCap most
// recently added of them are read for that key, and MatchCandidates says
// the answer is capped. The selective keys (BSN, and birth date with a
// name sound, see matching.Keys) stay far below the cap in any real
// population, so the persons that match on an exact birth date and one
// name's sound are found even when the date's group is capped.
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
	rows, err := tx.query(candidateQuery(len(owner)), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	perKey := make([]int, len(owner))
	seen := map[[2]int64]bool{}
	for rows.Next() {
		var key int
		var m MatchCandidate
		var region sql.NullInt64
		var birth sql.NullTime
		if err := rows.Scan(&key, &m.ID, &region, &m.BSN, &m.GivenNames, &m.FamilyName, &birth); err != nil {
			return nil, err
		}
		if key < 0 || key >= len(perKey) {
			return nil, fmt.Errorf("match candidates: key %d of %d", key, len(perKey))
		}
		perKey[key]++
		// A person of another region still counts towards the key's cap;
		// a person sharing several keys is one candidate.
		p := owner[key]
		if region.Int64 != regionID || seen[[2]int64{int64(p), m.ID}] {
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
// keys): per key the MatchKeyCap+1 newest persons by an index range on
// person_keys' primary key, so one more than the cap tells that the key was
// capped. The key rows carry the fields scoring needs, so persons is not
// read: on SQLite the table is clustered by key, on PostgreSQL its primary
// key index includes them (an index-only scan). The region is compared by
// the caller, so that persons of other regions count towards the cap as
// before.
//
// The key is bound as CAST(? AS TEXT), not as a bare parameter: this SQLite
// is built with STAT4, and a statement whose bare parameter is compared with
// an indexed column is prepared again at every new value (a quarter of
// matching's CPU went to that after ANALYZE). The cast keeps the plan from
// depending on the value, which the cap makes safe.
func candidateQuery(n int) string {
	return candidateQueries.get(n, func() string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(" UNION ALL ")
			}
			fmt.Fprintf(&b, `SELECT %d AS n, person_id, region_id, COALESCE(bsn, '') AS bsn, given_names, family_name, birth_date FROM (SELECT person_id, region_id, bsn, given_names, family_name, birth_date FROM person_keys WHERE key = CAST(? AS TEXT) ORDER BY person_id DESC LIMIT %d) k%d`, i, MatchKeyCap+1, i)
		}
		return b.String()
	})
}

// candidateQueries keeps candidateQuery's text per number of keys: it is
// built at every intake otherwise, twenty parts for a report of two.
var candidateQueries = kept[int, string]{limit: maxCandidateKeys + 1}

// PersonFamilies reads the family of each of the given persons (matched
// candidates), in one statement.
func (tx *Tx) PersonFamilies(ids []int64) (map[int64]int64, error) {
	out := make(map[int64]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.query(`SELECT id, family_id FROM persons WHERE id IN (`+strings.Repeat(", ?", len(ids))[2:]+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, fam int64
		if err := rows.Scan(&id, &fam); err != nil {
			return nil, err
		}
		out[id] = fam
	}
	return out, rows.Err()
}
