package demo

// A synthetic national chain history for `schakel demo --families N
// --years Y`: families reported to Veilig Thuis over the years, their
// colours, safety assessments, investigations, the Raad, the court, family
// guardians, placements and closings, with durations drawn around the
// published norms and the 8 months the study behind article 000 measured
// from report to family guardian. Nothing in it is a real person; the
// history holds chain facts only (no names, no report texts).

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"schakel/internal/app"
	"slices"
	"sort"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// NationalOptions configure a generated history.
type NationalOptions struct {
	Families int
	Years    int
	Seed     uint64
	Now      time.Time
	// Progress is called now and then with the families written so far.
	Progress func(done, total int)
	// Step is told about the slow steps after the rows are written.
	Step func(string)
}

// NationalStats describe what was generated.
type NationalStats struct {
	Families, Cases, Events, Phases, Regions int
	Reviews                                  int // placement-prevention reviews (demo region)
	CareRequests                             int // care requests by need (demo region)
	Contacts                                 int // contact moments with families (the last two years)
}

// ErrHistoryLoaded is returned when the database already holds a generated
// history.
var ErrHistoryLoaded = errors.New("the database already holds a generated history; use a fresh database")

// Rijnmond's municipalities (the demo region) with rough weights.
var rijnmond = []struct {
	name   string
	weight float64
}{
	{"Rotterdam", 50}, {"Schiedam", 6}, {"Vlaardingen", 5.5}, {"Capelle aan den IJssel", 5.5}, {"Nissewaard", 6},
	{"Lansingerland", 4.5}, {"Ridderkerk", 3.5}, {"Barendrecht", 3.5}, {"Voorne aan Zee", 5}, {"Maassluis", 2.5},
	{"Krimpen aan den IJssel", 2.5}, {"Albrandswaard", 2}, {"Goeree-Overflakkee", 3.5},
}

type genRegion struct {
	id         int64
	weight     float64
	munis      []string
	muniCum    []float64
	vt, jb     int64
	raad, rb   int64
	wijk       int64
	vtContacts []int64
	jbContacts []int64
	rijnmond   bool
	caseload   bool // the "extra caseload reduction" region
	// historyWorker logs the generated contact moments (national_contacts.go).
	historyWorker int64
}

type generator struct {
	rng           *rand.Rand
	reviewRng     *rand.Rand
	network       []prevention.Candidate // the demo region's network, with the panels each sat on
	careRng       *rand.Rand
	contactRng    *rand.Rand
	careProviders []careProvider // the demo region's providers with a care profile
	now           time.Time
	nowMin        int64
	regions       []genRegion
	regionCum     []float64
	dayStart      []int64 // unix minutes of local midnight, per day of the span
	dayCum        []float64
	cohorts       struct{ sic, beforeSic, pilot, caseload, support int64 }
	sicFrom       int64 // minutes: Samen in Crisis starts
	pilotFrom     int64
	pilotLeft     int
	loadFrom      int64
	scratch       []chain.Event
}

// LoadNational loads the demo region (if missing) and generates a history
// of opts.Families families over opts.Years years ending now.
func LoadNational(ctx context.Context, db *storage.DB, opts NationalOptions) (NationalStats, error) {
	var st NationalStats
	if opts.Families <= 0 || opts.Years <= 0 {
		return st, errors.New("--families and --years must be positive")
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	now := opts.Now.UTC().Truncate(time.Minute)
	if _, err := Load(ctx, db, now); err != nil {
		return st, err
	}
	if has, err := db.HasGeneratedHistory(ctx); err != nil {
		return st, err
	} else if has {
		return st, ErrHistoryLoaded
	}
	g := &generator{rng: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x5c4a4e1)), now: now, nowMin: now.Unix() / 60}
	// Reviews draw from a generator of their own, so that adding them left
	// the rest of the history as it was.
	g.reviewRng = rand.New(rand.NewPCG(opts.Seed^0x9e3779b97f4a7c15, opts.Seed))
	// So do care requests (issue 15).
	g.careRng = rand.New(rand.NewPCG(opts.Seed^0xc2b2ae3d27d4eb4f, opts.Seed^0x165667b1))
	g.contactRng = newContactRng(opts.Seed)
	if err := g.setupRegions(ctx, db); err != nil {
		return st, err
	}
	g.setupDays(opts.Years)
	st.Regions = len(g.regions)

	bl, err := db.BeginBulk(ctx)
	if err != nil {
		return st, err
	}
	finished := false
	defer func() {
		if !finished {
			bl.Finish()
		}
	}()
	if err := g.addCohorts(bl, opts.Years); err != nil {
		return st, err
	}
	// Arrivals of first reports, in time order so that ids follow time.
	arrivals := make([]int64, opts.Families)
	for i := range arrivals {
		arrivals[i] = g.arrival(false)
	}
	slices.Sort(arrivals)
	if err := g.writeHistory(ctx, bl, arrivals, &st, opts.Progress); err != nil {
		return st, err
	}
	finished = true
	return st, bl.FinishWith(opts.Step)
}

