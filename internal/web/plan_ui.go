package web

// The screens of the joint workspace on a case (issue 4): the case page's
// overview and plan sections (templates/partials/plan_case.html), the plan
// page, findings, organisations and roles, planning a consultation, the
// consultation's agenda and attendance, minutes to print, the parents'
// copy, asking a colleague along, and an exited organisation's own record.
//
// Every form works without JavaScript. A form with an error is shown again
// with what was typed, the error next to the field and in a summary at the
// top (422); a conflict or refusal is shown at the top (409, 403).

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func init() {
	funcs["pf"] = formField
	funcs["pg"] = formGroup
	funcs["actionKindNL"] = func(k string) string { return labelOf(actionKindOptions, k) }
	funcs["forNL"] = func(f *string) string {
		if f == nil {
			return "niemand in het bijzonder"
		}
		return strings.ToLower(labelOf(forOptions, *f))
	}
	funcs["actionStatusNL"] = func(s string) string { return labelOf(actionStatusOptions, s) }
	funcs["columnNL"] = func(c string) string { return labelOf(columnOptions, c) }
	funcs["decisionNL"] = func(k string) string { return labelOf(decisionOptions, k) }
	funcs["eventNL"] = eventNL
	funcs["requestKindNL"] = func(k string) string { return labelOf(requestKindOptions, k) }
	funcs["requestStatusNL"] = func(s string) string {
		return map[string]string{schakel.RequestOpen: "Wacht op antwoord", schakel.RequestAccepted: "Aangenomen", schakel.RequestDeclined: "Afgewezen"}[s]
	}
	funcs["dateNL"] = func(s string) string {
		if d, ok := plan.ParseDate(s); ok {
			return d.Format("02-01-2006")
		}
		return s
	}
	funcs["expertiseNL"] = func(e string) string { return schakel.Expertise(e).Dutch() }
	funcs["deref"] = func(b *bool) bool { return b != nil && *b }
	funcs["isNil"] = func(b *bool) bool { return b == nil }
	funcs["lines"] = func(s string) []string { return strings.Split(s, "\n") }
	funcs["consultKindShort"] = consultKindShort
	funcs["prepend"] = func(value, label string, opts []uiOption) []uiOption {
		return append([]uiOption{{Value: value, Label: label}}, opts...)
	}
	funcs["list"] = func(v ...string) []string { return v }
	funcs["formTop"] = func(f *pform, name string) formTop { return formTop{Form: f, Name: name} }

	for k, v := range map[string]string{
		"action":            "Actie",
		"colleague_request": "Collega vraagt u mee",
		"plan_review":       "Evaluatie plan",
	} {
		workKindNL[k] = v
	}
}

// ---------------------------------------------------------------------------
// Words and options.

var (
	actionKindOptions = []uiOption{
		{Value: schakel.ActionTask, Label: "Actie", Hint: "Iets wat iemand doet, met een datum."},
		{Value: schakel.ActionSafetyAgreement, Label: "Veiligheidsafspraak", Hint: "Directe veiligheid: wat zorgt ervoor dat het kind nu veilig is?"},
		{Value: schakel.ActionGoal, Label: "Doel", Hint: "Stabiele veiligheid: waar werken we samen naartoe?"},
	}
	forOptions = []uiOption{
		{Value: schakel.ForParents, Label: "De ouders"},
		{Value: schakel.ForChild, Label: "Het kind"},
		{Value: schakel.ForNetwork, Label: "Het netwerk"},
		{Value: "", Label: "Niemand in het bijzonder"},
	}
	actionStatusOptions = []uiOption{
		{Value: schakel.ActionOpen, Label: "Open"},
		{Value: schakel.ActionDone, Label: "Afgerond"},
		{Value: schakel.ActionCancelled, Label: "Vervallen"},
	}
	columnOptions = []uiOption{
		{Value: schakel.ColumnWorries, Label: "Zorgen", Hint: "Wat is er gebeurd, wat maakt ons ongerust?"},
		{Value: schakel.ColumnWorkingWell, Label: "Wat goed gaat", Hint: "Wat helpt al, wie helpt al?"},
		{Value: schakel.ColumnNeedsToHappen, Label: "Wat moet er gebeuren", Hint: "Wat moet er veranderen voor een veilig thuis?"},
	}
	decisionOptions = []uiOption{
		{Value: schakel.DecisionInvestigateMeasure, Label: "Onderzoek naar een kinderbeschermingsmaatregel"},
		{Value: schakel.DecisionNoMeasureVoluntaryHelp, Label: "Geen maatregel: de vrijwillige hulp gaat door"},
	}
	requestKindOptions = []uiOption{
		{Value: schakel.RequestJoinConversation, Label: "Meegaan naar een gesprek"},
		{Value: schakel.RequestThinkAlong, Label: "Meedenken"},
	}
	roleOptions = []uiOption{
		{Value: string(schakel.RoleUitvoering), Label: "Uitvoering van hulp"},
		{Value: string(schakel.RoleOnderzoek), Label: "Onderzoek"},
		{Value: string(schakel.RoleAdvies), Label: "Advies"},
		{Value: string(schakel.RoleBesluit), Label: "Besluit (alleen Raad en rechtbank)"},
	}
)

