package storage

import (
	"database/sql"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/care"
)

// The facts of care by need for the chain dashboard (issue 15, item 5):
// no case, family or person leaves this file, only times, counts, needs,
// municipalities and providers.

// CareFigures are what the care part of the chain dashboard is computed from.
type CareFigures struct {
	Waits     []care.WaitRow
	Unmet     []care.UnmetRow
	Providers []care.ProviderRow
	Profiles  []schakel.ProviderProfile
	Answers   []care.IndexAnswer // of the last care.IndexFresh
	Measures  []care.MeasureRow
}

// careScope is the conditions on requests (alias q) of a filter: region,
// municipality and the period in which the request was made.
func (f LeadtimeFilter) careScope() (string, []any) {
	conds, args := []string{"q.status <> 'cancelled'"}, []any{}
	if f.RegionID != 0 {
		conds, args = append(conds, "q.region_id = ?"), append(args, f.RegionID)
	}
	if f.Municipality != "" {
		conds, args = append(conds, "q.municipality = ?"), append(args, f.Municipality)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "q.created_at >= ?"), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "q.created_at < ?"), append(args, f.To.UTC())
	}
	return strings.Join(conds, " AND "), args
}

// tookPart limits requests to those an organisation received or wrote.
const tookPart = ` AND (EXISTS (SELECT 1 FROM care_recipients tr WHERE tr.request_id = q.id AND tr.organisation_id = ?)
	OR EXISTS (SELECT 1 FROM professionals tp WHERE tp.id = q.created_by AND tp.organisation_id = ?))`

// CareFigures reads the facts for a dashboard filter. The index's profiles
// and answers follow the region, municipality and organisation but not
// the period: the index is about now.
func (tx *Tx) CareFigures(f LeadtimeFilter) (CareFigures, error) {
	var out CareFigures
	var err error
	if out.Waits, out.Unmet, err = tx.careNeedRows(f); err != nil {
		return out, err
	}
	if out.Providers, err = tx.careProviderRows(f); err != nil {
		return out, err
	}
	if out.Profiles, out.Answers, err = tx.careIndexFacts(f); err != nil {
		return out, err
	}
	out.Measures, err = tx.careMeasureRows(f)
	return out, err
}

