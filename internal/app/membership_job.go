package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/membership"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// MembershipRun says what one run of the review job did.
type MembershipRun struct {
	Opened, Closed, Suspended int
}

// membershipJob is the actor of the review job in the audit trail.
const membershipJob = "controle wie er nog werkt"

// NextMembershipRound returns when an organisation's next round opens
// (membership.Due): months after its latest round opened, or after the
// organisation was created.
func NextMembershipRound(months int, created time.Time, last *storage.MembershipRound) time.Time {
	if last != nil {
		return membership.Due(last.OpenedAt, months)
	}
	return membership.Due(created, months)
}

// ReviewMembership opens every organisation's round that is due (a work
// item and an e-mail to each of its active administrators) and closes
// every round past its deadline (suspending the accounts nobody
// re-confirmed). Every serve process may run it: each round opens once
// (storage.OpenMembershipRound) and closes once
// (storage.ClaimMembershipClose). An organisation without an active
// administrator gets no round: nobody could answer it.
func (a *App) ReviewMembership(ctx context.Context) (MembershipRun, error) {
	var run MembershipRun
	orgs, err := a.db.MembershipOrgs(ctx)
	if err != nil {
		return run, err
	}
	now := a.now()
	system := schakel.SystemActor(membershipJob)
	for _, o := range orgs {
		var err error
		switch {
		case o.Last != nil && o.Last.ClosedAt == nil:
			if now.Before(o.Last.Deadline) {
				continue
			}
			err = a.db.Update(ctx, func(tx *storage.Tx) error {
				n, closed, err := closeMembershipRound(tx, system, *o.Last)
				if closed {
					run.Closed++
					run.Suspended += n
				}
				return err
			})
		case o.Admins > 0:
			due := NextMembershipRound(o.Months, o.CreatedAt, o.Last)
			if now.Before(due) {
				continue
			}
			err = a.db.Update(ctx, func(tx *storage.Tx) error {
				opened, err := openMembershipRound(tx, system, o.OrganisationID, due)
				if opened {
					run.Opened++
				}
				return err
			})
		}
		if err != nil {
			return run, err
		}
	}
	return run, nil
}

// RunMembershipReviews runs ReviewMembership every interval until ctx
// ends; for serve (every process may run it).
func (a *App) RunMembershipReviews(ctx context.Context, every time.Duration, done func(MembershipRun, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		run, err := a.ReviewMembership(ctx)
		if ctx.Err() == nil {
			done(run, err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// openMembershipRound opens a due round, tells the administrators and
// audits it; it reports false when another process opened it first.
func openMembershipRound(tx *storage.Tx, actor *schakel.Actor, orgID int64, due time.Time) (bool, error) {
	deadline := membership.Deadline(tx.Now())
	id, opened, err := tx.OpenMembershipRound(orgID, due, deadline)
	if err != nil || !opened {
		return false, err
	}
	last := dutchDate(deadline.Add(-time.Nanosecond))
	text := fmt.Sprintf("Bevestig wie er nog bij uw organisatie werkt, uiterlijk %s. Wie dan niet is bevestigd, kan niet meer inloggen tot een beheerder het account weer aanzet.", last)
	body := fmt.Sprintf("Het is tijd om te controleren wie er nog bij uw organisatie werkt.\n\n"+
		"Open Schakel, kies Medewerkers en dan Wie werkt hier nog? Bevestig uiterlijk %s wie er nog werkt en meld wie er weg is.\n"+
		"Accounts die dan niet zijn bevestigd, worden gepauzeerd: die medewerkers kunnen niet meer inloggen tot een beheerder het account weer aanzet.\n", last)
	n, err := tx.TellAdmins(orgID, "membership_review", text, "Schakel: bevestig wie er nog werkt", body)
	if err != nil {
		return false, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "membership_round", ResourceID: fmt.Sprint(id), OrganisationID: orgID,
		AccessBasis: audit.BasisSystem, Detail: fmt.Sprintf("round opened; deadline %s; %d administrators told", deadline.Format(time.RFC3339), n)})
	return true, nil
}

// closeMembershipRound closes a round past its deadline in one
// transaction: it suspends the accounts nobody re-confirmed (ending their
// sessions and tokens), audits the list, and tells the administrators.
func closeMembershipRound(tx *storage.Tx, actor *schakel.Actor, r storage.MembershipRound) (int, bool, error) {
	claimed, err := tx.ClaimMembershipClose(r.ID)
	if err != nil || !claimed {
		return 0, false, err
	}
	members, err := tx.Members(r.OrganisationID, r.ID)
	if err != nil {
		return 0, false, err
	}
	accounts := make([]membership.Account, len(members))
	for i, m := range members {
		accounts[i] = membership.Account{ID: m.ID, Admin: m.Admin, Active: m.Active, CreatedAt: m.CreatedAt, Confirmed: m.Mark == string(membership.StillHere)}
	}
	out := membership.Close(accounts, r.OpenedAt)
	for _, id := range out.Suspend {
		if err := tx.SuspendProfessional(id, r.ID); err != nil {
			return 0, false, err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "professional", ResourceID: fmt.Sprint(id), OrganisationID: r.OrganisationID,
			AccessBasis: audit.BasisSystem, Detail: fmt.Sprintf("suspended: not re-confirmed in membership round %d; sessions ended, API tokens revoked", r.ID)})
	}
	if err := tx.SetMembershipSuspended(r.ID, len(out.Suspend)); err != nil {
		return 0, false, err
	}
	detail := fmt.Sprintf("round closed; suspended %d: [%s]", len(out.Suspend), idList(out.Suspend))
	if len(out.KeptAdmins) > 0 {
		detail += fmt.Sprintf("; administrators kept active so the organisation keeps one: [%s]", idList(out.KeptAdmins))
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "membership_round", ResourceID: fmt.Sprint(r.ID), OrganisationID: r.OrganisationID,
		AccessBasis: audit.BasisSystem, Detail: detail})
	if len(out.Suspend) > 0 {
		text := fmt.Sprintf("%d accounts zijn gepauzeerd, omdat niemand op tijd bevestigde dat deze medewerkers nog bij uw organisatie werken. Werkt iemand er nog, zet het account dan weer aan via Medewerkers, Wie werkt hier nog?", len(out.Suspend))
		if _, err := tx.TellAdmins(r.OrganisationID, "membership_suspended", text, "Schakel: accounts gepauzeerd", text+"\n"); err != nil {
			return 0, false, err
		}
	}
	return len(out.Suspend), true, nil
}

// idList writes ids as "3, 7, 12".
func idList(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = fmt.Sprint(id)
	}
	return strings.Join(s, ", ")
}

// dutchDate writes a day as 02-01-2006 in Dutch time.
func dutchDate(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006") }