func labelOf(opts []uiOption, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

func consultKindShort(kind string) string {
	switch kind {
	case schakel.ConsultCrisis:
		return "Crisisoverleg"
	case schakel.ConsultMDO:
		return "MDO"
	case schakel.ConsultPlacementReview:
		return "Plaatsingstafel"
	case schakel.ConsultCaseConference:
		return "Casusoverleg"
	}
	return "Overleg"
}

func consultKindOptions() []uiOption {
	var out []uiOption
	for _, k := range schakel.ConsultationKinds {
		out = append(out, uiOption{Value: k, Label: consultKindNL(k)})
	}
	return out
}

func expertiseOptions() []uiOption {
	var out []uiOption
	for _, e := range schakel.Expertises {
		out = append(out, uiOption{Value: string(e), Label: e.Dutch()})
	}
	return out
}

func eventNL(e schakel.ParticipationEvent) string {
	switch e.Kind {
	case schakel.EventJoined:
		return "Doet mee als " + strings.ToLower(participationRoleNL(e.ToRole))
	case schakel.EventRoleChanged:
		return fmt.Sprintf("Rol van %s naar %s", strings.ToLower(participationRoleNL(e.FromRole)), strings.ToLower(participationRoleNL(e.ToRole)))
	case schakel.EventRegieHandover:
		to := ""
		if e.To != nil {
			to = e.To.Name
		}
		return "Regie overgedragen aan " + to
	case schakel.EventExited:
		return "Uit de casus gestapt"
	}
	return e.Kind
}

// ---------------------------------------------------------------------------
// Form state.

// pform is one posted form on a workspace page: which form, what was
// typed, and the errors.
type pform struct {
	Name    string
	Values  url.Values
	Errors  map[string]string
	Message string
	Summary []uiError
}

func (f *pform) value(form, name string) string {
	if f != nil && f.Name == form {
		return f.Values.Get(name)
	}
	return ""
}

func (f *pform) values(form, name string) []string {
	if f != nil && f.Name == form {
		return f.Values[name]
	}
	return nil
}

func (f *pform) err(form, name string) string {
	if f != nil && f.Name == form {
		return f.Errors[name]
	}
	return ""
}

// Has reports whether form was the one posted, to open its <details>.
func (f *pform) Has(form string) bool { return f != nil && f.Name == form }

// MessageFor is the form-level message of form.
func (f *pform) MessageFor(form string) string {
	if f != nil && f.Name == form {
		return f.Message
	}
	return ""
}

// formTop is one form's message and error summary, for "pformtop".
type formTop struct {
	Form *pform
	Name string
}

// formField builds one control: pf form "action" "title" "Label" "text" [key value]…
// Keys: hint, rows, required, options ([]uiOption), default.
func formField(f *pform, form, name, label, typ string, kv ...any) uiField {
	fl := uiField{ID: form + "-" + fieldID(name), Name: name, Label: label, Type: typ, Rows: 3}
	def := ""
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "hint":
			fl.Hint, _ = kv[i+1].(string)
		case "rows":
			fl.Rows, _ = kv[i+1].(int)
		case "required":
			fl.Required, _ = kv[i+1].(bool)
		case "options":
			fl.Options, _ = kv[i+1].([]uiOption)
		case "default":
			def = fmt.Sprint(kv[i+1])
		}
	}
	fl.Value = def
	if f.Has(form) {
		fl.Value = f.value(form, name)
	}
	fl.Error = f.err(form, name)
	if len(fl.Options) > 0 {
		opts := slices.Clone(fl.Options)
		for i := range opts {
			opts[i].Selected = opts[i].Value == fl.Value
		}
		fl.Options = opts
	}
	return fl
}

