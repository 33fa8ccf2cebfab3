package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// TrendWeeks is how many weeks the trend shows, this week included.
const TrendWeeks = 8

// WeekLoad is a team's (or an organisation's) load in one ISO week.
type WeekLoad struct {
	Week string `json:"week"`
	// Contact moments with families in the week (logged conversations the
	// members took part in), the families seen, and moments per family held.
	Contacts          int      `json:"contacts"`
	FamiliesContacted int      `json:"families_contacted"`
	ContactsPerFamily float64  `json:"contacts_per_family"`
	Label             string   `json:"label"`
	Members           int      `json:"members"`
	Cases             int      `json:"cases"`
	Children          int      `json:"children"`
	Measures          int      `json:"measures"`
	OverNorm          int      `json:"over_norm"` // members above 100 %
	Weighted          float64  `json:"weighted"`
	Capacity          float64  `json:"capacity"`
	Percent           *float64 `json:"percent"`
	Band              string   `json:"band"`
	WaitingCases      int      `json:"waiting_cases"`
	WaitingChildren   int      `json:"waiting_children"`
}

// MemberTrend is one member's load in each week of the trend (nil: not
// recorded that week).
type MemberTrend struct {
	ProfessionalID int64      `json:"professional_id"`
	Name           string     `json:"name"`
	Percents       []*float64 `json:"percents"`
	Contacts       []*int     `json:"contacts"` // contact moments with families per week (nil: not recorded)
}

// RecordCaseloadWeek writes this week's load of every worker and team of
// every organisation with teams: the job behind the trend. Each run
// rewrites the current week's rows, so that a week keeps its last state;
// running it twice, or from two serve processes at once, leaves the same
// rows. Each organisation is its own transaction, audited as Schakel's
// own read. It returns the number of teams written.
func (a *App) RecordCaseloadWeek(ctx context.Context) (int, error) {
	week := caseload.Week(a.now().In(workdays.Location()))
	var orgs []int64
	if err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		orgs, err = tx.OrganisationsWithTeams()
		return err
	}); err != nil {
		return 0, err
	}
	system := schakel.SystemActor("caseload per week")
	teams := 0
	for _, org := range orgs {
		err := a.db.Update(ctx, func(tx *storage.Tx) error {
			n, err := a.recordOrganisationWeek(tx, org, week)
			if err != nil {
				return err
			}
			teams += n
			tx.Audit(system, audit.Entry{Event: audit.EventRead, ResourceType: "caseload_week", ResourceID: week, AccessBasis: audit.BasisSystem,
				Detail: fmt.Sprintf("caseload of organisation %d: %d teams", org, n)})
			return nil
		})
		if err != nil {
			return teams, err
		}
	}
	return teams, nil
}

func (a *App) recordOrganisationWeek(tx *storage.Tx, org int64, week string) (int, error) {
	loads, err := a.organisationLoads(tx, org)
	if err != nil {
		return 0, err
	}
	teamOf := map[int64]int64{}
	for _, t := range loads {
		for _, m := range t.Members {
			teamOf[m.ProfessionalID] = t.TeamID
		}
	}
	start := caseload.WeekStart(a.now().In(workdays.Location()))
	workers, teams, err := weekContacts(tx, org, start, teamOf)
	if err != nil {
		return 0, err
	}
	if err := refreshLastWeekContacts(tx, org, start, teamOf); err != nil {
		return 0, err
	}
	waiting, err := tx.WaitingForHolder(org)
	if err != nil {
		return 0, err
	}
	children := 0
	for _, w := range waiting {
		children += w.Children
	}
	for _, t := range loads {
		for _, m := range t.Members {
			if err := tx.PutWorkerWeek(storage.WorkerWeek{Week: week, ProfessionalID: m.ProfessionalID, TeamID: t.TeamID, OrganisationID: org,
				Cases: m.Cases, Children: m.Children, Measures: m.Measures, Weighted: m.Weighted, Capacity: m.Capacity,
				Contacts: workers[m.ProfessionalID].Moments, FamiliesContacted: workers[m.ProfessionalID].Families}); err != nil {
				return 0, err
			}
		}
		if err := tx.PutTeamWeek(storage.TeamWeek{Week: week, TeamID: t.TeamID, OrganisationID: org, Members: len(t.Members),
			Cases: t.Total.Cases, Children: t.Total.Children, Measures: t.Total.Measures, OverNorm: t.OverNorm,
			Weighted: t.Total.Weighted, Capacity: t.Total.Capacity, WaitingCases: len(waiting), WaitingChildren: children,
			Contacts: teams[t.TeamID].Moments, FamiliesContacted: teams[t.TeamID].Families}); err != nil {
			return 0, err
		}
	}
	return len(loads), nil
}

