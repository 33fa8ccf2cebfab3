package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/intake"
)

// Draft is a half-filled intake form, kept for the professional who typed
// it so that nothing typed is lost.
type Draft struct {
	ID          int64  `json:"id"`
	FormVersion int    `json:"form_version"`
	Data        string `json:"data"` // the form as JSON (intake.Report), as typed
	// Family names the draft in lists: the family names typed so far
	// ("Jansen / de Vries"), empty when none is typed yet.
	Family    string    `json:"family,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// MaxDraftBytes bounds a draft.
const MaxDraftBytes = 256 << 10

// SaveDraft creates (id 0) or updates one of the actor's drafts. Drafts are
// personal data: their writes are audited.
func (db *DB) SaveDraft(ctx contextT, actor *schakel.Actor, id int64, data string) (Draft, error) {
	var d Draft
	if len(data) > MaxDraftBytes {
		return d, schakel.Errorf(schakel.ETOOLARGE, "Het concept is te groot om op te slaan.")
	}
	err := db.Update(ctx, func(tx *Tx) error {
		me := actor.Professional.ID
		if id == 0 {
			var err error
			id, err = tx.insert(`INSERT INTO intake_drafts (professional_id, form_version, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				me, intake.FormVersion, data, tx.now, tx.now)
			if err != nil {
				return err
			}
		} else {
			if err := tx.ownDraft(actor, id, audit.EventUpdate); err != nil {
				return err
			}
			if _, err := tx.exec(`UPDATE intake_drafts SET data = ?, form_version = ?, updated_at = ? WHERE id = ? AND professional_id = ?`,
				data, intake.FormVersion, tx.now, id, me); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "intake_draft", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisSelf})
		d = Draft{ID: id, FormVersion: intake.FormVersion, Data: data, UpdatedAt: tx.now}
		return nil
	})
	return d, err
}

// Draft returns one of the actor's drafts.
func (db *DB) Draft(ctx contextT, actor *schakel.Actor, id int64) (Draft, error) {
	var d Draft
	err := db.Update(ctx, func(tx *Tx) error {
		if err := tx.ownDraft(actor, id, audit.EventRead); err != nil {
			return err
		}
		err := tx.queryRow(`SELECT id, form_version, data, created_at, updated_at FROM intake_drafts WHERE id = ? AND professional_id = ?`,
			id, actor.Professional.ID).Scan(&d.ID, &d.FormVersion, &d.Data, &d.CreatedAt, &d.UpdatedAt)
		if err != nil {
			return err
		}
		d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
		tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "intake_draft", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisSelf})
		return nil
	})
	return d, err
}

// Drafts lists the actor's drafts, newest first, named after the family
// names typed in them (without their data). The names are personal data,
// so a list that shows any is audited.
func (db *DB) Drafts(ctx contextT, actor *schakel.Actor) ([]Draft, error) {
	out := []Draft{}
	err := db.Update(ctx, func(tx *Tx) error {
		rows, err := tx.query(`SELECT id, form_version, data, created_at, updated_at FROM intake_drafts
			WHERE professional_id = ? ORDER BY updated_at DESC LIMIT 50`, actor.Professional.ID)
		if err != nil {
			return err
		}
		defer rows.Close()
		named := 0
		for rows.Next() {
			var d Draft
			var data string
			if err := rows.Scan(&d.ID, &d.FormVersion, &data, &d.CreatedAt, &d.UpdatedAt); err != nil {
				return err
			}
			d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
			var typed intake.Report
			if json.Unmarshal([]byte(data), &typed) == nil { // a draft that is not a report yet stays unnamed
				d.Family = typed.FamilyNames()
			}
			if d.Family != "" {
				named++
			}
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if named > 0 {
			tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "intake_draft", AccessBasis: audit.BasisSelf,
				Detail: fmt.Sprintf("list of %d drafts, %d named", len(out), named)})
		}
		return nil
	})
	return out, err
}