// formGroup builds a radio or checkbox group: pg form "action" "kind" "Legend" "radio" options [key value]…
// Keys: hint, default (a value, or []string for checkboxes).
func formGroup(f *pform, form, name, legend, typ string, options []uiOption, kv ...any) uiGroup {
	id := form + "-" + fieldID(name)
	g := uiGroup{ID: id, Name: name, Legend: legend, Type: typ, Error: f.err(form, name)}
	var chosen []string
	for i := 0; i+1 < len(kv); i += 2 {
		switch kv[i] {
		case "hint":
			g.Hint, _ = kv[i+1].(string)
		case "default":
			switch v := kv[i+1].(type) {
			case string:
				chosen = []string{v}
			case []string:
				chosen = v
			}
		}
	}
	if f.Has(form) {
		chosen = f.values(form, name)
	}
	for i, o := range options {
		o.ID = fmt.Sprintf("%s-%d", id, i)
		o.Selected = slices.Contains(chosen, o.Value)
		g.Options = append(g.Options, o)
	}
	return g
}

var indexSuffix = regexp.MustCompile(`\[\d+\]`)

// formFieldName maps an API field name to the form's field.
func formFieldName(field string) string {
	field = strings.TrimPrefix(field, "invite.")
	field = indexSuffix.ReplaceAllString(field, "")
	switch field {
	case "owner_organisation_id", "owner_professional_id":
		return "owner"
	case "value":
		return "value"
	}
	return field
}

// readForm parses the posted form of a workspace page.
func readForm(w http.ResponseWriter, r *http.Request, name string) (int64, *pform, bool, error) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		return 0, nil, false, err
	}
	return id, &pform{Name: name, Values: r.PostForm, Errors: map[string]string{}}, true, nil
}

// apply puts err's messages on the form: next to the fields it names (and
// in the summary), or at the top.
func (f *pform) apply(err error) {
	fields := schakel.FieldErrors(err)
	if schakel.ErrorCode(err) != schakel.EINVALID || len(fields) == 0 {
		f.Message = schakel.ErrorMessage(err)
		return
	}
	for _, fe := range fields {
		name := formFieldName(fe.Field)
		switch {
		case f.Name == "participant" || f.Name == "expert":
			switch name {
			case "expertises", "invite":
				name = "expertise"
			case "professional_ids":
				name = "professional_id"
			}
		case f.Name == "consultation" && name == "invite":
			name = "organisation_ids"
		}
		switch name {
		case "talks_with_parents", "talks_with_child", "version":
			if f.Message != "" {
				f.Message += " "
			}
			f.Message += fe.Message
			continue
		}
		if f.Errors[name] != "" {
			f.Errors[name] += " "
		}
		f.Errors[name] += fe.Message
		f.Summary = append(f.Summary, uiError{Href: "#" + f.Name + "-" + fieldID(name), Message: fe.Message})
	}
}

// ---------------------------------------------------------------------------
// The view of the workspace.

type orgFindings struct {
	Organisation                        schakel.OrganisationRef
	Worries, WorkingWell, NeedsToHappen []schakel.Finding
}

type actionGroup struct {
	Kind, Title, Intro string
	Actions            []schakel.Action
}

type wsView struct {
	Case            schakel.Case
	W               schakel.Workspace
	Title           string
	Form            *pform
	Notice          string
	Now             time.Time
	Me              *schakel.Professional
	ReadOnly        bool
	MyOrgActive     bool
	MyOrgRegie      bool
	MyOpenActions   int
	IsRaad          bool
	Regie           *schakel.ParticipationView
	Owners          []uiOption
	Consultations   []uiOption
	AddableOrgs     []uiOption
	ActiveOrgs      []uiOption
	OtherActiveOrgs []uiOption
	Persons         []uiOption
	CasePros        []uiOption
	AllPros         []uiOption
	Findings        []orgFindings
	ActionGroups    []actionGroup
	Open, Done      int
	Scale           []uiOption
	Today           string
}

// Options used by the templates.
func (wsView) ActionKinds() []uiOption       { return actionKindOptions }
func (wsView) Fors() []uiOption              { return forOptions }
func (wsView) Columns() []uiOption           { return columnOptions }
func (wsView) DecisionKinds() []uiOption     { return decisionOptions }
func (wsView) RequestKinds() []uiOption      { return requestKindOptions }
func (wsView) Roles() []uiOption             { return roleOptions }
func (wsView) ConsultKinds() []uiOption      { return consultKindOptions() }
func (wsView) Expertises() []uiOption        { return expertiseOptions() }
func (wsView) StatusOptions() []uiOption     { return actionStatusOptions }
func (v wsView) FormMessage(f string) string { return v.Form.MessageFor(f) }

