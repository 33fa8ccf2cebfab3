package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

// ReviewPatterns is the region's quarterly pattern report of
// placement-prevention reviews (issue 16, items 5 and 6): considered versus
// prevented placements per organisation, time to review and the root
// causes that recur, for the municipality's agenda. Aggregates only, under
// the dashboards' rule (groups under five are not shown).
func (a *App) ReviewPatterns(ctx context.Context, actor *schakel.Actor) ([]prevention.QuarterPatterns, error) {
	out := []prevention.QuarterPatterns{}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		d := access.Decide(s, access.Dashboards, access.Read, access.Context{})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "review_patterns", ResourceID: fmt.Sprint(s.RegionID)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		facts, err := tx.RegionReviewFacts(s.RegionID)
		if err != nil {
			return err
		}
		if p := prevention.Patterns(facts, tx.Now()); p != nil {
			out = p
		}
		return nil
	})
	return out, err
}
