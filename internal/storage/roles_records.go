package storage

// The records of roles per organisation on a case: joining with a role,
// changing it, the regie handover, experts added with a reason, and the
// exit with a handover note. The use cases (internal/app) decide; these
// functions only read and write.

import (
	"database/sql"
	"errors"
	"time"

	"schakel"
)

// Status returns an organisation's participation on the case (active,
// exited), "" when it never took part.
func (o CaseOrgs) Status(orgID int64) string { return o.status[orgID] }

// Role returns an organisation's role on the case.
func (o CaseOrgs) Role(orgID int64) schakel.ParticipationRole { return o.role[orgID] }

// Kind returns the kind of an organisation on the case.
func (o CaseOrgs) Kind(orgID int64) schakel.OrganisationKind { return o.kind[orgID] }

// ExitedAt returns when an organisation left the case, if it did.
func (o CaseOrgs) ExitedAt(orgID int64) (time.Time, bool) {
	t, ok := o.exited[orgID]
	return t, ok && o.status[orgID] == "exited"
}

// OrganisationPlace returns an organisation's kind and region; found is
// false for an unknown organisation.
func (tx *Tx) OrganisationPlace(orgID int64) (kind schakel.OrganisationKind, region int64, found bool, err error) {
	err = tx.queryRow(`SELECT kind, region_id FROM organisations WHERE id = ?`, orgID).Scan(&kind, &region)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, false, nil
	}
	return kind, region, err == nil, err
}

// PutParticipation makes an organisation take part in a case with a role
// and (0 for none) a contact person: a new row, or the old one made
// active again after an exit.
func (tx *Tx) PutParticipation(caseID, orgID, contactID int64, role schakel.ParticipationRole, again bool) error {
	tx.touchWaiting(caseID)
	var err error
	if again {
		_, err = tx.exec(`UPDATE participations SET status = 'active', exited_at = NULL, role = ?, contact_id = ?, joined_at = ?
			WHERE case_id = ? AND organisation_id = ?`, string(role), nullInt(contactID), tx.now, caseID, orgID)
	} else {
		_, err = tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, ?, 'active', ?, ?)`,
			caseID, orgID, string(role), nullInt(contactID), tx.now)
	}
	return err
}

// ParticipationEvent is one recorded act on the roles of a case.
type ParticipationEvent struct {
	CaseID, OrganisationID int64
	Kind                   string
	ToOrganisationID       int64 // regie handover: who receives it
	From, To               schakel.ParticipationRole
	Note, NextSteps        string
	By                     int64
}

// InsertParticipationEvent keeps one act in the role history.
func (tx *Tx) InsertParticipationEvent(e ParticipationEvent) error {
	return tx.participationEvent(e.CaseID, e.OrganisationID, e.Kind, e.ToOrganisationID, e.From, e.To, e.Note, e.NextSteps, e.By)
}

// Participations lists the organisations on a case as the case page shows them.
func (tx *Tx) Participations(caseID int64) ([]schakel.ParticipationView, error) {
	return tx.participations(caseID)
}

// SetParticipationRole changes an organisation's role on a case.
func (tx *Tx) SetParticipationRole(caseID, orgID int64, role schakel.ParticipationRole) error {
	_, err := tx.exec(`UPDATE participations SET role = ? WHERE case_id = ? AND organisation_id = ?`, string(role), caseID, orgID)
	return err
}

// MoveRegie gives regie to organisation to and the former role to from (0:
// nobody held it), and returns how many active organisations hold regie
// afterwards: anything but 1 means someone else changed it meanwhile.
func (tx *Tx) MoveRegie(caseID, from, to int64, former schakel.ParticipationRole) (int, error) {
	if from != 0 {
		if _, err := tx.exec(`UPDATE participations SET role = ? WHERE case_id = ? AND organisation_id = ? AND role = 'regie'`,
			string(former), caseID, from); err != nil {
			return 0, err
		}
	}
	if _, err := tx.exec(`UPDATE participations SET role = 'regie' WHERE case_id = ? AND organisation_id = ? AND status = 'active'`,
		caseID, to); err != nil {
		return 0, err
	}
	var regies int
	err := tx.queryRow(`SELECT COUNT(*) FROM participations WHERE case_id = ? AND role = 'regie' AND status = 'active'`, caseID).Scan(&regies)
	return regies, err
}

// OpenActionsOwned counts the open plan actions an organisation owns on a case.
func (tx *Tx) OpenActionsOwned(caseID, orgID int64) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM plan_actions WHERE case_id = ? AND owner_organisation_id = ? AND status = 'open'`,
		caseID, orgID).Scan(&n)
	return n, err
}

// DecisionKinds lists the kinds of the decisions an organisation recorded
// on a case, newest first.
func (tx *Tx) DecisionKinds(caseID, orgID int64) ([]string, error) {
	ds, err := tx.decisions(`d.case_id = ? AND d.organisation_id = ?`, caseID, orgID)
	if err != nil {
		return nil, err
	}
	kinds := make([]string, len(ds))
	for i, d := range ds {
		kinds[i] = d.Kind
	}
	return kinds, nil
}

// ExitParticipation marks an organisation as gone from a case.
func (tx *Tx) ExitParticipation(caseID, orgID int64) error {
	tx.touchWaiting(caseID)
	_, err := tx.exec(`UPDATE participations SET status = 'exited', exited_at = ? WHERE case_id = ? AND organisation_id = ?`, tx.now, caseID, orgID)
	return err
}

// ExitEvent returns an organisation's latest exit from a case.
func (tx *Tx) ExitEvent(caseID, orgID int64) (schakel.ParticipationEvent, error) {
	evs, err := tx.participationEvents(`e.case_id = ? AND e.organisation_id = ? AND e.kind = 'exited'`, caseID, orgID)
	if err != nil {
		return schakel.ParticipationEvent{}, err
	}
	if len(evs) == 0 {
		return schakel.ParticipationEvent{}, notFound("Uitstap")
	}
	return evs[0], nil
}

// LapseInvitationsOf marks the invitations of an organisation's people to
// a consultation as withdrawn with the reason: the minutes keep them, the
// invitation no longer gives access.
func (tx *Tx) LapseInvitationsOf(consultationID, orgID int64, reason string) error {
	_, err := tx.exec(`UPDATE consultation_participants SET declined_at = ?, decline_reason = ?
		WHERE consultation_id = ? AND declined_at IS NULL AND professional_id IN (SELECT id FROM professionals WHERE organisation_id = ?)`,
		tx.now, reason, consultationID, orgID)
	return err
}

// InsertCaseExpert keeps an expert added to a case with the reason.
func (tx *Tx) InsertCaseExpert(caseID, professionalID int64, expertise, reason string, by int64) error {
	_, err := tx.insert(`INSERT INTO case_experts (case_id, professional_id, expertise, reason, added_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		caseID, professionalID, expertise, reason, by, tx.now)
	return err
}

// SetAdvisory gives an organisation on a case the role advies, unless it
// holds regie.
func (tx *Tx) SetAdvisory(caseID, orgID int64) error {
	_, err := tx.exec(`UPDATE participations SET role = 'advies' WHERE case_id = ? AND organisation_id = ? AND role <> 'regie'`, caseID, orgID)
	return err
}

// CaseExperts lists the experts added to a case, oldest first.
func (tx *Tx) CaseExperts(caseID int64) ([]schakel.CaseExpert, error) { return tx.caseExperts(caseID) }
