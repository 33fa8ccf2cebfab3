package demo

import (
	"time"

	"schakel"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

// Placement-prevention reviews in the generated history (issue 16): in the
// demo region, since Samen in Crisis began, every placement authorisation
// is preceded by a review, and some supervision orders had a placement
// considered that the review prevented. The rates are assumptions for the
// demo, stated here: about one in four considered placements prevented
// (a UK review found about 40 % of children in care could have avoided
// it), and reviews mostly held within the five working days.

// causeWeights are how often each root cause is tagged (assumed).
var causeWeights = []struct {
	cause string
	p     float64
}{
	{schakel.CauseDebts, 0.45}, {schakel.CauseHousing, 0.30}, {schakel.CauseAddiction, 0.25}, {schakel.CauseDomestic, 0.35},
	{schakel.CauseWaitingList, 0.30}, {schakel.CauseIntellectual, 0.15}, {schakel.CauseNoNetwork, 0.20},
}

// reviewBefore adds the review that preceded a placement authorisation
// requested at at.
func (g *generator) reviewBefore(c *caseSim, at int64, placed bool) {
	outcome := schakel.OutcomePlacement
	switch u := g.reviewRng.Float64(); {
	case !placed:
		outcome = schakel.OutcomeNetworkPlacement
	case u < 0.5:
		outcome = schakel.OutcomePlacementWithContact
	}
	g.addReview(c, at-g.reviewDays(8), outcome)
}

// reviewPrevented adds, for some supervision orders, a considered
// placement that the review kept at home.
func (g *generator) reviewPrevented(c *caseSim, at int64) {
	if g.reviewRng.Float64() >= 0.12 {
		return
	}
	g.addReview(c, at+g.reviewDays(40), schakel.OutcomeNoPlacement)
}

func (g *generator) addReview(c *caseSim, considered int64, outcome string) {
	if !c.region.rijnmond || considered < g.sicFrom || len(c.region.jbContacts) == 0 {
		return
	}
	at := time.Unix(considered*60, 0).UTC()
	// Held 1–7 days later: mostly within the five working days, sometimes late.
	held := at.Add(time.Duration(1+g.reviewRng.IntN(7)) * 24 * time.Hour)
	r := storage.BulkReview{ConsideredAt: at, ConsideredBy: c.region.jbContacts[g.reviewRng.IntN(len(c.region.jbContacts))],
		DueAt: prevention.DueAt(at), HeldAt: &held, Outcome: outcome}
	for _, cw := range causeWeights {
		if g.reviewRng.Float64() < cw.p {
			r.Causes = append(r.Causes, cw.cause)
		}
	}
	c.reviews = append(c.reviews, r)
}

// reviewDays draws a number of days (in minutes) up to max.
func (g *generator) reviewDays(max int) int64 { return int64(1+g.reviewRng.IntN(max)) * 1440 }

// flushReviews writes a case's reviews up to now; one still being held
// (held after now) stays open.
func (g *generator) flushReviews(bl *storage.BulkLoader, b *storage.BulkBatch, caseID int64, c *caseSim) {
	open := false
	for _, r := range c.reviews {
		if r.ConsideredAt.Unix()/60 > g.nowMin {
			continue
		}
		if r.HeldAt.Unix()/60 > g.nowMin {
			if open {
				continue
			}
			open, r.HeldAt = true, nil
		}
		r.ID, r.CaseID = bl.NextReviewID(), caseID
		r.Panel = g.panel(r, c.region.jb)
		if r.HeldAt != nil {
			r.Checks = g.checks(c, r)
		}
		b.Reviews = append(b.Reviews, r)
	}
}
