package web

// Screens of the chain timeline and lead-time monitor (issue 5): the
// timeline section of the case page, the timeline page with the form to
// register events, the dashboard, the norms and the cohorts.

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func init() {
	funcs["eventLabel"] = func(t chain.Type) string { return t.Label() }
	funcs["measureNL"] = func(m chain.Measure) string { return m.Label() }
	funcs["daysNL"] = daysNL
	funcs["before"] = func(a, b time.Time) bool { return a.Before(b) }
	funcs["phaseStatusNL"] = func(s string) string {
		switch s {
		case "done":
			return "Afgerond"
		case "stopped":
			return "Gestopt (casus gesloten)"
		}
		return "Loopt"
	}
	funcs["sourceNL"] = func(s string) string {
		switch s {
		case storage.SourceSchakel:
			return "door Schakel"
		case storage.SourceHand:
			return "met de hand"
		case storage.SourceAPI:
			return "via een koppeling"
		case storage.SourceDemo:
			return "gegenereerd (demo)"
		}
		return s
	}
	funcs["pct"] = func(f *float64) string {
		if f == nil {
			return "–"
		}
		return strconv.FormatFloat(*f*100, 'f', 0, 64) + "%"
	}
	funcs["tooFew"] = func() string { return "minder dan 5" }
	// shownDays is dayVal for a figure of a group of count runs, which may be
	// withheld for being too small.
	funcs["shownDays"] = func(f *float64, count int64) string {
		if f == nil && chain.TooFewToShow(count) {
			return "minder dan 5"
		}
		if f == nil {
			return "–"
		}
		return daysNL(*f)
	}
	funcs["dayVal"] = func(f *float64) string {
		if f == nil {
			return "–"
		}
		return daysNL(*f)
	}
}

// daysNL says a lead time in Dutch: "3,5 uur", "4,2 dagen", "63 dagen".
func daysNL(d float64) string {
	switch {
	case d < 1:
		return strings.ReplaceAll(strconv.FormatFloat(d*24, 'f', 1, 64), ".", ",") + " uur"
	case d < 10:
		return strings.ReplaceAll(strconv.FormatFloat(d, 'f', 1, 64), ".", ",") + " dagen"
	}
	return strconv.FormatFloat(d, 'f', 0, 64) + " dagen"
}

// ---------------------------------------------------------------------------
// The timeline on the case page and its own page.

type eventRow struct {
	storage.ChainEvent
	CorrectedBy int64 // the event that corrects this one
	Detail      string
}

type timelineView struct {
	CaseID   int64
	Events   []eventRow
	Phases   []storage.PhaseView
	Orders   []storage.OrderView
	Cohorts  []storage.Cohort
	Now      time.Time
	Error    string
	ReadOnly bool // emergency access: nothing to register
}

func buildTimeline(tl storage.Timeline, now time.Time) timelineView {
	v := timelineView{CaseID: tl.CaseID, Phases: tl.Phases, Orders: tl.Orders, Cohorts: tl.Cohorts, Now: now}
	correctedBy := map[int64]int64{}
	for _, e := range tl.Events {
		if e.Corrects != 0 {
			correctedBy[e.Corrects] = e.ID
		}
	}
	for _, e := range tl.Events {
		row := eventRow{ChainEvent: e, CorrectedBy: correctedBy[e.ID]}
		var parts []string
		if e.Details.Measure != "" {
			parts = append(parts, e.Details.Measure.Label())
		}
		if e.Details.EndsAt != nil {
			parts = append(parts, "tot "+e.Details.EndsAt.In(workdays.Location()).Format("02-01-2006"))
		}
		if e.Details.Color != "" {
			parts = append(parts, "kleur "+colorNL(e.Details.Color))
		}
		if e.Details.ReportID != 0 {
			parts = append(parts, fmt.Sprintf("melding %d", e.Details.ReportID))
		}
		if e.Details.ConsultationID != 0 {
			parts = append(parts, fmt.Sprintf("overleg %d", e.Details.ConsultationID))
		}
		row.Detail = strings.Join(parts, ", ")
		v.Events = append(v.Events, row)
	}
	return v
}

