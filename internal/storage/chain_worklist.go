package storage

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/workdays"
)

// MaxNormItems bounds the norm alerts in one work list.
const MaxNormItems = 200

// normItemsLimit is MaxNormItems; tests lower it (export_test.go).
var normItemsLimit = MaxNormItems

// chainWorkItems are the work-list lines of the chain monitor for the
// actor: phases of cases the actor's organisation is responsible for that
// will pass their norm soon or already did ("norm"), and, for the
// jeugdbescherming, court orders nearing their end date or an unused
// placement authorisation nearing its lapse ("court_order"), for the
// guardian (the organisation's contact on the case) and the team lead.
//
// Only the MaxNormItems most urgent norm alerts are listed; notShown says
// how many more there are.
func (tx *Tx) chainWorkItems(me *schakel.Professional, scope, team string) (items []WorkItem, notShown int, err error) {
	isLead := me.HasRole(schakel.RoleTeamLead)
	items, notShown, err = tx.normWorkItems(me, scope, team, isLead)
	if err != nil {
		return nil, 0, err
	}
	if me.Organisation.Kind != schakel.Jeugdbescherming {
		return items, notShown, nil
	}
	orders, err := tx.courtOrders(me, scope, isLead)
	if err != nil {
		return nil, 0, err
	}
	more, err := tx.courtOrderItems(orders)
	if err != nil {
		return nil, 0, err
	}
	return append(items, more...), notShown, nil
}

// normPhases is the SQL condition on case_phases (cp) and participations
// (pa) for the phases whose norm an organisation of this kind answers for.
// The whole chain is the lead organisation's (regie) clock.
func normPhases(kind schakel.OrganisationKind) string {
	var phaseIDs []string
	for _, p := range chain.Phases() {
		if p.Alert && p.Responsible == kind {
			phaseIDs = append(phaseIDs, fmt.Sprint(int(p.ID)))
		}
	}
	cond := fmt.Sprintf(`(pa.role = 'regie' AND cp.phase = %d)`, int(chain.PhaseChain))
	if len(phaseIDs) > 0 {
		cond = `(cp.phase IN (` + strings.Join(phaseIDs, ", ") + `) OR ` + cond + `)`
	}
	return cond
}

