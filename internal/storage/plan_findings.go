package storage

// Shared findings in three columns, safety scales per organisation, the
// family conversations logged once, and the Raad's own decision.

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
)

// consultationRef checks an optional consultation id against the case.
func (tx *Tx) consultationRef(caseID, consultationID int64) (any, error) {
	if consultationID <= 0 {
		return nil, nil
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM consultations WHERE id = ? AND case_id = ?`, consultationID, caseID).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, &schakel.Error{Code: schakel.EINVALID, Message: "Dit overleg hoort niet bij deze casus.",
			Fields: []schakel.FieldError{{Field: "consultation_id", Code: "not_on_case", Message: "Dit overleg hoort niet bij deze casus."}}}
	}
	return consultationID, nil
}

// FindingInput is a shared finding.
type FindingInput struct {
	Column         string `json:"column"`
	Text           string `json:"text"`
	ConsultationID int64  `json:"consultation_id,omitempty"`
}

// AddFinding adds the actor's organisation's finding to the case record.
func (db *DB) AddFinding(ctx contextT, actor *schakel.Actor, caseID int64, in FindingInput) (schakel.Finding, error) {
	var f schakel.Finding
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "finding "+in.Column); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if err := plan.ValidateFinding(in.Column, in.Text); err != nil {
			return err
		}
		consult, err := tx.consultationRef(caseID, in.ConsultationID)
		if err != nil {
			return err
		}
		id, err := tx.insert(`INSERT INTO findings (case_id, consultation_id, organisation_id, professional_id, column_name, text, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, caseID, consult, actor.Professional.Organisation.ID, actor.Professional.ID, in.Column, trim(in.Text), tx.now)
		if err != nil {
			return err
		}
		fs, err := tx.findings(`f.id = ?`, id)
		if err != nil {
			return err
		}
		f = fs[0]
		return nil
	})
	return f, err
}

func (tx *Tx) findings(where string, args ...any) ([]schakel.Finding, error) {
	rows, err := tx.query(`SELECT f.id, f.case_id, f.consultation_id, o.id, o.name, o.kind, p.id, p.name, f.column_name, f.text, f.created_at
		FROM findings f JOIN organisations o ON o.id = f.organisation_id JOIN professionals p ON p.id = f.professional_id
		WHERE `+where+` ORDER BY f.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.Finding{}
	for rows.Next() {
		var f schakel.Finding
		var cid sql.NullInt64
		if err := rows.Scan(&f.ID, &f.CaseID, &cid, &f.Organisation.ID, &f.Organisation.Name, &f.Organisation.Kind,
			&f.By.ID, &f.By.Name, &f.Column, &f.Text, &f.CreatedAt); err != nil {
			return nil, err
		}
		if cid.Valid {
			f.ConsultationID = &cid.Int64
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// ScaleInput is a safety scale with its reason.
type ScaleInput struct {
	Value          *int   `json:"value"`
	Reason         string `json:"reason"`
	ConsultationID int64  `json:"consultation_id,omitempty"`
}

// AddSafetyScale records the actor's organisation's safety scale. Earlier
// scales stay: the history shows how safety developed.
func (db *DB) AddSafetyScale(ctx contextT, actor *schakel.Actor, caseID int64, in ScaleInput) (schakel.SafetyScore, error) {
	var s schakel.SafetyScore
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "safety scale"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if err := plan.ValidateScale(in.Value, in.Reason); err != nil {
			return err
		}
		consult, err := tx.consultationRef(caseID, in.ConsultationID)
		if err != nil {
			return err
		}
		id, err := tx.insert(`INSERT INTO safety_scales (case_id, consultation_id, organisation_id, professional_id, value, reason, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, caseID, consult, actor.Professional.Organisation.ID, actor.Professional.ID, *in.Value, trim(in.Reason), tx.now)
		if err != nil {
			return err
		}
		ss, err := tx.scales(`s.id = ?`, id)
		if err != nil {
			return err
		}
		s = ss[0]
		return nil
	})
	return s, err
}

