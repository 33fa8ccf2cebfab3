package storage

// MoveOpenActions gives a case's open actions of one professional to
// another, and returns how many moved.
func (tx *Tx) MoveOpenActions(caseID, from, to int64) (int, error) {
	res, err := tx.exec(`UPDATE plan_actions SET owner_professional_id = ?, updated_at = ?
		WHERE case_id = ? AND owner_professional_id = ? AND status = 'open'`, to, tx.now, caseID, from)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// MoveInvitations gives a professional's invitations to a case's planned
// consultations to another, who has yet to answer them; where the other
// is invited already, the first's invitation is dropped. It returns how
// many invitations moved.
func (tx *Tx) MoveInvitations(caseID, from, to int64) (int, error) {
	planned := `consultation_id IN (SELECT id FROM consultations WHERE case_id = ? AND status = 'planned')`
	res, err := tx.exec(`UPDATE consultation_participants SET professional_id = ?, accepted_at = NULL, invited_at = ?
		WHERE professional_id = ? AND declined_at IS NULL AND `+planned+`
		AND NOT EXISTS (SELECT 1 FROM consultation_participants x WHERE x.consultation_id = consultation_participants.consultation_id AND x.professional_id = ?)`,
		to, tx.now, from, caseID, to)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	_, err = tx.exec(`DELETE FROM consultation_participants WHERE professional_id = ? AND declined_at IS NULL AND `+planned, from, caseID)
	return int(n), err
}
