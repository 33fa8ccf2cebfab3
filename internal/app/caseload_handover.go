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
		h := &handOver{tx: tx, actor: actor, from: from, org: giver.Organisation.ID, in: in,
			firstCase: map[int64]int64{}, got: map[int64][3]int{}}
		self := actor != nil && actor.Professional != nil && actor.Professional.ID == from
		if d := access.DecideCaseHolder(access.SubjectFor(actor), access.HandOverHolder, h.org, self); !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", Detail: fmt.Sprintf("hand over all of professional %d", from)})
			return tx.Refuse(d)
		}
		reason, fe := holderReason(in.Reason)
		if fe != nil {
			return h.refuse(fe.Field, fe.Code, fe.Message)
		}
		h.reason = reason
		receivers, err := h.receivers()
		if err != nil {
			return err
		}
		held, err := tx.HeldCases(from)
		if err != nil {
			return err
		}
		for _, c := range held {
			if err := h.handOverCase(c, &out); err != nil {
				return err
			}
		}
		for _, to := range sortedKeys(h.got) {
			if err := a.checkNorm(tx, actor, h.firstCase[to], h.org, receivers[to], in.Override); err != nil {
				return err
			}
			g := h.got[to]
			if err := notice(tx, to, "case_holder", h.firstCase[to], 0, fmt.Sprintf("U neemt het werk van %s over: %d casussen, %d acties en %d uitnodigingen voor overleg. Reden: %s",
				giver.Name, g[0], g[1], g[2], reason)); err != nil {
				return err
			}
			out.Receivers = append(out.Receivers, to)
		}
		return nil
	})
	return out, err
}

// handOver is one worker's hand-over in progress: who gives, to whom, and
// what each receiver got so far.
type handOver struct {
	tx        *storage.Tx
	actor     *schakel.Actor
	from, org int64
	in        HandOverInput
	reason    string
	firstCase map[int64]int64  // receiver → the first case they got (their notice links it)
	got       map[int64][3]int // receiver → cases, actions, invitations
}

// refuse refuses the whole hand-over on a field (audited, nothing kept).
func (h *handOver) refuse(field, code, message string) error {
	return refuseHolder(h.tx, h.actor, 0, field, code, message)
}

// receivers loads every receiver once: a colleague at the same
// organisation, never the giver.
func (h *handOver) receivers() (map[int64]schakel.Professional, error) {
	receivers := map[int64]schakel.Professional{}
	for _, id := range append([]int64{h.in.To}, perCaseReceivers(h.in.PerCase)...) {
		if _, ok := receivers[id]; ok {
			continue
		}
		if id == h.from {
			return nil, h.refuse("to", "same", "Kies een collega: iemand draagt niet aan zichzelf over.")
		}
		if fe := sameOrganisation(h.tx, id, h.org, "to"); fe != nil {
			return nil, h.refuse(fe.Field, fe.Code, fe.Message)
		}
		p, err := h.tx.ProfessionalRecord(id)
		if err != nil {
			return nil, err
		}
		receivers[id] = p
	}
	return receivers, nil
}

// handOverCase moves one held position, with the giver's open actions and
// invitations on that case, to its receiver, and audits it.
func (h *handOver) handOverCase(c storage.HeldCase, out *HandOverResult) error {
	to := h.in.To
	if other, ok := h.in.PerCase[c.CaseID]; ok {
		to = other
	}
	current, err := h.tx.CaseHolders(c.CaseID)
	if err != nil {
		return err
	}
	if _, fe := caseload.Assignment(current, h.org, c.Position, to); fe != nil {
		return h.refuse("to", fe.Code, fmt.Sprintf("Casus %d: %s", c.CaseID, fe.Message))
	}
	by := h.actor.Professional.ID
	if err := h.tx.EndHolder(c.CaseID, h.org, c.Position, "hand_over", h.reason, by); err != nil {
		return err
	}
	if err := h.tx.InsertHolder(schakel.CaseHolder{CaseID: c.CaseID, OrganisationID: h.org, ProfessionalID: to, Position: c.Position, Reason: h.reason}, by); err != nil {
		return err
	}
	actions, err := h.tx.MoveOpenActions(c.CaseID, h.from, to)
	if err != nil {
		return err
	}
	invitations, err := h.tx.MoveInvitations(c.CaseID, h.from, to)
	if err != nil {
		return err
	}
	h.tx.Audit(h.actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "case_holder", ResourceID: fmt.Sprint(c.CaseID), AccessBasis: audit.BasisParticipation,
		Detail: fmt.Sprintf("hand_over %s: professional %d to %d, %d actions, %d invitations", c.Position, h.from, to, actions, invitations)})
	if _, ok := h.firstCase[to]; !ok {
		h.firstCase[to] = c.CaseID
	}
	g := h.got[to]
	h.got[to] = [3]int{g[0] + 1, g[1] + actions, g[2] + invitations}
	out.Cases, out.Actions, out.Invitations = out.Cases+1, out.Actions+actions, out.Invitations+invitations
	return nil
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
