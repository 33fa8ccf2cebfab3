package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// Contact moments with families in the generated history (issue 14,
// item 6): the youth protector's logged home visits and conversations
// from the day Jeugdbescherming joins a case until it closes, so that the
// cohort comparison's "contact moments per family per month" has data.
// They are logged by one synthetic, disabled account per region's
// Jeugdbescherming (no team, no login), so that no real demo worker's
// caseload or team board counts thousands of generated visits.

// contactYears bounds the contact moments to the last two years: the span
// the interventions are compared over, and a history that stays in size.
const contactYears = 2

// contactsPerMonth is a youth protector's average contact moments with a
// family per month; with the extra caseload reduction there is more
// time per family.
const contactsPerMonth, contactsPerMonthReduced = 2.0, 2.8

// contactKinds are the generated summaries, by how often they occur.
var contactKinds = []struct {
	summary string
	share   float64
}{
	{"Huisbezoek (gegenereerde geschiedenis).", 0.55},
	{"Gesprek met ouders op kantoor (gegenereerde geschiedenis).", 0.25},
	{"Gesprek met het kind op school (gegenereerde geschiedenis).", 0.20},
}

// addHistoryWorkers creates, in every region's Jeugdbescherming, the
// disabled account that logs the generated contact moments.
func (g *generator) addHistoryWorkers(tx *storage.Tx) error {
	system := schakel.SystemActor("demo history")
	for i := range g.regions {
		r := &g.regions[i]
		id, err := app.CreateProfessionalIn(tx, system, schakel.ProfessionalInput{OrganisationID: r.jb,
			Email: fmt.Sprintf("geschiedenis.regio%d@jeugdbescherming.example", r.id), Name: "Jeugdbeschermers (gegenereerde geschiedenis)",
			Roles: []schakel.Role{schakel.RoleCaseWorker}})
		if err != nil {
			return fmt.Errorf("history worker: %w", err)
		}
		if err := tx.SaveProfessionalActive(id, false); err != nil {
			return err
		}
		r.historyWorker = id
	}
	return nil
}

// addContacts generates the contact moments of a flushed case: per month
// that Jeugdbescherming is on it, within the last contactYears, a count
// drawn around the average, each on a working hour of a day in that month.
func (g *generator) addContacts(bl *storage.BulkLoader, b *storage.BulkBatch, caseID int64, c *caseSim, closedAt *time.Time) {
	p, ok := c.parts[c.region.jb]
	if !ok || c.region.historyWorker == 0 {
		return
	}
	from := max(p.JoinedAt.Unix()/60, g.nowMin-contactYears*365*1440)
	to := g.nowMin
	if closedAt != nil {
		to = min(to, closedAt.Unix()/60)
	}
	rate := contactsPerMonth
	if c.caseload {
		rate = contactsPerMonthReduced
	}
	const month = 30 * 1440
	for start := from; start < to; start += month {
		span := min(to-start, month)
		n := g.contactCount(rate * float64(span) / month)
		for range n {
			day := start + g.contactRng.Int64N(span)
			day -= day % 1440
			at := day + int64(8*60+g.contactRng.IntN(9*60)) // 9:00–18:00 Amsterdam, roughly
			if at < from || at >= to {
				continue
			}
			b.Contacts = append(b.Contacts, storage.BulkContact{ID: bl.NextContactID(), CaseID: caseID, OrganisationID: c.region.jb,
				ProfessionalID: c.region.historyWorker, HeldAt: time.Unix(at*60, 0).UTC(), Summary: g.contactKind()})
		}
	}
}

// contactCount draws a Poisson count with mean m (Knuth's method: m is
// small).
func (g *generator) contactCount(m float64) int {
	limit, k, p := math.Exp(-m), 0, 1.0
	for {
		p *= g.contactRng.Float64()
		if p <= limit {
			return k
		}
		k++
	}
}

func (g *generator) contactKind() string {
	u := g.contactRng.Float64()
	for _, k := range contactKinds {
		if u < k.share {
			return k.summary
		}
		u -= k.share
	}
	return contactKinds[0].summary
}

// newContactRng is the contact moments' own generator, so that adding
// them left the rest of the history as it was.
func newContactRng(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed^0x27d4eb2f165667c5, seed^0x85ebca6b))
}
