package storage

// The records of consultations of every kind: planning, the agenda,
// participants, attendance, moves and cancellations. The use cases
// (internal/app) guard, decide and audit; these only read and write.

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"schakel"
)

// ConsultationRef is what a command on a consultation needs to know first:
// its case, kind, status and moment.
type ConsultationRef struct {
	ID, CaseID  int64
	Kind        string
	Status      string
	ScheduledAt time.Time
	// OnHold: its invitations are still held (a proposed crisis table);
	// its invitees have been told nothing yet; HeldUntil is when the hold
	// ends then.
	OnHold    bool
	HeldUntil time.Time
}

// ConsultationRefOf loads a consultation's case, kind, status and moment;
// a consultation that does not exist is not found.
func (tx *Tx) ConsultationRefOf(id int64) (ConsultationRef, error) {
	caseID, kind, status, at, err := tx.consultationCase(id)
	ref := ConsultationRef{ID: id, CaseID: caseID, Kind: kind, Status: status, ScheduledAt: at}
	if err == nil {
		ref.HeldUntil, ref.OnHold, err = tx.heldUntil(id)
	}
	return ref, err
}

// consultationCase finds a consultation's case and status.
func (tx *Tx) consultationCase(id int64) (caseID int64, kind, status string, at time.Time, err error) {
	err = tx.queryRow(`SELECT case_id, kind, status, scheduled_at FROM consultations WHERE id = ?`, id).Scan(&caseID, &kind, &status, &at)
	if errors.Is(err, sql.ErrNoRows) {
		err = notFound("Overleg")
	}
	return caseID, kind, status, at.UTC(), err
}

// OrganisationKindRegion returns an organisation's kind and region; found
// is false when it does not exist.
func (tx *Tx) OrganisationKindRegion(id int64) (kind schakel.OrganisationKind, region int64, found bool, err error) {
	err = tx.queryRow(`SELECT kind, region_id FROM organisations WHERE id = ?`, id).Scan(&kind, &region)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, false, nil
	}
	return kind, region, err == nil, err
}

// NewConsultation is a consultation as it is planned.
type NewConsultation struct {
	CaseID      int64
	Kind, Title string
	At          time.Time
	Missing     []string
	CreatedBy   int64
	Location    schakel.ConsultationLocation
}

// InsertConsultation plans a consultation; it is due when it starts.
func (tx *Tx) InsertConsultation(c NewConsultation) (int64, error) {
	l := c.Location
	return tx.insert(`INSERT INTO consultations (case_id, kind, status, scheduled_at, due_at, missing, title, created_by, created_at,
		location_mode, place, phone, video_url) VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.CaseID, c.Kind, c.At, c.At, strings.Join(c.Missing, ","), c.Title, c.CreatedBy, tx.now, l.Mode, l.Place, l.Phone, l.VideoURL)
}

// SetLocation records where and how a consultation meets.
func (tx *Tx) SetLocation(consultationID int64, l schakel.ConsultationLocation) error {
	_, err := tx.exec(`UPDATE consultations SET location_mode = ?, place = ?, phone = ?, video_url = ? WHERE id = ?`,
		l.Mode, l.Place, l.Phone, l.VideoURL, consultationID)
	return err
}

// AgendaLength counts the points on a consultation's agenda.
func (tx *Tx) AgendaLength(consultationID int64) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM consultation_agenda WHERE consultation_id = ?`, consultationID).Scan(&n)
	return n, err
}

// InsertAgendaItem puts a point on a consultation's agenda at position.
func (tx *Tx) InsertAgendaItem(consultationID int64, position int, text string, by int64) error {
	_, err := tx.exec(`INSERT INTO consultation_agenda (consultation_id, position, text, added_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		consultationID, position, text, by, tx.now)
	return err
}

// AddParticipant writes one invitee onto a consultation with what they
// cover and why; added is false when they were already on it.
func (tx *Tx) AddParticipant(consultationID, professionalID int64, covers, reasons []string, addedBy int64) (added bool, err error) {
	var exists int
	if err := tx.queryRow(`SELECT COUNT(*) FROM consultation_participants WHERE consultation_id = ? AND professional_id = ?`,
		consultationID, professionalID).Scan(&exists); err != nil || exists > 0 {
		return false, err
	}
	_, err = tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at, added_by) VALUES (?, ?, ?, ?, ?, ?)`,
		consultationID, professionalID, strings.Join(covers, ","), strings.Join(reasons, "\n"), tx.now, addedBy)
	return err == nil, err
}

// ActiveProfessionalSet returns which of ids are active professionals.
func (tx *Tx) ActiveProfessionalSet(ids ...int64) (map[int64]bool, error) {
	orgs, err := tx.activeProfessionals(ids...)
	out := make(map[int64]bool, len(orgs))
	for id := range orgs {
		out[id] = true
	}
	return out, err
}

// SetAttended records whether one participant attended; it reports
// whether they were a participant at all.
func (tx *Tx) SetAttended(consultationID, professionalID int64, attended bool) (bool, error) {
	res, err := tx.exec(`UPDATE consultation_participants SET attended = ? WHERE consultation_id = ? AND professional_id = ?`,
		attended, consultationID, professionalID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// AddWalkIn records someone who attended without being invited before.
func (tx *Tx) AddWalkIn(consultationID, professionalID int64, reason string, by int64) error {
	_, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at, attended, added_by)
		VALUES (?, ?, '', ?, ?, TRUE, ?)`, consultationID, professionalID, reason, tx.now, by)
	return err
}

// MarkHeld marks a consultation held, keeping the first moment it was.
func (tx *Tx) MarkHeld(consultationID int64) error {
	_, err := tx.exec(`UPDATE consultations SET status = 'held', held_at = COALESCE(held_at, ?) WHERE id = ?`, tx.now, consultationID)
	return err
}

// MoveRecord moves a planned consultation, kept with who moved it and why.
// A crisis consultation keeps its deadline; other kinds are due when they
// start.
func (tx *Tx) MoveRecord(id int64, from, to time.Time, reason string, by int64) error {
	if _, err := tx.exec(`UPDATE consultations SET scheduled_at = ?, due_at = CASE WHEN kind = ? THEN due_at ELSE ? END,
		sequence = sequence + 1 WHERE id = ?`, to, schakel.ConsultCrisis, to, id); err != nil {
		return err
	}
	return tx.recordChange(id, "moved", from, to, reason, by)
}

// MarkInvitationSeen records that an invitee opened their consultation
// (the work list's "nieuw" mark goes).
func (tx *Tx) MarkInvitationSeen(actor *schakel.Actor, consultationID int64) error {
	return tx.markInvitationSeen(actor, consultationID)
}