func (s *Server) buildWorkspace(r *http.Request, c schakel.Case, ws schakel.Workspace, f *pform, readOnly bool) wsView {
	me := actor(r).Professional
	v := wsView{Case: c, W: ws, Title: familyTitle(c), Form: f, Now: s.db.Now(), Me: me, ReadOnly: readOnly,
		IsRaad: me.Organisation.Kind == schakel.Raad, Today: plan.DateOf(s.db.Now(), workdays.Location()).String()}
	if f == nil {
		v.Form = &pform{}
	}
	active := map[int64]bool{}
	for i, p := range c.Participations {
		if p.Status != "active" {
			continue
		}
		active[p.Organisation.ID] = true
		v.ActiveOrgs = append(v.ActiveOrgs, uiOption{Value: itoa64(p.Organisation.ID), Label: p.Organisation.Name})
		if p.Organisation.ID == me.Organisation.ID {
			v.MyOrgActive = true
			v.MyOrgRegie = p.Role == schakel.RoleRegie
		} else {
			v.OtherActiveOrgs = append(v.OtherActiveOrgs, uiOption{Value: itoa64(p.Organisation.ID), Label: p.Organisation.Name})
		}
		if p.Role == schakel.RoleRegie {
			v.Regie = &c.Participations[i]
		}
	}
	for _, p := range ws.Professionals {
		v.Owners = append(v.Owners, uiOption{Value: itoa64(p.ID), Label: p.Name + " – " + p.Organisation.Name})
		v.CasePros = append(v.CasePros, uiOption{Value: itoa64(p.ID), Label: p.Name + " (" + p.Organisation.Name + ")"})
	}
	for _, k := range c.Consultations {
		if k.Status != "cancelled" {
			v.Consultations = append(v.Consultations, uiOption{Value: itoa64(k.ID),
				Label: fmt.Sprintf("%s van %s", consultKindShort(k.Kind), k.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04"))})
		}
	}
	for _, p := range c.Persons {
		kind := "volwassene"
		if p.Kind == "child" {
			kind = "kind"
		}
		v.Persons = append(v.Persons, uiOption{Value: itoa64(p.ID), Label: fmt.Sprintf("%s %s (%s)", p.GivenNames, p.FamilyName, kind)})
	}
	// Findings per organisation, in three columns.
	index := map[int64]int{}
	for _, fd := range ws.Findings {
		i, ok := index[fd.Organisation.ID]
		if !ok {
			i = len(v.Findings)
			index[fd.Organisation.ID] = i
			v.Findings = append(v.Findings, orgFindings{Organisation: fd.Organisation})
		}
		switch fd.Column {
		case schakel.ColumnWorries:
			v.Findings[i].Worries = append(v.Findings[i].Worries, fd)
		case schakel.ColumnWorkingWell:
			v.Findings[i].WorkingWell = append(v.Findings[i].WorkingWell, fd)
		default:
			v.Findings[i].NeedsToHappen = append(v.Findings[i].NeedsToHappen, fd)
		}
	}
	groups := []actionGroup{
		{Kind: schakel.ActionSafetyAgreement, Title: "Veiligheidsafspraken", Intro: "Directe veiligheid: wat zorgt ervoor dat het kind nu veilig is."},
		{Kind: schakel.ActionTask, Title: "Acties", Intro: "Wie doet wat, voor wie, en wanneer."},
		{Kind: schakel.ActionGoal, Title: "Doelen", Intro: "Stabiele veiligheid: waar werken we samen naartoe."},
	}
	for _, a := range ws.Plan.Actions {
		for i := range groups {
			if groups[i].Kind == a.Kind {
				groups[i].Actions = append(groups[i].Actions, a)
			}
		}
		if a.Status == schakel.ActionOpen {
			v.Open++
			if a.Owner.ID == me.Organisation.ID {
				v.MyOpenActions++
			}
		} else if a.Status == schakel.ActionDone {
			v.Done++
		}
	}
	v.ActionGroups = groups
	for i := plan.ScaleMin; i <= plan.ScaleMax; i++ {
		label := strconv.Itoa(i)
		switch i {
		case 0:
			label += " – het kind is niet veilig"
		case 10:
			label += " – veilig genoeg om de zorg af te sluiten"
		}
		v.Scale = append(v.Scale, uiOption{Value: strconv.Itoa(i), Label: label})
	}
	return v
}

func itoa64(v int64) string { return strconv.FormatInt(v, 10) }

// addDirectory fills the lists that need the region's directory (organisations
// to add, every colleague to ask): unaudited reads, names only.
func (s *Server) addDirectory(r *http.Request, v *wsView) {
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.log.Error("organisations", "err", err)
	}
	active := map[string]bool{}
	for _, o := range v.ActiveOrgs {
		active[o.Value] = true
	}
	for _, o := range orgs {
		if o.RegionID == v.Me.Organisation.RegionID && !active[itoa64(o.ID)] {
			v.AddableOrgs = append(v.AddableOrgs, uiOption{Value: itoa64(o.ID), Label: o.Name})
		}
	}
	pros, err := s.db.ListProfessionals(r.Context(), storage.ProfessionalFilter{ActiveOnly: true})
	if err != nil {
		s.log.Error("professionals", "err", err)
	}
	for _, p := range pros {
		if p.ID == v.Me.ID || p.Organisation.RegionID != v.Me.Organisation.RegionID || !caseRoleOf(&p) {
			continue
		}
		v.AllPros = append(v.AllPros, uiOption{Value: itoa64(p.ID), Label: p.Name + " – " + p.Organisation.Name})
	}
}

func caseRoleOf(p *schakel.Professional) bool {
	return access.Decide(access.SubjectOf(p), access.Case, access.Read, access.Context{Participation: access.Participating}).Allowed
}

// ---------------------------------------------------------------------------
// Pages.

var workspaceNotices = map[string]string{
	"actie":        "De actie staat op het plan.",
	"actie-wijzig": "De actie is bijgewerkt.",
	"vastgesteld":  "Het plan is vastgesteld.",
	"evaluatie":    "De evaluatie is vastgelegd.",
	"bevinding":    "De bevinding is toegevoegd.",
	"schaal":       "Uw veiligheidsschaal is vastgelegd.",
	"gesprek":      "Het gesprek is vastgelegd. Iedereen op de casus ziet het.",
	"organisatie":  "De organisatie doet mee.",
	"rol":          "De rol is veranderd.",
	"regie":        "De regie is overgedragen.",
	"deskundige":   "De deskundige is toegevoegd.",
	"besluit":      "Het besluit van de Raad is vastgelegd.",
	"collega":      "Uw vraag staat in de werklijst van uw collega.",
	"aanwezig":     "De aanwezigheid is vastgelegd.",
	"agenda":       "Het agendapunt is toegevoegd.",
	"deelnemer":    "De deelnemer is uitgenodigd.",
	"overleg":      "Het overleg is gepland. De genodigden hebben een uitnodiging.",
	"verplaatst":   "Het overleg is verplaatst. De genodigden hebben bericht en een nieuwe agenda-uitnodiging.",
	"afgezegd":     "Het overleg is afgezegd. De genodigden hebben bericht.",
}

// workspacePage loads a case with its workspace (one audited read) and
// renders one of the workspace pages.
func (s *Server) workspacePage(w http.ResponseWriter, r *http.Request, status int, caseID int64, tmpl string, f *pform) {
	c, ws, err := s.db.CaseWorkspace(r.Context(), actor(r), caseID)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, caseID, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := s.buildWorkspace(r, c, ws, f, false)
	if tmpl == "participations.html" || tmpl == "colleague.html" || tmpl == "consultation_new.html" {
		s.addDirectory(r, &v)
	}
	if status == http.StatusOK {
		v.Notice = workspaceNotices[r.URL.Query().Get("ok")]
	}
	s.render(w, r, status, tmpl, map[string]any{"V": v})
}

func (s *Server) workspaceGet(tmpl string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "id")
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		s.workspacePage(w, r, http.StatusOK, id, tmpl, nil)
	}
}

