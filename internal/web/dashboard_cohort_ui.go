package web

// The chain dashboard's intervention comparison (issue 14, item 6): the
// chosen cohort against the rest of the region over the same period.

import (
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/intervention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// cohortVersus is the comparison on the page.
type cohortVersus struct {
	Name, Intervention, Period string
	Rows                       []versusRow
}

// versusRow is one figure for the cohort and for the rest.
type versusRow struct{ Label, Cohort, Rest string }

// fillCohortVersus compares the filter's cohort with the rest; an
// unknown cohort shows no comparison.
func (s *Server) fillCohortVersus(r *http.Request, v *dashboardView, f storage.LeadtimeFilter) error {
	c, err := s.app.CompareCohort(r.Context(), actor(r), f.CohortID, f)
	if schakel.ErrorCode(err) == schakel.ENOTFOUND {
		return nil
	} else if err != nil {
		return err
	}
	v.Versus = versusOf(c)
	return nil
}

func versusOf(c app.CohortComparison) *cohortVersus {
	out := &cohortVersus{Name: c.Cohort.Name, Intervention: intervention.Kind(c.Cohort.Intervention).Label(), Period: "alles"}
	if c.From != nil || c.To != nil {
		from, to := "het begin", "nu"
		if c.From != nil {
			from = c.From.In(workdays.Location()).Format("02-01-2006")
		}
		if c.To != nil {
			to = c.To.In(workdays.Location()).AddDate(0, 0, -1).Format("02-01-2006")
		}
		out.Period = from + " tot en met " + to
	}
	figure := func(label string, get func(s intervention.Side) string) {
		out.Rows = append(out.Rows, versusRow{Label: label, Cohort: sideText(c.InCohort, get), Rest: sideText(c.Rest, get)})
	}
	figure("Casussen in de periode", func(s intervention.Side) string { return strconv.Itoa(s.Cases) })
	figure("Doorlooptijd hele keten, mediaan", func(s intervention.Side) string {
		if s.LeadMedianDays == nil {
			return "niet te tonen (" + strconv.Itoa(s.LeadCount) + " afgerond)"
		}
		return decimalNL(*s.LeadMedianDays) + " dagen (" + strconv.Itoa(s.LeadCount) + " afgerond)"
	})
	figure("Contactmomenten per gezin per maand", func(s intervention.Side) string { return optNL(s.ContactsPerFamilyMonth) })
	figure("Uithuisplaatsingen", func(s intervention.Side) string { return countPer100(s.Placements, s.PlacementsPer100) })
	figure("Herhaalde meldingen", func(s intervention.Side) string { return countPer100(s.RepeatReports, s.RepeatPer100) })
	return out
}

// sideText is a figure of a side, or why it is not shown.
func sideText(s intervention.Side, get func(intervention.Side) string) string {
	switch {
	case s.Cases == 0:
		return "geen casussen"
	case s.Suppressed:
		return "minder dan 5 casussen: niet getoond"
	}
	return get(s)
}

func optNL(p *float64) string {
	if p == nil {
		return "–"
	}
	return decimalNL(*p)
}

func countPer100(n *int, per *float64) string {
	if n == nil {
		return "–"
	}
	return strconv.Itoa(*n) + " (" + optNL(per) + " per 100 casussen)"
}