// withTimeline adds the case's timeline to the case page's data. Reading
// it is an audited read of its own; a failure shows a message in the
// section instead of failing the page.
func (s *Server) withTimeline(r *http.Request, data map[string]any, caseID int64) map[string]any {
	tl, err := s.db.Timeline(r.Context(), actor(r), caseID)
	v := buildTimeline(tl, s.db.Now())
	v.ReadOnly = actor(r).EmergencyReason != ""
	if err != nil {
		s.log.Error("timeline on case page", "err", err)
		v.Error = schakel.ErrorMessage(err)
	}
	data["Timeline"] = v
	return data
}

// eventForm is what was typed in the register-event form.
type eventForm struct {
	Type, Date, Time, Measure, EndsAt, Corrects, Reason string
	Withdraw                                            bool
	Errors                                              map[string]string
	Summary                                             []uiError
}

func eventFormFrom(f url.Values) eventForm {
	return eventForm{Type: f.Get("type"), Date: f.Get("date"), Time: f.Get("time"), Measure: f.Get("measure"), EndsAt: f.Get("ends_at"),
		Corrects: f.Get("corrects"), Reason: f.Get("reason"), Withdraw: f.Get("withdraw") != ""}
}

func (f eventForm) input() storage.EventInput {
	var in storage.EventInput
	in.Type = f.Type
	in.At = strings.TrimSpace(f.Date)
	if t := strings.TrimSpace(f.Time); t != "" && in.At != "" {
		in.At += "T" + t
	}
	in.Details.Measure, in.Details.EndsAt = f.Measure, strings.TrimSpace(f.EndsAt)
	in.Corrects, _ = strconv.ParseInt(f.Corrects, 10, 64)
	in.Withdraw, in.Reason = f.Withdraw, f.Reason
	return in
}

// formFieldOf maps an API field to the form control that shows its error.
func formFieldOf(field string) string {
	switch field {
	case "type":
		return "event-type"
	case "at":
		return "event-date"
	case "details.measure":
		return "event-measure"
	case "details.ends_at":
		return "event-ends"
	case "corrects":
		return "event-corrects"
	case "reason":
		return "event-reason"
	}
	return "event-type"
}

func (s *Server) timelinePage(w http.ResponseWriter, r *http.Request, status int, id int64, f eventForm) {
	c, err := s.db.Case(r.Context(), actor(r), id)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := s.withTimeline(r, map[string]any{"Case": c, "Title": familyTitle(c), "Form": f}, id)
	var manual []chain.TypeInfo
	for _, t := range chain.Types() {
		if !t.Automatic {
			manual = append(manual, t)
		}
	}
	data["Types"] = manual
	data["Measures"] = chain.Measures()
	cohorts, err := s.db.Cohorts(r.Context(), actor(r), actor(r).Professional.Organisation.RegionID)
	if err != nil {
		s.log.Error("cohorts", "err", err)
	}
	data["AllCohorts"] = cohorts
	data["Today"] = s.db.Now().In(workdays.Location()).Format(time.DateOnly)
	switch r.URL.Query().Get("ok") {
	case "vastgelegd":
		data["Notice"] = "De gebeurtenis is vastgelegd."
	case "cohort":
		data["Notice"] = "Het cohort is bijgewerkt."
	}
	s.render(w, r, status, "timeline.html", data)
}

func (s *Server) pageTimeline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.timelinePage(w, r, http.StatusOK, id, eventForm{})
}

func (s *Server) postTimelineEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := eventFormFrom(r.PostForm)
	if _, err := s.db.RecordEvent(r.Context(), actor(r), id, f.input(), storage.SourceHand); err != nil {
		switch schakel.ErrorCode(err) {
		case schakel.EINVALID:
			f.Errors = map[string]string{}
			for _, fe := range schakel.FieldErrors(err) {
				ctl := formFieldOf(fe.Field)
				if f.Errors[ctl] != "" {
					f.Errors[ctl] += " "
				}
				f.Errors[ctl] += fe.Message
				f.Summary = append(f.Summary, uiError{Href: "#" + ctl, Message: fe.Message})
			}
			s.timelinePage(w, r, http.StatusUnprocessableEntity, id, f)
			return
		case schakel.EFORBIDDEN:
			s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
			return
		}
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d/tijdlijn?ok=vastgelegd#tijdlijn", id), http.StatusSeeOther)
}