func (s *Server) pagePlan(w http.ResponseWriter, r *http.Request) { s.workspaceGet("plan.html")(w, r) }
func (s *Server) pageFindings(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("findings.html")(w, r)
}
func (s *Server) pageParticipations(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("participations.html")(w, r)
}
func (s *Server) pageColleague(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("colleague.html")(w, r)
}
func (s *Server) pageNewConsultation(w http.ResponseWriter, r *http.Request) {
	s.workspaceGet("consultation_new.html")(w, r)
}

// formFailed shows the page again with the error; a refusal of the whole
// case shows the refusal page.
func (s *Server) formFailed(w http.ResponseWriter, r *http.Request, caseID int64, tmpl string, f *pform, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID, schakel.ECONFLICT, schakel.EFORBIDDEN, schakel.ENOTFOUND:
	default:
		s.pageError(w, r, err)
		return
	}
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		// Refused the whole case: the refusal page, without a second
		// (refused, audited) read of the case.
		if ok, cerr := s.db.MayReadCase(r.Context(), actor(r), caseID); cerr == nil && !ok {
			s.renderCaseRefused(w, r, caseID, schakel.ErrorMessage(err), "", "")
			return
		}
	}
	f.apply(err)
	s.workspacePage(w, r, StatusOf(err), caseID, tmpl, f)
}

// done redirects to the page after a form worked; the notice shows at the top.
func done(w http.ResponseWriter, r *http.Request, path, ok string) {
	http.Redirect(w, r, path+"?ok="+ok, http.StatusSeeOther)
}

