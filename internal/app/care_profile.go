package app

import (
	"context"
	"fmt"
	"slices"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/care"
	"schakel/internal/storage"
)

// PutCareProfile keeps what a provider offers (issue 15, item 1): the needs
// it helps with, where, in which languages, contracted by whom, and its
// earliest start per need.
func (a *App) PutCareProfile(ctx context.Context, actor *schakel.Actor, orgID int64, p schakel.ProviderProfile) (schakel.ProviderProfile, error) {
	var out schakel.ProviderProfile
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.DecideCareProfile(access.SubjectFor(actor), orgID)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "care_profile", ResourceID: fmt.Sprint(orgID)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		p.Organisation.ID = orgID
		p.Categories = slices.Compact(slices.Sorted(slices.Values(p.Categories)))
		if err := care.ValidateProfile(p); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid profile"}, err)
		}
		if err := tx.PutCareProfile(p); err != nil {
			return err
		}
		var err error
		out, err = tx.CareProfile(orgID)
		return err
	})
	return out, err
}

// CareProfiles lists the region's providers and what they offer.
func (a *App) CareProfiles(ctx context.Context, actor *schakel.Actor) ([]schakel.ProviderProfile, error) {
	var out []schakel.ProviderProfile
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		d := access.DecideNetworkList(s)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "care_profile", ResourceID: "region"})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		var err error
		out, err = tx.CareProfiles(s.RegionID)
		return err
	})
	return out, err
}

// CareAnswerCounts counts per provider of the region how it answers the
// requests that reach it: no family data, a directory read.
func (a *App) CareAnswerCounts(ctx context.Context, actor *schakel.Actor) ([]schakel.CareAnswerCount, error) {
	var out []schakel.CareAnswerCount
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		d := access.DecideNetworkList(s)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "care_request", ResourceID: "answer-counts"})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		var err error
		out, err = tx.CareAnswerCounts(s.RegionID)
		return err
	})
	return out, err
}