func (s *Server) postCaseCohort(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	var cohort int64
	if err == nil {
		cohort, _ = strconv.ParseInt(r.PostForm.Get("cohort_id"), 10, 64)
		if cohort <= 0 {
			err = schakel.Errorf(schakel.EINVALID, "Kies een cohort.")
		}
	}
	if err == nil {
		err = s.db.TagCase(r.Context(), actor(r), id, cohort, r.PostForm.Get("action") != "remove")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d/tijdlijn?ok=cohort#cohorten", id), http.StatusSeeOther)
}

// ---------------------------------------------------------------------------
// The dashboard.

// municipalityCache keeps the filter's list of municipalities for a while:
// reading it scans the families.
type municipalityCache struct {
	mu    sync.Mutex
	lists map[int64]cachedList
}

type cachedList struct {
	at   time.Time
	list []string
}

var municipalities = &municipalityCache{lists: map[int64]cachedList{}}

func (s *Server) municipalities(r *http.Request, region int64) []string {
	municipalities.mu.Lock()
	c, ok := municipalities.lists[region]
	municipalities.mu.Unlock()
	if ok && time.Since(c.at) < 5*time.Minute {
		return c.list
	}
	list, err := s.db.Municipalities(r.Context(), region)
	if err != nil {
		s.log.Error("municipalities", "err", err)
		return nil
	}
	municipalities.mu.Lock()
	municipalities.lists[region] = cachedList{at: time.Now(), list: list}
	municipalities.mu.Unlock()
	return list
}

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
}

