package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/chain"
)

// The references of the benchmarks of issue 11 that need the storage
// layer's inside: the bare insert the intake is compared with, and the
// audited read in the order DESIGN.md's rule forbids.

// BareInsert writes the rows of one intake without any rules: the floor
// the intake is compared with (issue 11: "the bare insert of the same
// rows"). An orange report's rows: its family, case, participation,
// report and rating, two persons with nine matching keys each, their
// links, two phase runs, two events and their roll-up, one audit entry
// naming both persons. With invitees (a red report's crisis table) also
// the consultation, eight needs, a participant, a notice and an e-mail
// with its calendar for each invitee, a third phase run and event, and a
// second audit entry. Values are constants of the intake's sizes; nothing
// is read, matched, rated or rendered. Its statements are written as the
// intake's are, several rows each and the kept writes at commit, so that
// the two differ only by the intake's work. TestBareInsertWritesAnIntakesRows
// holds the two equal, table by table.
func (db *DB) BareInsert(ctx context.Context, actor *schakel.Actor, i int64, invitees []int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		me := actor.Professional
		region, org, now := me.Organisation.RegionID, me.Organisation.ID, tx.now
		fam, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, 'Rotterdam', ?)`, region, now)
		if err != nil {
			return err
		}
		color := "orange"
		if len(invitees) > 0 {
			color = "red"
		}
		caseID, err := tx.insert(`INSERT INTO cases (family_id, region_id, status, color, version, created_at, updated_at) VALUES (?, ?, 'open', ?, 1, ?, ?)`,
			fam, region, color, now, now)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, 'regie', 'active', ?, ?)`,
			caseID, org, me.ID, now); err != nil {
			return err
		}
		rep, err := tx.insert(`INSERT INTO reports (case_id, family_id, organisation_id, created_by, form_version, reporter_kind, reporter_name,
			received_at, municipality, concerns, indicators, finances, narrative, assessment_due_at, created_at)
			VALUES (?, ?, ?, ?, 1, 'police', 'Agent Bench', ?, 'Rotterdam', 'domestic_violence', 'witnessed_domestic_violence', '{}',
			'Politie werd gebeld door buren na ruzie.', ?, ?)`, caseID, fam, org, me.ID, now, now, now)
		if err != nil {
			return err
		}
		birth := []time.Time{time.Date(2015, 6, 1, 0, 0, 0, 0, time.UTC), time.Date(1982, 3, 1, 0, 0, 0, 0, time.UTC)}
		name := func(k int) string { return fmt.Sprint("Bench", i, "x", k) }
		persons, err := tx.queryIDs(`INSERT INTO persons (family_id, region_id, kind, given_names, family_name, birth_date, bsn, created_at)
			VALUES (?, ?, 'child', ?, 'Bench', ?, NULL, ?), (?, ?, 'adult', ?, 'Bench', ?, NULL, ?) RETURNING id`,
			fam, region, name(0), birth[0], now, fam, region, name(1), birth[1], now)
		if err != nil {
			return err
		}
		const keysPerPerson = 9
		var keys, links []any
		for k, pid := range persons {
			for j := range keysPerPerson {
				keys = append(keys, fmt.Sprint("k", j, ":", pid), pid, region, nil, name(k), "Bench", birth[k])
			}
			links = append(links, rep, pid, []string{"", "parent"}[k], k == 1, k)
		}
		if _, err := tx.exec(`INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date) VALUES `+
			rowsOf(len(keys)/7, 7), keys...); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO report_persons (report_id, person_id, relation, parental_authority, position) VALUES `+
			rowsOf(len(persons), 5), links...); err != nil {
			return err
		}
		if _, err := tx.insert(`INSERT INTO ratings (case_id, report_id, color, proposed_color, reasons, reason, status, created_at)
			VALUES (?, ?, ?, ?, ?, '', 'proposed', ?)`, caseID, rep, color, color, strings.Repeat("r", 100), now); err != nil {
			return err
		}
		phases := []int{2, 10}
		events := []bareEvent{{chain.ReportReceived, `{"report_id":1}`}, {chain.Rated, `{"color":"` + color + `"}`}}
		if len(invitees) > 0 {
			consultation, err := tx.bareCrisisTable(caseID, invitees)
			if err != nil {
				return err
			}
			phases = append([]int{1}, phases...)
			events = append(events, bareEvent{chain.ConsultationPlanned, fmt.Sprintf(`{"consultation_id":%d}`, consultation)})
			tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultation),
				AccessBasis: audit.BasisRole, Detail: "crisis table planned"})
		}
		if err := tx.bareKeptWrites(caseID, region, org, me.ID, phases, events); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "report", ResourceID: fmt.Sprint(rep),
			AccessBasis: audit.BasisRole, Persons: persons, Detail: "case " + fmt.Sprint(caseID) + ", colour " + color})
		return nil
	})
}

// bareCrisisTable writes a red report's crisis table for BareInsert: the
// consultation, its needs, and per invitee a participant, notice and e-mail.
func (tx *Tx) bareCrisisTable(caseID int64, invitees []int64) (int64, error) {
	now := tx.now
	id, err := tx.insert(`INSERT INTO consultations (case_id, kind, status, scheduled_at, due_at, missing, created_by, created_at,
		invitations_held_until, location_mode, place, phone, video_url) VALUES (?, 'crisis', 'planned', ?, ?, '', NULL, ?, NULL, '', '', '', '')`,
		caseID, now.Add(2*time.Hour), now.Add(5*time.Hour), now)
	if err != nil {
		return 0, err
	}
	const needs = 8
	var needArgs []any
	for n := range needs {
		needArgs = append(needArgs, id, fmt.Sprint("role:need-", n), n, "urgent", "indicator:bench", strings.Repeat("n", 100), now)
	}
	if _, err := tx.exec(`INSERT INTO consultation_needs (consultation_id, need, position, urgency, rules, reason, added_at) VALUES `+
		rowsOf(needs, 7), needArgs...); err != nil {
		return 0, err
	}
	var parts, notes, mails []any
	for _, p := range invitees {
		parts = append(parts, id, p, strings.Repeat("c", 31), strings.Repeat("w", 118), now)
		notes = append(notes, p, "invitation", caseID, id, strings.Repeat("u", 93), now)
		mails = append(mails, p, "bench@schakel.example", strings.Repeat("s", 30), strings.Repeat("b", 286), strings.Repeat("i", 653), now)
	}
	n := len(invitees)
	if _, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at) VALUES `+
		rowsOf(n, 5), parts...); err != nil {
		return 0, err
	}
	if _, err := tx.exec(`INSERT INTO notifications (professional_id, kind, case_id, consultation_id, text, created_at) VALUES `+
		rowsOf(n, 6), notes...); err != nil {
		return 0, err
	}
	_, err = tx.exec(`INSERT INTO outbox (professional_id, to_address, subject, body, ics, created_at) VALUES `+rowsOf(n, 6), mails...)
	return id, err
}

