package care

import (
	"time"

	"schakel/internal/chain"
	"schakel/internal/workdays"
)

// The 3-month norm for help after a measure (issue 15, item 5; the norms
// in DESIGN.md: after a court measure help has started within 3 months).
//
// A measure starts on the day of the first effective court order on a
// case (an extension continues the measure, it does not start one; a
// later order on the same case, such as a supervision order after an
// interim one, continues it as well). Help after the measure is care
// asked for by need on the case on or after that day (Europe/Amsterdam),
// and it starts when that care started; care asked for before the measure
// does not count, as it was not the help the measure asked for. A case
// whose family has no child on record counts as one child. Children are those of the case's family: every
// child of the family counts, as the measure and the care are the case's.
//
// Per child: within the norm when the care started on or before the day 3
// calendar months after the measure; late when it started after; overdue
// when it has not started and that day has passed; still open when it has
// not started and the day has not come (not judged). The share is within
// ÷ (within + late + overdue); fewer than chain.MinShown judged children
// show the counts only.

// MeasureNormMonths is the norm: help started within this many months.
const MeasureNormMonths = 3

// MeasureRow is one case's first measure and the first care after it.
type MeasureRow struct {
	Children     int
	MeasureStart time.Time
	CareStarted  *time.Time
}

// MeasureNorm is the norm's outcome over a group of measures.
type MeasureNorm struct {
	Measures   int      `json:"measures"`
	Children   int      `json:"children"`
	Within     int      `json:"within"`
	Late       int      `json:"late"`
	Overdue    int      `json:"overdue"`
	Open       int      `json:"still_open"`
	Share      *float64 `json:"within_share"`
	Suppressed bool     `json:"suppressed"`
	// MedianDays is the median of days from measure to care, of the
	// children whose care started.
	MedianDays *float64 `json:"median_days"`
}

// HelpAfterMeasure judges the rows at now.
func HelpAfterMeasure(rows []MeasureRow, now time.Time) MeasureNorm {
	var out MeasureNorm
	today, _ := Day(dateOf(now))
	var started []float64
	for _, r := range rows {
		out.Measures++
		out.Children += r.Children
		start, _ := Day(dateOf(r.MeasureStart))
		due := start.In(workdays.Location()).AddDate(0, MeasureNormMonths, 0).UTC()
		switch {
		case r.CareStarted != nil:
			d, _ := Day(dateOf(*r.CareStarted))
			if d.After(due) {
				out.Late += r.Children
			} else {
				out.Within += r.Children
			}
			for range r.Children {
				started = append(started, calendarDays(r.MeasureStart, *r.CareStarted))
			}
		case today.After(due):
			out.Overdue += r.Children
		default:
			out.Open += r.Children
		}
	}
	judged := out.Within + out.Late + out.Overdue
	out.Suppressed = chain.TooFewToShow(int64(judged))
	if judged > 0 && !out.Suppressed {
		share := float64(out.Within) / float64(judged)
		out.Share = &share
	}
	if s := smallSpread(started, out.Suppressed); s.Median != nil {
		out.MedianDays = s.Median
	}
	return out
}
