package storage

// The family conversations, logged once for everyone on the case. SQL
// only: whether two are the same conversation is plan.SameConversation's.

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
)

// LoggedConversation is what tells one logged conversation from another:
// when it was held and with whom of the family.
type LoggedConversation struct {
	ID        int64
	HeldAt    time.Time
	PersonIDs []int64
	LoggedBy  string
}

// ConversationsInMinute lists the case's conversations held in the minute
// of at.
func (tx *Tx) ConversationsInMinute(caseID int64, at time.Time) ([]LoggedConversation, error) {
	from := at.UTC().Truncate(time.Minute)
	rows, err := tx.query(`SELECT fc.id, fc.held_at, fc.persons_key, p.name FROM family_conversations fc JOIN professionals p ON p.id = fc.logged_by
		WHERE fc.case_id = ? AND fc.held_at >= ? AND fc.held_at < ? ORDER BY fc.id`, caseID, from, from.Add(time.Minute))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LoggedConversation
	for rows.Next() {
		var c LoggedConversation
		var key string
		if err := rows.Scan(&c.ID, &c.HeldAt, &key, &c.LoggedBy); err != nil {
			return nil, err
		}
		for _, part := range strings.Split(key, ",") {
			if id, err := strconv.ParseInt(part, 10, 64); err == nil {
				c.PersonIDs = append(c.PersonIDs, id)
			}
		}
		c.HeldAt = c.HeldAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// ConversationRecord is a conversation with the family as stored.
type ConversationRecord struct {
	CaseID          int64
	HeldAt          time.Time
	Joint           bool
	Others, Summary string
	ProfessionalIDs []int64
	PersonIDs       []int64
	OrganisationID  int64
	LoggedBy        int64
}

// InsertConversation stores a conversation with its professionals and
// family members.
func (tx *Tx) InsertConversation(r ConversationRecord) (schakel.Conversation, error) {
	id, err := tx.insert(`INSERT INTO family_conversations (case_id, held_at, joint, others, summary, persons_key, organisation_id, logged_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.CaseID, r.HeldAt, r.Joint, trim(r.Others), trim(r.Summary), personsKey(r.PersonIDs),
		r.OrganisationID, r.LoggedBy, tx.now)
	if err != nil {
		return schakel.Conversation{}, err
	}
	for _, p := range uniqIDs(r.ProfessionalIDs) {
		if _, err := tx.exec(`INSERT INTO conversation_professionals (conversation_id, professional_id) VALUES (?, ?)`, id, p); err != nil {
			return schakel.Conversation{}, err
		}
	}
	for _, p := range uniqIDs(r.PersonIDs) {
		if _, err := tx.exec(`INSERT INTO conversation_persons (conversation_id, person_id) VALUES (?, ?)`, id, p); err != nil {
			return schakel.Conversation{}, err
		}
	}
	cs, err := tx.conversationsWhere(`fc.id = ?`, id)
	if err != nil {
		return schakel.Conversation{}, err
	}
	return cs[0], nil
}

func uniqIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

func personsKey(ids []int64) string {
	var parts []string
	for _, id := range uniqIDs(ids) {
		parts = append(parts, strconv.FormatInt(id, 10))
	}
	return strings.Join(parts, ",")
}

func (tx *Tx) conversations(caseID int64) ([]schakel.Conversation, error) {
	return tx.conversationsWhere(`fc.case_id = ?`, caseID)
}

// conversationsWhere reads conversations with their professionals and
// family members in three queries, newest first.
func (tx *Tx) conversationsWhere(where string, args ...any) ([]schakel.Conversation, error) {
	rows, err := tx.query(`SELECT fc.id, fc.case_id, fc.held_at, fc.joint, fc.others, fc.summary, p.id, p.name, o.id, o.name, o.kind, fc.created_at
		FROM family_conversations fc JOIN professionals p ON p.id = fc.logged_by JOIN organisations o ON o.id = fc.organisation_id
		WHERE `+where+` ORDER BY fc.held_at DESC, fc.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	// Their people are read by the same condition, not by the ids read;
	// in a batched read they come in the same round trip, and an audited
	// read (audited_read.go) has only one.
	pending := notFetchedYet(rows)
	out := []schakel.Conversation{}
	index := map[int64]int{}
	for rows.Next() {
		var c schakel.Conversation
		if err := rows.Scan(&c.ID, &c.CaseID, &c.HeldAt, &c.Joint, &c.Others, &c.Summary, &c.LoggedBy.ID, &c.LoggedBy.Name,
			&c.Organisation.ID, &c.Organisation.Name, &c.Organisation.Kind, &c.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		c.HeldAt, c.CreatedAt = c.HeldAt.UTC(), c.CreatedAt.UTC()
		c.Professionals, c.Persons = []schakel.ProfessionalRef{}, []schakel.PersonRef{}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || (len(out) == 0 && !pending) {
		return out, err
	}
	rows, err = tx.query(`SELECT cp.conversation_id, p.id, p.name, o.id, o.name, o.kind FROM conversation_professionals cp
		JOIN family_conversations fc ON fc.id = cp.conversation_id JOIN professionals p ON p.id = cp.professional_id
		JOIN organisations o ON o.id = p.organisation_id WHERE `+where+` ORDER BY o.name, p.name`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var cid int64
		var p schakel.ProfessionalRef
		if err := rows.Scan(&cid, &p.ID, &p.Name, &p.Organisation.ID, &p.Organisation.Name, &p.Organisation.Kind); err != nil {
			rows.Close()
			return nil, err
		}
		if i, ok := index[cid]; ok {
			out[i].Professionals = append(out[i].Professionals, p)
		}
	}
	rows.Close()
	rows, err = tx.query(`SELECT cp.conversation_id, p.id, p.given_names || ' ' || p.family_name, p.kind FROM conversation_persons cp
		JOIN family_conversations fc ON fc.id = cp.conversation_id JOIN persons p ON p.id = cp.person_id WHERE `+where+` ORDER BY p.kind DESC, p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var p schakel.PersonRef
		if err := rows.Scan(&cid, &p.ID, &p.Name, &p.Kind); err != nil {
			return nil, err
		}
		if i, ok := index[cid]; ok {
			out[i].Persons = append(out[i].Persons, p)
		}
	}
	return out, rows.Err()
}
