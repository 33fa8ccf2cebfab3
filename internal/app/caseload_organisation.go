package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
)

// TeamFigures is one team in the organisation view: counts and the load
// against the norm, no names.
type TeamFigures struct {
	TeamID   int64          `json:"team_id"`
	Name     string         `json:"name"`
	Members  int            `json:"members"`
	Cases    int            `json:"cases"`
	Children int            `json:"children"`
	Measures int            `json:"measures"`
	Weighted float64        `json:"weighted"`
	Capacity float64        `json:"capacity"`
	Percent  *float64       `json:"percent"`
	Band     string         `json:"band"`
	BandText string         `json:"band_text"`
	Bands    map[string]int `json:"bands"`     // members per band
	OverNorm int            `json:"over_norm"` // members above 100 %
	// Contact moments with families this month, and per family held.
	ContactsThisMonth int     `json:"contacts_this_month"`
	ContactsPerFamily float64 `json:"contacts_per_family"`
	// Asking a colleague along this month: requests made, and accepted
	// as the colleague, by the team's members.
	ColleagueAsked  int `json:"colleague_asked"`
	ColleagueJoined int `json:"colleague_joined"`
	// Support work this month for the team's case holders: tasks posted,
	// done, and the hours they saved.
	SupportPosted int     `json:"support_posted"`
	SupportDone   int     `json:"support_done"`
	SupportHours  float64 `json:"support_hours_saved"`
	// Asks to the team and quick questions this month, over the team's
	// members: counts and a median, no names.
	Asks AskCounts `json:"asks"`
}

// OrganisationFigures is the organisation view for management: every
// team's load, the whole organisation's, the waiting list as numbers,
// and the trend per week. No worker's or child's name is in it.
type OrganisationFigures struct {
	OrganisationID  int64         `json:"organisation_id"`
	Teams           []TeamFigures `json:"teams"`
	Total           TeamFigures   `json:"total"`
	WaitingCases    int           `json:"waiting_cases"`
	WaitingChildren int           `json:"waiting_children"`
	Trend           []WeekLoad    `json:"trend"`
}

// OrganisationCaseload returns the organisation view to the team leads
// and administrators of the actor's organisation; looking is audited.
func (a *App) OrganisationCaseload(ctx context.Context, actor *schakel.Actor) (OrganisationFigures, error) {
	org := actorOrg(actor)
	out := OrganisationFigures{OrganisationID: org, Teams: []TeamFigures{}, Trend: []WeekLoad{}}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.DecideOrganisationCaseload(access.SubjectFor(actor), org)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "organisation_caseload", ResourceID: fmt.Sprint(org), Detail: "organisation view"})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		loads, err := a.organisationLoads(tx, org)
		if err != nil {
			return err
		}
		var all []MemberLoad
		for _, t := range loads {
			out.Teams = append(out.Teams, figuresOf(t.TeamID, t.Name, t.Members))
			all = append(all, t.Members...)
		}
		out.Total = figuresOf(0, "Hele organisatie", all)
		waiting, err := tx.WaitingForHolder(org)
		if err != nil {
			return err
		}
		out.WaitingCases = len(waiting)
		for _, w := range waiting {
			out.WaitingChildren += w.Children
		}
		rows, err := tx.OrganisationWeeks(org, a.trendWeeks()[0])
		out.Trend = weekLoads(rows)
		return err
	})
	return out, err
}

// figuresOf sums members into a team's figures.
func figuresOf(id int64, name string, members []MemberLoad) TeamFigures {
	total, over := totalOf(members)
	f := TeamFigures{TeamID: id, OverNorm: over, Name: name, Members: len(members), Cases: total.Cases, Children: total.Children, Measures: total.Measures,
		Weighted: total.Weighted, Capacity: total.Capacity, Band: "unknown", BandText: "Onbekend: geen uren vastgelegd.", Bands: map[string]int{}}
	if total.Capacity > 0 {
		p := total.Percent
		f.Percent, f.Band, f.BandText = &p, string(total.Band), total.Band.Dutch()
	}
	for _, m := range members {
		f.Bands[m.Band]++
		f.ContactsThisMonth += m.ContactsThisMonth
		f.ColleagueAsked += m.ColleagueAsked
		f.ColleagueJoined += m.ColleagueJoined
		f.SupportPosted += m.SupportPosted
		f.SupportDone += m.SupportDone
		f.SupportHours += m.SupportHours
	}
	f.ContactsPerFamily = caseload.PerFamily(f.ContactsThisMonth, f.Cases)
	f.Asks = sumAsks(members)
	return f
}
