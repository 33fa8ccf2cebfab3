package web

// The team board: the caseload of every member of the teams the team
// lead leads.

import (
	"net/http"

	"schakel/internal/app"
)

// boardRow is one member on the team board.
type boardRow struct {
	app.MemberLoad
	Percent, BandClass, Weighted, Capacity string
}

// boardView is one team on the page.
type boardView struct {
	app.TeamBoard
	Rows []boardRow
}

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
		}
		views = append(views, v)
	}
	// Every team of an organisation has the same waiting list: show it once.
	var waiting []app.WaitingCase
	if len(boards) > 0 {
		waiting = boards[0].Waiting
	}
	s.render(w, r, http.StatusOK, "team_board.html", map[string]any{"Boards": views, "Waiting": waiting})
}
