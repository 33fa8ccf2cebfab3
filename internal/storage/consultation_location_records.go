package storage

import ()

// NextCalendarSequence counts one more change sent to the invitees'
// calendars, so that their calendar programs take the update.
func (tx *Tx) NextCalendarSequence(consultationID int64) error {
	_, err := tx.exec(`UPDATE consultations SET sequence = sequence + 1 WHERE id = ?`, consultationID)
	return err
}
