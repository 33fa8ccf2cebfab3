package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/care"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// RemindCareProviders e-mails every provider that a care request reached
// and that has not answered once three quarters of the time to the
// deadline has passed (care.RemindFrom): one e-mail to its care
// coordinators and team leads, exactly once per provider and request,
// also with several serve processes (storage.ClaimCareReminder). The
// e-mail names the request's number and deadline only, never the family.
// It returns how many providers it reminded.
func (a *App) RemindCareProviders(ctx context.Context) (int, error) {
	now := a.now()
	// Open requests before their deadline are few (days, not years): a
	// generous limit reaches the due ones among them.
	cands, err := a.db.CareReminderCandidates(ctx, now, 1000)
	if err != nil {
		return 0, err
	}
	system := schakel.SystemActor("herinnering zorgvraag")
	reminded := 0
	for _, c := range cands {
		if now.Before(care.RemindFrom(c.CreatedAt, c.Deadline)) {
			continue
		}
		var sent bool
		err := a.db.Update(ctx, func(tx *storage.Tx) error {
			var err error
			sent, err = remindProvider(tx, system, c)
			return err
		})
		if err != nil {
			return reminded, err
		}
		if sent {
			reminded++
		}
	}
	return reminded, nil
}

// remindProvider claims the reminder and, when this transaction claimed
// it, queues the e-mail; it reports false when it was not its to send.
func remindProvider(tx *storage.Tx, actor *schakel.Actor, c storage.CareReminderCandidate) (bool, error) {
	claimed, err := tx.ClaimCareReminder(c.RequestID, c.OrganisationID)
	if err != nil || !claimed {
		return false, err
	}
	subject, body := careReminderMail(c.RequestID, c.Deadline)
	n, err := tx.MailOrganisationCare(c.OrganisationID, subject, body)
	if err != nil {
		return false, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "care_request", ResourceID: fmt.Sprint(c.RequestID), AccessBasis: audit.BasisSystem,
		Detail: fmt.Sprintf("reminder e-mailed to organisation %d (%d people): no answer yet", c.OrganisationID, n)})
	return true, nil
}

// careReminderMail is the reminder's subject and body: the request's
// number and the last day to answer, nothing about the family (e-mail
// leaves Schakel).
func careReminderMail(requestID int64, deadline time.Time) (string, string) {
	last := deadline.Add(-time.Nanosecond).In(workdays.Location()).Format("02-01-2006")
	return fmt.Sprintf("Schakel: herinnering zorgvraag %d", requestID),
		fmt.Sprintf("Zorgvraag %d wacht nog op het antwoord van uw organisatie. Antwoord uiterlijk %s: kunt u helpen, hoe en vanaf wanneer, of heeft u geen plek?\n\n"+
			"Open Schakel en kies Zorgvragen. Heeft een collega al geantwoord, dan kunt u deze e-mail negeren.\n", requestID, last)
}
