package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/intake"
)

// WorkItem is one line of a work list ("Mijn werk"). Kinds in
// care_worklist.go: care_request, care_choice.
type WorkItem struct {
	Kind           string     `json:"kind"` // rate, second_opinion, consultation, assessment, notice; action, colleague_request, plan_review (plan_worklist.go)
	Title          string     `json:"title"`
	CaseID         int64      `json:"case_id,omitempty"`
	ReportID       int64      `json:"report_id,omitempty"`
	RatingID       int64      `json:"rating_id,omitempty"`
	ConsultationID int64      `json:"consultation_id,omitempty"`
	Color          string     `json:"color,omitempty"`
	Family         string     `json:"family,omitempty"`
	DueAt          *time.Time `json:"due_at,omitempty"`
	Overdue        bool       `json:"overdue"`
	SecondsLeft    int64      `json:"seconds_left"`
	Owner          string     `json:"owner,omitempty"`
	Team           string     `json:"team,omitempty"`
	OrganisationID int64      `json:"organisation_id,omitempty"`
	NotificationID int64      `json:"notification_id,omitempty"`
	ActionID       int64      `json:"action_id,omitempty"`
	RequestID      int64      `json:"request_id,omitempty"`
	CareRequestID  int64      `json:"care_request_id,omitempty"`
	// Accepted says, for an invitation, that I said I take part.
	Accepted bool `json:"accepted,omitempty"`
	// New: an invitation the invitee has not opened yet.
	New      bool `json:"new,omitempty"`
	personID int64
}

// WorkFilter narrows a work list.
type WorkFilter struct {
	Scope          string // mine, team (default), organisation
	Color          string
	OrganisationID int64 // only cases this organisation (also) takes part in
	Team           string
	// CrisisWithin is the configured time within which a red report is
	// confirmed at the crisis table; zero means intake.DefaultPolicy's.
	CrisisWithin time.Duration
}

// WorkList is a work list with what did not fit in it.
type WorkList struct {
	Items []WorkItem `json:"items"`
	// NormsNotShown counts the norm alerts beyond the MaxNormItems most
	// urgent ones that the list holds.
	NormsNotShown int `json:"norms_not_shown"`
}

// Worklist returns what is the actor's and their team's to do, overdue
// first, then by due time. Reading it is audited with the persons shown.
func (db *DB) Worklist(ctx contextT, actor *schakel.Actor, f WorkFilter) ([]WorkItem, error) {
	wl, err := db.WorklistWithOverflow(ctx, actor, f)
	return wl.Items, err
}