// bareEvent is an event BareInsert writes: its type and details.
type bareEvent struct {
	typ     chain.Type
	details string
}

// bareKeptWrites keeps BareInsert's phase runs and events for the commit,
// as the intake's are kept (commit_writes.go), and counts the events in
// the roll-up the way the intake's are counted.
func (tx *Tx) bareKeptWrites(caseID, region, org, by int64, phases []int, events []bareEvent) error {
	now := tx.now
	month := now.Year()*100 + int(now.Month())
	var phaseArgs []any
	for _, p := range phases {
		phaseArgs = append(phaseArgs, caseID, p, 1, 0, 29938701, nil, 29949060, nil, nil, nil, nil, region, "Rotterdam", org, 29946470)
	}
	if err := tx.execAtCommit(commitWrite{stmt: `INSERT INTO case_phases (` + phaseColumns + `) VALUES ` + rowsOf(len(phases), 15), args: phaseArgs}); err != nil {
		return err
	}
	var eventArgs []any
	for _, e := range events {
		eventArgs = append(eventArgs, caseID, string(e.typ), now, nil, e.details, org, by, "schakel", nil, "", false,
			region, "Rotterdam", month, 0, now)
		tx.countEvent(e.typ, month, region, org, "Rotterdam", 0, 1)
	}
	return tx.execAtCommit(commitWrite{stmt: `INSERT INTO chain_events (` + eventColumns + `) VALUES ` + rowsOf(len(events), 16), args: eventArgs})
}

// CaseEntryAfterRead models, for BenchmarkAuditedReadOrder only, the
// audited read that DESIGN.md's rule forbids: the guard's facts and the
// case read in a read-only transaction, then the audit entry committed in
// a transaction of its own before the caller gets the rows. It runs the
// statements of the audited read (the guard's facts, the case, the entry)
// and skips the access decision, which reads nothing, so that the
// benchmark shows what the order of read and entry costs and nothing else.
func (db *DB) CaseEntryAfterRead(ctx context.Context, actor *schakel.Actor, id int64) error {
	var persons []int64
	if err := db.View(ctx, func(tx *Tx) error {
		_, p, err := tx.CaseGuardFacts(actor.Professional, id)
		if err != nil {
			return err
		}
		persons = p
		_, err = tx.LoadCase(id)
		return err
	}); err != nil {
		return err
	}
	return db.Update(ctx, func(tx *Tx) error {
		tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: fmt.Sprint(id),
			AccessBasis: audit.BasisParticipation, Persons: persons})
		return nil
	})
}
