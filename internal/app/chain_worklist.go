package app

import (
	"fmt"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// courtOrderWindow bounds the court orders read for the work list: none
// warns longer than this before its end, and an unused placement
// authorisation lapses well within twice this after it was given.
const courtOrderWindow = 12 * 7 * 24 * time.Hour

// chainWorkItems are the work-list lines of the chain monitor for the
// actor: phases of cases the actor's organisation is responsible for that
// will pass their norm soon or already did ("norm"), and, for the
// jeugdbescherming, court orders nearing their end date or an unused
// placement authorisation nearing its lapse ("court_order"), for the
// guardian (the organisation's contact on the case) and the team lead.
//
// Only the storage.MaxNormItems most urgent norm alerts are listed;
// notShown says how many more there are.
func chainWorkItems(tx *storage.Tx, me *schakel.Professional, scope, team string) (items []storage.WorkItem, notShown int, err error) {
	items, notShown, err = tx.NormWorkItems(me, scope, team, normPhases(me.Organisation.Kind))
	if err != nil {
		return nil, 0, err
	}
	now := tx.Now()
	for i := range items {
		p, _ := chain.PhaseByID(items[i].Phase)
		items[i].Title = "Norm bijna voorbij: " + p.Label
		if items[i].DueAt.Before(now) {
			items[i].Title = "Norm voorbij: " + p.Label
		}
	}
	if me.Organisation.Kind != schakel.Jeugdbescherming {
		return items, notShown, nil
	}
	orders, err := tx.CourtOrders(me, scope, now.Add(-courtOrderWindow*2), now.Add(courtOrderWindow))
	if err != nil {
		return nil, 0, err
	}
	more, err := courtOrderItems(tx, orders)
	if err != nil {
		return nil, 0, err
	}
	return append(items, more...), notShown, nil
}

// normPhases are the phases whose norm an organisation of this kind
// answers for in the work list. The whole chain is the lead organisation's
// (regie) clock.
func normPhases(kind schakel.OrganisationKind) storage.NormPhases {
	out := storage.NormPhases{Regie: chain.PhaseChain}
	for _, p := range chain.Phases() {
		if p.Alert && p.Responsible == kind {
			out.Own = append(out.Own, p.ID)
		}
	}
	return out
}

// courtOrderItems warns of court orders nearing their end date that no
// later order of the same measure extends, and of placement
// authorisations nearing their lapse unused.
func courtOrderItems(tx *storage.Tx, orders []storage.CourtOrder) ([]storage.WorkItem, error) {
	var items []storage.WorkItem
	now := tx.Now()
	for i, o := range orders {
		mi, ok := chain.LookupMeasure(o.Measure)
		if !ok {
			continue
		}
		if !extendedLater(orders, i) && !now.Before(o.Ends.Add(-mi.WarnBefore)) {
			it := o.Item
			ends := o.Ends
			it.Kind, it.DueAt = "court_order", &ends
			it.Title = fmt.Sprintf("%s eindigt op %s. Vraag op tijd verlenging aan, of bereid het einde voor.", mi.Label, localDate(ends))
			items = append(items, it)
		}
		if o.Type != chain.CourtOrder || o.Measure != chain.PlacementAuthorisation {
			continue
		}
		it, lapses, err := unusedPlacement(tx, o)
		if err != nil {
			return nil, err
		}
		if lapses {
			items = append(items, it)
		}
	}
	return items, nil
}

// extendedLater tells whether a later order of the same measure on the
// same case follows orders[i].
func extendedLater(orders []storage.CourtOrder, i int) bool {
	o := orders[i]
	for j, x := range orders {
		if j != i && x.Item.CaseID == o.Item.CaseID && x.Measure == o.Measure && x.At.After(o.At) {
			return true
		}
	}
	return false
}

// unusedPlacement is the warning for a placement authorisation that no
// placement used and that lapses within three weeks (or did in the past
// week).
func unusedPlacement(tx *storage.Tx, o storage.CourtOrder) (storage.WorkItem, bool, error) {
	used, err := tx.PlacedSince(o.Item.CaseID, o.At)
	if err != nil {
		return storage.WorkItem{}, false, err
	}
	now := tx.Now()
	lapse := o.At.In(workdays.Location()).AddDate(0, chain.UnusedPlacementLapseMonths, 0).UTC()
	if used || !lapse.After(now.Add(-7*24*time.Hour)) || now.Before(lapse.Add(-21*24*time.Hour)) {
		return storage.WorkItem{}, false, nil
	}
	it := o.Item
	it.Kind, it.DueAt = "court_order", &lapse
	it.Title = fmt.Sprintf("De machtiging uithuisplaatsing is nog niet gebruikt en vervalt op %s.", localDate(lapse))
	return it, true, nil
}

// localDate is a date as the work list shows it (dd-mm-jjjj, Dutch time).
func localDate(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006") }
