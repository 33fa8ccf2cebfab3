package app

import (
	"time"

	"schakel/internal/caseload"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// contactTally is the contact moments with families (logged family
// conversations a worker took part in) this month and last month, per
// worker and per worker and case.
type contactTally struct {
	this, last map[int64]int
	perCase    map[[2]int64]int // this month, by worker and case
}

// contactsIn loads the tally with load (one worker, a team or an
// organisation) for the months of the organisation's calendar.
func (a *App) contactsIn(load func(from, to time.Time) ([]storage.ContactCount, error)) (contactTally, error) {
	t := contactTally{this: map[int64]int{}, last: map[int64]int{}, perCase: map[[2]int64]int{}}
	this, last := caseload.Months(a.now().In(workdays.Location()))
	cur, err := load(this, this.AddDate(0, 1, 0))
	if err != nil {
		return t, err
	}
	for _, c := range cur {
		t.this[c.ProfessionalID] += c.Count
		t.perCase[[2]int64{c.ProfessionalID, c.CaseID}] += c.Count
	}
	prev, err := load(last, this)
	for _, c := range prev {
		t.last[c.ProfessionalID] += c.Count
	}
	return t, err
}

// onMember puts a member's contact moments on their line.
func (t contactTally) onMember(m *MemberLoad) {
	m.ContactsThisMonth, m.ContactsLastMonth = t.this[m.ProfessionalID], t.last[m.ProfessionalID]
	m.ContactsPerFamily = caseload.PerFamily(m.ContactsThisMonth, m.Cases)
}

// onCaseload puts a worker's contact moments on their own caseload and
// on each case they hold.
func (t contactTally) onCaseload(cl *Caseload) {
	cl.ContactsThisMonth, cl.ContactsLastMonth = t.this[cl.ProfessionalID], t.last[cl.ProfessionalID]
	cl.ContactsPerFamily = caseload.PerFamily(cl.ContactsThisMonth, cl.Cases)
	for i := range cl.Held {
		cl.Held[i].ContactsThisMonth = t.perCase[[2]int64{cl.ProfessionalID, cl.Held[i].CaseID}]
	}
}

// thisMonth is the calendar month of now in the organisation's zone.
func (a *App) thisMonth() (from, to time.Time) {
	from, _ = caseload.Months(a.now().In(workdays.Location()))
	return from, from.AddDate(0, 1, 0)
}

// onMemberColleagues puts how often a member asked a colleague along
// this month, and went along themselves, on their line.
func onMemberColleagues(c storage.ColleagueCounts, m *MemberLoad) {
	m.ColleagueAsked, m.ColleagueJoined = c.Asked[m.ProfessionalID], c.Joined[m.ProfessionalID]
}

// onMemberSupport puts the support work done for a member as case holder
// this month on their line.
func onMemberSupport(c map[int64]storage.SupportCount, m *MemberLoad) {
	s := c[m.ProfessionalID]
	m.SupportPosted, m.SupportDone, m.SupportHours = s.Posted, s.Done, s.Hours
}