// DeleteDraft removes one of the actor's drafts (after filing, or on request).
func (db *DB) DeleteDraft(ctx contextT, actor *schakel.Actor, id int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		if err := tx.ownDraft(actor, id, audit.EventDelete); err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM intake_drafts WHERE id = ? AND professional_id = ?`, id, actor.Professional.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventDelete, ResourceType: "intake_draft", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisSelf})
		return nil
	})
}

// ownDraft answers not found for a draft that does not exist, and also for
// someone else's, whose attempt is audited as refused.
func (tx *Tx) ownDraft(actor *schakel.Actor, id int64, event string) error {
	var owner int64
	err := tx.queryRow(`SELECT professional_id FROM intake_drafts WHERE id = ?`, id).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return notFound("Concept")
	} else if err != nil {
		return err
	}
	if owner != actor.Professional.ID {
		return tx.refuseNotFound(actor, event, "intake_draft", id, "Concept")
	}
	return nil
}

// MatchState is what deciding one match needs to know: the facts the
// access rule weighs and where the report and the known family stand.
type MatchState struct {
	access.MatchFacts
	MatchID                                      int64
	ReportID, ReportCase, KnownFamily, KnownCase int64
	PersonID, KnownPersonID                      int64
	Status                                       string
}

// MatchOf loads a match with the decider's organisation's participation
// on the known family's open case.
func (tx *Tx) MatchOf(orgID, matchID int64) (MatchState, error) {
	f := MatchState{MatchID: matchID}
	err := tx.queryRow(`SELECT m.report_id, r.case_id, r.created_by, m.family_id, m.person_id, m.known_person_id, m.status, fa.region_id
		FROM family_matches m JOIN reports r ON r.id = m.report_id JOIN families fa ON fa.id = m.family_id WHERE m.id = ?`, matchID).
		Scan(&f.ReportID, &f.ReportCase, &f.ProposedBy, &f.KnownFamily, &f.PersonID, &f.KnownPersonID, &f.Status, &f.CaseRegionID)
	if errors.Is(err, sql.ErrNoRows) {
		return f, notFound("Mogelijke match")
	} else if err != nil {
		return f, err
	}
	if f.KnownCase, err = tx.OpenCaseOf(f.KnownFamily); err != nil {
		return f, err
	}
	if f.KnownCase != 0 {
		var status string
		err := tx.queryRow(`SELECT status FROM participations WHERE case_id = ? AND organisation_id = ?`, f.KnownCase, orgID).Scan(&status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return f, err
		}
		f.Matched = access.Participation(status)
	}
	return f, nil
}

// DecideMatchRecord stores the decision on a match.
func (tx *Tx) DecideMatchRecord(matchID int64, status string, by int64) error {
	_, err := tx.exec(`UPDATE family_matches SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?`, status, by, tx.now, matchID)
	return err
}

// Match loads one match as the case page shows it.
func (tx *Tx) Match(matchID int64) (schakel.Match, error) {
	ms, err := tx.matches(`m.id = ?`, matchID)
	if err != nil {
		return schakel.Match{}, err
	}
	if len(ms) == 0 {
		return schakel.Match{}, notFound("Mogelijke match")
	}
	return ms[0], nil
}

// Tell puts a line in one professional's work list.
func (tx *Tx) Tell(professionalID int64, kind string, caseID, consultationID int64, text string) error {
	return tx.tell(professionalID, kind, caseID, consultationID, text)
}

// MoveToFamily makes a case, its reports and its persons part of another
// (known) family.
func (tx *Tx) MoveToFamily(caseID, family int64) error {
	for _, q := range []string{
		`UPDATE persons SET family_id = ? WHERE id IN (SELECT person_id FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = ?)`,
		`UPDATE reports SET family_id = ? WHERE case_id = ?`,
		`UPDATE cases SET family_id = ? WHERE id = ?`,
	} {
		if _, err := tx.exec(q, family, caseID); err != nil {
			return err
		}
	}
	_, err := tx.BumpCase(caseID, 0)
	return err
}

// MergeCase moves everything of case from into case into (family family),
// keeping the colour that is most severe, and closes from as merged.
func (tx *Tx) MergeCase(from, into, family int64) error {
	stmts := []string{
		`UPDATE persons SET family_id = ? WHERE id IN (SELECT person_id FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = ?)`,
		`UPDATE reports SET family_id = ? WHERE case_id = ?`,
	}
	for _, s := range stmts {
		if _, err := tx.exec(s, family, from); err != nil {
			return err
		}
	}
	for _, s := range []string{
		`UPDATE reports SET case_id = ? WHERE case_id = ?`,
		`UPDATE ratings SET case_id = ? WHERE case_id = ?`,
		`UPDATE consultations SET case_id = ? WHERE case_id = ?`,
		`UPDATE notifications SET case_id = ? WHERE case_id = ?`,
		`UPDATE chain_events SET case_id = ? WHERE case_id = ?`,
	} {
		if _, err := tx.exec(s, into, from); err != nil {
			return err
		}
	}
	var a, b string
	if err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, from).Scan(&a); err != nil {
		return err
	}
	if err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, into).Scan(&b); err != nil {
		return err
	}
	rank := map[string]int{"green": 1, "orange": 2, "red": 3}
	if rank[a] > rank[b] {
		if err := tx.SetCaseColor(into, a); err != nil {
			return err
		}
	}
	// The joint workspace (plan, findings, roles: plan.go) moves along.
	if err := tx.mergeWorkspace(from, into); err != nil {
		return err
	}
	if _, err := tx.BumpCase(into, 0); err != nil {
		return err
	}
	if _, err := tx.exec(`UPDATE cases SET status = 'merged', merged_into = ?, closed_at = ?, updated_at = ? WHERE id = ?`, into, tx.now, tx.now, from); err != nil {
		return err
	}
	// The timeline moved along: derive the phases of both cases again.
	if err := tx.recomputePhases(from); err != nil {
		return err
	}
	return tx.recomputePhases(into)
}

// CompleteAssessment records that a report's safety assessment is done.
func (db *DB) CompleteAssessment(ctx contextT, actor *schakel.Actor, reportID int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		var caseID int64
		var done sql.NullTime
		err := tx.queryRow(`SELECT case_id, assessment_done_at FROM reports WHERE id = ?`, reportID).Scan(&caseID, &done)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Melding")
		} else if err != nil {
			return err
		}
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("assessment of report %d done", reportID)); err != nil {
			return err
		}
		if done.Valid {
			return schakel.Errorf(schakel.ECONFLICT, "De veiligheidsbeoordeling van deze melding is al afgerond.")
		}
		if _, err = tx.exec(`UPDATE reports SET assessment_done_at = ? WHERE id = ?`, tx.now, reportID); err != nil {
			return err
		}
		return tx.RecordAuto(actor, caseID, chain.SafetyAssessmentDone, tx.now, EventDetails{ReportID: reportID}, 0)
	})
}
