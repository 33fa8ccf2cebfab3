package web

// The lead-time dashboard (issue 5).

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/chain"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

type phaseTableRow struct {
	storage.PhaseStats
	Target float64
}

type dashboardView struct {
	Filter        map[string]string
	Errors        []schakel.FieldError
	Regions       []uiOption
	Municipality  []uiOption
	Organisations []uiOption
	Cohorts       []uiOption
	Compare       []uiOption
	TrendPhases   []uiOption
	Rows          []phaseTableRow
	Chain         storage.PhaseStats
	D             storage.Dashboard
	LeadChart     template.HTML
	WithinChart   template.HTML
	TrendChart    template.HTML
	WaitChart     template.HTML
	PlaceChart    template.HTML
	RepeatChart   template.HTML
	CompareChart  template.HTML
	CompareA      string
	CompareB      string
	CompareRows   []compareRow
	TrendLabel    string
	Period        string
	CanExport     bool
	ExportQuery   string
	Waiting       []storage.WaitingStat
	// ReviewChecks are the placement-prevention check cohorts of the
	// period and region (none for the whole country).
	ReviewChecks []prevention.CheckCohort
	// Care is care asked for by need (issue 15, item 5).
	Care careDashView
	// Versus is the chosen cohort against the rest of the region.
	Versus *cohortVersus
}

