package app

import (
	"context"
	"slices"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/intake"
	"schakel/internal/matching"
	"schakel/internal/storage"
)

// Matching runs twice: once before the write transaction, where ranking
// the candidates (the expensive part) cannot hold up other writers, and
// once inside it, after the matching keys are locked, to see whether
// anyone with these keys arrived in between. Only then is the earlier
// ranking replaced.

// ranked is the outcome of matching one person of a report.
type ranked struct {
	query      matching.Person
	keys       []string
	candidates []storage.MatchCandidate
	matches    []matching.Match
	capped     bool // some key had more persons than storage reads
}

// matchReport ranks every person of a report against the region's known
// persons, in a read transaction of its own, so that the one writer of
// SQLite is not held up by the read (recheck reads again inside and ranks
// again what changed). Where writers run side by side
// (storage.DB.OneWriter is false) it reads nothing: each person is ranked
// against no candidates, and recheck's read inside is the only one.
func (a *App) matchReport(ctx context.Context, regionID int64, persons []intake.ParsedPerson) ([]ranked, error) {
	out := make([]ranked, len(persons))
	qs := make([]matching.Person, len(persons))
	keysets := make([][]string, len(persons))
	for i, pp := range persons {
		qs[i] = matching.Person{BSN: pp.BSN, GivenNames: pp.GivenNames, FamilyName: pp.FamilyName, BirthDate: pp.Birth}
		keysets[i] = matching.Keys(qs[i])
	}
	if !a.db.OneWriter() {
		for i, q := range qs {
			out[i] = rank(q, keysets[i], nil, false)
		}
		return out, nil
	}
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		sets, err := tx.MatchCandidatesFor(regionID, keysets)
		if err != nil {
			return err
		}
		for i, set := range sets {
			out[i] = rank(qs[i], keysets[i], set.Persons, set.Capped)
		}
		return nil
	})
	return out, err
}

// rank ranks the candidates of q, whose matching keys are keys.
func rank(q matching.Person, keys []string, cands []storage.MatchCandidate, capped bool) ranked {
	persons := make([]matching.Person, len(cands))
	for i, c := range cands {
		persons[i] = c.Person
	}
	return ranked{query: q, keys: keys, candidates: cands, matches: matching.Rank(q, persons), capped: capped}
}

// recheck locks the report's matching keys (so that a concurrent intake on
// the same person waits for this one) and ranks again where the candidates
// changed since matchReport looked.
func recheck(tx *storage.Tx, regionID int64, pre []ranked) ([]ranked, error) {
	var keys []string
	for _, r := range pre {
		keys = append(keys, r.keys...)
	}
	if err := tx.LockMatchKeys(regionID, keys); err != nil {
		return nil, err
	}
	out := slices.Clone(pre)
	keysets := make([][]string, len(pre))
	for i, r := range pre {
		keysets[i] = r.keys
	}
	sets, err := tx.MatchCandidatesFor(regionID, keysets)
	if err != nil {
		return nil, err
	}
	for i, r := range pre {
		if sets[i].Capped != r.capped || !slices.Equal(sets[i].Persons, r.candidates) {
			out[i] = rank(r.query, r.keys, sets[i].Persons, sets[i].Capped)
		}
	}
	return out, nil
}

// personMatch is a proposed link of one person of the report to a person
// of a known family.
type personMatch struct {
	index    int // position in the report's persons
	match    matching.Match
	familyID int64
}

// matchOutcome is what matching decided for a whole report.
type matchOutcome struct {
	exactFamily int64   // the family of the first BSN match, 0 for none
	exactPerson []int64 // per person: the known person with the same BSN
	fuzzy       []personMatch
	searched    []int64 // every known person looked at
	// capped: for some person too many known persons shared a matching key
	// to read them all (see storage.MatchKeyCap).
	capped bool
}

// matchedFamilies reads the family of every matched known person inside
// the write transaction (the candidates carry no family: it changes when
// families are joined). Without matches it runs no statement.
func matchedFamilies(tx *storage.Tx, rs []ranked) (map[int64]int64, error) {
	var ids []int64
	for _, r := range rs {
		for _, m := range r.matches {
			ids = append(ids, m.Candidate.ID)
		}
	}
	slices.Sort(ids)
	return tx.PersonFamilies(slices.Compact(ids))
}

// decideMatches splits the ranked candidates into BSN matches, which link
// to the known person and family, and fuzzy ones, which a professional of
// the known family's case confirms; family is the family of each matched
// known person.
func decideMatches(rs []ranked, family map[int64]int64) matchOutcome {
	o := matchOutcome{exactPerson: make([]int64, len(rs))}
	for i, r := range rs {
		o.capped = o.capped || r.capped
		for _, m := range r.matches {
			o.searched = append(o.searched, m.Candidate.ID)
			if r.query.BSN != "" && m.Candidate.BSN == r.query.BSN {
				if o.exactPerson[i] == 0 {
					o.exactPerson[i] = m.Candidate.ID
					if o.exactFamily == 0 {
						o.exactFamily = family[m.Candidate.ID]
					}
				}
				continue
			}
			o.fuzzy = append(o.fuzzy, personMatch{index: i, match: m, familyID: family[m.Candidate.ID]})
		}
	}
	return o
}

// auditSearch records that matching looked at other people's data.
func auditSearch(tx *storage.Tx, actor *schakel.Actor, searched []int64) {
	if len(searched) == 0 {
		return
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventSearch, ResourceType: "person_match", AccessBasis: audit.BasisRole,
		Persons: searched, Detail: "family matching on intake"})
}
