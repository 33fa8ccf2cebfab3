package storage

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
)

// The records of the chain monitor's work-list lines: phases about to pass
// their norm, and court orders. The use case (internal/app/chain_worklist.go)
// decides with the chain rules which of them to warn about, and how.

// MaxNormItems bounds the norm alerts in one work list.
const MaxNormItems = 200

// normItemsLimit is MaxNormItems; tests lower it (export_test.go).
var normItemsLimit = MaxNormItems

// NormPhases are the phases whose norm an organisation answers for: its
// own phases, and the phase of the lead organisation (regie).
type NormPhases struct {
	Own   []chain.PhaseID
	Regie chain.PhaseID
}

// condition is the SQL condition on case_phases (cp) and participations
// (pa) for these phases.
func (n NormPhases) condition() string {
	var ids []string
	for _, id := range n.Own {
		ids = append(ids, fmt.Sprint(int(id)))
	}
	cond := fmt.Sprintf(`(pa.role = 'regie' AND cp.phase = %d)`, int(n.Regie))
	if len(ids) > 0 {
		cond = `(cp.phase IN (` + strings.Join(ids, ", ") + `) OR ` + cond + `)`
	}
	return cond
}

// NormWorkItems are the open runs of the phases that the work list warns
// about by now (warn_min passed), most urgent first: the contact's own,
// their team's, or (team lead, organisation scope) all of the
// organisation. Each item carries its phase and deadline; the use case
// gives it its title. Only the MaxNormItems most urgent are read; notShown
// says how many more there are.
func (tx *Tx) NormWorkItems(me *schakel.Professional, scope, team string, phases NormPhases) (items []WorkItem, notShown int, err error) {
	scopeCond, scopeArgs := "", []any{}
	switch {
	case scope == "mine":
		scopeCond, scopeArgs = ` AND pa.contact_id = ?`, []any{me.ID}
	case scope == "organisation" || me.HasRole(schakel.RoleTeamLead):
	default:
		scopeCond, scopeArgs = ` AND (pa.contact_id = ? OR ct.team = ?)`, []any{me.ID, team}
	}
	args := append([]any{me.Organisation.ID, unixMin(tx.now)}, scopeArgs...)
	rows, err := tx.query(`SELECT cp.case_id, cp.phase, cp.start_min, cp.due_min, c.color, COALESCE(ct.name, ''), COALESCE(ct.team, ''),
		(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = cp.case_id),
		COUNT(*) OVER ()
		FROM case_phases cp JOIN cases c ON c.id = cp.case_id AND c.status = 'open'
		JOIN participations pa ON pa.case_id = cp.case_id AND pa.organisation_id = ? AND pa.status = 'active'
		LEFT JOIN professionals ct ON ct.id = pa.contact_id
		WHERE cp.status = 0 AND cp.due_min IS NOT NULL AND `+phases.condition()+`
		AND cp.warn_min <= ?`+scopeCond+`
		ORDER BY cp.due_min LIMIT `+fmt.Sprint(normItemsLimit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var it WorkItem
		var start, due int64 // start is read for the ordering; the title names the deadline
		var person sql.NullInt64
		var total int
		if err := rows.Scan(&it.CaseID, &it.Phase, &start, &due, &it.Color, &it.Owner, &it.Team, &person, &total); err != nil {
			return nil, 0, err
		}
		d := fromMin(due)
		it.Kind, it.DueAt, it.OrganisationID, it.PersonID = "norm", &d, me.Organisation.ID, person.Int64
		items = append(items, it)
		notShown = total - len(items)
	}
	return items, notShown, rows.Err()
}

// CourtOrder is a court order (or its extension) on an open case of the
// organisation, with the work-list line it would make.
type CourtOrder struct {
	Item     WorkItem
	Type     chain.Type
	Measure  chain.Measure
	At, Ends time.Time
}

// CourtOrders reads the effective court orders of the organisation's open
// cases that end after from and started before to: for the guardian (the
// contact on the case) and the team leads; the whole organisation sees
// them in its list. Ordered by case and time.
func (tx *Tx) CourtOrders(me *schakel.Professional, scope string, from, to time.Time) ([]CourtOrder, error) {
	orderScope, orderArgs := "", []any{}
	if scope != "organisation" && !me.HasRole(schakel.RoleTeamLead) {
		orderScope, orderArgs = ` AND pa.contact_id = ?`, []any{me.ID}
	}
	args := append([]any{me.Organisation.ID}, orderArgs...)
	args = append(args, from, to)
	rows, err := tx.query(`SELECT e.id, e.case_id, e.type, e.at, e.ends_at, e.details, c.color, COALESCE(ct.name, ''), COALESCE(ct.team, ''),
		(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = e.case_id)
		FROM participations pa CROSS JOIN chain_events e JOIN cases c ON c.id = pa.case_id AND c.status = 'open'
		LEFT JOIN professionals ct ON ct.id = pa.contact_id
		WHERE pa.organisation_id = ? AND pa.status = 'active'`+orderScope+` AND e.case_id = pa.case_id
		AND e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE
		AND e.ends_at > ? AND e.at < ? ORDER BY e.case_id, e.at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var orders []CourtOrder
	for rows.Next() {
		var o CourtOrder
		var id int64
		var details string
		var person sql.NullInt64
		if err := rows.Scan(&id, &o.Item.CaseID, &o.Type, &o.At, &o.Ends, &details, &o.Item.Color, &o.Item.Owner, &o.Item.Team, &person); err != nil {
			return nil, err
		}
		var det EventDetails // details without a measure name no measure
		if err := decodeStored("details of chain event", id, details, &det); err != nil {
			return nil, err
		}
		o.Measure, o.At, o.Ends = det.Measure, o.At.UTC(), o.Ends.UTC()
		o.Item.PersonID, o.Item.OrganisationID = person.Int64, me.Organisation.ID
		orders = append(orders, o)
	}
	return orders, rows.Err()
}

// PlacedSince tells whether an effective placement is on the case at or
// after at.
func (tx *Tx) PlacedSince(caseID int64, at time.Time) (bool, error) {
	used := 0
	err := tx.queryRow(`SELECT COUNT(*) FROM chain_events WHERE case_id = ? AND type = 'placement' AND superseded = FALSE AND withdrawn = FALSE AND at >= ?`,
		caseID, at).Scan(&used)
	return used != 0, err
}