// addCohorts sets the history's periods (Samen in Crisis, the pilot, the
// caseload intervention) and registers their cohorts.
func (g *generator) addCohorts(bl *storage.BulkLoader, years int) error {
	rm := g.regions[0]
	span := int64(years) * 365 * 1440
	g.sicFrom = g.nowMin - min(span/2, 3*365*1440)
	g.pilotFrom, g.pilotLeft = g.nowMin-min(span/3, 2*365*1440), 50
	g.loadFrom = g.nowMin - min(span/3, 2*365*1440)
	var err error
	if g.cohorts.sic, err = bl.AddCohort(rm.id, "Samen in Crisis", "intervention",
		"Rode meldingen in Rijnmond sinds de start van het gezamenlijke crisisoverleg van Veilig Thuis, Jeugdbescherming en de Raad."); err != nil {
		return err
	}
	if g.cohorts.beforeSic, err = bl.AddCohort(rm.id, "Rood vóór Samen in Crisis", "cohort",
		"Rode meldingen in Rijnmond in de drie jaar voor Samen in Crisis: de vergelijkingsgroep."); err != nil {
		return err
	}
	if g.cohorts.pilot, err = bl.AddCohort(rm.id, "Pilot 50 gezinnen", "cohort",
		"Vijftig gezinnen met een onderzoek van Veilig Thuis, begeleid door één vast team."); err != nil {
		return err
	}
	loadFrom := *ptrTime(g.loadFrom)
	if g.cohorts.caseload, err = bl.AddIntervention(g.regions[1].id, "Extra caseloadverlaging", "intervention",
		"Gezinsvoogden met minder gezinnen per persoon, in deze regio de laatste twee jaar.", "extra_staff", loadFrom); err != nil {
		return err
	}
	// Support work on request in Rijnmond from the same day: about half
	// of the cases Jeugdbescherming takes on from then, chosen by the
	// minute the order came in (no draw from the generator, so the rest
	// of the history stays as it was). Only a tag: the history assumes
	// no effect, so the dashboard shows the comparison, not a result.
	g.cohorts.support, err = bl.AddIntervention(rm.id, "Ondersteunend werk Rijnmond", "intervention",
		"Ondersteuners doen op verzoek van de gezinsvoogd taken: mee op huisbezoek, papieren regelen, vervoer.", "support_work", loadFrom)
	return err
}

// writeHistory generates the families of arrivals in batches on one
// goroutine while this one writes them, three batches in turn; it counts
// what it wrote into st.
func (g *generator) writeHistory(ctx context.Context, bl *storage.BulkLoader, arrivals []int64, st *NationalStats, progress func(done, total int)) error {
	const perBatch = 20000
	batches := make(chan *storage.BulkBatch, 2)
	free := make(chan *storage.BulkBatch, 3)
	for range 3 {
		free <- &storage.BulkBatch{}
	}
	genErr := make(chan error, 1)
	gctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		var b *storage.BulkBatch
		for i, at := range arrivals {
			if b == nil {
				select {
				case b = <-free:
				case <-gctx.Done():
					genErr <- gctx.Err()
					return
				}
				b.Reset()
			}
			g.family(bl, b, at)
			if (i+1)%perBatch == 0 || i == len(arrivals)-1 {
				batches <- b
				b = nil
			}
		}
		genErr <- nil
	}()
	for b := range batches {
		if err := bl.Write(b); err != nil {
			cancel()
			for range batches {
			}
			return err
		}
		st.count(b)
		if progress != nil {
			progress(st.Families, len(arrivals))
		}
		free <- b
	}
	return <-genErr
}

