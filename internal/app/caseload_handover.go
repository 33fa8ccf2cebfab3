package app

import (
	"context"
	"fmt"
	"sort"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
)

// HandOverInput moves everything one worker holds to colleagues in one
// act, when they go on leave or leave.
type HandOverInput struct {
	To       int64           // the receiver of every case not named in PerCase
	PerCase  map[int64]int64 // case → another receiver
	Reason   string
	Override Override // a team lead assigns above the norm
}

// HandOverResult is what moved.
type HandOverResult struct {
	Cases       int     `json:"cases"`
	Actions     int     `json:"actions"`
	Invitations int     `json:"invitations"`
	Receivers   []int64 `json:"receivers"`
}

// HandOverAll hands every case position, open action and invitation to a
// planned consultation of a worker's open cases to the receivers, in one
// transaction: all or nothing. The organisation's team lead, or the worker
// themself, may; receivers work at the same organisation; an overlap on
// any case, a missing reason or a receiver above the norm without a team
// lead's override refuses the whole act (audited, nothing else kept).
// Each receiver is told once what they received.
func (a *App) HandOverAll(ctx context.Context, actor *schakel.Actor, from int64, in HandOverInput) (HandOverResult, error) {
	out := HandOverResult{Receivers: []int64{}}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		giver, err := tx.ProfessionalRecord(from)
		if err != nil {
			return err
		}
		org := giver.Organisation.ID
		self := actor != nil && actor.Professional != nil && actor.Professional.ID == from
		if d := access.DecideCaseHolder(access.SubjectFor(actor), access.HandOverHolder, org, self); !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", Detail: fmt.Sprintf("hand over all of professional %d", from)})
			return tx.Refuse(d)
		}
		refuse := func(field, code, message string) error {
			return refuseHolder(tx, actor, 0, field, code, message)
		}
		reason, fe := holderReason(in.Reason)
		if fe != nil {
			return refuse(fe.Field, fe.Code, fe.Message)
		}
		receivers := map[int64]schakel.Professional{}
		for _, id := range append([]int64{in.To}, perCaseReceivers(in.PerCase)...) {
			if _, ok := receivers[id]; ok {
				continue
			}
			if id == from {
				return refuse("to", "same", "Kies een collega: iemand draagt niet aan zichzelf over.")
			}
			if fe := sameOrganisation(tx, id, org, "to"); fe != nil {
				return refuse(fe.Field, fe.Code, fe.Message)
			}
			p, err := tx.ProfessionalRecord(id)
			if err != nil {
				return err
			}
			receivers[id] = p
		}
		held, err := tx.HeldCases(from)
		if err != nil {
			return err
		}
		firstCase := map[int64]int64{}
		got := map[int64][3]int{}
		for _, h := range held {
			to := in.To
			if other, ok := in.PerCase[h.CaseID]; ok {
				to = other
			}
			current, err := tx.CaseHolders(h.CaseID)
			if err != nil {
				return err
			}
			if _, fe := caseload.Assignment(current, org, h.Position, to); fe != nil {
				return refuse("to", fe.Code, fmt.Sprintf("Casus %d: %s", h.CaseID, fe.Message))
			}
			if err := tx.EndHolder(h.CaseID, org, h.Position, "hand_over", reason, actor.Professional.ID); err != nil {
				return err
			}
			if err := tx.InsertHolder(schakel.CaseHolder{CaseID: h.CaseID, OrganisationID: org, ProfessionalID: to, Position: h.Position, Reason: reason}, actor.Professional.ID); err != nil {
				return err
			}
			actions, err := tx.MoveOpenActions(h.CaseID, from, to)
			if err != nil {
				return err
			}
			invitations, err := tx.MoveInvitations(h.CaseID, from, to)
			if err != nil {
				return err
			}
			tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", ResourceID: fmt.Sprint(h.CaseID), AccessBasis: audit.BasisParticipation,
				Detail: fmt.Sprintf("hand_over %s: professional %d to %d, %d actions, %d invitations", h.Position, from, to, actions, invitations)})
			if _, ok := firstCase[to]; !ok {
				firstCase[to] = h.CaseID
			}
			g := got[to]
			got[to] = [3]int{g[0] + 1, g[1] + actions, g[2] + invitations}
			out.Cases, out.Actions, out.Invitations = out.Cases+1, out.Actions+actions, out.Invitations+invitations
		}
		for _, to := range sortedKeys(got) {
			if err := a.checkNorm(tx, actor, firstCase[to], org, receivers[to], in.Override); err != nil {
				return err
			}
			g := got[to]
			if err := tx.Tell(to, "case_holder", firstCase[to], 0, fmt.Sprintf("U neemt het werk van %s over: %d casussen, %d acties en %d uitnodigingen voor overleg. Reden: %s",
				giver.Name, g[0], g[1], g[2], reason)); err != nil {
				return err
			}
			out.Receivers = append(out.Receivers, to)
		}
		return nil
	})
	return out, err
}

func perCaseReceivers(m map[int64]int64) []int64 {
	out := make([]int64, 0, len(m))
	for _, to := range m {
		out = append(out, to)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func sortedKeys(m map[int64][3]int) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
