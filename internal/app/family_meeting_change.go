package app

// Moving or cancelling a planned conversation with the family, and the
// list of a case's conversations for the professional API. Whoever may
// work on the case (access.Write, as for planning) may move or cancel one:
// the planner may be ill or gone, and the conversation must still be
// moved. The invited family members see the change on their page and in
// their calendar file (a higher SEQUENCE, STATUS:CANCELLED).

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// MoveFamilyMeeting gives a planned conversation a new moment, length and
// place or link. sequence is the version the professional saw: when
// someone changed the conversation since, nothing is written (conflict).
// It returns the conversation as it now is.
func (a *App) MoveFamilyMeeting(ctx context.Context, actor *schakel.Actor, caseID, meetingID int64, sequence int, in plan.MeetingMoveInput) (schakel.FamilyMeeting, error) {
	var out schakel.FamilyMeeting
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("moved family conversation %d", meetingID), open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		m, err := changeableMeeting(tx, caseID, meetingID)
		if err != nil {
			return err
		}
		start, where, err := plan.ValidateMeetingMove(in, tx.Now(), workdays.Location())
		if err != nil {
			return err
		}
		m.StartsAt, m.Minutes, m.Location = start, in.Minutes, where
		if err := tx.MoveFamilyMeeting(m, sequence, actor.Professional.ID); err != nil {
			return err
		}
		out, err = tx.FamilyMeetingByID(meetingID)
		return err
	})
	return out, err
}

// CancelFamilyMeeting calls a planned conversation off, with a reason the
// invited family members read; it returns the conversation as it now is.
func (a *App) CancelFamilyMeeting(ctx context.Context, actor *schakel.Actor, caseID, meetingID int64, sequence int, reason string) (schakel.FamilyMeeting, error) {
	var out schakel.FamilyMeeting
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventUpdate, detail: fmt.Sprintf("cancelled family conversation %d", meetingID), open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		if _, err := changeableMeeting(tx, caseID, meetingID); err != nil {
			return err
		}
		if err := plan.ValidateMeetingCancel(reason); err != nil {
			return err
		}
		if err := tx.CancelFamilyMeeting(meetingID, sequence, reason, actor.Professional.ID); err != nil {
			return err
		}
		var err error
		out, err = tx.FamilyMeetingByID(meetingID)
		return err
	})
	return out, err
}

// changeableMeeting loads a conversation of this case that has not begun
// and still goes ahead. One of another case is not found, so that an id
// says nothing about other cases.
func changeableMeeting(tx *storage.Tx, caseID, meetingID int64) (schakel.FamilyMeeting, error) {
	m, err := tx.FamilyMeetingByID(meetingID)
	switch {
	case err != nil && schakel.ErrorCode(err) == schakel.ENOTFOUND, err == nil && m.CaseID != caseID:
		return m, schakel.Errorf(schakel.ENOTFOUND, "Dit gesprek hoort niet bij deze casus.")
	case err != nil:
		return m, err
	case m.Cancelled():
		return m, schakel.Errorf(schakel.ECONFLICT, "Dit gesprek gaat al niet door.")
	case !m.StartsAt.After(tx.Now()):
		return m, schakel.Errorf(schakel.ECONFLICT, "Dit gesprek is al begonnen of voorbij. Plan een nieuw gesprek.")
	}
	return m, nil
}

// CaseFamilyMeetings lists a case's conversations with the family that
// have not ended (cancelled ones too), for those who may read the case.
func (a *App) CaseFamilyMeetings(ctx context.Context, actor *schakel.Actor, caseID int64) ([]schakel.FamilyMeeting, error) {
	var out []schakel.FamilyMeeting
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Read, audit.EventRead, "family conversations"); err != nil {
			return err
		}
		var err error
		out, err = tx.FamilyMeetings(caseID, tx.Now())
		return err
	})
	return out, err
}
