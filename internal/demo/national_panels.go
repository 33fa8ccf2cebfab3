package demo

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/chain"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

// Panels and follow-up checks of the generated reviews (issue 16, items 3
// and 6). Each review's panel is proposed from the demo region's network by
// the same minimum-cover rule as a live review (prevention.ProposePanel),
// with the expertise its root causes call for; the load of earlier panels
// counts, so the work spreads as it would. Checks are assumed to be
// recorded for 85 % of reviews whose date has passed; what they find comes
// from the case's own history: a placement after the review is "placed
// after all", a report after it a new report.

// checkRecorded is the assumed share of due checks that are recorded.
const checkRecorded = 0.85

// causeExpertise is the expertise a root cause calls for at the table.
var causeExpertise = map[string]schakel.NetworkExpertise{
	schakel.CauseDebts: schakel.NetDebt, schakel.CauseHousing: schakel.NetHousing, schakel.CauseAddiction: schakel.NetAddiction,
	schakel.CauseDomestic: schakel.NetTrauma, schakel.CauseIntellectual: schakel.NetIntellectual, schakel.CauseNoNetwork: schakel.NetFamilyNetwork,
}

// readNetwork reads the demo region's network members as panel
// candidates; a region without a network (the history loaded without the
// demo families) gets the demo's members first, through the use case.
func (g *generator) readNetwork(ctx context.Context, db *storage.DB, regionID int64) error {
	var members []schakel.NetworkMember
	err := db.Update(ctx, func(tx *storage.Tx) (err error) {
		members, err = tx.NetworkMembers(regionID)
		return err
	})
	if err != nil {
		return err
	}
	if len(members) == 0 {
		uc := app.New(db)
		for _, m := range networkMembers {
			a, err := actor(ctx, db, Email(m.first, m.org))
			if err != nil {
				return err
			}
			if _, err := uc.JoinNetwork(ctx, a, a.Professional.ID, m.expertises); err != nil {
				return fmt.Errorf("demo network %s: %w", m.first, err)
			}
		}
	}
	return db.Update(ctx, func(tx *storage.Tx) error {
		members, err := tx.NetworkMembers(regionID)
		for _, m := range members {
			g.network = append(g.network, prevention.Candidate{ProfessionalID: m.Professional.ID, OrganisationID: m.Organisation.ID,
				Expertises: m.Expertises, Reviews: m.Reviews})
		}
		return err
	})
}

// panel proposes a generated review's panel and counts it in the members' load.
func (g *generator) panel(r storage.BulkReview, holderOrg int64) []int64 {
	wanted := []schakel.NetworkExpertise{schakel.NetFamilyNetwork}
	for _, c := range r.Causes {
		if e, ok := causeExpertise[c]; ok && e != schakel.NetFamilyNetwork {
			wanted = append(wanted, e)
		}
	}
	var ids []int64
	for _, m := range prevention.ProposePanel(wanted, g.network, holderOrg, r.ConsideredBy).Members {
		ids = append(ids, m.ProfessionalID)
		for i := range g.network {
			if g.network[i].ProfessionalID == m.ProfessionalID {
				g.network[i].Reviews++
			}
		}
	}
	return ids
}

// checks are a held review's 3- and 6-month checks whose date has passed,
// as the case's events tell them.
func (g *generator) checks(c *caseSim, r storage.BulkReview) []storage.BulkCheck {
	var out []storage.BulkCheck
	for _, months := range prevention.CheckMonths {
		due := prevention.CheckDue(*r.HeldAt, months)
		at := due.Add(time.Duration(g.reviewRng.IntN(6*24)) * time.Hour)
		if at.Unix()/60 > g.nowMin || g.reviewRng.Float64() >= checkRecorded {
			continue
		}
		k := storage.BulkCheck{Months: months, CheckedAt: at, CheckedBy: r.ConsideredBy}
		for _, e := range c.events {
			if !e.At.After(*r.HeldAt) || e.At.After(due) {
				continue
			}
			switch e.Type {
			case chain.ReportReceived:
				k.NewReports++
			case chain.Placement:
				k.PlacedAfterAll = prevention.Prevented(r.Outcome)
			}
		}
		if prevention.Prevented(r.Outcome) && !k.PlacedAfterAll {
			k.StayedHome, k.AlternativeHeld = r.Outcome == schakel.OutcomeNoPlacement, k.NewReports == 0
		}
		out = append(out, k)
	}
	return out
}