func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) {
	me := actor(r).Professional
	if d := access.Decide(access.SubjectOf(me), access.Dashboards, access.Read, access.Context{}); !d.Allowed {
		s.pageError(w, r, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason))
		return
	}
	q := r.URL.Query()
	// Defaults: the actor's region, the last 12 whole months up to today.
	today := s.db.Now().In(workdays.Location())
	vals := url.Values{}
	for k, v := range q {
		vals[k] = v
	}
	if !q.Has("from") && !q.Has("to") {
		vals.Set("from", today.AddDate(-1, 0, 1).Format(time.DateOnly))
		vals.Set("to", today.Format(time.DateOnly))
	}
	if !q.Has("region") {
		vals.Set("region", strconv.FormatInt(me.Organisation.RegionID, 10))
	}
	if vals.Get("region") == "0" {
		vals.Set("region", "") // the whole country
	}
	fr := &http.Request{URL: &url.URL{RawQuery: vals.Encode()}}
	f, ferr := leadtimeFilter(fr)
	status := http.StatusOK
	v := dashboardView{Filter: map[string]string{}}
	for _, k := range []string{"from", "to", "region", "municipality", "organisation", "cohort", "compare", "trend"} {
		v.Filter[k] = vals.Get(k)
	}
	if ferr != nil {
		v.Errors = schakel.FieldErrors(ferr)
		status = http.StatusUnprocessableEntity
		f = storage.LeadtimeFilter{RegionID: me.Organisation.RegionID}
	}
	trend := vals.Get("trend")
	if _, ok := chain.PhaseByCode(trend); !ok {
		trend = "chain"
	}
	d, err := s.db.Dashboard(r.Context(), actor(r), f, trend)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v.D = d
	v.Chain = d.Leadtimes.Chain
	v.CanExport = access.Decide(access.SubjectOf(me), access.EventLog, access.Read, access.Context{}).Allowed
	exp := url.Values{}
	for _, k := range []string{"from", "to", "region"} {
		if x := v.Filter[k]; x != "" && ferr == nil {
			exp.Set(k, x)
		}
	}
	v.ExportQuery = exp.Encode()
	v.Period = "alles"
	if !f.From.IsZero() || !f.To.IsZero() {
		from, to := "het begin", "nu"
		if !f.From.IsZero() {
			from = f.From.In(workdays.Location()).Format("02-01-2006")
		}
		if !f.To.IsZero() {
			to = f.To.In(workdays.Location()).AddDate(0, 0, -1).Format("02-01-2006")
		}
		v.Period = from + " tot en met " + to
	}

	// Filter choices.
	regions, _ := s.db.Regions(r.Context())
	v.Regions = append(v.Regions, uiOption{Value: "0", Label: "Heel Nederland", Selected: f.RegionID == 0})
	for _, rg := range regions {
		v.Regions = append(v.Regions, uiOption{Value: strconv.FormatInt(rg.ID, 10), Label: rg.Name, Selected: rg.ID == f.RegionID})
	}
	v.Municipality = append(v.Municipality, uiOption{Value: "", Label: "Alle gemeenten", Selected: f.Municipality == ""})
	for _, m := range s.municipalities(r, f.RegionID) {
		v.Municipality = append(v.Municipality, uiOption{Value: m, Label: m, Selected: m == f.Municipality})
	}
	orgs, _ := s.db.Organisations(r.Context())
	v.Organisations = append(v.Organisations, uiOption{Value: "", Label: "Alle organisaties", Selected: f.OrganisationID == 0})
	for _, o := range orgs {
		if f.RegionID == 0 || o.RegionID == f.RegionID {
			v.Organisations = append(v.Organisations, uiOption{Value: strconv.FormatInt(o.ID, 10), Label: o.Name, Selected: o.ID == f.OrganisationID})
		}
	}
	cohorts, _ := s.db.Cohorts(r.Context(), actor(r), 0)
	compareID, _ := strconv.ParseInt(vals.Get("compare"), 10, 64)
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

	// Tables and charts.
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
	// Every month of the period, also those without data.
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
	months := monthRange(first, last)
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

	// Two cohorts side by side.
	if f.CohortID != 0 && compareID != 0 && ferr == nil {
		g := f
		g.CohortID = compareID
		b, err := s.db.Leadtimes(r.Context(), actor(r), g)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		v.CompareA, v.CompareB = names[f.CohortID], names[compareID]
		bs := append(slices.Clone(b.Phases), b.Chain)
		for i, a := range all {
			v.CompareRows = append(v.CompareRows, compareRow{Label: a.Label, A: a.MedianDays, B: bs[i].MedianDays, CountA: a.Count, CountB: bs[i].Count})
		}
		v.CompareChart = compareChart("compare", v.CompareA, v.CompareB, v.CompareRows)
	}
	s.render(w, r, status, "dashboard.html", map[string]any{"V": v})
}

// ---------------------------------------------------------------------------
// Norms and cohorts.

type normRow struct {
	storage.NormView
	AmountText string // as typed, or the norm's length
	TargetPct  string
	Units      []uiOption
	Error      map[string]string
}