// weekContacts tallies the organisation's contact moments in the week
// that starts at start, per worker and per team.
func weekContacts(tx *storage.Tx, org int64, start time.Time, teamOf map[int64]int64) (workers, teams map[int64]caseload.Contacts, err error) {
	cs, err := tx.OrganisationContacts(org, start, start.AddDate(0, 0, 7))
	if err != nil {
		return nil, nil, err
	}
	ms := make([]caseload.Moment, 0, len(cs))
	for _, c := range cs {
		ms = append(ms, caseload.Moment{Worker: c.ProfessionalID, Case: c.CaseID, Count: c.Count})
	}
	workers, teams = caseload.TallyContacts(ms, teamOf)
	return workers, teams, nil
}

// refreshLastWeekContacts counts the week before again (a conversation
// is often logged days after it was held) and rewrites only the contact
// moments of its recorded rows.
func refreshLastWeekContacts(tx *storage.Tx, org int64, thisWeek time.Time, teamOf map[int64]int64) error {
	start := thisWeek.AddDate(0, 0, -7)
	workers, teams, err := weekContacts(tx, org, start, teamOf)
	if err != nil {
		return err
	}
	week := caseload.Week(start)
	done := map[int64]bool{}
	for worker, team := range teamOf {
		if err := tx.SetWeekContacts(week, worker, 0, workers[worker].Moments, workers[worker].Families); err != nil {
			return err
		}
		if !done[team] {
			done[team] = true
			if err := tx.SetWeekContacts(week, 0, team, teams[team].Moments, teams[team].Families); err != nil {
				return err
			}
		}
	}
	return nil
}

// trendWeeks returns the keys of the trend's weeks, oldest first, ending
// with this week.
func (a *App) trendWeeks() []string {
	now := a.now().In(workdays.Location())
	out := make([]string, TrendWeeks)
	for i := range out {
		out[i] = caseload.Week(now.AddDate(0, 0, -7*(TrendWeeks-1-i)))
	}
	return out
}

// weekLoads puts recorded weeks on the trend's weeks; a week without a
// record is left out.
func weekLoads(rows []storage.TeamWeek) []WeekLoad {
	out := make([]WeekLoad, 0, len(rows))
	for _, r := range rows {
		w := WeekLoad{Week: r.Week, Label: caseload.WeekDutch(r.Week), Members: r.Members, Cases: r.Cases, Children: r.Children,
			Measures: r.Measures, OverNorm: r.OverNorm, Weighted: r.Weighted, Capacity: r.Capacity,
			WaitingCases: r.WaitingCases, WaitingChildren: r.WaitingChildren, Band: "unknown",
			Contacts: r.Contacts, FamiliesContacted: r.FamiliesContacted, ContactsPerFamily: caseload.PerFamily(r.Contacts, r.Cases)}
		if r.Capacity > 0 {
			p := caseload.PercentOf(r.Weighted, r.Capacity)
			w.Percent, w.Band = &p, string(caseload.BandOf(p))
		}
		out = append(out, w)
	}
	return out
}

// teamTrend loads a team's weeks and its members' percents per week.
func (a *App) teamTrend(tx *storage.Tx, team schakel.Team) ([]WeekLoad, []MemberTrend, []string, error) {
	weeks := a.trendWeeks()
	rows, err := tx.TeamWeeks(team.ID, weeks[0])
	if err != nil {
		return nil, nil, nil, err
	}
	ws, err := tx.MemberWeeks(team.ID, weeks[0])
	if err != nil {
		return nil, nil, nil, err
	}
	at := map[string]int{}
	for i, w := range weeks {
		at[w] = i
	}
	byMember := map[int64]*MemberTrend{}
	members := make([]MemberTrend, 0, len(team.Members))
	for _, m := range team.Members {
		members = append(members, MemberTrend{ProfessionalID: m.ProfessionalID, Name: m.Name,
			Percents: make([]*float64, len(weeks)), Contacts: make([]*int, len(weeks))})
	}
	for i := range members {
		byMember[members[i].ProfessionalID] = &members[i]
	}
	for _, w := range ws {
		i, ok := at[w.Week]
		m := byMember[w.ProfessionalID]
		if !ok || m == nil {
			continue
		}
		n := w.Contacts
		m.Contacts[i] = &n
		if w.Capacity > 0 {
			p := caseload.PercentOf(w.Weighted, w.Capacity)
			m.Percents[i] = &p
		}
	}
	return weekLoads(rows), members, weeks, nil
}

// RunCaseloadHistory records the week every interval until ctx ends; for
// serve (every process may run it).
func (a *App) RunCaseloadHistory(ctx context.Context, every time.Duration, warn func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := a.RecordCaseloadWeek(ctx); err != nil && ctx.Err() == nil {
			warn(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
