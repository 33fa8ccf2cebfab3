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
	rows, err := tx.query(`SELECT `+meetingColumns+`
		FROM family_meetings m JOIN professionals b ON b.id = m.created_by WHERE m.case_id = ? AND m.starts_at > ? ORDER BY m.starts_at, m.id`,
		caseID, since.UTC().Add(-MaxMeetingLength))
	if err != nil {
		return nil, err
	}
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
	for i := range out {
		if err := tx.meetingPeople(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

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
	return m, tx.meetingPeople(&m)
}

func (tx *Tx) meetingPeople(m *FamilyMeeting) error {
	rows, err := tx.query(`SELECT person_id FROM family_meeting_persons WHERE meeting_id = ? ORDER BY person_id`, m.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		m.PersonIDs = append(m.PersonIDs, id)
	}
	if err := firstError(rows.Err(), rows.Close()); err != nil {
		return err
	}
	rows, err = tx.query(`SELECT p.id, p.name, p.email, o.name, o.kind FROM family_meeting_professionals mp JOIN professionals p ON p.id = mp.professional_id
		JOIN organisations o ON o.id = p.organisation_id WHERE mp.meeting_id = ? ORDER BY p.name, p.id`, m.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p MeetingProfessional
		if err := rows.Scan(&p.ID, &p.Name, &p.Email, &p.Organisation, &p.Kind); err != nil {
			return err
		}
		m.Professionals = append(m.Professionals, p)
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