func (s *Server) normsPage(w http.ResponseWriter, r *http.Request, status int, errFor string, typed map[string]string, errs []schakel.FieldError) {
	norms, err := s.db.Norms(r.Context(), actor(r), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var rows []normRow
	for _, n := range norms {
		row := normRow{NormView: n, Error: map[string]string{}}
		if n.Target > 0 {
			row.TargetPct = strconv.FormatFloat(n.Target*100, 'f', -1, 64)
		}
		unit := string(n.Unit)
		if n.Amount > 0 {
			row.AmountText = strconv.Itoa(n.Amount)
		}
		if n.ID == errFor {
			row.AmountText = typed["amount"]
			unit, row.TargetPct, row.Source = typed["unit"], typed["target"], typed["source"]
			for _, fe := range errs {
				row.Error[fe.Field] = fe.Message
			}
		}
		if unit == "" {
			unit = string(chain.Days)
		}
		for _, u := range chain.Units {
			row.Units = append(row.Units, uiOption{Value: string(u), Label: u.Dutch(2), Selected: string(u) == unit})
		}
		rows = append(rows, row)
	}
	me := actor(r).Professional
	canEdit := access.Decide(access.SubjectOf(me), access.Norms, access.Write, access.Context{}).Allowed
	notice := ""
	if r.URL.Query().Get("ok") == "norm" {
		notice = "De norm is opgeslagen. Signalen en dashboards gebruiken hem meteen."
	}
	s.render(w, r, status, "norms.html", map[string]any{"Rows": rows, "CanEdit": canEdit, "Notice": notice, "Measures": chain.Measures()})
}

func (s *Server) pageNorms(w http.ResponseWriter, r *http.Request) {
	s.normsPage(w, r, http.StatusOK, "", nil, nil)
}

func (s *Server) postNorm(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	typed := map[string]string{"amount": r.PostForm.Get("amount"), "unit": r.PostForm.Get("unit"), "target": r.PostForm.Get("target"), "source": r.PostForm.Get("source")}
	var v schakel.Validation
	amount, err := strconv.Atoi(strings.TrimSpace(typed["amount"]))
	if err != nil {
		v.Add("amount", "format", "Vul een heel getal in.")
	}
	target := 0.0
	if t := strings.TrimSpace(strings.ReplaceAll(typed["target"], ",", ".")); t != "" {
		if target, err = strconv.ParseFloat(t, 64); err != nil {
			v.Add("target", "format", "Vul een percentage in, bijvoorbeeld 80.")
		}
		target /= 100
	}
	err = v.Err()
	if err == nil {
		_, err = s.db.SetNorm(r.Context(), actor(r), id, chain.Norm{Amount: amount, Unit: chain.Unit(typed["unit"]), Target: target, Source: typed["source"]})
	}
	if schakel.ErrorCode(err) == schakel.EINVALID {
		s.normsPage(w, r, http.StatusUnprocessableEntity, id, typed, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/normen?ok=norm#norm-"+url.PathEscape(id), http.StatusSeeOther)
}

func (s *Server) cohortsPage(w http.ResponseWriter, r *http.Request, status int, form storage.CohortInput, errs []schakel.FieldError) {
	cs, err := s.db.Cohorts(r.Context(), actor(r), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	regions, _ := s.db.Regions(r.Context())
	names := map[int64]string{}
	for _, rg := range regions {
		names[rg.ID] = rg.Name
	}
	me := actor(r).Professional
	canEdit := access.Decide(access.SubjectOf(me), access.Cohorts, access.Write, access.Context{}).Allowed
	errMap := map[string]string{}
	for _, e := range errs {
		errMap[e.Field] = e.Message
	}
	if form.Kind == "" {
		form.Kind = "cohort"
	}
	notice := ""
	if r.URL.Query().Get("ok") == "toegevoegd" {
		notice = "Toegevoegd. Voeg casussen toe via hun tijdlijn."
	}
	s.render(w, r, status, "cohorts.html", map[string]any{"Cohorts": cs, "Regions": names, "CanEdit": canEdit, "Form": form, "Errors": errMap, "Notice": notice})
}

func (s *Server) pageCohorts(w http.ResponseWriter, r *http.Request) {
	s.cohortsPage(w, r, http.StatusOK, storage.CohortInput{}, nil)
}

func (s *Server) postCohort(w http.ResponseWriter, r *http.Request) {
	if err := parseForm(w, r); err != nil {
		s.pageError(w, r, err)
		return
	}
	in := storage.CohortInput{Name: r.PostForm.Get("name"), Kind: r.PostForm.Get("kind"), Description: r.PostForm.Get("description")}
	_, err := s.db.CreateCohort(r.Context(), actor(r), in)
	if c := schakel.ErrorCode(err); c == schakel.EINVALID || c == schakel.ECONFLICT {
		s.cohortsPage(w, r, StatusOf(err), in, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/cohorten?ok=toegevoegd", http.StatusSeeOther)
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
