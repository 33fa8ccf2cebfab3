package storage

// Work list lines of the plan: open actions due within a week or late (in
// the owner's list), colleagues asking along (in the asked colleague's
// list), and plan reviews due (for the contact of the organisation that
// holds regie).

import (
	"time"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/workdays"
)

// DueSoon is how far ahead the work list shows actions and reviews.
const DueSoon = 7 * 24 * time.Hour

// endOfDay is when a date-only deadline passes: the end of that day in the
// Netherlands (shown as 23:59 of the due date).
func endOfDay(d plan.Date) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 0, 0, workdays.Location()).UTC()
}

const firstPersonOfCase = `(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports rr ON rr.id = rp.report_id WHERE rr.case_id = c.id)`

func (tx *Tx) planWorkItems(me *schakel.Professional, scope, team string) ([]WorkItem, error) {
	horizon := tx.now.Add(DueSoon)
	actions, err := tx.actionWorkItems(me, scope, team, horizon)
	if err != nil {
		return nil, err
	}
	asks, err := tx.colleagueWorkItems(me)
	if err != nil {
		return nil, err
	}
	reviews, err := tx.planReviewWorkItems(me, scope, team, horizon)
	if err != nil {
		return nil, err
	}
	return append(append(actions, asks...), reviews...), nil
}

// teamMembersSQL selects the actor and their team. Asked as "owner is me
// OR the owner's team is mine" across two tables, neither engine could
// use an index and both read every open action or participation of the
// region (TestWorklistPlans); as a list of owners, each is looked up.
const teamMembersSQL = `SELECT id FROM professionals WHERE id = ? OR (organisation_id = ? AND team = ?)`

// actionWorkItems are the open actions due before horizon (or late) of
// the actor, their team or their organisation, as scope says.
func (tx *Tx) actionWorkItems(me *schakel.Professional, scope, team string, horizon time.Time) ([]WorkItem, error) {
	var cond string
	var args []any
	switch scope {
	case "mine":
		cond, args = `a.owner_professional_id = ?`, []any{me.ID}
	case "organisation":
		cond, args = `a.owner_organisation_id = ?`, []any{me.Organisation.ID}
	default:
		cond, args = `a.owner_professional_id IN (`+teamMembersSQL+`)`, []any{me.ID, me.Organisation.ID, team}
	}
	rows, err := tx.query(`SELECT a.id, a.case_id, c.color, a.title, a.due_date, op.name, op.team, a.owner_organisation_id, `+firstPersonOfCase+`
		FROM plan_actions a JOIN cases c ON c.id = a.case_id JOIN professionals op ON op.id = a.owner_professional_id
		JOIN participations pa ON pa.case_id = a.case_id AND pa.organisation_id = a.owner_organisation_id AND pa.status = 'active'
		WHERE a.status = 'open' AND c.status = 'open' AND `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []WorkItem
	for rows.Next() {
		var it WorkItem
		var title string
		var due time.Time
		var person *int64
		if err := rows.Scan(&it.ActionID, &it.CaseID, &it.Color, &title, &due, &it.Owner, &it.Team, &it.OrganisationID, &person); err != nil {
			return nil, err
		}
		end := endOfDay(plan.Date{Time: due.UTC()})
		if end.After(horizon) {
			continue
		}
		it.Kind, it.Title, it.DueAt = "action", title, &end
		if person != nil {
			it.PersonID = *person
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// colleagueWorkItems are colleagues asking the actor along: personal, in
// every scope.
func (tx *Tx) colleagueWorkItems(me *schakel.Professional) ([]WorkItem, error) {
	rows, err := tx.query(`SELECT r.id, r.case_id, c.color, r.kind, r.at, f.name, `+firstPersonOfCase+`
		FROM colleague_requests r JOIN cases c ON c.id = r.case_id JOIN professionals f ON f.id = r.from_professional_id
		WHERE r.to_professional_id = ? AND r.status = 'requested'`, me.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []WorkItem
	for rows.Next() {
		var it WorkItem
		var at time.Time
		var person *int64
		if err := rows.Scan(&it.RequestID, &it.CaseID, &it.Color, &it.RequestKind, &at, &it.From, &person); err != nil {
			return nil, err
		}
		at = at.UTC()
		it.Kind, it.DueAt, it.Owner, it.Team, it.OrganisationID = "colleague_request", &at, me.Name, me.Team, me.Organisation.ID
		if person != nil {
			it.PersonID = *person
		}
		items = append(items, it)
	}
	return items, rows.Err()
}

// planReviewWorkItems are the plan reviews due before horizon, for the
// contact of the organisation with regie (their team, their organisation).
func (tx *Tx) planReviewWorkItems(me *schakel.Professional, scope, team string, horizon time.Time) ([]WorkItem, error) {
	var cond string
	var args []any
	switch scope {
	case "mine":
		cond, args = `pa.contact_id = ?`, []any{me.ID}
	case "organisation":
		cond, args = `pa.organisation_id = ?`, []any{me.Organisation.ID}
	default:
		cond, args = `pa.contact_id IN (`+teamMembersSQL+`)`, []any{me.ID, me.Organisation.ID, team}
	}
	rows, err := tx.query(`SELECT p.case_id, c.color, p.review_date, COALESCE(cp.name, ''), COALESCE(cp.team, ''), pa.organisation_id, `+firstPersonOfCase+`
		FROM plans p JOIN cases c ON c.id = p.case_id
		JOIN participations pa ON pa.case_id = p.case_id AND pa.role = 'regie' AND pa.status = 'active'
		LEFT JOIN professionals cp ON cp.id = pa.contact_id
		WHERE p.status = 'agreed' AND c.status = 'open' AND `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []WorkItem
	for rows.Next() {
		var it WorkItem
		var review time.Time
		var person *int64
		if err := rows.Scan(&it.CaseID, &it.Color, &review, &it.Owner, &it.Team, &it.OrganisationID, &person); err != nil {
			return nil, err
		}
		end := endOfDay(plan.Date{Time: review.UTC()})
		if end.After(horizon) {
			continue
		}
		it.Kind, it.DueAt = "plan_review", &end
		if person != nil {
			it.PersonID = *person
		}
		items = append(items, it)
	}
	return items, rows.Err()
}
