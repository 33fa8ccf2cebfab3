package app

// Lines in the work list that go with an e-mail: the use case composes
// the e-mail (internal/mailtext) and storage keeps both, in its
// transaction.

import (
	"schakel/internal/mailtext"
	"schakel/internal/storage"
)

// notice puts text in one professional's work list and e-mails it to them
// (mailtext.Notice), in three statements.
func notice(tx *storage.Tx, professionalID int64, kind string, caseID, consultationID int64, text string) error {
	return sendNotices(tx, []int64{professionalID}, kind, caseID, consultationID, text, mailtext.Notice(text))
}

// alertLeads puts an alert about a case in the work list of each of ids
// (team leads) and e-mails it to them (mailtext.Alert), in three
// statements however many they are.
func alertLeads(tx *storage.Tx, ids []int64, kind string, caseID, consultationID int64, text string) error {
	return sendNotices(tx, ids, kind, caseID, consultationID, text, mailtext.Alert(text))
}

// sendNotices puts text in the work list of each of ids and sends each
// the same e-mail, at their own address.
func sendNotices(tx *storage.Tx, ids []int64, kind string, caseID, consultationID int64, text string, mail mailtext.Mail) error {
	msgs := make([]storage.Message, len(ids))
	for i, id := range ids {
		msgs[i] = storage.Message{ProfessionalID: id, Kind: kind, CaseID: caseID, ConsultationID: consultationID,
			Notice: text, Subject: mail.Subject, Body: mail.Body}
	}
	return tx.SendToOwn(msgs)
}
