package web

// The team board: the caseload of every member of the teams the team
// lead leads.

import (
	"net/http"
	"strconv"

	"schakel/internal/app"
	"schakel/internal/caseload"
)

// boardRow is one member on the team board.
type boardRow struct {
	app.MemberLoad
	Percent, BandClass, Weighted, Capacity string
}

// boardView is one team on the page.
type boardView struct {
	app.TeamBoard
	Rows        []boardRow
	Trend       trendView
	WeekLabels  []string
	MemberTrend []memberTrendRow
	// SupportRows are the members who asked for support this month.
	SupportRows []app.MemberLoad
}

// memberTrendRow is a member's percent in each week of the trend.
type memberTrendRow struct {
	Name  string
	Cells []trendCell
}

// trendCell is one week of a member's trend.
type trendCell struct{ Week, Percent, Contacts string }

func (s *Server) pageTeamBoard(w http.ResponseWriter, r *http.Request) {
	boards, err := s.app.MyTeamBoards(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	views := make([]boardView, 0, len(boards))
	for _, b := range boards {
		v := boardView{TeamBoard: b}
		for _, m := range b.Members {
			v.Rows = append(v.Rows, boardRow{MemberLoad: m, Percent: percentText(m.Percent), BandClass: bandClass(m.Band),
				Weighted: decimalNL(m.Weighted), Capacity: decimalNL(m.Capacity)})
			if m.SupportPosted+m.SupportDone > 0 {
				v.SupportRows = append(v.SupportRows, m)
			}
		}
		v.Trend = trendView{ID: "trend-" + itoa64(b.TeamID), Title: "Verloop per week: " + b.Name, Rows: weekRowsOf(b.Trend)}
		v.WeekLabels, v.MemberTrend = memberTrendRows(b)
		views = append(views, v)
	}
	// Every team of an organisation has the same waiting list: show it once.
	var waiting []app.WaitingCase
	if len(boards) > 0 {
		waiting = boards[0].Waiting
	}
	s.render(w, r, http.StatusOK, "team_board.html", map[string]any{"Boards": views, "Waiting": waiting})
}

// memberTrendRows lays out each member's percent per week, newest week
// first like the team's trend; "–" for a week without a record.
func memberTrendRows(b app.TeamBoard) ([]string, []memberTrendRow) {
	if len(b.Trend) == 0 {
		return nil, nil
	}
	labels := make([]string, 0, len(b.Weeks))
	for i := len(b.Weeks) - 1; i >= 0; i-- {
		labels = append(labels, caseload.WeekDutch(b.Weeks[i]))
	}
	rows := make([]memberTrendRow, 0, len(b.MemberTrends))
	for _, m := range b.MemberTrends {
		r := memberTrendRow{Name: m.Name}
		for i := len(m.Percents) - 1; i >= 0; i-- {
			p := percentText(m.Percents[i])
			if p == "" {
				p = "–"
			}
			c := "–"
			if i < len(m.Contacts) && m.Contacts[i] != nil {
				c = strconv.Itoa(*m.Contacts[i])
			}
			r.Cells = append(r.Cells, trendCell{Week: labels[len(m.Percents)-1-i], Percent: p, Contacts: c})
		}
		rows = append(rows, r)
	}
	return labels, rows
}