func casePath(id int64, sub string) string { return fmt.Sprintf("/casussen/%d%s", id, sub) }

func formInt(v url.Values, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(v.Get(name)), 10, 64)
	return n
}

func formInts(v url.Values, name string) []int64 {
	var out []int64
	for _, s := range v[name] {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// localToRFC3339 reads a datetime-local value (Europe/Amsterdam); what
// cannot be read is passed on as typed, so that validation names it.
func localToRFC3339(s string) string {
	s = strings.TrimSpace(s)
	t, err := time.ParseInLocation(localLayout, s, workdays.Location())
	if err != nil {
		return s
	}
	return t.Format(time.RFC3339)
}

// ownerOf finds the organisation of the chosen owner (the form names the
// person; the organisation follows).
func (s *Server) ownerOf(r *http.Request, proID int64) int64 {
	if proID <= 0 {
		return 0
	}
	p, err := s.db.Professional(r.Context(), proID)
	if err != nil {
		return 0
	}
	return p.Organisation.ID
}

func (s *Server) postAction(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "action")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	owner := formInt(v, "owner")
	in := plan.ActionInput{Title: v.Get("title"), Kind: v.Get("kind"), DueDate: strings.TrimSpace(v.Get("due_date")),
		OwnerProfessionalID: owner, OwnerOrganisationID: s.ownerOf(r, owner), ExpectedVersion: formInt(v, "version")}
	if fw := v.Get("for"); fw != "" {
		in.For = &fw
	}
	if _, err := s.db.AddAction(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "actie")
}

func (s *Server) postActionChange(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "change")
	var aid int64
	if err == nil {
		aid, err = pathID(r, "aid")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	ch := plan.ActionChange{Version: formInt(v, "version")}
	if st := v.Get("status"); st != "" {
		ch.Status = &st
	}
	if owner := formInt(v, "owner"); owner > 0 {
		org := s.ownerOf(r, owner)
		ch.OwnerProfessionalID, ch.OwnerOrganisationID = &owner, &org
	}
	if d := strings.TrimSpace(v.Get("due_date")); d != "" {
		ch.DueDate = &d
	}
	if _, err := s.db.UpdateAction(r.Context(), actor(r), id, aid, ch); err != nil {
		f.Name = fmt.Sprintf("change-%d", aid)
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "actie-wijzig")
}

func (s *Server) postAgreePlan(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "agree")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.AgreeInput{ConsultationID: formInt(v, "consultation_id"), ReviewDate: strings.TrimSpace(v.Get("review_date")), Version: formInt(v, "version")}
	if _, err := s.db.AgreePlan(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "vastgesteld")
}

func (s *Server) postReviewPlan(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "review")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.ReviewInput{ConsultationID: formInt(v, "consultation_id"), Checked: v.Get("checked"), Changed: v.Get("changed"), Why: v.Get("why"),
		NextReviewDate: strings.TrimSpace(v.Get("next_review_date")), Version: formInt(v, "version")}
	if _, err := s.db.ReviewPlan(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "plan.html", f, err)
		return
	}
	done(w, r, casePath(id, "/plan"), "evaluatie")
}

func (s *Server) postFinding(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "finding")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := storage.FindingInput{Column: v.Get("column"), Text: v.Get("text"), ConsultationID: formInt(v, "consultation_id")}
	if _, err := s.db.AddFinding(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "bevinding")
}

func (s *Server) postScale(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "scale")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := storage.ScaleInput{Reason: v.Get("reason"), ConsultationID: formInt(v, "consultation_id")}
	if n, err := strconv.Atoi(strings.TrimSpace(v.Get("value"))); err == nil {
		in.Value = &n
	}
	if _, err := s.db.AddSafetyScale(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "schaal")
}

func (s *Server) postConversation(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "conversation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.ConversationInput{HeldAt: localToRFC3339(v.Get("held_at")), Joint: v.Get("joint") != "", ProfessionalIDs: formInts(v, "professional_ids"),
		PersonIDs: formInts(v, "person_ids"), Others: v.Get("others"), Summary: v.Get("summary")}
	if _, err := s.db.AddConversation(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "gesprek")
}

func (s *Server) postParticipation(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "join")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := storage.ParticipationInput{OrganisationID: formInt(v, "organisation_id"), Role: schakel.ParticipationRole(v.Get("role")),
		ContactProfessionalID: formInt(v, "contact_professional_id"), Reason: v.Get("reason")}
	if _, err := s.db.AddParticipation(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "organisatie")
}