// count adds a written batch to the figures.
func (st *NationalStats) count(b *storage.BulkBatch) {
	st.Families += len(b.Families)
	st.Cases += len(b.Cases)
	st.Events += len(b.Events)
	st.Reviews += len(b.Reviews)
	st.CareRequests += len(b.CareRequests)
	st.Contacts += len(b.Contacts)
	for _, c := range b.Cases {
		st.Phases += len(c.Runs)
	}
}

func (g *generator) setupRegions(ctx context.Context, db *storage.DB) error {
	rm, err := demoRegion(ctx, db)
	if err != nil {
		return err
	}
	g.regions = append(g.regions, rm)
	if err := g.readNetwork(ctx, db, rm.id); err != nil {
		return err
	}
	if err := g.readCareProviders(ctx, db, rm.id); err != nil {
		return err
	}
	// 41 synthetic regions make 42, as many as the Netherlands has youth
	// regions, with sizes that differ the way they do.
	err = db.Update(ctx, func(tx *storage.Tx) error {
		for i := 2; i <= 42; i++ {
			r, err := g.syntheticRegion(tx, i)
			if err != nil {
				return err
			}
			g.regions = append(g.regions, r)
		}
		return g.addHistoryWorkers(tx)
	})
	if err != nil {
		return err
	}
	g.cumulate()
	return nil
}

// demoRegion is the demo region (Rijnmond) as the generator draws from it:
// its municipalities, organisations and the workers who hold its cases.
func demoRegion(ctx context.Context, db *storage.DB) (genRegion, error) {
	regions, err := db.Regions(ctx)
	if err != nil {
		return genRegion{}, err
	}
	orgs, err := db.Organisations(ctx)
	if err != nil {
		return genRegion{}, err
	}
	var demoID int64
	for _, r := range regions {
		if r.Name == RegionName {
			demoID = r.ID
		}
	}
	rm := genRegion{id: demoID, weight: 7.5, rijnmond: true}
	for _, m := range rijnmond {
		rm.munis = append(rm.munis, m.name)
		rm.muniCum = append(rm.muniCum, m.weight)
	}
	for _, o := range orgs {
		if o.RegionID != demoID {
			continue
		}
		switch o.Kind {
		case schakel.VeiligThuis:
			rm.vt = o.ID
		case schakel.Jeugdbescherming:
			rm.jb = o.ID
		case schakel.Raad:
			rm.raad = o.ID
		case schakel.Rechtbank:
			rm.rb = o.ID
		case schakel.Wijkteam:
			rm.wijk = o.ID
		}
	}
	for _, e := range []struct {
		first, slug string
		to          *[]int64
	}{{"Mohamed", "vt", &rm.vtContacts}, {"Pieter", "vt", &rm.vtContacts}, {"Fatma", "jb", &rm.jbContacts}, {"Thomas", "jb", &rm.jbContacts}} {
		p, err := db.ProfessionalByEmail(ctx, Email(e.first, e.slug))
		if err != nil {
			return rm, err
		}
		*e.to = append(*e.to, p.ID)
	}
	return rm, nil
}

