package app

import (
	"time"

	"schakel/internal/caseload"
	"schakel/internal/storage"
)

// teamLoad is one team's members weighed against the norm, and their sum.
type teamLoad struct {
	TeamID   int64
	Name     string
	Members  []MemberLoad
	Total    caseload.Load
	OverNorm int // members above 100 %
}

// organisationLoads weighs every member of every team of an
// organisation with two queries for the whole organisation (members and
// held cases), for the weekly history and the organisation view.
func (a *App) organisationLoads(tx *storage.Tx, org int64) ([]teamLoad, error) {
	members, err := tx.OrganisationMembers(org)
	if err != nil {
		return nil, err
	}
	held, err := tx.OrganisationHeldCases(org)
	if err != nil {
		return nil, err
	}
	w, err := weightsOf(tx, org)
	if err != nil {
		return nil, err
	}
	n, err := normOf(tx, org)
	if err != nil {
		return nil, err
	}
	tally, err := a.contactsIn(func(from, to time.Time) ([]storage.ContactCount, error) {
		return tx.OrganisationContacts(org, from, to)
	})
	if err != nil {
		return nil, err
	}
	from, to := a.thisMonth()
	colleagues, err := tx.OrganisationColleagueCounts(org, from, to)
	if err != nil {
		return nil, err
	}
	support, err := tx.OrganisationSupportCounts(org, from, to)
	if err != nil {
		return nil, err
	}
	asks, err := tx.OrganisationAskFigures(org, from, to)
	if err != nil {
		return nil, err
	}
	byMember := map[int64][]storage.HeldCase{}
	for _, h := range held {
		byMember[h.ProfessionalID] = append(byMember[h.ProfessionalID], h)
	}
	var out []teamLoad
	for _, m := range members {
		if len(out) == 0 || out[len(out)-1].TeamID != m.TeamID {
			out = append(out, teamLoad{TeamID: m.TeamID, Name: m.TeamName, Members: []MemberLoad{}})
		}
		if m.ProfessionalID == 0 || m.SupportOnly {
			continue // a team without members; a support worker holds no cases
		}
		t := &out[len(out)-1]
		ml := a.memberLoad(m.ProfessionalID, m.Name, byMember[m.ProfessionalID],
			storage.Membership{TeamID: m.TeamID, HoursPerWeek: m.HoursPerWeek, StartedOn: m.StartedOn}, n, w)
		tally.onMember(&ml)
		onMemberColleagues(colleagues, &ml)
		onMemberSupport(support, &ml)
		ml.Asks = askCountsOf(asks, m.ProfessionalID)
		t.Members = append(t.Members, ml)
	}
	for i := range out {
		out[i].Total, out[i].OverNorm = totalOf(out[i].Members)
	}
	return out, nil
}

// memberLoad weighs one member's held cases.
func (a *App) memberLoad(id int64, name string, held []storage.HeldCase, m storage.Membership, n caseload.Norm, w caseload.Weights) MemberLoad {
	cl := a.caseloadOf(id, held, m, true, n, w)
	return MemberLoad{ProfessionalID: id, Name: name, HoursPerWeek: m.HoursPerWeek, RampShare: cl.RampShare,
		Cases: cl.Cases, Children: cl.Children, Measures: cl.Measures, Weighted: cl.Weighted, Capacity: cl.Capacity,
		Percent: cl.Percent, Band: cl.Band, BandText: cl.BandText}
}

// totalOf adds up members' loads with the rule.
func totalOf(members []MemberLoad) (caseload.Load, int) {
	loads := make([]caseload.Load, 0, len(members))
	for _, m := range members {
		l := caseload.Load{Cases: m.Cases, Children: m.Children, Measures: m.Measures, Weighted: m.Weighted, Capacity: m.Capacity}
		l.Percent = caseload.PercentOf(m.Weighted, m.Capacity)
		loads = append(loads, l)
	}
	return caseload.Total(loads)
}