func (s *Server) postRole(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "role")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.RoleChange{Role: schakel.ParticipationRole(v.Get("role")), Reason: v.Get("reason")}
	org := formInt(v, "organisation_id")
	if org <= 0 {
		f.apply(&schakel.Error{Code: schakel.EINVALID, Message: "Kies een organisatie.",
			Fields: []schakel.FieldError{{Field: "organisation_id", Code: "required", Message: "Kies de organisatie."}}})
		s.workspacePage(w, r, http.StatusUnprocessableEntity, id, "participations.html", f)
		return
	}
	if _, err := s.db.ChangeRole(r.Context(), actor(r), id, org, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "rol")
}

func (s *Server) postRegie(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "regie")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.Handover{ToOrganisationID: formInt(v, "organisation_id"), Reason: v.Get("reason"), FormerRole: schakel.ParticipationRole(v.Get("former_role"))}
	if _, err := s.db.HandoverRegie(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "regie")
}

func (s *Server) postExpert(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "expert")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := storage.ExpertInput{ProfessionalID: formInt(v, "professional_id"), Expertise: v.Get("expertise"), Reason: v.Get("reason")}
	if _, err := s.db.AddExpert(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "deskundige")
}

func (s *Server) postDecision(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "decision")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	if _, err := s.db.RecordDecision(r.Context(), actor(r), id, storage.DecisionInput{Kind: v.Get("kind"), Reason: v.Get("reason")}); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	done(w, r, casePath(id, "/organisaties"), "besluit")
}

func (s *Server) postExit(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "exit")
	var org int64
	if err == nil {
		org, err = pathID(r, "oid")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	if _, err := s.db.ExitCase(r.Context(), actor(r), id, org, plan.ExitInput{Handover: v.Get("handover"), NextSteps: v.Get("next_steps")}); err != nil {
		s.formFailed(w, r, id, "participations.html", f, err)
		return
	}
	// The organisation is off the case: what remains is its own record.
	http.Redirect(w, r, casePath(id, "/eigen-inbreng?ok=uitgestapt"), http.StatusSeeOther)
}

func (s *Server) postConsultation(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "consultation")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.ConsultationInput{Kind: v.Get("kind"), ScheduledAt: localToRFC3339(v.Get("scheduled_at")), Title: v.Get("title"),
		Invite: plan.Invite{ProfessionalIDs: formInts(v, "professional_ids"), OrganisationIDs: formInts(v, "organisation_ids"), Expertises: v["expertises"]}}
	for _, line := range strings.Split(v.Get("agenda"), "\n") {
		if l := strings.TrimSpace(line); l != "" {
			in.Agenda = append(in.Agenda, l)
		}
	}
	c, err := s.db.CreateConsultation(r.Context(), actor(r), id, in)
	if err != nil {
		s.formFailed(w, r, id, "consultation_new.html", f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=overleg", c.ID), http.StatusSeeOther)
}

func (s *Server) postColleague(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "colleague")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.RequestInput{ToProfessionalID: formInt(v, "to_professional_id"), Kind: v.Get("kind"), At: localToRFC3339(v.Get("at")), Message: v.Get("message")}
	if _, err := s.db.AskColleague(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "colleague.html", f, err)
		return
	}
	done(w, r, casePath(id, "/collega"), "collega")
}

func (s *Server) postAnswerColleague(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	decision := r.PostForm.Get("decision")
	if decision != "accept" && decision != "decline" {
		s.pageError(w, r, schakel.Errorf(schakel.EINVALID, "Kies Ja, ik ga mee of Nee."))
		return
	}
	if _, err := s.db.AnswerColleague(r.Context(), actor(r), id, decision == "accept", r.PostForm.Get("answer")); err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/?ok=verzoek", http.StatusSeeOther)
}

// ---------------------------------------------------------------------------
// The consultation page: agenda, attendance, someone added, minutes.

// consultationPage renders consultation.html with the workspace of its
// case (one audited read).
func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	c, ws, err := s.db.ConsultationWorkspace(r.Context(), actor(r), id, "page")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var cons schakel.Consultation
	for _, k := range c.Consultations {
		if k.ID == id {
			cons = k
		}
	}
	me := actor(r).Professional.ID
	invited := slices.ContainsFunc(cons.Participants, func(p schakel.Participant) bool {
		return p.Professional.ID == me && !slices.Contains(p.Reasons, storage.WalkInReason)
	})
	present := slices.ContainsFunc(cons.Participants, func(p schakel.Participant) bool { return p.Professional.ID == me })
	v := s.buildWorkspace(r, c, ws, f, false)
	s.addDirectory(r, &v)
	if status == http.StatusOK {
		v.Notice = workspaceNotices[r.URL.Query().Get("ok")]
	}
	s.render(w, r, status, "consultation.html", map[string]any{"C": cons, "Invited": invited, "OnList": present, "Now": s.db.Now(),
		"Due": dueNL(s.db.Now(), cons.DueAt), "V": v, "CaseColor": c.Color})
}

