package storage

import (
	"time"

	"schakel/internal/chain"
	"schakel/internal/intervention"
)

// CohortFacts returns, for every case of the filter's region (and of the
// organisation, when the filter names one) that was open at some time in
// the period, what the comparison of a cohort with the rest needs: in the
// cohort or not, the whole chain's lead times that ended in the period,
// contact moments with the family, placements and repeat reports in the
// period, and how long it was open within it. Counts and durations only;
// read on the read pool without an audit entry, as the dashboards are.
// The municipality filter takes the cases of families living there and
// the events and phases counted there, as the dashboards do. InCohort
// marks only the tagged cases: which cases the cohort's teams and
// workers bring in for the period is the use case's to decide
// (CohortHoldings, intervention.CohortCases).
func (tx *Tx) CohortFacts(f LeadtimeFilter, cohortID int64) ([]intervention.CaseFact, error) {
	from, to := f.From, f.To
	if to.IsZero() {
		to = tx.now
	}
	facts := map[int64]*intervention.CaseFact{}
	order := []int64{}
	scope, sargs := cohortScope(f, "c.id", "c.region_id", familyIn)
	q := `SELECT c.id, c.created_at, c.closed_at FROM cases c WHERE c.merged_into IS NULL AND c.created_at < ?
		AND (c.closed_at IS NULL OR c.closed_at >= ?)` + scope
	rows, err := tx.query(q, append([]any{to, from}, sargs...)...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		var created time.Time
		var closed *time.Time
		if err := rows.Scan(&id, &created, &closed); err != nil {
			rows.Close()
			return nil, err
		}
		end := to
		if closed != nil && closed.Before(end) {
			end = *closed
		}
		start := created
		if start.Before(from) {
			start = from
		}
		facts[id] = &intervention.CaseFact{Case: id, OpenDays: max(end.Sub(start).Hours()/24, 0)}
		order = append(order, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := tx.cohortFactRows(cohortID, f, from, to, facts); err != nil {
		return nil, err
	}
	out := make([]intervention.CaseFact, 0, len(order))
	for _, id := range order {
		out = append(out, *facts[id])
	}
	return out, nil
}

// familyIn is the municipality condition on a case of table alias c: the
// family lives there.
const familyIn = `c.family_id IN (SELECT mf.id FROM families mf WHERE mf.municipality = ?)`

// cohortScope is the region, municipality and organisation condition on
// a case id and region column; muni is the municipality condition with
// one argument.
func cohortScope(f LeadtimeFilter, caseCol, regionCol, muni string) (string, []any) {
	q, args := "", []any{}
	if f.RegionID != 0 {
		q, args = q+` AND `+regionCol+` = ?`, append(args, f.RegionID)
	}
	if f.Municipality != "" {
		q, args = q+` AND `+muni, append(args, f.Municipality)
	}
	if f.OrganisationID != 0 {
		q, args = q+` AND `+caseCol+` IN (SELECT pa.case_id FROM participations pa WHERE pa.organisation_id = ?)`, append(args, f.OrganisationID)
	}
	return q, args
}

// cohortFactRows adds membership, lead times, contacts, placements and
// repeat reports to the cases in facts.
func (tx *Tx) cohortFactRows(cohortID int64, f LeadtimeFilter, from, to time.Time, facts map[int64]*intervention.CaseFact) error {
	each := func(q string, args []any, put func(c *intervention.CaseFact, a, b int64)) error {
		rows, err := tx.query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, a, b int64
			if err := rows.Scan(&id, &a, &b); err != nil {
				return err
			}
			if c := facts[id]; c != nil {
				put(c, a, b)
			}
		}
		return rows.Err()
	}
	if err := each(`SELECT case_id, 0, 0 FROM case_cohorts WHERE cohort_id = ?`, []any{cohortID},
		func(c *intervention.CaseFact, _, _ int64) { c.InCohort = true }); err != nil {
		return err
	}
	scope, sargs := cohortScope(f, "case_id", "region_id", "municipality = ?")
	if err := each(`SELECT case_id, minutes, 0 FROM case_phases WHERE phase = ? AND status = 1 AND end_min >= ? AND end_min < ?`+scope,
		append([]any{int(chain.PhaseChain), unixMin(from), unixMin(to)}, sargs...),
		func(c *intervention.CaseFact, minutes, _ int64) {
			c.LeadDays = append(c.LeadDays, float64(minutes)/1440)
		}); err != nil {
		return err
	}
	// The months bound the events by the index on type and month, which
	// the moments alone cannot use.
	if err := each(`SELECT case_id, SUM(CASE WHEN type = 'placement' THEN 1 ELSE 0 END),
		SUM(CASE WHEN type = 'report_received' AND (flags & 1) <> 0 THEN 1 ELSE 0 END)
		FROM chain_events WHERE type IN ('placement', 'report_received') AND superseded = FALSE AND withdrawn = FALSE
		AND month >= ? AND month <= ? AND at >= ? AND at < ?`+scope+` GROUP BY case_id`,
		append([]any{monthOf(from), monthOf(to), from, to}, sargs...),
		func(c *intervention.CaseFact, placements, repeats int64) {
			c.Placements, c.RepeatReports = int(placements), int(repeats)
		}); err != nil {
		return err
	}
	cscope, cargs := cohortScope(f, "fc.case_id", "c.region_id", familyIn)
	return each(`SELECT fc.case_id, COUNT(*), 0 FROM family_conversations fc JOIN cases c ON c.id = fc.case_id
		WHERE fc.held_at >= ? AND fc.held_at < ?`+cscope+` GROUP BY fc.case_id`, append([]any{from, to}, cargs...),
		func(c *intervention.CaseFact, n, _ int64) { c.Contacts = int(n) })
}
