package demo

import (
	"context"
	"fmt"
	"math"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

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
