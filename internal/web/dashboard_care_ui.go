package web

// The care part of the chain dashboard (issue 15, item 5).

import (
	"schakel/internal/app"
	"schakel/internal/care"
)

// careDashView is the care part of the dashboard with the day of its index.
type careDashView struct {
	app.CareDashboard
	Today string
}

// IndexRows are the index rows of every municipality together (overall)
// or of each municipality.
func (c careDashView) IndexRows(overall bool) []care.IndexRow {
	return rowsOf(c.Index, overall, func(r care.IndexRow) string { return r.Municipality })
}

// UnmetRows are the unmet-need rows, overall or per municipality.
func (c careDashView) UnmetRows(overall bool) []care.Unmet {
	return rowsOf(c.Unmet, overall, func(r care.Unmet) string { return r.Municipality })
}

// WaitRows are the waiting-time rows, overall or per municipality.
func (c careDashView) WaitRows(overall bool) []care.WaitGroup {
	return rowsOf(c.Waits, overall, func(r care.WaitGroup) string { return r.Municipality })
}

// rowsOf keeps the rows of every municipality together (no municipality:
// overall) or those of each municipality.
func rowsOf[T any](rows []T, overall bool, municipality func(T) string) []T {
	var out []T
	for _, r := range rows {
		if (municipality(r) == "") == overall {
			out = append(out, r)
		}
	}
	return out
}
