package storage

import (
	"database/sql"
	"errors"

	"schakel"
)

// Invitation is one professional's invitation to one consultation.
type Invitation struct {
	ConsultationID, CaseID int64
	Kind, Status           string // the consultation's
	Invited                bool   // false: this professional was not invited
	Declined, Accepted     bool
	Covers                 []string // the needs this invitee was chosen for
	CreatedBy              int64    // who planned the consultation, 0 for Schakel
}

// InvitationOf loads a professional's invitation to a consultation. A
// consultation that does not exist is not found.
func (tx *Tx) InvitationOf(consultationID, professionalID int64) (Invitation, error) {
	inv := Invitation{ConsultationID: consultationID}
	var creator sql.NullInt64
	var held sql.NullTime
	err := tx.queryRow(`SELECT case_id, kind, status, created_by, invitations_held_until FROM consultations WHERE id = ?`, consultationID).Scan(&inv.CaseID, &inv.Kind, &inv.Status, &creator, &held)
	inv.CreatedBy = creator.Int64
	if errors.Is(err, sql.ErrNoRows) {
		return inv, notFound("Overleg")
	} else if err != nil {
		return inv, err
	}
	var declined, accepted sql.NullTime
	var covers string
	err = tx.queryRow(`SELECT declined_at, accepted_at, covers FROM consultation_participants WHERE consultation_id = ? AND professional_id = ?`,
		consultationID, professionalID).Scan(&declined, &accepted, &covers)
	inv.Covers = splitCSV(covers)
	if errors.Is(err, sql.ErrNoRows) {
		return inv, nil
	} else if err != nil {
		return inv, err
	}
	// While the invitations are held nobody is invited yet: the people
	// on the proposed table have been told nothing.
	inv.Invited, inv.Declined, inv.Accepted = !held.Valid, declined.Valid, accepted.Valid
	return inv, nil
}

// AcceptRecord records that an invitee takes part.
func (tx *Tx) AcceptRecord(consultationID, professionalID int64) error {
	_, err := tx.exec(`UPDATE consultation_participants SET accepted_at = ? WHERE consultation_id = ? AND professional_id = ?`,
		tx.now, consultationID, professionalID)
	return err
}

// DeclineRecord records that an invitee will not take part, with the reason.
func (tx *Tx) DeclineRecord(consultationID, professionalID int64, reason string) error {
	_, err := tx.exec(`UPDATE consultation_participants SET declined_at = ?, decline_reason = ? WHERE consultation_id = ? AND professional_id = ?`,
		tx.now, reason, consultationID, professionalID)
	return err
}

// JoinCaseAs makes an organisation take part in a case with a role and
// its contact person, kept as a participation event with the reason.
func (tx *Tx) JoinCaseAs(caseID, orgID, contactID int64, role schakel.ParticipationRole, reason string, by int64) error {
	tx.touchWaiting(caseID)
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return err
	}
	if _, known := orgs.status[orgID]; known {
		_, err = tx.exec(`UPDATE participations SET status = 'active', exited_at = NULL, role = ?, contact_id = ?, joined_at = ?
			WHERE case_id = ? AND organisation_id = ?`, string(role), contactID, tx.now, caseID, orgID)
	} else {
		_, err = tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, ?, 'active', ?, ?)`,
			caseID, orgID, string(role), contactID, tx.now)
	}
	if err != nil {
		return err
	}
	return tx.participationEvent(caseID, orgID, schakel.EventJoined, 0, "", role, reason, "", by)
}

// RegieHolder returns the organisation that holds regie on a case now, 0
// for none.
func (o CaseOrgs) RegieHolder() int64 { return o.regie }

// Name returns the name of an organisation on the case.
func (o CaseOrgs) Name(orgID int64) string { return o.name[orgID] }

// Contact returns an organisation's contact person on the case, 0 for none.
func (o CaseOrgs) Contact(orgID int64) int64 { return o.contact[orgID] }
