package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"schakel"
)

// NewCareRequest is a request as written, with what providers may see.
type NewCareRequest struct {
	CaseID, By, RegionID                                int64
	Needs                                               []schakel.CareNeed
	Urgency, Wants, DoesNotWant, Place, Language, Times string
	Deadline                                            time.Time
	Municipality                                        string
	AgeBands                                            []string
}

// InsertCareRequest writes a request and the providers it reached.
func (tx *Tx) InsertCareRequest(r NewCareRequest, recipients []int64) (int64, error) {
	needs, err := json.Marshal(r.Needs)
	if err != nil {
		return 0, err
	}
	id, err := tx.insert(`INSERT INTO care_requests (case_id, created_by, created_at, needs, urgency, wants, does_not_want, place, language, times,
		deadline, municipality, age_bands, region_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.CaseID, r.By, tx.now, string(needs), r.Urgency,
		strings.TrimSpace(r.Wants), strings.TrimSpace(r.DoesNotWant), strings.TrimSpace(r.Place), strings.TrimSpace(r.Language),
		strings.TrimSpace(r.Times), r.Deadline.UTC(), r.Municipality, strings.Join(r.AgeBands, ","), r.RegionID)
	if err != nil {
		return 0, err
	}
	seen := map[schakel.NeedCategory]bool{}
	for _, n := range r.Needs {
		if seen[n.Category] {
			continue
		}
		seen[n.Category] = true
		if _, err := tx.exec(`INSERT INTO care_request_needs (request_id, category) VALUES (?, ?)`, id, string(n.Category)); err != nil {
			return 0, err
		}
	}
	// One statement per chunk rather than per provider: a request in a
	// region of 500 providers took 500 round trips (BenchmarkCareRequestProviders).
	for _, part := range chunks(recipients, careChunk) {
		args := make([]any, 0, 2*len(part))
		for _, org := range part {
			args = append(args, id, org)
		}
		if _, err := tx.exec(`INSERT INTO care_recipients (request_id, organisation_id) VALUES `+repeatRow("(?, ?)", len(part)), args...); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// CareRequestByID loads a request with whom it reached and the answers.
func (tx *Tx) CareRequestByID(id int64) (schakel.CareRequest, CareExtractFacts, error) {
	var r schakel.CareRequest
	var x CareExtractFacts
	var needs, bands string
	var chosen sql.NullInt64
	var chosenAt, startedAt, endedAt sql.NullTime
	err := tx.queryRow(`SELECT q.id, q.case_id, p.id, p.name, q.created_at, q.needs, q.urgency, q.wants, q.does_not_want, q.place, q.language, q.times,
			q.deadline, q.status, q.chosen_organisation_id, q.municipality, q.age_bands, q.chosen_at, q.started_at, q.ended_at, q.end_reason
		FROM care_requests q JOIN professionals p ON p.id = q.created_by WHERE q.id = ?`, id).Scan(&r.ID, &r.CaseID, &r.CreatedBy.ID, &r.CreatedBy.Name,
		&r.CreatedAt, &needs, &r.Urgency, &r.Wants, &r.DoesNotWant, &r.Place, &r.Language, &r.Times, &r.Deadline, &r.Status, &chosen, &x.Municipality, &bands,
		&chosenAt, &startedAt, &endedAt, &r.EndReason)
	if errors.Is(err, sql.ErrNoRows) {
		return r, x, notFound("Zorgvraag")
	} else if err != nil {
		return r, x, err
	}
	if err := json.Unmarshal([]byte(needs), &r.Needs); err != nil {
		return r, x, err
	}
	r.CreatedAt, r.Deadline, x.AgeBands = r.CreatedAt.UTC(), r.Deadline.UTC(), nonEmpty(splitCSV(bands))
	if chosen.Valid {
		r.Chosen = &chosen.Int64
	}
	r.ChosenAt, r.StartedAt, r.EndedAt = utcPtr(chosenAt), utcPtr(startedAt), utcPtr(endedAt)
	if r.Asked, err = tx.careRecipients(id); err != nil {
		return r, x, err
	}
	r.Answers, err = tx.careAnswers(id)
	return r, x, err
}

// CareExtractFacts are the pseudonymised facts stored with a request.
type CareExtractFacts struct {
	Municipality string
	AgeBands     []string
}

func (tx *Tx) careRecipients(id int64) ([]schakel.OrganisationRef, error) {
	rows, err := tx.query(`SELECT o.id, o.name, o.kind FROM care_recipients x JOIN organisations o ON o.id = x.organisation_id
		WHERE x.request_id = ? ORDER BY o.name, o.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.OrganisationRef{}
	for rows.Next() {
		var o schakel.OrganisationRef
		if err := rows.Scan(&o.ID, &o.Name, &o.Kind); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (tx *Tx) careAnswers(id int64) ([]schakel.CareAnswer, error) {
	rows, err := tx.query(`SELECT o.id, o.name, o.kind, p.id, p.name, a.answered_at, a.approach, a.earliest_start, a.conditions, a.no_capacity,
			a.expected_room, a.late
		FROM care_answers a JOIN organisations o ON o.id = a.organisation_id JOIN professionals p ON p.id = a.answered_by
		WHERE a.request_id = ? ORDER BY a.no_capacity, a.earliest_start, a.answered_at`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.CareAnswer{}
	for rows.Next() {
		var a schakel.CareAnswer
		if err := rows.Scan(&a.Organisation.ID, &a.Organisation.Name, &a.Organisation.Kind, &a.By.ID, &a.By.Name, &a.AnsweredAt, &a.Approach,
			&a.EarliestStart, &a.Conditions, &a.NoCapacity, &a.ExpectedRoom, &a.Late); err != nil {
			return nil, err
		}
		a.AnsweredAt = a.AnsweredAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// InsertCareAnswer writes a provider's answer; a second answer of the
// same provider is a conflict.
func (tx *Tx) InsertCareAnswer(requestID, orgID, by int64, a schakel.CareAnswer) error {
	_, err := tx.exec(`INSERT INTO care_answers (request_id, organisation_id, answered_by, answered_at, approach, earliest_start, conditions,
		no_capacity, expected_room, late) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, requestID, orgID, by, tx.now, strings.TrimSpace(a.Approach),
		strings.TrimSpace(a.EarliestStart), strings.TrimSpace(a.Conditions), a.NoCapacity, strings.TrimSpace(a.ExpectedRoom), a.Late)
	if isUniqueViolation(err) {
		return schakel.Errorf(schakel.ECONFLICT, "Uw organisatie heeft deze zorgvraag al beantwoord.")
	} else if err != nil {
		return err
	}
	_, err = tx.exec(`UPDATE care_requests SET first_answer_at = ? WHERE id = ? AND first_answer_at IS NULL`, tx.now, requestID)
	return err
}

// ChooseCareProvider records the choice, once.
func (tx *Tx) ChooseCareProvider(requestID, orgID int64) error {
	res, err := tx.exec(`UPDATE care_requests SET status = 'chosen', chosen_organisation_id = ?, chosen_at = ? WHERE id = ? AND status = 'open'`,
		orgID, tx.now, requestID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return schakel.Errorf(schakel.ECONFLICT, "Voor deze zorgvraag is al gekozen.")
	}
	return nil
}

// CareRequestsFor lists the open and recent requests that reached an
// organisation, newest first.
func (tx *Tx) CareRequestsFor(orgID int64) ([]int64, error) {
	return tx.queryIDs(`SELECT x.request_id FROM care_recipients x WHERE x.organisation_id = ? ORDER BY x.request_id DESC`, orgID)
}

// CaseCareRequests lists a case's request ids, newest first.
func (tx *Tx) CaseCareRequests(caseID int64) ([]int64, error) {
	return tx.queryIDs(`SELECT id FROM care_requests WHERE case_id = ? ORDER BY id DESC`, caseID)
}

// queryIDs runs a query of one id column and returns the ids in order.
func (tx *Tx) queryIDs(query string, args ...any) ([]int64, error) {
	rows, err := tx.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// TellProfessional puts a line about a case in one professional's work list.
func (tx *Tx) TellProfessional(professionalID int64, kind string, caseID int64, text string) error {
	return tx.notify(professionalID, kind, caseID, 0, text)
}

// SetCareStarted records the day the chosen provider started the care.
func (tx *Tx) SetCareStarted(requestID int64, day time.Time) error {
	return tx.setCareProgress(`UPDATE care_requests SET started_at = ? WHERE id = ? AND started_at IS NULL`, day.UTC(), requestID)
}

// SetCareEnded records the day the care ended and why.
func (tx *Tx) SetCareEnded(requestID int64, day time.Time, reason string) error {
	return tx.setCareProgress(`UPDATE care_requests SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL`, day.UTC(), reason, requestID)
}

func (tx *Tx) setCareProgress(query string, args ...any) error {
	res, err := tx.exec(query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return schakel.Errorf(schakel.ECONFLICT, "Dit is al vastgelegd.")
	}
	return nil
}

func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}