// careNeedRows reads every need of every request in scope, with its times
// and, for the unmet-need signal, how many providers offering that need it
// reached, how many of them answered and how many said "no capacity".
func (tx *Tx) careNeedRows(f LeadtimeFilter) ([]care.WaitRow, []care.UnmetRow, error) {
	where, args := f.careScope()
	if f.OrganisationID != 0 {
		where, args = where+tookPart, append(args, f.OrganisationID, f.OrganisationID)
	}
	reached, err := tx.careReached(f.RegionID, where, args)
	if err != nil {
		return nil, nil, err
	}
	rows, err := tx.query(`SELECT q.id, n.category, q.municipality, q.created_at, q.deadline, q.first_answer_at, q.chosen_at, q.started_at
		FROM care_requests q JOIN care_request_needs n ON n.request_id = q.id WHERE `+where, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var waits []care.WaitRow
	var unmet []care.UnmetRow
	for rows.Next() {
		var id int64
		var w care.WaitRow
		var answered, chosen, started sql.NullTime
		if err := rows.Scan(&id, &w.Category, &w.Municipality, &w.Requested, &w.Deadline, &answered, &chosen, &started); err != nil {
			return nil, nil, err
		}
		w.Requested, w.Deadline = w.Requested.UTC(), w.Deadline.UTC()
		w.FirstAnswer, w.Chosen, w.Started = utcPtr(answered), utcPtr(chosen), utcPtr(started)
		waits, unmet = append(waits, w), append(unmet, reached.row(id, w.Category, w.Municipality))
	}
	return waits, unmet, rows.Err()
}

// careProviderRows reads every request in scope as each provider received
// it, with its own answer.
func (tx *Tx) careProviderRows(f LeadtimeFilter) ([]care.ProviderRow, error) {
	where, args := f.careScope()
	if f.OrganisationID != 0 {
		where, args = where+" AND r.organisation_id = ?", append(args, f.OrganisationID)
	}
	rows, err := tx.query(`SELECT r.organisation_id, o.name, q.created_at, a.answered_at, a.no_capacity, a.late, q.chosen_organisation_id, q.chosen_at, q.started_at
		FROM care_recipients r JOIN care_requests q ON q.id = r.request_id JOIN organisations o ON o.id = r.organisation_id
		LEFT JOIN care_answers a ON a.request_id = r.request_id AND a.organisation_id = r.organisation_id
		WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.ProviderRow
	for rows.Next() {
		var p care.ProviderRow
		var answered, chosenAt, started sql.NullTime
		var noCap, late sql.NullBool
		var chosen sql.NullInt64
		if err := rows.Scan(&p.OrganisationID, &p.Organisation, &p.Requested, &answered, &noCap, &late, &chosen, &chosenAt, &started); err != nil {
			return nil, err
		}
		p.Requested, p.Answered, p.NoCapacity, p.Late = p.Requested.UTC(), utcPtr(answered), noCap.Bool, late.Bool
		if chosen.Valid && chosen.Int64 == p.OrganisationID {
			p.Chosen, p.Started = utcPtr(chosenAt), utcPtr(started)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// careIndexFacts reads the providers' profiles and their answers of the
// last care.IndexFresh in the region (and municipality, organisation).
func (tx *Tx) careIndexFacts(f LeadtimeFilter) ([]schakel.ProviderProfile, []care.IndexAnswer, error) {
	all, err := tx.careProfiles(`CAST(? AS BIGINT) IN (0, o.region_id)`, f.RegionID)
	if err != nil {
		return nil, nil, err
	}
	var profiles []schakel.ProviderProfile
	for _, p := range all {
		if f.OrganisationID == 0 || p.Organisation.ID == f.OrganisationID {
			profiles = append(profiles, p)
		}
	}
	where, args := LeadtimeFilter{RegionID: f.RegionID, Municipality: f.Municipality}.careScope()
	where, args = where+" AND a.answered_at >= ?", append(args, tx.now.Add(-care.IndexFresh).UTC())
	if f.OrganisationID != 0 {
		where, args = where+" AND a.organisation_id = ?", append(args, f.OrganisationID)
	}
	rows, err := tx.query(`SELECT a.organisation_id, n.category, q.municipality, a.answered_at, a.no_capacity, a.earliest_start, a.expected_room
		FROM care_answers a JOIN care_requests q ON q.id = a.request_id JOIN care_request_needs n ON n.request_id = q.id WHERE `+where, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var answers []care.IndexAnswer
	for rows.Next() {
		var a care.IndexAnswer
		var noCap bool
		var earliest, room string
		if err := rows.Scan(&a.OrganisationID, &a.Category, &a.Municipality, &a.At, &noCap, &earliest, &room); err != nil {
			return nil, nil, err
		}
		a.At, a.Date = a.At.UTC(), earliest
		if noCap {
			a.Date = room
		}
		answers = append(answers, a)
	}
	return profiles, answers, rows.Err()
}

// IndexMunicipalities are the municipalities the index has rows for: the
// one filtered on, else those the providers name and those of the answers.
func (c CareFigures) IndexMunicipalities(f LeadtimeFilter) []string {
	if f.Municipality != "" {
		return []string{f.Municipality}
	}
	seen := map[string]bool{}
	var out []string
	add := func(m string) {
		if k := strings.ToLower(m); m != "" && !seen[k] {
			seen[k] = true
			out = append(out, m)
		}
	}
	for _, p := range c.Profiles {
		for _, m := range p.Municipalities {
			add(m)
		}
	}
	for _, a := range c.Answers {
		add(a.Municipality)
	}
	slices.Sort(out)
	return out
}
