package storage

import (
	"strings"
	"time"

	"schakel"
)

// The records of the joint crisis consultation. The use case
// (internal/app) composes the table; these only write and read it.

// PlannedCrisis returns the case's planned crisis consultation, nil when
// there is none.
func (tx *Tx) PlannedCrisis(caseID int64) (*schakel.Consultation, error) {
	cs, err := tx.Consultations(`c.case_id = ? AND c.kind = 'crisis' AND c.status = 'planned'`, caseID)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return &cs[0], nil
}

// ConsultationByID loads one consultation, its agenda, needs and
// participants fetched together (two round trips instead of four).
func (tx *Tx) ConsultationByID(id int64) (schakel.Consultation, error) {
	var cs []schakel.Consultation
	err := tx.readBatched(func() (err error) {
		cs, err = tx.Consultations(`c.id = ?`, id)
		return err
	})
	if err != nil {
		return schakel.Consultation{}, err
	}
	if len(cs) == 0 {
		return schakel.Consultation{}, notFound("Overleg")
	}
	return cs[0], nil
}

// InsertCrisisConsultation plans a crisis consultation. createdBy is 0
// when Schakel itself planned it; heldUntil is nil when its invitations go
// out at once, otherwise the moment they go out.
func (tx *Tx) InsertCrisisConsultation(caseID int64, scheduled, due time.Time, missing []string, createdBy int64, heldUntil *time.Time, l schakel.ConsultationLocation) (int64, error) {
	var creator any
	if createdBy != 0 {
		creator = createdBy
	}
	id, err := tx.insert(`INSERT INTO consultations (case_id, kind, status, scheduled_at, due_at, missing, created_by, created_at, invitations_held_until,
		location_mode, place, phone, video_url) VALUES (?, 'crisis', 'planned', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		caseID, scheduled, due, strings.Join(missing, ","), creator, tx.now, nullTimePtr(heldUntil), l.Mode, l.Place, l.Phone, l.VideoURL)
	if err == nil {
		if tx.freshConsultations == nil {
			tx.freshConsultations = map[int64]bool{}
		}
		tx.freshConsultations[id] = true
	}
	return id, err
}

// AddInvitees records chosen participants of a consultation, in one
// statement, without telling them (their invitations are held).
func (tx *Tx) AddInvitees(consultationID int64, invitees []Invitee) error {
	if len(invitees) == 0 {
		return nil
	}
	var args []any
	for _, in := range invitees {
		args = append(args, consultationID, in.ProfessionalID, strings.Join(in.Covers, ","), strings.Join(in.Reasons, "\n"), tx.now)
	}
	_, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at) VALUES `+
		rowsOf(len(invitees), 5), args...)
	return err
}

// AddInvitee records a chosen participant of a consultation with the needs
// they cover and why they were chosen.
func (tx *Tx) AddInvitee(consultationID, professionalID int64, covers, reasons []string) error {
	_, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at) VALUES (?, ?, ?, ?, ?)`,
		consultationID, professionalID, strings.Join(covers, ","), strings.Join(reasons, "\n"), tx.now)
	return err
}

// PlannedCrisisTables returns every planned crisis consultation of a case,
// earliest first: after two cases became one there may be two.
func (tx *Tx) PlannedCrisisTables(caseID int64) ([]schakel.Consultation, error) {
	return tx.Consultations(`c.case_id = ? AND c.kind = 'crisis' AND c.status = 'planned'`, caseID)
}

// AddAgendaFirst puts a point before every other point of a
// consultation's agenda (position 0); Schakel itself adds it.
func (tx *Tx) AddAgendaFirst(consultationID int64, text string) error {
	_, err := tx.exec(`INSERT INTO consultation_agenda (consultation_id, position, text, added_by, created_at) VALUES (?, 0, ?, NULL, ?)`,
		consultationID, text, tx.now)
	return err
}

// SetMissing records the needs nobody covers at a consultation.
func (tx *Tx) SetMissing(consultationID int64, missing []string) error {
	_, err := tx.exec(`UPDATE consultations SET missing = ? WHERE id = ?`, strings.Join(missing, ","), consultationID)
	return err
}
