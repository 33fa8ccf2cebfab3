package storage

import (
	"database/sql"
	"errors"
	"slices"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/chain"
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
	AskID          int64      `json:"ask_id,omitempty"` // colleague_ask: an ask to the actor or their team
	CareRequestID  int64      `json:"care_request_id,omitempty"`
	// Accepted says, for an invitation, that I said I take part.
	Accepted bool `json:"accepted,omitempty"`
	// New: an invitation the invitee has not opened yet.
	New bool `json:"new,omitempty"`
	// PersonID is the person whose family names the item (not shown).
	PersonID int64 `json:"-"`
	// ReceivedAt is, for a colour to confirm, when the report came in:
	// the use case sets DueAt from it and the crisis norm.
	ReceivedAt *time.Time `json:"-"`
	// AskedAt is, for a care request to answer, when it was asked: the
	// use case makes it a reminder (care.RemindFrom).
	AskedAt *time.Time `json:"-"`
	// Phase is, for a norm alert, the phase whose norm passes: the use
	// case names it in the title.
	Phase chain.PhaseID `json:"-"`
	// Asked and Answered are, for a care choice, how many providers were
	// asked and answered; RequestKind and From are, for a colleague's
	// request, what is asked and who asks. The use case tells the title.
	Asked, Answered   int    `json:"-"`
	RequestKind, From string `json:"-"`
	// ConsultationKind is, for a consultation, its kind (the title).
	ConsultationKind string `json:"-"`
}

// WorkList is a work list with what did not fit in it.
type WorkList struct {
	Items []WorkItem `json:"items"`
	// NormsNotShown counts the norm alerts beyond the MaxNormItems most
	// urgent ones that the list holds.
	NormsNotShown int `json:"norms_not_shown"`
}

// WorkItems loads every open item of a professional's work list in scope
// (mine, team or organisation; team names the team), unfiltered: the use
// case filters, applies need-to-know, sorts and audits. The chain
// monitor's lines (norms about to pass, court orders ending) come from
// NormWorkItems and CourtOrders (chain_worklist.go).
func (tx *Tx) WorkItems(me *schakel.Professional, scope, team string) (items []WorkItem, err error) {
	loaders := []func(*schakel.Professional, string, string) ([]WorkItem, error){
		tx.rateItems, tx.assessmentItems, tx.secondOpinionItems, tx.consultationItems, tx.noticeItems, tx.planWorkItems,
		// Care by need: requests to answer, answers to choose from (care_worklist.go).
		func(me *schakel.Professional, _, _ string) ([]WorkItem, error) { return tx.careWorkItems(me) },
	}
	for _, load := range loaders {
		more, err := load(me, scope, team)
		if err != nil {
			return nil, err
		}
		items = append(items, more...)
	}
	return items, nil
}

// reportScope is the FROM and WHERE of reports "we" own in scope, with
// their arguments.
func reportScope(me *schakel.Professional, scope, team string) (string, []any) {
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
	return base, append([]any{me.Organisation.ID}, ownerArgs...)
}

