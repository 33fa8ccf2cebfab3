package app

// Telling professionals about a consultation: the use case reads their
// names and addresses and the consultation's calendar (storage), composes
// the work-list lines, e-mails and calendar messages (internal/invitation)
// and hands them back to storage to keep, all in its own transaction.

import (
	"time"

	"schakel"
	"schakel/internal/invitation"
	"schakel/internal/storage"
)

// tell composes one message for each of ids (the i-th for ids[i]) about a
// consultation with compose and keeps them, in three statements however
// many they are.
func tell(tx *storage.Tx, consultationID int64, ids []int64, compose func(i int, to invitation.Person, where invitation.Calendar) invitation.Message) error {
	if len(ids) == 0 {
		return nil
	}
	who, where, err := tx.ContactsAndCalendar(consultationID, ids...)
	if err != nil {
		return err
	}
	msgs := make([]storage.Message, len(ids))
	for i, id := range ids {
		c, ok := who[id]
		if !ok {
			return schakel.Errorf(schakel.ENOTFOUND, "Professional niet gevonden.")
		}
		msgs[i] = storage.Message(compose(i, invitation.Person{ID: id, Name: c.Name, Email: c.Email}, invitation.Calendar(where)))
	}
	return tx.Send(msgs)
}

// inviteCrisis tells every invitee about a crisis consultation at at, due
// by due: in the work list, by e-mail, with a calendar invitation.
func inviteCrisis(tx *storage.Tx, caseID, consultationID int64, at, due time.Time, invitees []storage.Invitee) error {
	ids := make([]int64, len(invitees))
	for i, in := range invitees {
		ids[i] = in.ProfessionalID
	}
	return tell(tx, consultationID, ids, func(i int, to invitation.Person, where invitation.Calendar) invitation.Message {
		return invitation.Crisis(caseID, consultationID, at, due, tx.Now(), to, where, invitees[i].Covers)
	})
}

// tellOfChange tells each of ids that consultation c (as it is now) moved
// from from or was cancelled, by whom and why.
func tellOfChange(tx *storage.Tx, c schakel.Consultation, ids []int64, from time.Time, reason string, by *schakel.Professional) error {
	return tell(tx, c.ID, ids, func(_ int, to invitation.Person, where invitation.Calendar) invitation.Message {
		return invitation.Change(c, from, reason, by, tx.Now(), to, where)
	})
}

// tellOfLocation tells each of ids where consultation c now meets, as by
// recorded it.
func tellOfLocation(tx *storage.Tx, c schakel.Consultation, ids []int64, by *schakel.Professional) error {
	return tell(tx, c.ID, ids, func(_ int, to invitation.Person, where invitation.Calendar) invitation.Message {
		return invitation.Location(c, by, tx.Now(), to, where)
	})
}

// invitePlanned invites one professional to a planned consultation of any
// kind, for the needs they cover.
func invitePlanned(tx *storage.Tx, ref storage.ConsultationRef, id int64, covers []string) error {
	return tell(tx, ref.ID, []int64{id}, func(_ int, to invitation.Person, where invitation.Calendar) invitation.Message {
		return invitation.Planned(ref.CaseID, ref.ID, ref.Kind, ref.ScheduledAt, tx.Now(), to, where, covers)
	})
}

// participantIDs lists everyone on consultation c, in its order.
func participantIDs(c schakel.Consultation) []int64 {
	ids := make([]int64, len(c.Participants))
	for i, p := range c.Participants {
		ids[i] = p.Professional.ID
	}
	return ids
}
