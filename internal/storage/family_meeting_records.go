package storage

// Planned conversations with the family. SQL only: who sees one is
// internal/access's (FamilyMeetingShown), what is valid internal/plan's.

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// FamilyMeeting is a planned conversation with the family.
type FamilyMeeting = schakel.FamilyMeeting

// MeetingProfessional is someone from the chain who comes.
type MeetingProfessional = schakel.MeetingProfessional

// InsertFamilyMeeting stores a planned conversation with its invited
// family members and professionals.
func (tx *Tx) InsertFamilyMeeting(m FamilyMeeting) (int64, error) {
	id, err := tx.insert(`INSERT INTO family_meetings (case_id, starts_at, minutes, mode, place, video_url, about, organisation_id, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.CaseID, m.StartsAt.UTC(), m.Minutes, m.Location.Mode, m.Location.Place, m.Location.VideoURL,
		trim(m.About), m.OrganisationID, m.CreatedBy.ID, tx.now)
	if err != nil {
		return 0, err
	}
	for _, p := range uniqIDs(m.PersonIDs) {
		if _, err := tx.exec(`INSERT INTO family_meeting_persons (meeting_id, person_id) VALUES (?, ?)`, id, p); err != nil {
			return 0, err
		}
	}
	for _, p := range uniqIDs(professionalIDs(m.Professionals)) {
		if _, err := tx.exec(`INSERT INTO family_meeting_professionals (meeting_id, professional_id) VALUES (?, ?)`, id, p); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func professionalIDs(ps []MeetingProfessional) []int64 {
	out := make([]int64, len(ps))
	for i, p := range ps {
		out[i] = p.ID
	}
	return out
}

// FamilyMeetings lists a case's planned conversations that end after
// since, the first first.
func (tx *Tx) FamilyMeetings(caseID int64, since time.Time) ([]FamilyMeeting, error) {
	const where = `m.case_id = ? AND m.starts_at > ?`
	args := []any{caseID, since.UTC().Add(-MaxMeetingLength)}
	rows, err := tx.query(`SELECT `+meetingColumns+`
		FROM family_meetings m JOIN professionals b ON b.id = m.created_by WHERE `+where+` ORDER BY m.starts_at, m.id`, args...)
	if err != nil {
		return nil, err
	}
	ps := readParents(rows, meetingParent, where, args)
	var out []FamilyMeeting
	for rows.Next() {
		m, err := scanMeeting(rows.Scan)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if m.Ends().After(since) {
			out = append(out, m)
		}
	}
	if err := firstError(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	return out, tx.meetingsPeople(out, ps)
}

// meetingParent selects a meeting's id, for the statements of its people.
const meetingParent = "m.id FROM family_meetings m"

const meetingColumns = `m.id, m.case_id, m.starts_at, m.minutes, m.mode, m.place, m.video_url, m.about, m.organisation_id, b.id, b.name,
	m.sequence, m.moved_from, m.cancelled_at, m.cancel_reason`

func scanMeeting(scan func(...any) error) (FamilyMeeting, error) {
	var m FamilyMeeting
	var moved, cancelled sql.NullTime
	err := scan(&m.ID, &m.CaseID, &m.StartsAt, &m.Minutes, &m.Location.Mode, &m.Location.Place, &m.Location.VideoURL, &m.About,
		&m.OrganisationID, &m.CreatedBy.ID, &m.CreatedBy.Name, &m.Sequence, &moved, &cancelled, &m.CancelReason)
	m.StartsAt, m.MovedFrom, m.CancelledAt = m.StartsAt.UTC(), nullTime(moved), nullTime(cancelled)
	return m, err
}

// MoveFamilyMeeting gives a planned conversation a new moment, length and
// place or link, keeping the old start to show the family; it fails with
// a conflict when someone changed it since the caller saw sequence.
func (tx *Tx) MoveFamilyMeeting(m FamilyMeeting, sequence int, by int64) error {
	return tx.changedMeeting(`UPDATE family_meetings SET moved_from = starts_at, starts_at = ?, minutes = ?, mode = ?, place = ?, video_url = ?,
		sequence = sequence + 1, changed_by = ? WHERE id = ? AND sequence = ? AND cancelled_at IS NULL`,
		m.StartsAt.UTC(), m.Minutes, m.Location.Mode, m.Location.Place, m.Location.VideoURL, by, m.ID, sequence)
}

// CancelFamilyMeeting calls a planned conversation off with a reason for
// the family; a conflict when someone changed it since sequence.
func (tx *Tx) CancelFamilyMeeting(id int64, sequence int, reason string, by int64) error {
	return tx.changedMeeting(`UPDATE family_meetings SET cancelled_at = ?, cancel_reason = ?, sequence = sequence + 1, changed_by = ?
		WHERE id = ? AND sequence = ? AND cancelled_at IS NULL`, tx.now, trim(reason), by, id, sequence)
}

func (tx *Tx) changedMeeting(q string, args ...any) error {
	res, err := tx.exec(q, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return schakel.Errorf(schakel.ECONFLICT, "Iemand anders wijzigde dit gesprek net. Bekijk het opnieuw en probeer het nog eens.")
	}
	return nil
}

// MaxMeetingLength bounds the query for meetings still going on.
const MaxMeetingLength = 4 * time.Hour

// FamilyMeetingByID returns one planned conversation; not found when there
// is none.
func (tx *Tx) FamilyMeetingByID(id int64) (FamilyMeeting, error) {
	m, err := scanMeeting(tx.queryRow(`SELECT `+meetingColumns+`
		FROM family_meetings m JOIN professionals b ON b.id = m.created_by WHERE m.id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return m, notFound("Gesprek")
	} else if err != nil {
		return m, err
	}
	one := []FamilyMeeting{m}
	err = tx.meetingsPeople(one, parents{ids: []any{id}, from: meetingParent, where: "m.id = ?", args: []any{id}})
	return one[0], err
}