func (s *Server) consultationFormFailed(w http.ResponseWriter, r *http.Request, id int64, f *pform, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID, schakel.ECONFLICT:
	default:
		s.pageError(w, r, err)
		return
	}
	f.apply(err)
	s.consultationPage(w, r, StatusOf(err), id, f)
}

func (s *Server) postAttendance(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "attendance")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	present := formInts(f.Values, "present")
	var absent []int64
	for _, p := range formInts(f.Values, "invited") {
		if !slices.Contains(present, p) {
			absent = append(absent, p)
		}
	}
	if _, err := s.db.RecordAttendance(r.Context(), actor(r), id, storage.AttendanceInput{Present: present, Absent: absent}); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=aanwezig", id), http.StatusSeeOther)
}

func (s *Server) postAgendaItem(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "agenda")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if _, err := s.db.AddAgendaItem(r.Context(), actor(r), id, f.Values.Get("text")); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=agenda", id), http.StatusSeeOther)
}

func (s *Server) postConsultationParticipant(w http.ResponseWriter, r *http.Request) {
	id, f, _, err := readForm(w, r, "participant")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := f.Values
	in := plan.Invite{Reason: v.Get("reason")}
	if p := formInt(v, "professional_id"); p > 0 {
		in.ProfessionalIDs = []int64{p}
	}
	if e := v.Get("expertise"); e != "" {
		in.Expertises = []string{e}
	}
	if _, err := s.db.AddConsultationParticipant(r.Context(), actor(r), id, in); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=deelnemer", id), http.StatusSeeOther)
}

// ---------------------------------------------------------------------------
// Minutes, the parents' copy, the own record.

func (s *Server) pageMinutes(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, ws, err := s.db.ConsultationWorkspace(r.Context(), actor(r), id, "minutes")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	m, _ := plan.MinutesOf(c, ws, id)
	v := s.buildWorkspace(r, c, ws, nil, true)
	s.render(w, r, http.StatusOK, "minutes.html", map[string]any{"M": m, "V": v, "Printed": s.db.Now()})
}

func (s *Server) pageFamilySummary(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	c, ws, err := s.db.CaseWorkspace(r.Context(), actor(r), id)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	sum := plan.FamilySummaryOf(c, ws, s.db.Now(), workdays.Location())
	s.render(w, r, http.StatusOK, "family_summary.html", map[string]any{"S": sum, "Printed": s.db.Now(), "FamilyName": familyTitle(c)})
}

func (s *Server) pageOwnRecord(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rec, err := s.db.OwnRecordOf(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	notice := ""
	if r.URL.Query().Get("ok") == "uitgestapt" {
		notice = "Uw organisatie is uit de casus gestapt. De overdracht en de volgende stappen zijn vastgelegd. U ziet hieronder wat uw organisatie zelf vastlegde."
	}
	s.render(w, r, http.StatusOK, "own_record.html", map[string]any{"R": rec, "Notice": notice})
}

// caseWorkspaceData adds the workspace to the case page's data (the
// sections of templates/partials/plan_case.html).
func (s *Server) caseWorkspaceData(r *http.Request, data map[string]any, c schakel.Case, ws schakel.Workspace, readOnly bool) {
	data["W"] = s.buildWorkspace(r, c, ws, nil, readOnly)
}

func (s *Server) postMoveConsultation(w http.ResponseWriter, r *http.Request) {
	s.postChangeConsultation(w, r, "move", s.db.MoveConsultation, "verplaatst")
}

func (s *Server) postCancelConsultation(w http.ResponseWriter, r *http.Request) {
	s.postChangeConsultation(w, r, "cancel", s.db.CancelConsultation, "afgezegd")
}

// postChangeConsultation moves or cancels a consultation from its page; on
// an error the page shows again with what was typed.
func (s *Server) postChangeConsultation(w http.ResponseWriter, r *http.Request, form string,
	change func(context.Context, *schakel.Actor, int64, plan.ConsultationChange) (schakel.Consultation, error), ok string) {
	id, f, _, err := readForm(w, r, form)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	in := plan.ConsultationChange{ScheduledAt: localToRFC3339(f.Values.Get("scheduled_at")), Reason: f.Values.Get("reason")}
	if _, err := change(r.Context(), actor(r), id, in); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=%s", id, ok), http.StatusSeeOther)
}