// WorklistWithOverflow is Worklist that also says how many norm alerts did
// not fit.
func (db *DB) WorklistWithOverflow(ctx contextT, actor *schakel.Actor, f WorkFilter) (WorkList, error) {
	var items []WorkItem
	var notShown int
	err := db.Update(ctx, func(tx *Tx) error {
		me := actor.Professional
		team := f.Team
		if team == "" {
			team = me.Team
		}
		scope := f.Scope
		if scope == "" {
			scope = "team"
		}
		// Who counts as "us" for reports and ratings.
		var ownerCond string
		var ownerArgs []any
		switch scope {
		case "mine":
			ownerCond, ownerArgs = `r.created_by = ?`, []any{me.ID}
		case "organisation":
			ownerCond, ownerArgs = `pr.organisation_id = ?`, []any{me.Organisation.ID}
		default:
			ownerCond, ownerArgs = `(r.created_by = ? OR (pr.organisation_id = ? AND pr.team = ?))`, []any{me.ID, me.Organisation.ID, team}
		}
		base := `FROM reports r JOIN cases c ON c.id = r.case_id JOIN professionals pr ON pr.id = r.created_by
			JOIN participations pa ON pa.case_id = c.id AND pa.organisation_id = ? AND pa.status = 'active'
			WHERE c.status = 'open' AND ` + ownerCond
		args := append([]any{me.Organisation.ID}, ownerArgs...)

		// Reports whose proposed colour no professional confirmed yet.
		rows, err := tx.query(`SELECT r.id, c.id, c.color, (SELECT MAX(g.id) FROM ratings g WHERE g.report_id = r.id AND g.status = 'proposed'),
			r.received_at, pr.name, pr.team, pr.organisation_id, (SELECT MIN(rp.person_id) FROM report_persons rp WHERE rp.report_id = r.id)
			`+base+` AND EXISTS (SELECT 1 FROM ratings g WHERE g.report_id = r.id AND g.status = 'proposed')`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it WorkItem
			var received time.Time
			if err := rows.Scan(&it.ReportID, &it.CaseID, &it.Color, &it.RatingID, &received, &it.Owner, &it.Team, &it.OrganisationID, &it.personID); err != nil {
				rows.Close()
				return err
			}
			it.Kind = "rate"
			it.Title = "Kleur van de crisismeter bevestigen"
			// A colour is confirmed within a day; red is confirmed at the
			// crisis table, which sits within the red norm (4 hours).
			due := received.UTC().Add(24 * time.Hour)
			if it.Color == "red" {
				within := f.CrisisWithin
				if within <= 0 {
					within = intake.DefaultPolicy.CrisisWithin
				}
				due = received.UTC().Add(within)
			}
			it.DueAt = &due
			items = append(items, it)
		}
		rows.Close()

		// Safety assessments due.
		rows, err = tx.query(`SELECT r.id, c.id, c.color, r.assessment_due_at, pr.name, pr.team, pr.organisation_id,
			(SELECT MIN(rp.person_id) FROM report_persons rp WHERE rp.report_id = r.id)
			`+base+` AND r.assessment_done_at IS NULL`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it WorkItem
			var due time.Time
			if err := rows.Scan(&it.ReportID, &it.CaseID, &it.Color, &due, &it.Owner, &it.Team, &it.OrganisationID, &it.personID); err != nil {
				rows.Close()
				return err
			}
			due = due.UTC()
			it.Kind, it.Title, it.DueAt = "assessment", "Veiligheidsbeoordeling afronden", &due
			items = append(items, it)
		}
		rows.Close()

		// Lowerings of red waiting for a second professional (not my own).
		rows, err = tx.query(`SELECT g.id, c.id, c.color, g.created_at, a.name, a.team, a.organisation_id
			FROM ratings g JOIN cases c ON c.id = g.case_id JOIN professionals a ON a.id = g.rated_by
			JOIN participations pa ON pa.case_id = c.id AND pa.organisation_id = ? AND pa.status = 'active'
			WHERE g.status = 'pending_second' AND g.rated_by <> ?`, me.Organisation.ID, me.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it WorkItem
			var at time.Time
			if err := rows.Scan(&it.RatingID, &it.CaseID, &it.Color, &at, &it.Owner, &it.Team, &it.OrganisationID); err != nil {
				rows.Close()
				return err
			}
			at = at.UTC()
			it.Kind, it.Title, it.DueAt = "second_opinion", "Verlaging van rood bevestigen of afwijzen", &at
			items = append(items, it)
		}
		rows.Close()

		// Consultations I am invited to: new until I open the consultation
		// (its invitation notice unread), with the family's name.
		rows, err = tx.query(`SELECT co.id, c.id, c.color, co.scheduled_at, co.due_at, co.kind,
			(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = c.id),
			EXISTS (SELECT 1 FROM notifications n WHERE n.professional_id = cp.professional_id AND n.consultation_id = co.id
				AND n.kind = 'invitation' AND n.read_at IS NULL),
			cp.accepted_at IS NOT NULL
			FROM consultation_participants cp JOIN consultations co ON co.id = cp.consultation_id JOIN cases c ON c.id = co.case_id
			WHERE cp.professional_id = ? AND co.status = 'planned' AND cp.declined_at IS NULL AND co.invitations_held_until IS NULL`, me.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it WorkItem
			var at, due time.Time
			var kind string
			var person sql.NullInt64
			if err := rows.Scan(&it.ConsultationID, &it.CaseID, &it.Color, &at, &due, &kind, &person, &it.New, &it.Accepted); err != nil {
				rows.Close()
				return err
			}
			at = at.UTC()
			it.Kind, it.Title, it.DueAt = "consultation", consultationTitle(kind), &at
			it.Owner, it.personID = me.Name, person.Int64
			items = append(items, it)
		}
		rows.Close()

		// Notices to me (incomplete crisis tables, second opinions asked).
		rows, err = tx.query(`SELECT n.id, n.kind, n.text, COALESCE(n.case_id, 0), COALESCE(n.consultation_id, 0), n.created_at, COALESCE(c.color, ''),
			(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = n.case_id)
			FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
			WHERE n.professional_id = ? AND n.read_at IS NULL AND n.kind <> 'invitation'`, me.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var it WorkItem
			var kind string
			var at time.Time
			var person sql.NullInt64 // the family's name shows only if the case stays readable (keepReadable)
			if err := rows.Scan(&it.NotificationID, &kind, &it.Title, &it.CaseID, &it.ConsultationID, &at, &it.Color, &person); err != nil {
				rows.Close()
				return err
			}
			at = at.UTC()
			it.Kind, it.DueAt, it.Owner, it.personID = "notice", &at, me.Name, person.Int64
			items = append(items, it)
		}
		rows.Close()

		// The chain monitor: norms about to pass, court orders ending
		// (chain_worklist.go).
		chainItems, more, err := tx.chainWorkItems(me, scope, team)
		if err != nil {
			return err
		}
		notShown = more
		items = append(items, chainItems...)

		// The plan: actions due soon or late, colleagues asking along,
		// plan reviews due (plan_worklist.go).
		planItems, err := tx.planWorkItems(me, scope, team)
		if err != nil {
			return err
		}
		items = append(items, planItems...)

		// Care by need: requests to answer, answers to choose from
		// (care_worklist.go).
		careItems, err := tx.careWorkItems(me)
		if err != nil {
			return err
		}
		items = append(items, careItems...)

		// Filters.
		items = slices.DeleteFunc(items, func(it WorkItem) bool {
			return f.Color != "" && it.Color != f.Color
		})
		if f.OrganisationID != 0 && len(items) > 0 {
			active, err := tx.casesWithActive(f.OrganisationID, items)
			if err != nil {
				return err
			}
			items = slices.DeleteFunc(items, func(it WorkItem) bool { return !active[it.CaseID] })
		}

		// Need-to-know: nothing of a case the actor may not read.
		items, err = tx.keepReadable(actor, items)
		if err != nil {
			return err
		}

		// Family names make the list usable; reading them is audited.
		persons, err := tx.familyNames(items)
		if err != nil {
			return err
		}
		now := tx.now
		for i := range items {
			if items[i].DueAt != nil {
				items[i].SecondsLeft = int64(items[i].DueAt.Sub(now).Seconds())
				items[i].Overdue = items[i].DueAt.Before(now) && items[i].Kind != "notice"
			}
		}
		sort.SliceStable(items, func(i, j int) bool {
			a, b := items[i], items[j]
			if a.Overdue != b.Overdue {
				return a.Overdue
			}
			if (a.Color == "red") != (b.Color == "red") {
				return a.Color == "red"
			}
			return a.DueAt.Before(*b.DueAt)
		})
		if len(persons) > 0 {
			tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "worklist", AccessBasis: audit.BasisParticipation,
				Persons: persons, Detail: fmt.Sprintf("%d items, scope %s", len(items), scope)})
		}
		return nil
	})
	if items == nil {
		items = []WorkItem{}
	}
	return WorkList{Items: items, NormsNotShown: notShown}, err
}

