package demo

import (
	"context"
	"math"
	"slices"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

// Care requests by need in the generated history (issue 15), in the demo
// region, whose providers keep a care profile: after the family
// guardian's plan under a measure, a care coordinator asks the providers serving the municipality for help by need; some answer, one is
// chosen, the care starts and sometimes ends. They are written with the
// chain events the live path writes, so the waiting-time dashboard and the
// event-log export see them.
//
// Only cases under a measure ask: a case the local team takes over is
// closed by Veilig Thuis within weeks, before care could start on it.
//
// ASSUMPTIONS for the demo, not research: 70 % of plans lead to a request,
// made within three weeks of the plan, and 35 % of extensions of a
// measure to another, one to six weeks after; 15 % are urgent; a request has
// one need, a third two, drawn by careNeedWeights; a reached provider
// answers in 85 % of cases (15 % never), after a lognormal number of
// working days (median 2, so about nine in ten within the 5-day norm;
// urgent median 0.6 against the 1-day norm); a quarter of answers say "no
// capacity"; the earliest start is about 3 weeks out; 90 % of requests
// with a capacity answer are chosen some 3 days after it; 92 % of choices
// start, and about half of the started care has ended after some 4 months.

var careNeedWeights = []struct {
	need schakel.NeedCategory
	w    float64
}{
	{schakel.NeedParenting, 0.25}, {schakel.NeedDebts, 0.18}, {schakel.NeedTrauma, 0.14}, {schakel.NeedHousing, 0.10},
	{schakel.NeedFamilyNetwork, 0.10}, {schakel.NeedParentAddicted, 0.08}, {schakel.NeedSchool, 0.06},
	{schakel.NeedSafetyAtHome, 0.05}, {schakel.NeedIntellectual, 0.04},
}

var careEndReasons = []struct {
	code string
	w    float64
}{{"as_planned", 0.60}, {"early_agreed", 0.15}, {"early_family", 0.12}, {"early_provider", 0.06}, {"moved", 0.05}, {"other", 0.02}}

// careProvider is a provider of the demo region with the professional who answers.
type careProvider struct {
	profile schakel.ProviderProfile
	answers int64
}

// readCareProviders reads the demo region's providers that have a profile
// and a demo professional to answer.
func (g *generator) readCareProviders(ctx context.Context, db *storage.DB, regionID int64) error {
	var profiles []schakel.ProviderProfile
	err := db.Update(ctx, func(tx *storage.Tx) (err error) {
		profiles, err = tx.CareProfiles(regionID)
		return err
	})
	if err != nil {
		return err
	}
	// A region without profiles (the history loaded without the demo
	// families) gets the demo's first, through the use case.
	if len(profiles) == 0 {
		if err := putCareProfiles(ctx, db, app.New(db)); err != nil {
			return err
		}
		return g.readCareProviders(ctx, db, regionID)
	}
	for _, cp := range careProfiles {
		p, err := db.ProfessionalByEmail(ctx, Email(cp.first, cp.org))
		if err != nil {
			return err
		}
		for _, pr := range profiles {
			if pr.Organisation.ID == p.Organisation.ID {
				g.careProviders = append(g.careProviders, careProvider{profile: pr, answers: p.ID})
			}
		}
	}
	return nil
}

// careTrigger is a moment a case asks for care; voluntary: Veilig
// Thuis asks, for a family it scaled down to the local team.
type careTrigger struct {
	at        int64
	voluntary bool
}

// careTriggers are the moments a case asks for care: after its plan
// under a measure, sometimes when the measure is extended and the plan
// made anew, and for some families helped by the local team.
func (g *generator) careTriggers(c *caseSim) []careTrigger {
	var out []careTrigger
	for _, e := range c.events {
		switch {
		case e.Type == chain.PlanMade && g.careRng.Float64() < 0.7:
			out = append(out, careTrigger{at: e.At.Unix()/60 + g.careDays(0, 21)})
		case e.Type == chain.CourtOrderExtended && g.careRng.Float64() < 0.35:
			out = append(out, careTrigger{at: e.At.Unix()/60 + g.careDays(7, 42)})
		case e.Type == chain.HelpStarted && e.OrganisationID == c.region.wijk && g.careRng.Float64() < 0.25:
			out = append(out, careTrigger{at: e.At.Unix()/60 + g.careDays(0, 10), voluntary: true})
		}
	}
	return out
}

func (g *generator) careDays(a, b float64) int64 {
	return int64((a + g.careRng.Float64()*(b-a)) * 1440)
}

// careLogn draws a lognormal value with this median.
func (g *generator) careLogn(median, sigma float64) float64 {
	return median * math.Exp(g.careRng.NormFloat64()*sigma)
}

// addCare adds a case's care request, if it has one, before the case is
// flushed: the requests and their events up to now.
func (g *generator) addCare(bl *storage.BulkLoader, c *caseSim) {
	if !c.region.rijnmond || len(g.careProviders) == 0 || len(c.region.jbContacts) == 0 {
		return
	}
	closing, closed := -1, int64(math.MaxInt64)
	for i, e := range c.events {
		if e.Type == chain.Closed {
			closing, closed = i, e.At.Unix()/60
		}
	}
	for _, t := range g.careTriggers(c) {
		if t.at > g.nowMin || t.at >= closed {
			continue
		}
		if !t.voluntary {
			g.addCareRequest(bl, c, t.at, closed, closed, c.region.jbContacts, c.region.jb)
			continue
		}
		// Veilig Thuis keeps the case open until the care has started
		// (the care's end is the local team's to follow, so none here).
		last := g.addCareRequest(bl, c, t.at, math.MaxInt64, 0, c.region.vtContacts, c.region.vt)
		if closing >= 0 && last >= closed {
			closed = last + g.careDays(1, 14)
			c.events[closing].At = time.Unix(closed*60, 0).UTC()
		}
	}
}

// addCareRequest adds one request made at at by one of by and returns
// the minute of its last event; the care starts only before closed and
// ends only before endBy.
func (g *generator) addCareRequest(bl *storage.BulkLoader, c *caseSim, at, closed, endBy int64, by []int64, org int64) int64 {
	if len(by) == 0 {
		return at
	}
	created := time.Unix(at*60, 0).UTC()
	r := storage.BulkCareRequest{ID: bl.NextCareRequestID(), CreatedBy: by[g.careRng.IntN(len(by))], RegionID: c.region.id, CreatedAt: created,
		Municipality: c.muni, Urgency: schakel.UrgencyWeeks, Needs: g.careNeeds()}
	if g.careRng.Float64() < 0.15 {
		r.Urgency = schakel.UrgencyDays
	}
	r.Deadline = care.Deadline(created, r.Urgency)
	c.add(chain.CareRequested, at, org).CareRequestID = r.ID
	for _, p := range g.careProviders {
		if care.Reaches(p.profile, c.muni, r.Needs) {
			r.Recipients = append(r.Recipients, p.profile.Organisation.ID)
			if a, ok := g.careAnswer(r, p); ok {
				r.Answers = append(r.Answers, a)
			}
		}
	}
	last := max(at, g.careChoice(c, &r, org, closed, endBy))
	slices.SortFunc(r.Answers, func(a, b storage.BulkCareAnswer) int { return a.At.Compare(b.At) })
	if n := len(r.Answers); n > 0 {
		c.add(chain.CareAnswered, r.Answers[0].At.Unix()/60, r.Answers[0].OrganisationID).CareRequestID = r.ID
		last = max(last, r.Answers[n-1].At.Unix()/60)
	}
	c.care = append(c.care, r)
	return last
}

func (g *generator) careNeeds() []schakel.CareNeed {
	draw := func() schakel.NeedCategory {
		u := g.careRng.Float64()
		for _, nw := range careNeedWeights {
			if u -= nw.w; u < 0 {
				return nw.need
			}
		}
		return careNeedWeights[0].need
	}
	needs := []schakel.CareNeed{{Category: draw(), Text: "Gegenereerde geschiedenis"}}
	if g.careRng.Float64() < 1.0/3 {
		if n := draw(); n != needs[0].Category {
			needs = append(needs, schakel.CareNeed{Category: n, Text: "Gegenereerde geschiedenis"})
		}
	}
	return needs
}
