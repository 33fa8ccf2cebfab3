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
	var out []care.IndexRow
	for _, r := range c.Index {
		if (r.Municipality == "") == overall {
			out = append(out, r)
		}
	}
	return out
}

// UnmetRows are the unmet-need rows, overall or per municipality.
func (c careDashView) UnmetRows(overall bool) []care.Unmet {
	var out []care.Unmet
	for _, r := range c.Unmet {
		if (r.Municipality == "") == overall {
			out = append(out, r)
		}
	}
	return out
}

// WaitRows are the waiting-time rows, overall or per municipality.
func (c careDashView) WaitRows(overall bool) []care.WaitGroup {
	var out []care.WaitGroup
	for _, r := range c.Waits {
		if (r.Municipality == "") == overall {
			out = append(out, r)
		}
	}
	return out
}