// scales returns safety scales, newest first.
func (tx *Tx) scales(where string, args ...any) ([]schakel.SafetyScore, error) {
	rows, err := tx.query(`SELECT s.id, s.case_id, s.consultation_id, o.id, o.name, o.kind, p.id, p.name, s.value, s.reason, s.created_at
		FROM safety_scales s JOIN organisations o ON o.id = s.organisation_id JOIN professionals p ON p.id = s.professional_id
		WHERE `+where+` ORDER BY s.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.SafetyScore{}
	for rows.Next() {
		var s schakel.SafetyScore
		var cid sql.NullInt64
		if err := rows.Scan(&s.ID, &s.CaseID, &cid, &s.Organisation.ID, &s.Organisation.Name, &s.Organisation.Kind,
			&s.By.ID, &s.By.Name, &s.Value, &s.Reason, &s.CreatedAt); err != nil {
			return nil, err
		}
		if cid.Valid {
			s.ConsultationID = &cid.Int64
		}
		s.CreatedAt = s.CreatedAt.UTC()
		out = append(out, s)
	}
	return out, rows.Err()
}

// currentScales keeps the newest scale of each organisation.
func currentScales(history []schakel.SafetyScore) []schakel.SafetyScore {
	out := []schakel.SafetyScore{}
	seen := map[int64]bool{}
	for _, s := range history {
		if !seen[s.Organisation.ID] {
			seen[s.Organisation.ID] = true
			out = append(out, s)
		}
	}
	return out
}

// AddConversation logs a conversation with the family once, for everyone
// on the case. The same conversation (same minute, same family members)
// logged a second time is refused with a pointer to the first.
func (db *DB) AddConversation(ctx contextT, actor *schakel.Actor, caseID int64, in plan.ConversationInput) (schakel.Conversation, error) {
	var c schakel.Conversation
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "family conversation"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		persons, err := tx.casePersonIDs(caseID)
		if err != nil {
			return err
		}
		onCase := map[int64]bool{}
		for _, id := range persons {
			onCase[id] = true
		}
		pros, err := tx.activeProfessionals(in.ProfessionalIDs...)
		if err != nil {
			return err
		}
		active := map[int64]bool{}
		for id := range pros {
			active[id] = true
		}
		at, err := plan.ValidateConversation(in, tx.now, onCase, active)
		if err != nil {
			return err
		}
		key := personsKey(in.PersonIDs)
		var dup int64
		var by string
		err = tx.queryRow(`SELECT fc.id, p.name FROM family_conversations fc JOIN professionals p ON p.id = fc.logged_by
			WHERE fc.case_id = ? AND fc.held_at = ? AND fc.persons_key = ?`, caseID, at, key).Scan(&dup, &by)
		if err == nil {
			return schakel.Errorf(schakel.ECONFLICT, "Dit gesprek is al vastgelegd door %s (gesprek %d). Vul dat zo nodig aan; de familie vertelt het één keer.", by, dup)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		id, err := tx.insert(`INSERT INTO family_conversations (case_id, held_at, joint, others, summary, persons_key, organisation_id, logged_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, at, in.Joint, trim(in.Others), trim(in.Summary), key,
			actor.Professional.Organisation.ID, actor.Professional.ID, tx.now)
		if err != nil {
			return err
		}
		for _, p := range uniqIDs(in.ProfessionalIDs) {
			if _, err := tx.exec(`INSERT INTO conversation_professionals (conversation_id, professional_id) VALUES (?, ?)`, id, p); err != nil {
				return err
			}
		}
		for _, p := range uniqIDs(in.PersonIDs) {
			if _, err := tx.exec(`INSERT INTO conversation_persons (conversation_id, person_id) VALUES (?, ?)`, id, p); err != nil {
				return err
			}
		}
		cs, err := tx.conversationsWhere(`fc.id = ?`, id)
		if err != nil {
			return err
		}
		c = cs[0]
		return nil
	})
	return c, err
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
	if err := rows.Err(); err != nil || len(out) == 0 {
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
		out[index[cid]].Professionals = append(out[index[cid]].Professionals, p)
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
		out[index[cid]].Persons = append(out[index[cid]].Persons, p)
	}
	return out, rows.Err()
}

// DecisionInput is the Raad's decision.
type DecisionInput struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// RecordDecision records the Raad's own decision. Only a Raad professional
// of a participating Raad records it (access resource RaadDecision):
// anyone else is refused with 403 and the refusal is audited. It stands as
// the Raad's own: nobody changes or removes it; a later decision is added.
func (db *DB) RecordDecision(ctx contextT, actor *schakel.Actor, caseID int64, in DecisionInput) (schakel.RaadDecision, error) {
	var d schakel.RaadDecision
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCaseResource(actor, caseID, access.RaadDecision, access.Write, audit.EventCreate, "raad decision "+in.Kind); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if err := plan.ValidateDecision(in.Kind, in.Reason); err != nil {
			return err
		}
		id, err := tx.insert(`INSERT INTO raad_decisions (case_id, kind, reason, organisation_id, professional_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			caseID, in.Kind, trim(in.Reason), actor.Professional.Organisation.ID, actor.Professional.ID, tx.now)
		if err != nil {
			return err
		}
		ds, err := tx.decisions(`d.id = ?`, id)
		if err != nil {
			return err
		}
		d = ds[0]
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if c := orgs.contact[orgs.regie]; c != 0 && orgs.regie != actor.Professional.Organisation.ID {
			return tx.tell(c, "raad_decision", caseID, 0, fmt.Sprintf("De Raad voor de Kinderbescherming heeft een besluit vastgelegd op casus %d.", caseID))
		}
		return nil
	})
	return d, err
}

// decisions returns Raad decisions, newest first.
func (tx *Tx) decisions(where string, args ...any) ([]schakel.RaadDecision, error) {
	rows, err := tx.query(`SELECT d.id, d.case_id, d.kind, d.reason, o.id, o.name, o.kind, p.id, p.name, d.created_at
		FROM raad_decisions d JOIN organisations o ON o.id = d.organisation_id JOIN professionals p ON p.id = d.professional_id
		WHERE `+where+` ORDER BY d.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.RaadDecision{}
	for rows.Next() {
		var d schakel.RaadDecision
		if err := rows.Scan(&d.ID, &d.CaseID, &d.Kind, &d.Reason, &d.Organisation.ID, &d.Organisation.Name, &d.Organisation.Kind,
			&d.By.ID, &d.By.Name, &d.CreatedAt); err != nil {
			return nil, err
		}
		d.CreatedAt = d.CreatedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// tell puts a notice in a professional's work list and queues an e-mail
// that only points to Schakel (e-mail leaves the system: no family data).
func (tx *Tx) tell(professionalID int64, kind string, caseID, consultationID int64, text string) error {
	if err := tx.notify(professionalID, kind, caseID, consultationID, text); err != nil {
		return err
	}
	var email string
	if err := tx.queryRow(`SELECT email FROM professionals WHERE id = ?`, professionalID).Scan(&email); err != nil {
		return err
	}
	return tx.mail(professionalID, email, "Schakel: "+firstWords(text, 8), text+"\n\nOpen Schakel voor de gegevens.\n", "")
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		return strings.Join(w[:n], " ") + " …"
	}
	return s
}