// normWorkItems are the phases that will pass their norm soon or already
// did, most urgent first: the contact's own, their team's, or (team lead,
// organisation scope) all of the organisation.
func (tx *Tx) normWorkItems(me *schakel.Professional, scope, team string, isLead bool) (items []WorkItem, notShown int, err error) {
	scopeCond, scopeArgs := "", []any{}
	switch {
	case scope == "mine":
		scopeCond, scopeArgs = ` AND pa.contact_id = ?`, []any{me.ID}
	case scope == "organisation" || isLead:
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
		WHERE cp.status = 0 AND cp.due_min IS NOT NULL AND `+normPhases(me.Organisation.Kind)+`
		AND cp.warn_min <= ?`+scopeCond+`
		ORDER BY cp.due_min LIMIT `+fmt.Sprint(normItemsLimit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var it WorkItem
		var phase int
		var start, due int64 // start is read for the ordering; the title names the deadline
		var person sql.NullInt64
		var total int
		if err := rows.Scan(&it.CaseID, &phase, &start, &due, &it.Color, &it.Owner, &it.Team, &person, &total); err != nil {
			return nil, 0, err
		}
		p, _ := chain.PhaseByID(chain.PhaseID(phase))
		d := fromMin(due)
		it.Kind, it.DueAt, it.OrganisationID, it.PersonID = "norm", &d, me.Organisation.ID, person.Int64
		it.Title = "Norm bijna voorbij: " + p.Label
		if d.Before(tx.now) {
			it.Title = "Norm voorbij: " + p.Label
		}
		items = append(items, it)
		notShown = total - len(items)
	}
	return items, notShown, rows.Err()
}

// courtOrder is a court order (or its extension) on an open case of the
// organisation, as the work list weighs it.
type courtOrder struct {
	item            WorkItem
	measure         chain.Measure
	at, ends        time.Time
	placementUnused bool // a placement authorisation: it lapses unused
}

// courtOrders loads the court orders that may need a warning: for the
// guardian (the contact on the case) and the team leads; the whole
// organisation sees them in its list.
func (tx *Tx) courtOrders(me *schakel.Professional, scope string, isLead bool) ([]courtOrder, error) {
	orderScope, orderArgs := "", []any{}
	if scope != "organisation" && !isLead {
		orderScope, orderArgs = ` AND pa.contact_id = ?`, []any{me.ID}
	}
	longest := 12 * 7 * 24 * time.Hour
	args := append([]any{me.Organisation.ID}, orderArgs...)
	args = append(args, tx.now.Add(-longest*2), tx.now.Add(longest))
	rows, err := tx.query(`SELECT e.id, e.case_id, e.type, e.at, e.ends_at, e.details, c.color, COALESCE(ct.name, ''), COALESCE(ct.team, ''),
		(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = e.case_id)
		FROM chain_events e JOIN cases c ON c.id = e.case_id AND c.status = 'open'
		JOIN participations pa ON pa.case_id = e.case_id AND pa.organisation_id = ? AND pa.status = 'active'
		LEFT JOIN professionals ct ON ct.id = pa.contact_id
		WHERE e.type IN ('court_order', 'court_order_extended') AND e.superseded = FALSE AND e.withdrawn = FALSE`+orderScope+`
		AND e.ends_at > ? AND e.at < ? ORDER BY e.case_id, e.at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var orders []courtOrder
	for rows.Next() {
		var o courtOrder
		var id int64
		var typ, details string
		var person sql.NullInt64
		if err := rows.Scan(&id, &o.item.CaseID, &typ, &o.at, &o.ends, &details, &o.item.Color, &o.item.Owner, &o.item.Team, &person); err != nil {
			return nil, err
		}
		var det EventDetails // details without a measure name no measure: the order is skipped
		if err := decodeStored("details of chain event", id, details, &det); err != nil {
			return nil, err
		}
		o.measure, o.at, o.ends = det.Measure, o.at.UTC(), o.ends.UTC()
		o.item.PersonID, o.item.OrganisationID = person.Int64, me.Organisation.ID
		o.placementUnused = typ == string(chain.CourtOrder) && det.Measure == chain.PlacementAuthorisation
		orders = append(orders, o)
	}
	return orders, rows.Err()
}

// courtOrderItems warns of court orders nearing their end date that no
// later order of the same measure extends, and of placement
// authorisations nearing their lapse unused.
func (tx *Tx) courtOrderItems(orders []courtOrder) ([]WorkItem, error) {
	var items []WorkItem
	for i, o := range orders {
		mi, ok := chain.LookupMeasure(o.measure)
		if !ok {
			continue
		}
		if !extendedLater(orders, i) && !tx.now.Before(o.ends.Add(-mi.WarnBefore)) {
			it := o.item
			ends := o.ends
			it.Kind, it.DueAt = "court_order", &ends
			it.Title = fmt.Sprintf("%s eindigt op %s. Vraag op tijd verlenging aan, of bereid het einde voor.", mi.Label, localDate(ends))
			items = append(items, it)
		}
		if !o.placementUnused {
			continue
		}
		it, lapses, err := tx.unusedPlacement(o)
		if err != nil {
			return nil, err
		}
		if lapses {
			items = append(items, it)
		}
	}
	return items, nil
}

// extendedLater tells whether a later order of the same measure on the
// same case follows orders[i].
func extendedLater(orders []courtOrder, i int) bool {
	o := orders[i]
	for j, x := range orders {
		if j != i && x.item.CaseID == o.item.CaseID && x.measure == o.measure && x.at.After(o.at) {
			return true
		}
	}
	return false
}

// unusedPlacement is the warning for a placement authorisation that no
// placement used and that lapses within three weeks (or did in the past
// week).
func (tx *Tx) unusedPlacement(o courtOrder) (WorkItem, bool, error) {
	used := 0
	if err := tx.queryRow(`SELECT COUNT(*) FROM chain_events WHERE case_id = ? AND type = 'placement' AND superseded = FALSE AND withdrawn = FALSE AND at >= ?`,
		o.item.CaseID, o.at).Scan(&used); err != nil {
		return WorkItem{}, false, err
	}
	lapse := o.at.In(workdays.Location()).AddDate(0, chain.UnusedPlacementLapseMonths, 0).UTC()
	if used != 0 || !lapse.After(tx.now.Add(-7*24*time.Hour)) || tx.now.Before(lapse.Add(-21*24*time.Hour)) {
		return WorkItem{}, false, nil
	}
	it := o.item
	it.Kind, it.DueAt = "court_order", &lapse
	it.Title = fmt.Sprintf("De machtiging uithuisplaatsing is nog niet gebruikt en vervalt op %s.", localDate(lapse))
	return it, true, nil
}

// localDate is a date as the work list shows it (dd-mm-jjjj, Dutch time).
func localDate(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006") }