// meetingsPeople reads the family members and professionals of meetings
// ms, the rows of parents ps, in two statements whatever their number; in a
// batched read by the meetings' own condition, in the same round trip as
// the meetings (batch_children.go).
func (tx *Tx) meetingsPeople(ms []FamilyMeeting, ps parents) error {
	ids := make([]any, len(ms))
	index := make(map[int64]int, len(ms))
	for i, m := range ms {
		ids[i], index[m.ID] = m.ID, i
	}
	in, args, ok := tx.childrenIn("x.meeting_id", ps, ids, "")
	if !ok {
		return nil
	}
	rows, err := tx.query(`SELECT x.meeting_id, x.person_id FROM family_meeting_persons x WHERE `+in+` ORDER BY x.meeting_id, x.person_id`, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var meeting, id int64
		if err := rows.Scan(&meeting, &id); err != nil {
			rows.Close()
			return err
		}
		if i, ok := index[meeting]; ok {
			ms[i].PersonIDs = append(ms[i].PersonIDs, id)
		}
	}
	if err := firstError(rows.Err(), rows.Close()); err != nil {
		return err
	}
	rows, err = tx.query(`SELECT x.meeting_id, p.id, p.name, p.email, o.name, o.kind FROM family_meeting_professionals x
		JOIN professionals p ON p.id = x.professional_id JOIN organisations o ON o.id = p.organisation_id WHERE `+in+` ORDER BY p.name, p.id`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var meeting int64
		var p MeetingProfessional
		if err := rows.Scan(&meeting, &p.ID, &p.Name, &p.Email, &p.Organisation, &p.Kind); err != nil {
			return err
		}
		if i, ok := index[meeting]; ok {
			ms[i].Professionals = append(ms[i].Professionals, p)
		}
	}
	return rows.Err()
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