func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	me := actor(r).Professional
	if d := access.Decide(access.SubjectOf(me), access.Dashboards, access.Read, access.Context{}); !d.Allowed {
		s.pageError(w, r, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason))
		return
	}
	today := s.app.Now().In(workdays.Location())
	vals := dashboardQuery(r.URL.Query(), today, me.Organisation.RegionID)
	f, ferr := leadtimeFilter(&http.Request{URL: &url.URL{RawQuery: vals.Encode()}})
	status := http.StatusOK
	v := dashboardView{Filter: map[string]string{}}
	for _, k := range []string{"from", "to", "region", "municipality", "organisation", "cohort", "compare", "trend"} {
		v.Filter[k] = vals.Get(k)
	}
	compareID, cerr := compareOf(vals.Get("compare"))
	if ferr != nil || cerr != nil {
		v.Errors = append(schakel.FieldErrors(ferr), schakel.FieldErrors(cerr)...)
		status = http.StatusUnprocessableEntity
		f = storage.LeadtimeFilter{RegionID: me.Organisation.RegionID}
	}
	trend := vals.Get("trend")
	if _, ok := chain.PhaseByCode(trend); !ok {
		trend = "chain"
	}
	d, err := s.app.Dashboard(r.Context(), actor(r), f, trend)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.D, v.Chain = d, d.Leadtimes.Chain
	if v.ReviewChecks, err = s.app.ReviewCohorts(r.Context(), actor(r), f); err != nil {
		s.pageError(w, r, err)
		return
	}
	if v.Care.CareDashboard, err = s.app.CareDashboard(r.Context(), actor(r), f); err != nil {
		s.pageError(w, r, err)
		return
	}
	v.Care.Today = today.Format("02-01-2006")
	v.CanExport = access.Decide(access.SubjectOf(me), access.EventLog, access.Read, access.Context{}).Allowed
	v.setExport(ferr == nil)
	v.setPeriod(f)
	names, err := s.dashboardChoices(r, &v, f, compareID, trend)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all := v.fillCharts(d, f, trend, today)
	if f.CohortID != 0 && ferr == nil {
		if err := s.fillCohortVersus(r, &v, f); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if f.CohortID != 0 && compareID != 0 && ferr == nil {
		if err := s.compareCohorts(r, &v, f, compareID, names, all); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	s.render(w, r, status, "dashboard.html", map[string]any{"V": v})
}

// dashboardQuery is the dashboard's query with its defaults: the home
// region, the last 12 whole months up to today; region 0 is the whole
// country.
func dashboardQuery(q url.Values, today time.Time, homeRegion int64) url.Values {
	vals := url.Values{}
	for k, v := range q {
		vals[k] = v
	}
	if !q.Has("from") && !q.Has("to") {
		vals.Set("from", today.AddDate(-1, 0, 1).Format(time.DateOnly))
		vals.Set("to", today.Format(time.DateOnly))
	}
	if !q.Has("region") {
		vals.Set("region", strconv.FormatInt(homeRegion, 10))
	}
	if vals.Get("region") == "0" {
		vals.Set("region", "") // the whole country
	}
	return vals
}

// setExport keeps the period and region of a valid filter for the export link.
func (v *dashboardView) setExport(valid bool) {
	exp := url.Values{}
	for _, k := range []string{"from", "to", "region"} {
		if x := v.Filter[k]; x != "" && valid {
			exp.Set(k, x)
		}
	}
	v.ExportQuery = exp.Encode()
}

// setPeriod names the filter's period in words.
func (v *dashboardView) setPeriod(f storage.LeadtimeFilter) {
	v.Period = "alles"
	if f.From.IsZero() && f.To.IsZero() {
		return
	}
	from, to := "het begin", "nu"
	if !f.From.IsZero() {
		from = f.From.In(workdays.Location()).Format("02-01-2006")
	}
	if !f.To.IsZero() {
		to = f.To.In(workdays.Location()).AddDate(0, 0, -1).Format("02-01-2006")
	}
	v.Period = from + " tot en met " + to
}

// dashboardChoices fills the filter's choices (regions, municipalities,
// organisations, cohorts, trend phases) and returns the cohorts' names.
func (s *Server) dashboardChoices(r *http.Request, v *dashboardView, f storage.LeadtimeFilter, compareID int64, trend string) (map[int64]string, error) {
	regions, err := s.app.Regions(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	v.Regions = append(v.Regions, uiOption{Value: "0", Label: "Heel Nederland", Selected: f.RegionID == 0})
	for _, rg := range regions {
		v.Regions = append(v.Regions, uiOption{Value: strconv.FormatInt(rg.ID, 10), Label: rg.Name, Selected: rg.ID == f.RegionID})
	}
	v.Municipality = append(v.Municipality, uiOption{Value: "", Label: "Alle gemeenten", Selected: f.Municipality == ""})
	munis, err := s.app.Municipalities(r.Context(), actor(r), f.RegionID)
	if err != nil {
		// The filter still works without the list (all municipalities).
		s.logFailure(r, "municipalities", err)
	}
	for _, m := range munis {
		v.Municipality = append(v.Municipality, uiOption{Value: m, Label: m, Selected: m == f.Municipality})
	}
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		return nil, err
	}
	v.Organisations = append(v.Organisations, uiOption{Value: "", Label: "Alle organisaties", Selected: f.OrganisationID == 0})
	for _, o := range orgs {
		if f.RegionID == 0 || o.RegionID == f.RegionID {
			v.Organisations = append(v.Organisations, uiOption{Value: strconv.FormatInt(o.ID, 10), Label: o.Name, Selected: o.ID == f.OrganisationID})
		}
	}
	cohorts, err := s.app.Cohorts(r.Context(), actor(r), 0)
	if err != nil {
		return nil, err
	}
	v.Cohorts = append(v.Cohorts, uiOption{Value: "", Label: "Alle casussen", Selected: f.CohortID == 0})
	v.Compare = append(v.Compare, uiOption{Value: "", Label: "Niet vergelijken", Selected: compareID == 0})
	names := map[int64]string{}
	for _, k := range cohorts {
		names[k.ID] = k.Name
		v.Cohorts = append(v.Cohorts, uiOption{Value: strconv.FormatInt(k.ID, 10), Label: k.Name, Selected: k.ID == f.CohortID})
		v.Compare = append(v.Compare, uiOption{Value: strconv.FormatInt(k.ID, 10), Label: k.Name, Selected: k.ID == compareID})
	}
	for _, p := range chain.Phases() {
		v.TrendPhases = append(v.TrendPhases, uiOption{Value: p.Code, Label: p.Label, Selected: p.Code == trend})
		if p.Code == trend {
			v.TrendLabel = p.Label
		}
	}
	return names, nil
}

// fillCharts fills the tables and charts and returns the phases with the
// whole chain last.
func (v *dashboardView) fillCharts(d storage.Dashboard, f storage.LeadtimeFilter, trend string, today time.Time) []storage.PhaseStats {
	all := append(slices.Clone(d.Leadtimes.Phases), d.Leadtimes.Chain)
	var lead []leadRow
	var share []shareRow
	for _, p := range all {
		row := phaseTableRow{PhaseStats: p}
		lr := leadRow{Label: p.Label, Count: p.Count, Median: p.MedianDays, P80: p.P80Days, P90: p.P90Days}
		sr := shareRow{Label: p.Label, Within: p.WithinNorm, Count: p.Count}
		if p.Norm != nil && p.Norm.Amount > 0 {
			lr.NormDays, lr.NormText = p.Norm.Days, p.Norm.Text
			sr.Target, row.Target = p.Norm.Target, p.Norm.Target
		}
		v.Rows = append(v.Rows, row)
		lead = append(lead, lr)
		share = append(share, sr)
	}
	v.LeadChart = leadtimeChart("lead", lead)
	v.WithinChart = withinChart("within", share)
	months := periodMonths(d, f, today)
	v.fillTrend(d, all, months, trend)
	var waits []waitRow
	for _, ws := range d.Waiting {
		waits = append(waits, waitRow{Label: ws.Label, Count: ws.Count, Over: ws.OverNorm, Median: ws.MedianDays, HasNorm: ws.Norm != nil && ws.Norm.Amount > 0})
	}
	v.Waiting = d.Waiting
	v.WaitChart = waitingChart("wait", waits)
	v.PlaceChart = monthBars("place", "Uithuisplaatsingen per maand", "Het aantal uithuisplaatsingen per maand in de gekozen periode.",
		months, fillCounts(months, d.PlacementTrend))
	v.RepeatChart = monthBars("repeat", "Herhaalde meldingen per maand", "Meldingen over een gezin dat in de 12 maanden ervoor ook gemeld was, per maand.",
		months, fillCounts(months, d.RepeatTrend))
	return all
}

// periodMonths is every month of the period, also those without data;
// without a start, from the first month with data.
func periodMonths(d storage.Dashboard, f storage.LeadtimeFilter, today time.Time) []string {
	first, last := "", today.Format("2006-01")
	if !f.From.IsZero() {
		first = f.From.In(workdays.Location()).Format("2006-01")
	}
	if !f.To.IsZero() {
		last = f.To.In(workdays.Location()).Add(-time.Minute).Format("2006-01")
	}
	if first == "" {
		for _, ms := range [][]string{monthsOf(d.Trend), countMonths(d.PlacementTrend), countMonths(d.RepeatTrend)} {
			if len(ms) > 0 && (first == "" || ms[0] < first) {
				first = ms[0]
			}
		}
	}
	return monthRange(first, last)
}

// fillTrend draws the trend phase's monthly median against its norm.
func (v *dashboardView) fillTrend(d storage.Dashboard, all []storage.PhaseStats, months []string, trend string) {
	byMonth := map[string]storage.MonthStat{}
	for _, m := range d.Trend {
		byMonth[m.Month] = m
	}
	var pts []trendPoint
	for _, m := range months {
		st := byMonth[m]
		pts = append(pts, trendPoint{Month: m, Median: st.MedianDays, Count: st.Count})
	}
	normDays, normText := 0.0, ""
	for _, p := range all {
		if p.Phase == trend && p.Norm != nil && p.Norm.Amount > 0 {
			normDays, normText = p.Norm.Days, p.Norm.Text
		}
	}
	v.TrendChart = trendChart("trend", v.TrendLabel, pts, normDays, normText)
}

// compareCohorts sets two cohorts side by side.
func (s *Server) compareCohorts(r *http.Request, v *dashboardView, f storage.LeadtimeFilter, compareID int64, names map[int64]string, all []storage.PhaseStats) error {
	g := f
	g.CohortID = compareID
	b, err := s.app.Leadtimes(r.Context(), actor(r), g)
	if err != nil {
		return err
	}
	v.CompareA, v.CompareB = names[f.CohortID], names[compareID]
	bs := append(slices.Clone(b.Phases), b.Chain)
	for i, a := range all {
		v.CompareRows = append(v.CompareRows, compareRow{Label: a.Label, A: a.MedianDays, B: bs[i].MedianDays, CountA: a.Count, CountB: bs[i].Count})
	}
	v.CompareChart = compareChart("compare", v.CompareA, v.CompareB, v.CompareRows)
	return nil
}

func monthsOf(ms []storage.MonthStat) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Month)
	}
	return out
}

func countMonths(ms []storage.MonthCount) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Month)
	}
	return out
}

// monthRange lists the months from first to last ("2026-03"), at most 20
// years of them.
func monthRange(first, last string) []string {
	a, err1 := time.Parse("2006-01", first)
	b, err2 := time.Parse("2006-01", last)
	if err1 != nil || err2 != nil || b.Before(a) {
		return nil
	}
	var out []string
	for m := a; !m.After(b) && len(out) < 240; m = m.AddDate(0, 1, 0) {
		out = append(out, m.Format("2006-01"))
	}
	return out
}

// fillCounts puts counts per month on a list of months, zero where none.
func fillCounts(months []string, counts []storage.MonthCount) []int64 {
	by := map[string]int64{}
	for _, c := range counts {
		by[c.Month] += c.Count
	}
	out := make([]int64, len(months))
	for i, m := range months {
		out[i] = by[m]
	}
	return out
}

// compareOf reads the organisation to compare with (0: none); anything but
// a number is a filter that does not fit.
func compareOf(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Vergelijken kon niet.", Fields: []schakel.FieldError{{Field: "compare",
			Code: "not_a_number", Message: "Kies uit de lijst waarmee u wilt vergelijken."}}}
	}
	return id, nil
}