// syntheticRegion creates region i with a random size, 3 to 14
// municipalities and one organisation of each kind.
func (g *generator) syntheticRegion(tx *storage.Tx, i int) (genRegion, error) {
	id, err := tx.CreateRegion(fmt.Sprintf("Jeugdregio %02d (synthetisch)", i))
	if err != nil {
		return genRegion{}, err
	}
	r := genRegion{id: id, weight: math.Exp(g.rng.NormFloat64()*0.5) * 2.2, caseload: i == 2}
	n := 3 + g.rng.IntN(12)
	for k := 1; k <= n; k++ {
		r.munis = append(r.munis, fmt.Sprintf("Gemeente %02d-%02d", i, k))
		r.muniCum = append(r.muniCum, math.Exp(g.rng.NormFloat64()))
	}
	for _, o := range []struct {
		kind schakel.OrganisationKind
		name string
		to   *int64
	}{
		{schakel.VeiligThuis, "Veilig Thuis regio %02d", &r.vt},
		{schakel.Jeugdbescherming, "Jeugdbescherming regio %02d", &r.jb},
		{schakel.Raad, "Raad voor de Kinderbescherming, locatie regio %02d", &r.raad},
		{schakel.Rechtbank, "Rechtbank regio %02d", &r.rb},
		{schakel.Wijkteam, "Wijkteams regio %02d", &r.wijk},
	} {
		org := schakel.Organisation{RegionID: id, Name: fmt.Sprintf(o.name, i), Kind: o.kind}
		if err := app.CreateOrganisationIn(tx, schakel.SystemActor("demo history"), &org); err != nil {
			return r, err
		}
		*o.to = org.ID
	}
	return r, nil
}

// cumulate turns the regions' and municipalities' weights into
// cumulative shares, for drawing.
func (g *generator) cumulate() {
	total := 0.0
	for i := range g.regions {
		r := &g.regions[i]
		sum := 0.0
		for k := range r.muniCum {
			sum += r.muniCum[k]
			r.muniCum[k] = sum
		}
		for k := range r.muniCum {
			r.muniCum[k] /= sum
		}
		total += r.weight
		g.regionCum = append(g.regionCum, total)
	}
	for k := range g.regionCum {
		g.regionCum[k] /= total
	}
}

// setupDays weighs every day of the span: fewer reports at weekends and
// in the summer holidays, more after them, a slow rise over the years.
func (g *generator) setupDays(years int) {
	loc := workdays.Location()
	nowLocal := g.now.In(loc)
	first := time.Date(nowLocal.Year()-years, nowLocal.Month(), nowLocal.Day(), 0, 0, 0, 0, loc)
	season := map[time.Month]float64{1: 1.0, 2: 1.02, 3: 1.05, 4: 0.98, 5: 1.0, 6: 1.02, 7: 0.8, 8: 0.78, 9: 1.1, 10: 1.12, 11: 1.08, 12: 0.92}
	sum := 0.0
	for d := first; !d.After(nowLocal); d = d.AddDate(0, 0, 1) {
		w := season[d.Month()] * (1 + 0.03*float64(d.Year()-first.Year()))
		if !workdays.IsWorkingDay(d) {
			w *= 0.35
		}
		sum += w
		g.dayStart = append(g.dayStart, d.UTC().Unix()/60)
		g.dayCum = append(g.dayCum, sum)
	}
	for i := range g.dayCum {
		g.dayCum[i] /= sum
	}
}

// arrival draws the moment a report comes in: mostly office hours.
func (g *generator) arrival(night bool) int64 {
	d := sort.SearchFloat64s(g.dayCum, g.rng.Float64())
	d = min(d, len(g.dayStart)-1)
	var minute int64
	if !night && g.rng.Float64() < 0.82 {
		minute = 8*60 + g.rng.Int64N(10*60)
	} else {
		minute = g.rng.Int64N(24 * 60)
	}
	return min(g.dayStart[d]+minute, g.nowMin-1)
}

func pick(cum []float64, u float64) int { return min(sort.SearchFloat64s(cum, u), len(cum)-1) }

// logn draws a lognormal duration in minutes with this median (in days).
func (g *generator) logn(medianDays, sigma float64) int64 {
	return max(1, int64(medianDays*1440*math.Exp(g.rng.NormFloat64()*sigma)))
}

func (g *generator) uniDays(a, b float64) int64 { return int64((a + g.rng.Float64()*(b-a)) * 1440) }

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