// scanItems runs a query and scans each row into a new item.
func (tx *Tx) scanItems(q string, args []any, scan func(rows rowSet, it *WorkItem) error) ([]WorkItem, error) {
	rows, err := tx.query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WorkItem
	for rows.Next() {
		var it WorkItem
		if err := scan(rows, &it); err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// rateItems are reports whose proposed colour no professional confirmed yet.
func (tx *Tx) rateItems(me *schakel.Professional, scope, team string) ([]WorkItem, error) {
	base, args := reportScope(me, scope, team)
	return tx.scanItems(`SELECT r.id, c.id, c.color, (SELECT MAX(g.id) FROM ratings g WHERE g.report_id = r.id AND g.status = 'proposed'),
		r.received_at, pr.name, pr.team, pr.organisation_id, (SELECT MIN(rp.person_id) FROM report_persons rp WHERE rp.report_id = r.id)
		`+base+` AND EXISTS (SELECT 1 FROM ratings g WHERE g.report_id = r.id AND g.status = 'proposed')`, args,
		func(rows rowSet, it *WorkItem) error {
			var received time.Time
			if err := rows.Scan(&it.ReportID, &it.CaseID, &it.Color, &it.RatingID, &received, &it.Owner, &it.Team, &it.OrganisationID, &it.PersonID); err != nil {
				return err
			}
			received = received.UTC()
			it.Kind, it.ReceivedAt = "rate", &received
			return nil
		})
}

// assessmentItems are safety assessments due.
func (tx *Tx) assessmentItems(me *schakel.Professional, scope, team string) ([]WorkItem, error) {
	base, args := reportScope(me, scope, team)
	return tx.scanItems(`SELECT r.id, c.id, c.color, r.assessment_due_at, pr.name, pr.team, pr.organisation_id,
		(SELECT MIN(rp.person_id) FROM report_persons rp WHERE rp.report_id = r.id)
		`+base+` AND r.assessment_done_at IS NULL`, args,
		func(rows rowSet, it *WorkItem) error {
			var due time.Time
			if err := rows.Scan(&it.ReportID, &it.CaseID, &it.Color, &due, &it.Owner, &it.Team, &it.OrganisationID, &it.PersonID); err != nil {
				return err
			}
			due = due.UTC()
			it.Kind, it.DueAt = "assessment", &due
			return nil
		})
}

// secondOpinionItems are lowerings of red waiting for a second
// professional (not the one who lowered).
func (tx *Tx) secondOpinionItems(me *schakel.Professional, _, _ string) ([]WorkItem, error) {
	return tx.scanItems(`SELECT g.id, c.id, c.color, g.created_at, a.name, a.team, a.organisation_id
		FROM ratings g JOIN cases c ON c.id = g.case_id JOIN professionals a ON a.id = g.rated_by
		JOIN participations pa ON pa.case_id = c.id AND pa.organisation_id = ? AND pa.status = 'active'
		WHERE g.status = 'pending_second' AND g.rated_by <> ?`, []any{me.Organisation.ID, me.ID},
		func(rows rowSet, it *WorkItem) error {
			var at time.Time
			if err := rows.Scan(&it.RatingID, &it.CaseID, &it.Color, &at, &it.Owner, &it.Team, &it.OrganisationID); err != nil {
				return err
			}
			at = at.UTC()
			it.Kind, it.DueAt = "second_opinion", &at
			return nil
		})
}

// consultationItems are consultations the professional is invited to:
// new until they open the consultation (its invitation notice unread),
// with the family's name.
func (tx *Tx) consultationItems(me *schakel.Professional, _, _ string) ([]WorkItem, error) {
	return tx.scanItems(`SELECT co.id, c.id, c.color, co.scheduled_at, co.due_at, co.kind,
		(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = c.id),
		EXISTS (SELECT 1 FROM notifications n WHERE n.professional_id = cp.professional_id AND n.consultation_id = co.id
			AND n.kind = 'invitation' AND n.read_at IS NULL),
		cp.accepted_at IS NOT NULL
		FROM consultation_participants cp JOIN consultations co ON co.id = cp.consultation_id JOIN cases c ON c.id = co.case_id
		WHERE cp.professional_id = ? AND co.status = 'planned' AND cp.declined_at IS NULL AND co.invitations_held_until IS NULL`, []any{me.ID},
		func(rows rowSet, it *WorkItem) error {
			var at, due time.Time
			var person sql.NullInt64
			if err := rows.Scan(&it.ConsultationID, &it.CaseID, &it.Color, &at, &due, &it.ConsultationKind, &person, &it.New, &it.Accepted); err != nil {
				return err
			}
			at = at.UTC()
			it.Kind, it.DueAt = "consultation", &at
			it.Owner, it.PersonID = me.Name, person.Int64
			return nil
		})
}

// noticeItems are unread notices to the professional (incomplete crisis
// tables, second opinions asked, …).
func (tx *Tx) noticeItems(me *schakel.Professional, _, _ string) ([]WorkItem, error) {
	return tx.scanItems(`SELECT n.id, n.kind, n.text, COALESCE(n.case_id, 0), COALESCE(n.consultation_id, 0), n.created_at, COALESCE(c.color, ''),
		(SELECT MIN(rp.person_id) FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = n.case_id)
		FROM notifications n LEFT JOIN cases c ON c.id = n.case_id
		WHERE n.professional_id = ? AND n.read_at IS NULL AND n.kind <> 'invitation'`, []any{me.ID},
		func(rows rowSet, it *WorkItem) error {
			var kind string
			var at time.Time
			var person sql.NullInt64 // the family's name shows only if the case stays readable
			if err := rows.Scan(&it.NotificationID, &kind, &it.Title, &it.CaseID, &it.ConsultationID, &at, &it.Color, &person); err != nil {
				return err
			}
			at = at.UTC()
			it.Kind, it.DueAt, it.Owner, it.PersonID = "notice", &at, me.Name, person.Int64
			return nil
		})
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

// CasesWithActive returns which of the items' cases the organisation
// actively participates in, in one query.
func (tx *Tx) CasesWithActive(orgID int64, items []WorkItem) (map[int64]bool, error) {
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

// FamilyNames fills in "Gezin <family name>" of each item that names a
// person, in one query, and returns the persons read (for the audit).
func (tx *Tx) FamilyNames(items []WorkItem) ([]int64, error) {
	ids := distinct(items, func(it WorkItem) int64 { return it.PersonID })
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
		if name, ok := names[items[i].PersonID]; ok {
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
