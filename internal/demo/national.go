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
	"math/rand/v2"
	"slices"
	"time"

	"schakel/internal/chain"
	"schakel/internal/prevention"
	"schakel/internal/storage"
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
