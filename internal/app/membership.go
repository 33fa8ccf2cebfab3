package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/membership"
	"schakel/internal/storage"
)

// MembershipView is an organisation's review as its administrators see
// it: the open round (if any), the interval, when the next round opens,
// and its people with their answers in the open round.
type MembershipView struct {
	Round   *storage.MembershipRound `json:"round"`
	Months  int                      `json:"interval_months"`
	NextDue *time.Time               `json:"next_round_at,omitempty"`
	Members []storage.Member         `json:"people"`
}

// MembershipMarks is an administrator's answer for several accounts at
// once: who still works here, and who left.
type MembershipMarks struct {
	StillHere []int64 `json:"still_here"`
	Left      []int64 `json:"left"`
}

// guardMembership decides and audits an administrator's act on the review
// of an organisation; a refusal leaves only its audit entry.
func guardMembership(tx *storage.Tx, actor *schakel.Actor, orgID int64, act access.Action, event string) (access.Decision, error) {
	d := access.Decide(access.SubjectFor(actor), access.Membership, act, access.Context{TargetOrganisationID: orgID})
	if !d.Allowed {
		tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "membership", ResourceID: fmt.Sprint(orgID)})
		return d, tx.Refuse(d)
	}
	return d, nil
}

// MembershipReview shows an organisation's review. Reading its people's
// answers is audited.
func (a *App) MembershipReview(ctx context.Context, actor *schakel.Actor, orgID int64) (MembershipView, error) {
	var v MembershipView
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d, err := guardMembership(tx, actor, orgID, access.Read, audit.EventRead)
		if err != nil {
			return err
		}
		if v, err = loadMembership(tx, orgID); err != nil {
			return err
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "membership", ResourceID: fmt.Sprint(orgID),
			Detail: fmt.Sprintf("%d people", len(v.Members))})
		return nil
	})
	return v, err
}

func loadMembership(tx *storage.Tx, orgID int64) (MembershipView, error) {
	months, created, last, err := tx.MembershipSchedule(orgID)
	if err != nil {
		return MembershipView{}, err
	}
	v := MembershipView{Months: months}
	var roundID int64
	if last != nil && last.ClosedAt == nil {
		v.Round, roundID = last, last.ID
	} else {
		next := NextMembershipRound(months, created, last)
		v.NextDue = &next
	}
	v.Members, err = tx.Members(orgID, roundID)
	return v, err
}

// MarkMembership records an administrator's answers in one transaction:
// "still here" needs an open round; "left" disables the account at once
// (ending its sessions and tokens), with or without a round. The rules of
// membership.CheckMark hold for every account; one refused answer leaves
// all of them unsaved. It returns how many answers were saved.
func (a *App) MarkMembership(ctx context.Context, actor *schakel.Actor, orgID int64, in MembershipMarks) (int, error) {
	saved := 0
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d, err := guardMembership(tx, actor, orgID, access.Write, audit.EventUpdate)
		if err != nil {
			return err
		}
		v, err := loadMembership(tx, orgID)
		if err != nil {
			return err
		}
		if err := checkMarks(v, in); err != nil {
			return err
		}
		byID := map[int64]*storage.Member{}
		admins := 0
		for i := range v.Members {
			m := &v.Members[i]
			byID[m.ID] = m
			if m.Admin && m.Active {
				admins++
			}
		}
		for _, set := range []struct {
			mark membership.Mark
			ids  []int64
		}{{membership.Left, in.Left}, {membership.StillHere, in.StillHere}} {
			for _, id := range set.ids {
				m := byID[id]
				if err := markOne(tx, actor, d, v.Round, m, set.mark, &admins); err != nil {
					return err
				}
				saved++
			}
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "membership", ResourceID: fmt.Sprint(orgID),
			Detail: fmt.Sprintf("still here: [%s]; left: [%s]", idList(in.StillHere), idList(in.Left))})
		return nil
	})
	return saved, err
}

