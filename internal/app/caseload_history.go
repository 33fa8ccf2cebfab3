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
	Week            string   `json:"week"`
	Label           string   `json:"label"`
	Members         int      `json:"members"`
	Cases           int      `json:"cases"`
	Children        int      `json:"children"`
	Measures        int      `json:"measures"`
	OverNorm        int      `json:"over_norm"` // members above 100 %
	Weighted        float64  `json:"weighted"`
	Capacity        float64  `json:"capacity"`
	Percent         *float64 `json:"percent"`
	Band            string   `json:"band"`
	WaitingCases    int      `json:"waiting_cases"`
	WaitingChildren int      `json:"waiting_children"`
}

// MemberTrend is one member's load in each week of the trend (nil: not
// recorded that week).
type MemberTrend struct {
	ProfessionalID int64      `json:"professional_id"`
	Name           string     `json:"name"`
	Percents       []*float64 `json:"percents"`
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
				Cases: m.Cases, Children: m.Children, Measures: m.Measures, Weighted: m.Weighted, Capacity: m.Capacity}); err != nil {
				return 0, err
			}
		}
		if err := tx.PutTeamWeek(storage.TeamWeek{Week: week, TeamID: t.TeamID, OrganisationID: org, Members: len(t.Members),
			Cases: t.Total.Cases, Children: t.Total.Children, Measures: t.Total.Measures, OverNorm: t.OverNorm,
			Weighted: t.Total.Weighted, Capacity: t.Total.Capacity, WaitingCases: len(waiting), WaitingChildren: children}); err != nil {
			return 0, err
		}
	}
	return len(loads), nil
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
			WaitingCases: r.WaitingCases, WaitingChildren: r.WaitingChildren, Band: "unknown"}
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
	byMember := map[int64][]*float64{}
	for _, w := range ws {
		if byMember[w.ProfessionalID] == nil {
			byMember[w.ProfessionalID] = make([]*float64, len(weeks))
		}
		if i, ok := at[w.Week]; ok && w.Capacity > 0 {
			p := caseload.PercentOf(w.Weighted, w.Capacity)
			byMember[w.ProfessionalID][i] = &p
		}
	}
	members := make([]MemberTrend, 0, len(team.Members))
	for _, m := range team.Members {
		ps := byMember[m.ProfessionalID]
		if ps == nil {
			ps = make([]*float64, len(weeks))
		}
		members = append(members, MemberTrend{ProfessionalID: m.ProfessionalID, Name: m.Name, Percents: ps})
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
