package demo

import (
	"sort"
	"time"

	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// caseSim collects the events of one case.
type caseSim struct {
	g        *generator
	region   *genRegion
	muni     string
	events   []storage.BulkEvent
	last     int64
	cohorts  []int64
	parts    map[int64]storage.BulkParticipation
	color    string
	sic      bool
	caseload bool
	reviews  []storage.BulkReview
	care     []storage.BulkCareRequest
}

func (c *caseSim) add(t chain.Type, at int64, org int64) *storage.BulkEvent {
	if at > c.last {
		c.last = at
	}
	c.events = append(c.events, storage.BulkEvent{Type: t, At: time.Unix(at*60, 0).UTC(), OrganisationID: org, RegionID: c.region.id, Municipality: c.muni})
	return &c.events[len(c.events)-1]
}

// reclose moves the closing of the case after its last other event.
func (c *caseSim) reclose(closed int64) int64 {
	for i := len(c.events) - 1; i >= 0; i-- {
		if c.events[i].Type != chain.Closed {
			continue
		}
		var last int64
		for _, e := range c.events {
			if e.Type != chain.Closed {
				last = max(last, e.At.Unix()/60)
			}
		}
		if last >= closed {
			closed = last + c.g.uniDays(1, 10)
			c.events[i].At = time.Unix(closed*60, 0).UTC()
			c.last = max(c.last, closed)
		}
		return closed
	}
	return closed
}

func (c *caseSim) join(org int64, role string, at int64, contacts []int64) {
	if _, ok := c.parts[org]; ok {
		return
	}
	p := storage.BulkParticipation{OrganisationID: org, Role: role, JoinedAt: time.Unix(at*60, 0).UTC()}
	if len(contacts) > 0 {
		p.ContactID = contacts[c.g.rng.IntN(len(contacts))]
	}
	c.parts[org] = p
}

func (g *generator) color(repeat bool) string {
	u := g.rng.Float64()
	red, orange := 0.08, 0.58
	if repeat {
		red, orange = 0.10, 0.70
	}
	switch {
	case u < red:
		return "red"
	case u < orange:
		return "orange"
	}
	return "green"
}

// report adds a report with its rating and safety assessment and returns
// when the assessment was done (and the colour).
func (c *caseSim) report(at int64, repeat12 bool) (assessed int64, color string) {
	g := c.g
	r := c.region
	flags := 0
	if repeat12 {
		flags |= storage.FlagRepeat12
	}
	if g.rng.Float64() < 0.4 { // the money questions of the debt pilot were asked
		flags |= storage.FlagScreened
		if g.rng.Float64() < 0.75 { // three quarters of them have debts
			flags |= storage.FlagDebts
		}
	}
	c.add(chain.ReportReceived, at, r.vt).Flags = flags
	color = g.color(len(c.events) > 1 || repeat12)
	rated := at + 5 + g.rng.Int64N(55)
	c.add(chain.Rated, rated, r.vt).Color = color
	c.color = color
	if color == "red" {
		c.add(chain.ConsultationPlanned, rated+1, r.vt)
		med := 2.6 / 24
		if c.sic {
			med = 1.4 / 24
		}
		c.add(chain.ConsultationHeld, rated+g.logn(med, 0.45), r.vt)
		assessed = rated + g.logn(0.3, 0.5)
	} else {
		assessed = at + g.logn(2.7, 0.65)
	}
	c.add(chain.SafetyAssessmentDone, assessed, r.vt)
	return assessed, color
}

// family simulates one family from its first report.
func (g *generator) family(bl *storage.BulkLoader, b *storage.BulkBatch, first int64) {
	ri := pick(g.regionCum, g.rng.Float64())
	r := &g.regions[ri]
	muni := r.munis[pick(r.muniCum, g.rng.Float64())]
	famID := bl.NextFamilyID()
	b.Families = append(b.Families, storage.BulkFamily{ID: famID, RegionID: r.id, Municipality: muni, CreatedAt: time.Unix(first*60, 0).UTC()})
	// Reports: the first, then more for one family in four.
	reports := []int64{first}
	for at := first; g.rng.Float64() < 0.26 && len(reports) < 6; {
		at += g.logn(240, 0.9) // months apart, some within a year
		if at >= g.nowMin {
			break
		}
		reports = append(reports, at)
	}
	var c *caseSim
	var caseEnd int64 // closing time of the current case; 0: none yet
	prev := int64(0)
	for i, at := range reports {
		repeat := i > 0 && at-prev <= 365*1440
		prev = at
		if c != nil && at < caseEnd {
			// The family's case is still open: the report joins it, and
			// the case closes after it has been handled.
			c.report(at, repeat)
			caseEnd = c.reclose(caseEnd)
			continue
		}
		if c != nil {
			g.flush(bl, b, famID, c)
		}
		c = &caseSim{g: g, region: r, muni: muni, parts: map[int64]storage.BulkParticipation{}}
		caseEnd = g.simulateCase(c, at, repeat)
	}
	g.flush(bl, b, famID, c)
}

// simulateCase runs a case from its first report and returns when it closes.
func (g *generator) simulateCase(c *caseSim, t0 int64, repeat bool) int64 {
	r := c.region
	c.join(r.vt, "regie", t0, r.vtContacts)
	// Cohort membership is known from the start for red reports.
	assessed, color := c.report(t0, repeat)
	if color == "red" && r.rijnmond {
		if t0 >= g.sicFrom {
			c.sic = true
			c.cohorts = append(c.cohorts, g.cohorts.sic)
		} else if t0 >= g.sicFrom-3*365*1440 {
			c.cohorts = append(c.cohorts, g.cohorts.beforeSic)
		}
	}
	c.caseload = r.caseload && t0 >= g.loadFrom
	u := g.rng.Float64()
	investigate := (color == "orange" && u < 0.55) || (color == "red" && u < 0.65) || (color == "green" && u < 0.12)
	urgent := color == "red" && g.rng.Float64() < 0.10
	var end int64
	switch {
	case urgent:
		end = g.raadPath(c, assessed+g.uniDays(0, 2), true)
	case investigate:
		start := assessed + g.logn(6, 0.6)
		med := 58.0
		if r.rijnmond && g.pilotLeft > 0 && t0 >= g.pilotFrom && color == "orange" {
			g.pilotLeft--
			c.cohorts = append(c.cohorts, g.cohorts.pilot)
			med = 46
		}
		c.add(chain.InvestigationStarted, start, r.vt)
		ended := start + g.logn(med, 0.3)
		c.add(chain.InvestigationEnded, ended, r.vt)
		if g.rng.Float64() < 0.16 {
			end = g.raadPath(c, ended+g.logn(8, 0.5), false)
		} else {
			end = g.voluntary(c, ended)
		}
	default:
		end = g.voluntary(c, assessed)
	}
	return end
}

// voluntary: the family goes on with help from the local team.
func (g *generator) voluntary(c *caseSim, from int64) int64 {
	r := c.region
	down := from + g.uniDays(1, 14)
	c.add(chain.ScaledDown, down, r.vt)
	if g.rng.Float64() < 0.5 {
		c.join(r.wijk, "uitvoering", down, nil)
		c.add(chain.HelpStarted, down+g.logn(12, 0.7), r.wijk)
	}
	end := c.last + g.uniDays(2, 30)
	c.add(chain.Closed, end, r.vt)
	return end
}

// raadPath: a request to the Raad, its investigation, and for most a
// measure from the court with a family guardian.
func (g *generator) raadPath(c *caseSim, requested int64, urgent bool) int64 {
	r := c.region
	c.add(chain.RaadRequested, requested, r.vt)
	c.join(r.raad, "onderzoek", requested, nil)
	if urgent {
		// An interim supervision within days, while the Raad investigates.
		start := requested + g.uniDays(0, 2)
		c.add(chain.RaadInvestigationStarted, start, r.raad)
		petition := start + g.uniDays(0.5, 4)
		c.add(chain.CourtPetition, petition, r.raad)
		order := petition + g.uniDays(0.5, 5)
		ends := time.Unix(order*60, 0).In(workdays.Location()).AddDate(0, 3, 0).Unix() / 60
		g.order(c, order, chain.InterimSupervision, ends, g.rng.Float64() < 0.45)
		ended := start + g.logn(70, 0.3)
		c.add(chain.RaadInvestigationEnded, ended, r.raad)
		if g.rng.Float64() < 0.8 {
			return g.measure(c, max(ends, ended+g.uniDays(1, 10)), chain.Supervision, false)
		}
		end := max(ends, ended) + g.uniDays(1, 20)
		c.add(chain.ScaledDown, end-g.uniDays(0, 1), r.jb)
		c.add(chain.Closed, end, r.jb)
		return end
	}
	med := 12.0
	if c.sic {
		med = 5
	}
	start := requested + g.logn(med, 0.55)
	c.add(chain.RaadInvestigationStarted, start, r.raad)
	ended := start + g.logn(110, 0.3)
	c.add(chain.RaadInvestigationEnded, ended, r.raad)
	if g.rng.Float64() < 0.28 {
		return g.voluntary(c, ended)
	}
	petition := ended + g.uniDays(1, 7)
	c.add(chain.CourtPetition, petition, r.raad)
	order := petition + g.logn(33, 0.35)
	m := chain.Supervision
	if g.rng.Float64() < 0.08 {
		m = chain.Guardianship
	}
	return g.measure(c, order, m, true)
}

// measure: the court orders m at `at`; the guardian starts, makes a plan,
// help starts; supervision is extended a year at a time.
func (g *generator) measure(c *caseSim, at int64, m chain.Measure, first bool) int64 {
	r := c.region
	var ends int64
	if m == chain.Guardianship {
		ends = time.Unix(at*60, 0).In(workdays.Location()).AddDate(2+g.rng.IntN(14), 0, 0).Unix() / 60
	} else {
		ends = time.Unix(at*60, 0).In(workdays.Location()).AddDate(1, 0, 0).Unix() / 60
	}
	g.order(c, at, m, ends, first && m == chain.Supervision && g.rng.Float64() < 0.25)
	if m == chain.Guardianship {
		end := min(ends, at+g.logn(900, 0.5))
		c.add(chain.Closed, end, r.jb)
		return end
	}
	// Extensions: four in ten end after a year, the rest go on.
	for g.rng.Float64() < 0.6 && ends-at < 4*365*1440 {
		ext := ends - g.uniDays(3, 20)
		newEnds := time.Unix(ends*60, 0).In(workdays.Location()).AddDate(1, 0, 0).Unix() / 60
		c.add(chain.CourtOrderExtended, ext, r.rb).Measure = m
		c.events[len(c.events)-1].EndsAt = ptrTime(newEnds)
		ends = newEnds
	}
	c.add(chain.ScaledDown, ends, r.jb)
	end := ends + g.uniDays(1, 30)
	c.add(chain.Closed, end, r.jb)
	return end
}

func ptrTime(minutes int64) *time.Time {
	t := time.Unix(minutes*60, 0).UTC()
	return &t
}

// order: a court order, with the guardian's first steps the first time,
// and maybe a placement authorisation (mostly used within 3 months).
func (g *generator) order(c *caseSim, at int64, m chain.Measure, ends int64, placement bool) {
	r := c.region
	e := c.add(chain.CourtOrder, at, r.rb)
	e.Measure, e.EndsAt = m, ptrTime(ends)
	if _, joined := c.parts[r.jb]; !joined {
		c.join(r.jb, "uitvoering", at, r.jbContacts)
		gmed, pmed := 6.5, 39.0
		if c.caseload {
			gmed, pmed = 3.5, 30
			c.cohorts = append(c.cohorts, g.cohorts.caseload)
		}
		if r.rijnmond && at >= g.loadFrom && at%2 == 0 {
			c.cohorts = append(c.cohorts, g.cohorts.support)
		}
		c.add(chain.GuardianStarted, at+g.logn(gmed, 0.55), r.jb)
		c.add(chain.PlanMade, at+g.logn(pmed, 0.3), r.jb)
		c.add(chain.HelpStarted, at+g.logn(62, 0.5), r.jb)
	}
	if placement {
		p := c.add(chain.CourtOrder, at, r.rb)
		p.Measure = chain.PlacementAuthorisation
		p.EndsAt = ptrTime(time.Unix(at*60, 0).In(workdays.Location()).AddDate(1, 0, 0).Unix() / 60)
		placed := g.rng.Float64() < 0.8
		if placed {
			c.add(chain.Placement, at+min(g.logn(14, 0.9), 85*1440), r.jb)
		}
		g.reviewBefore(c, at, placed)
	} else if m == chain.Supervision {
		g.reviewPrevented(c, at)
	}
}

// flush writes a simulated case into the batch: events up to now, in time
// order, with their phase runs.
func (g *generator) flush(bl *storage.BulkLoader, b *storage.BulkBatch, famID int64, c *caseSim) {
	g.addCare(bl, c)
	evs := c.events[:0]
	for _, e := range c.events {
		if e.At.Unix()/60 <= g.nowMin {
			evs = append(evs, e)
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].At.Before(evs[j].At) })
	caseID := bl.NextCaseID()
	rules := g.scratch[:0]
	status, color := "open", ""
	var closedAt *time.Time
	for i := range evs {
		evs[i].ID, evs[i].CaseID = bl.NextEventID(), caseID
		e := evs[i]
		rules = append(rules, chain.Event{ID: e.ID, Type: e.Type, At: e.At, EndsAt: e.EndsAt, Measure: e.Measure, Color: e.Color, OrgID: e.OrganisationID})
		switch e.Type {
		case chain.Closed:
			status, closedAt = "closed", &evs[i].At
		case chain.Rated:
			color = e.Color
		}
	}
	g.scratch = rules
	b.Events = append(b.Events, evs...)
	b.Cases = append(b.Cases, storage.BulkCase{ID: caseID, FamilyID: famID, RegionID: c.region.id, Municipality: c.muni, Status: status, Color: color,
		CreatedAt: evs[0].At, ClosedAt: closedAt, Runs: chain.Compute(rules)})
	for _, p := range c.parts {
		if p.JoinedAt.Unix()/60 <= g.nowMin {
			p.CaseID = caseID
			b.Participations = append(b.Participations, p)
		}
	}
	for _, k := range c.cohorts {
		b.CohortCases = append(b.CohortCases, [2]int64{k, caseID})
	}
	g.flushReviews(bl, b, caseID, c)
	g.addContacts(bl, b, caseID, c, closedAt)
	for _, r := range c.care {
		r.CaseID = caseID
		b.CareRequests = append(b.CareRequests, r)
	}
}
