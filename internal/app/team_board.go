package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
)

// MemberLoad is one team member's caseload on the team board: counts and
// the load against the norm, no case content.
type MemberLoad struct {
	ProfessionalID int64    `json:"professional_id"`
	Name           string   `json:"name"`
	HoursPerWeek   int      `json:"hours_per_week"`
	RampShare      float64  `json:"ramp_share"`
	Cases          int      `json:"cases"`
	Children       int      `json:"children"`
	Measures       int      `json:"measures"`
	Weighted       float64  `json:"weighted"`
	Capacity       float64  `json:"capacity"`
	Percent        *float64 `json:"percent"`
	Band           string   `json:"band"`
	BandText       string   `json:"band_text"`
	// Contact moments with families this month and last month, and this
	// month's per family held.
	ContactsThisMonth int     `json:"contacts_this_month"`
	ContactsLastMonth int     `json:"contacts_last_month"`
	ContactsPerFamily float64 `json:"contacts_per_family"`
	// Asking a colleague along this month: requests the member made, and
	// requests they accepted as the colleague.
	ColleagueAsked  int `json:"colleague_asked"`
	ColleagueJoined int `json:"colleague_joined"`
	// Asks to the team and quick questions this month (caseload_asks.go).
	Asks AskCounts `json:"asks"`
	// Support work this month for the member as case holder: tasks
	// posted, tasks done and the hours they saved.
	SupportPosted int     `json:"support_posted"`
	SupportDone   int     `json:"support_done"`
	SupportHours  float64 `json:"support_hours_saved"`
}

// TeamBoard is the caseload of every member of a team, for its team lead.
type TeamBoard struct {
	TeamID  int64          `json:"team_id"`
	Name    string         `json:"name"`
	Members []MemberLoad   `json:"members"`
	Bands   map[string]int `json:"bands"` // members per band
	// Waiting is the organisation's waiting list: cases with a running
	// measure and no case holder of the organisation, longest first.
	Waiting         []WaitingCase `json:"waiting"`
	WaitingChildren int           `json:"waiting_children"`
	// The trend: the weeks recorded of the last TrendWeeks (oldest
	// first), and each member's percent in each of Weeks.
	Weeks        []string      `json:"weeks"`
	Trend        []WeekLoad    `json:"trend"`
	MemberTrends []MemberTrend `json:"member_trends"`
	// SupportTasks are the team's running support tasks (open and
	// claimed): kind, due date, case holder, claimant; no brief.
	SupportTasks []schakel.SupportTask `json:"support_tasks"`
	SupportHours float64               `json:"support_hours_saved"` // this month
	// SupportWorkers are the team's support workers without a case role,
	// with their hours; they are not in Members.
	SupportWorkers []schakel.TeamMember `json:"support_workers"`
	// Asks is the team's asking along this month, over its members.
	Asks AskCounts `json:"asks"`
}

// WaitingCase is a case on the waiting list: its number, how many
// children wait, since when and how many days.
type WaitingCase struct {
	CaseID   int64     `json:"case_id"`
	Children int       `json:"children"`
	Since    time.Time `json:"since"`
	Days     int       `json:"days"`
}

// TeamCaseload returns a team's board. Team leads of the team's
// organisation may see it; looking is audited.
func (a *App) TeamCaseload(ctx context.Context, actor *schakel.Actor, teamID int64) (TeamBoard, error) {
	var out TeamBoard
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		out, err = a.teamBoard(tx, actor, teamID, map[int64][]storage.WaitingCase{})
		return err
	})
	return out, err
}

// MyTeamBoards returns the boards of the teams the actor leads.
func (a *App) MyTeamBoards(ctx context.Context, actor *schakel.Actor) ([]TeamBoard, error) {
	out := []TeamBoard{}
	if actor == nil || actor.Professional == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen teamleiders zien het teambord.")
	}
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		ids, err := tx.TeamsLedBy(actor.Professional.ID)
		if err != nil {
			return err
		}
		// The waiting list is the organisation's, the same for each of
		// its teams, and the board's most costly part: read it once.
		waiting := map[int64][]storage.WaitingCase{}
		for _, id := range ids {
			b, err := a.teamBoard(tx, actor, id, waiting)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return nil
	})
	return out, err
}

