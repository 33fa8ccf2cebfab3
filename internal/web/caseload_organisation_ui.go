package web

// The organisation view (/organisatie/caseload): every team's caseload
// against the norm, the waiting list and the trend per week, for the
// organisation's team leads and administrators. Counts only.

import (
	"net/http"

	"schakel/internal/app"
)

// figuresRow is a team (or the whole organisation) on the page.
type figuresRow struct {
	app.TeamFigures
	Percent, BandClass, Weighted, Capacity string
}

// weekRow is one week of a trend on a page.
type weekRow struct {
	app.WeekLoad
	Percent, BandClass, Weighted, Capacity, PerFamily string
}

func figuresRowOf(f app.TeamFigures) figuresRow {
	return figuresRow{TeamFigures: f, Percent: percentText(f.Percent), BandClass: bandClass(f.Band), Weighted: decimalNL(f.Weighted), Capacity: decimalNL(f.Capacity)}
}

// trendView is a trend table with the id of its heading (a page may
// show one per team).
type trendView struct {
	ID, Title string
	Rows      []weekRow
}

func weekRowsOf(ws []app.WeekLoad) []weekRow {
	out := make([]weekRow, 0, len(ws))
	for i := len(ws) - 1; i >= 0; i-- { // newest first
		w := ws[i]
		out = append(out, weekRow{WeekLoad: w, Percent: percentText(w.Percent), BandClass: bandClass(w.Band), Weighted: decimalNL(w.Weighted), Capacity: decimalNL(w.Capacity),
			PerFamily: decimalNL(w.ContactsPerFamily)})
	}
	return out
}

func (s *Server) pageOrganisationCaseload(w http.ResponseWriter, r *http.Request) {
	o, err := s.app.OrganisationCaseload(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows := make([]figuresRow, 0, len(o.Teams))
	for _, t := range o.Teams {
		rows = append(rows, figuresRowOf(t))
	}
	s.render(w, r, http.StatusOK, "organisation_caseload.html", map[string]any{"O": o, "Rows": rows, "Total": figuresRowOf(o.Total), "Trend": trendView{ID: "kop-trend", Title: "Verloop per week", Rows: weekRowsOf(o.Trend)}})
}