// checkMarks refuses answers that name nobody, someone of another
// organisation, someone twice, or "still here" without an open round.
func checkMarks(v MembershipView, in MembershipMarks) error {
	if len(in.StillHere)+len(in.Left) == 0 {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Kies minstens één medewerker.",
			Fields: []schakel.FieldError{{Field: "still_here", Code: "required", Message: "Vink aan wie hier nog werkt, of kies 'werkt hier niet meer'."}}}
	}
	seen := map[int64]bool{}
	for _, id := range append(slices.Clone(in.StillHere), in.Left...) {
		if seen[id] {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Een medewerker staat er twee keer in.",
				Fields: []schakel.FieldError{{Field: "left", Code: "twice", Message: "Kies per medewerker één antwoord."}}}
		}
		seen[id] = true
		if !slices.ContainsFunc(v.Members, func(m storage.Member) bool { return m.ID == id }) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Deze medewerker hoort niet bij uw organisatie.",
				Fields: []schakel.FieldError{{Field: "still_here", Code: "unknown", Message: fmt.Sprintf("Medewerker %d hoort niet bij uw organisatie.", id)}}}
		}
	}
	if len(in.StillHere) > 0 && v.Round == nil {
		return &schakel.Error{Code: schakel.ECONFLICT, Message: "Er loopt nu geen controle. U kunt wel melden wie er niet meer werkt.",
			Fields: []schakel.FieldError{{Field: "still_here", Code: "no_round", Message: "Er loopt nu geen controle."}}}
	}
	return nil
}

// markOne applies one answer; admins counts the active administrators
// and goes down when one of them is marked as gone.
func markOne(tx *storage.Tx, actor *schakel.Actor, d access.Decision, round *storage.MembershipRound, m *storage.Member, mark membership.Mark, admins *int) error {
	if r := membership.CheckMark(mark, membership.MarkFacts{ActorID: actor.PrincipalID(), TargetID: m.ID, TargetAdmin: m.Admin,
		TargetActive: m.Active, ActiveAdmins: *admins}); r != nil {
		return &schakel.Error{Code: schakel.ECONFLICT, Message: m.Name + ": " + r.Message,
			Fields: []schakel.FieldError{{Field: fmt.Sprintf("professional_%d", m.ID), Code: r.Code, Message: r.Message}}}
	}
	if round != nil {
		if err := tx.MarkMembership(round.ID, m.ID, string(mark), actor.PrincipalID()); err != nil {
			return err
		}
	}
	if mark != membership.Left {
		return nil
	}
	if _, err := tx.LiftSuspension(m.ID, actor.PrincipalID()); err != nil {
		return err
	}
	if m.Active && m.Admin {
		*admins--
	}
	m.Active = false
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "professional", ResourceID: fmt.Sprint(m.ID),
		Detail: "active=false: no longer works here; sessions ended, API tokens revoked"})
	return tx.SaveProfessionalActive(m.ID, false)
}

// SetMembershipMonths sets how many months lie between an organisation's
// rounds (membership.MinMonths to MaxMonths); the next round opens that
// long after the latest one.
func (a *App) SetMembershipMonths(ctx context.Context, actor *schakel.Actor, orgID int64, months int) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		d, err := guardMembership(tx, actor, orgID, access.Manage, audit.EventUpdate)
		if err != nil {
			return err
		}
		if !membership.ValidMonths(months) {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Kies een aantal maanden tussen 1 en 12.", Fields: []schakel.FieldError{{Field: "interval_months",
				Code: "range", Message: fmt.Sprintf("Kies een aantal maanden tussen %d en %d.", membership.MinMonths, membership.MaxMonths)}}}
		}
		if err := tx.SetMembershipMonths(orgID, months); err != nil {
			return err
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "membership", ResourceID: fmt.Sprint(orgID),
			Detail: fmt.Sprintf("interval_months=%d", months)})
		return nil
	})
}
