package app

import (
	"context"
	"fmt"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// JoinNetwork puts a professional in the region's placement-prevention
// network with the expertise they bring, or changes it (issue 16, item 1).
// The professional does it themselves, or their team lead does.
func (a *App) JoinNetwork(ctx context.Context, actor *schakel.Actor, memberID int64, expertises []schakel.NetworkExpertise) ([]schakel.NetworkMember, error) {
	var out []schakel.NetworkMember
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		member, err := a.guardMember(tx, actor, memberID, "join network")
		if err != nil {
			return err
		}
		var v schakel.Validation
		if len(expertises) == 0 {
			v.Add("expertises", "required", "Kies minstens één deskundigheid die u meebrengt.")
		}
		for i, e := range expertises {
			if !e.Valid() {
				v.Add(fmt.Sprintf("expertises[%d]", i), "invalid", "Deze deskundigheid kent het netwerk niet.")
			}
		}
		if err := v.Err(); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid expertise"}, err)
		}
		if err := tx.PutNetworkMember(memberID, unique(expertises)); err != nil {
			return err
		}
		out, err = tx.NetworkMembers(member.Organisation.RegionID)
		return err
	})
	return out, err
}

// LeaveNetwork takes a professional out of the network; the panels they
// sat on stay in the record.
func (a *App) LeaveNetwork(ctx context.Context, actor *schakel.Actor, memberID int64) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := a.guardMember(tx, actor, memberID, "leave network"); err != nil {
			return err
		}
		return tx.LeaveNetwork(memberID)
	})
}

// Network lists the region's network: who is in it, from which
// organisation, with which expertise and how often each sat on a panel.
// Any professional of the region may see it (it is a directory, like the
// colleagues one can invite).
func (a *App) Network(ctx context.Context, actor *schakel.Actor) ([]schakel.NetworkMember, error) {
	var out []schakel.NetworkMember
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		d := access.DecideNetworkList(s)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "network", ResourceID: fmt.Sprint(s.RegionID)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		var err error
		out, err = tx.NetworkMembers(s.RegionID)
		return err
	})
	return out, err
}

func (a *App) guardMember(tx *storage.Tx, actor *schakel.Actor, memberID int64, detail string) (schakel.Professional, error) {
	member, err := tx.ProfessionalRecord(memberID)
	if err != nil {
		return member, err
	}
	d := access.DecideNetworkMember(access.SubjectFor(actor), access.Candidate{Subject: access.SubjectOf(&member), Active: member.Active})
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "network_member", ResourceID: fmt.Sprint(memberID), Detail: detail})
	if !d.Allowed {
		return member, tx.Refuse(d)
	}
	return member, nil
}

func unique[T comparable](xs []T) []T {
	var out []T
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