// teamBoard builds one team's board; waitingOf keeps the waiting lists
// already read, by organisation.
func (a *App) teamBoard(tx *storage.Tx, actor *schakel.Actor, teamID int64, waitingOf map[int64][]storage.WaitingCase) (TeamBoard, error) {
	team, err := tx.TeamRecord(teamID)
	if err != nil {
		return TeamBoard{}, err
	}
	d := access.DecideTeamBoard(access.SubjectFor(actor), team.OrganisationID)
	tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "team_caseload", ResourceID: fmt.Sprint(teamID), Detail: "team board"})
	if !d.Allowed {
		return TeamBoard{}, tx.Refuse(d)
	}
	w, err := weightsOf(tx, team.OrganisationID)
	if err != nil {
		return TeamBoard{}, err
	}
	n, err := normOf(tx, team.OrganisationID)
	if err != nil {
		return TeamBoard{}, err
	}
	held, err := tx.TeamHeldCases(teamID)
	if err != nil {
		return TeamBoard{}, err
	}
	byMember := map[int64][]storage.HeldCase{}
	for _, h := range held {
		byMember[h.ProfessionalID] = append(byMember[h.ProfessionalID], h)
	}
	out := TeamBoard{TeamID: team.ID, Name: team.Name, Members: []MemberLoad{}, Bands: map[string]int{}, SupportWorkers: []schakel.TeamMember{}}
	tally, err := a.contactsIn(func(from, to time.Time) ([]storage.ContactCount, error) { return tx.TeamContacts(teamID, from, to) })
	if err != nil {
		return TeamBoard{}, err
	}
	from, to := a.thisMonth()
	colleagues, err := tx.TeamColleagueCounts(teamID, from, to)
	if err != nil {
		return TeamBoard{}, err
	}
	support, err := tx.TeamSupportCounts(teamID, from, to)
	if err != nil {
		return TeamBoard{}, err
	}
	if out.SupportTasks, err = tx.TeamSupportTasks(teamID); err != nil {
		return TeamBoard{}, err
	}
	for _, m := range team.Members {
		if m.SupportOnly {
			// A support worker holds no cases: their hours are no
			// capacity. They are listed with the support tasks.
			out.SupportWorkers = append(out.SupportWorkers, m)
			continue
		}
		ml := a.memberLoad(m.ProfessionalID, m.Name, byMember[m.ProfessionalID], storage.Membership{TeamID: team.ID, HoursPerWeek: m.HoursPerWeek, StartedOn: m.StartedOn}, n, w)
		tally.onMember(&ml)
		onMemberColleagues(colleagues, &ml)
		onMemberSupport(support, &ml)
		out.SupportHours += ml.SupportHours
		out.Members = append(out.Members, ml)
		out.Bands[ml.Band]++
	}
	if err := teamAsks(tx, &out, from, to); err != nil {
		return TeamBoard{}, err
	}
	if out.Trend, out.MemberTrends, out.Weeks, err = a.teamTrend(tx, team); err != nil {
		return TeamBoard{}, err
	}
	waiting, ok := waitingOf[team.OrganisationID]
	if !ok {
		if waiting, err = tx.WaitingForHolder(team.OrganisationID); err != nil {
			return TeamBoard{}, err
		}
		waitingOf[team.OrganisationID] = waiting
	}
	out.Waiting = make([]WaitingCase, 0, len(waiting))
	for _, w := range waiting {
		out.Waiting = append(out.Waiting, WaitingCase{CaseID: w.CaseID, Children: w.Children, Since: w.Since, Days: int(a.now().Sub(w.Since).Hours() / 24)})
		out.WaitingChildren += w.Children
	}
	return out, nil
}