// MarkNotificationRead removes a notice from the actor's work list.
func (db *DB) MarkNotificationRead(ctx contextT, actor *schakel.Actor, id int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		var owner int64
		var read sql.NullTime
		err := tx.queryRow(`SELECT professional_id, read_at FROM notifications WHERE id = ?`, id).Scan(&owner, &read)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Melding in de werklijst")
		} else if err != nil {
			return err
		}
		if owner != actor.Professional.ID {
			// Someone else's notification: not found, and audited.
			return tx.refuseNotFound(actor, audit.EventUpdate, "notification", id, "Melding in de werklijst")
		}
		if read.Valid {
			return notFound("Melding in de werklijst")
		}
		_, err = tx.exec(`UPDATE notifications SET read_at = ? WHERE id = ?`, tx.now, id)
		return err
	})
}

// markInvitationSeen takes the "nieuw" mark off the actor's invitation to
// a consultation once they open it.
func (tx *Tx) markInvitationSeen(actor *schakel.Actor, consultationID int64) error {
	if actor == nil || actor.Professional == nil {
		return nil
	}
	_, err := tx.exec(`UPDATE notifications SET read_at = ? WHERE professional_id = ? AND consultation_id = ? AND kind = 'invitation' AND read_at IS NULL`,
		tx.now, actor.Professional.ID, consultationID)
	return err
}

// casesWithActive returns which of the items' cases the organisation
// actively participates in, in one query.
func (tx *Tx) casesWithActive(orgID int64, items []WorkItem) (map[int64]bool, error) {
	ids := distinct(items, func(it WorkItem) int64 { return it.CaseID })
	args := append([]any{orgID}, ids...)
	rows, err := tx.query(`SELECT DISTINCT case_id FROM participations WHERE organisation_id = ? AND status = 'active'
		AND case_id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// familyNames fills in "Gezin <family name>" of each item that names a
// person, in one query, and returns the persons read (for the audit).
func (tx *Tx) familyNames(items []WorkItem) ([]int64, error) {
	ids := distinct(items, func(it WorkItem) int64 { return it.personID })
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := tx.query(`SELECT id, family_name FROM persons WHERE id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	names := map[int64]string{}
	var persons []int64
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		names[id] = name
		persons = append(persons, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range items {
		if name, ok := names[items[i].personID]; ok {
			items[i].Family = "Gezin " + name
		}
	}
	slices.Sort(persons)
	return persons, nil
}

// distinct returns the distinct non-zero keys of the items as query
// arguments.
func distinct(items []WorkItem, key func(WorkItem) int64) []any {
	seen := map[int64]bool{}
	var out []any
	for _, it := range items {
		if k := key(it); k != 0 && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
