package storage

import (
	"cmp"
	"database/sql"
	"slices"
	"time"

	"schakel"
	"schakel/internal/care"
)

// careWorkItems are care by need in "Mijn werk" (issue 15). For a
// provider's care coordinators and team leads: every open request that
// reached their organisation and that it has not answered, due at the
// deadline, with when it was asked (the use case turns it into a
// reminder from three quarters of the time: care.RemindFrom). No case
// and no family: only the request's number. For the professional who
// asked: each open request, due at its deadline, with how many providers
// answered.
func (tx *Tx) careWorkItems(me *schakel.Professional) ([]WorkItem, error) {
	var items []WorkItem
	if me.HasRole(schakel.RoleCareCoordinator) || me.HasRole(schakel.RoleTeamLead) {
		rows, err := tx.query(`SELECT q.id, q.created_at, q.deadline FROM care_recipients x JOIN care_requests q ON q.id = x.request_id
			WHERE x.organisation_id = ? AND q.status = 'open'
			AND NOT EXISTS (SELECT 1 FROM care_answers a WHERE a.request_id = q.id AND a.organisation_id = x.organisation_id)`, me.Organisation.ID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var it WorkItem
			var created, due time.Time
			if err := rows.Scan(&it.CareRequestID, &created, &due); err != nil {
				rows.Close()
				return nil, err
			}
			created, due = created.UTC(), due.UTC()
			it.Kind, it.DueAt, it.OrganisationID, it.AskedAt = "care_request", &due, me.Organisation.ID, &created
			items = append(items, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	rows, err := tx.query(`SELECT q.id, q.case_id, q.deadline, (SELECT COUNT(*) FROM care_recipients x WHERE x.request_id = q.id),
			(SELECT COUNT(*) FROM care_answers a WHERE a.request_id = q.id)
		FROM care_requests q WHERE q.created_by = ? AND q.status = 'open'`, me.ID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var it WorkItem
		var due time.Time
		if err := rows.Scan(&it.CareRequestID, &it.CaseID, &due, &it.Asked, &it.Answered); err != nil {
			return nil, err
		}
		due = due.UTC()
		it.Kind, it.DueAt, it.Owner = "care_choice", &due, me.Name
		items = append(items, it)
	}
	return items, rows.Err()
}

// CareAnswerCounts counts, per provider of a region, the requests that
// reached it and how it answered them, those past their deadline first.
func (tx *Tx) CareAnswerCounts(regionID int64) ([]schakel.CareAnswerCount, error) {
	rows, err := tx.query(`SELECT o.id, o.name, o.kind, COUNT(*),
			SUM(CASE WHEN a.request_id IS NOT NULL THEN 1 ELSE 0 END),
			SUM(CASE WHEN a.late THEN 1 ELSE 0 END),
			SUM(CASE WHEN a.request_id IS NULL AND q.status = 'open' AND q.deadline > ? THEN 1 ELSE 0 END),
			SUM(CASE WHEN a.request_id IS NULL AND q.status = 'open' AND q.deadline <= ? THEN 1 ELSE 0 END)
		FROM care_recipients x JOIN care_requests q ON q.id = x.request_id JOIN organisations o ON o.id = x.organisation_id
		LEFT JOIN care_answers a ON a.request_id = x.request_id AND a.organisation_id = x.organisation_id
		WHERE q.region_id = ? GROUP BY o.id, o.name, o.kind`, tx.now, tx.now, regionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.CareAnswerCount{}
	for rows.Next() {
		var c schakel.CareAnswerCount
		if err := rows.Scan(&c.Organisation.ID, &c.Organisation.Name, &c.Organisation.Kind, &c.Asked, &c.Answered, &c.Late, &c.Waiting, &c.Overdue); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b schakel.CareAnswerCount) int {
		return cmp.Or(cmp.Compare(b.Overdue, a.Overdue), cmp.Compare(a.Organisation.Name, b.Organisation.Name))
	})
	return out, rows.Err()
}

// CareWaitRows reads, per need of every request of a region made in
// [from, to), its times for the waiting-time dashboard: no case, no
// family, no provider.
func (tx *Tx) CareWaitRows(regionID int64, from, to time.Time) ([]care.WaitRow, error) {
	rows, err := tx.query(`SELECT n.category, q.municipality, q.created_at, q.deadline, q.first_answer_at, q.chosen_at, q.started_at
		FROM care_requests q JOIN care_request_needs n ON n.request_id = q.id
		WHERE q.region_id = ? AND q.created_at >= ? AND q.created_at < ? AND q.status <> 'cancelled'`, regionID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []care.WaitRow
	for rows.Next() {
		var r care.WaitRow
		var answered, chosen, started sql.NullTime
		if err := rows.Scan(&r.Category, &r.Municipality, &r.Requested, &r.Deadline, &answered, &chosen, &started); err != nil {
			return nil, err
		}
		r.Requested, r.Deadline = r.Requested.UTC(), r.Deadline.UTC()
		r.FirstAnswer, r.Chosen, r.Started = utcPtr(answered), utcPtr(chosen), utcPtr(started)
		out = append(out, r)
	}
	return out, rows.Err()
}
