package web

// The view of the joint workspace on a case (issue 4) that its pages and
// the case page's overview and plan sections share.

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

type orgFindings struct {
	Organisation                        schakel.OrganisationRef
	Worries, WorkingWell, NeedsToHappen []schakel.Finding
}

type actionGroup struct {
	Kind, Title, Intro string
	Actions            []schakel.Action
}

type wsView struct {
	Holders         []holderRow // case_holders.html
	Colleagues      []uiOption  // case_holders.html: the viewer's organisation
	HolderPositions []uiOption  // case_holders.html
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
	// colleague_asks.html: the case's asks and the viewer's team.
	Asks              []schakel.ColleagueAsk
	TeamID            int64
	TeamName          string
	PlaceKinds, AskTo []uiOption
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
	v := wsView{Case: c, W: ws, Title: familyTitle(c), Form: f, Now: s.app.Now(), Me: me, ReadOnly: readOnly,
		IsRaad: me.Organisation.Kind == schakel.Raad, Today: plan.DateOf(s.app.Now(), workdays.Location()).String()}
	if f == nil {
		v.Form = &pform{}
	}
	v.addParticipations(c, me)
	v.addChoices(c, ws)
	v.addFindings(ws.Findings)
	v.addActions(ws.Plan.Actions, me)
	v.Scale = scaleOptions()
	return v
}

// addParticipations notes the active organisations on the case, whether
// the actor's is one of them and which holds regie.
func (v *wsView) addParticipations(c schakel.Case, me *schakel.Professional) {
	for i, p := range c.Participations {
		if p.Status != "active" {
			continue
		}
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
}

// addChoices fills the forms' choices: the professionals on the case, its
// consultations (not cancelled ones) and its persons.
func (v *wsView) addChoices(c schakel.Case, ws schakel.Workspace) {
	for _, p := range ws.Professionals {
		v.Owners = append(v.Owners, uiOption{Value: itoa64(p.ID), Label: p.Name + " – " + p.Organisation.Name})
		v.CasePros = append(v.CasePros, uiOption{Value: itoa64(p.ID), Label: p.Name + " (" + p.Organisation.Name + ")"})
	}
	for _, k := range c.Consultations {
		if k.Status != "cancelled" {
			label := fmt.Sprintf("%s van %s", consultKindShort(k.Kind), k.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04"))
			if k.Status == "held" {
				label += " (gehouden)"
			}
			v.Consultations = append(v.Consultations, uiOption{Value: itoa64(k.ID), Label: label})
		}
	}
	for _, p := range c.Persons {
		kind := "volwassene"
		if p.Kind == "child" {
			kind = "kind"
		}
		v.Persons = append(v.Persons, uiOption{Value: itoa64(p.ID), Label: fmt.Sprintf("%s %s (%s)", p.GivenNames, p.FamilyName, kind)})
	}
}

// addFindings groups the findings per organisation, in three columns.
func (v *wsView) addFindings(findings []schakel.Finding) {
	index := map[int64]int{}
	for _, fd := range findings {
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
}

// addActions groups the plan's actions by kind and counts the open and
// done ones (and the actor's organisation's open ones).
func (v *wsView) addActions(actions []schakel.Action, me *schakel.Professional) {
	groups := []actionGroup{
		{Kind: schakel.ActionSafetyAgreement, Title: "Veiligheidsafspraken", Intro: "Directe veiligheid: wat zorgt ervoor dat het kind nu veilig is."},
		{Kind: schakel.ActionTask, Title: "Acties", Intro: "Wie doet wat, voor wie, en wanneer."},
		{Kind: schakel.ActionGoal, Title: "Doelen", Intro: "Stabiele veiligheid: waar werken we samen naartoe."},
	}
	for _, a := range actions {
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
}

// scaleOptions are the safety scale's steps, its ends explained.
func scaleOptions() []uiOption {
	var out []uiOption
	for i := plan.ScaleMin; i <= plan.ScaleMax; i++ {
		label := strconv.Itoa(i)
		switch i {
		case 0:
			label += " – het kind is niet veilig"
		case 10:
			label += " – veilig genoeg om de zorg af te sluiten"
		}
		out = append(out, uiOption{Value: strconv.Itoa(i), Label: label})
	}
	return out
}

func itoa64(v int64) string { return strconv.FormatInt(v, 10) }

// addDirectory fills the lists that need the region's directory (organisations
// to add, every colleague to ask): unaudited reads, names only.
func (s *Server) addDirectory(r *http.Request, v *wsView) {
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		s.logFailure(r, "organisations", err)
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
	pros, err := s.app.Professionals(r.Context(), actor(r), storage.ProfessionalFilter{ActiveOnly: true})
	if err != nil {
		s.logFailure(r, "professionals", err)
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

// TaskKinds are the kinds of support task a case holder may post.
func (wsView) TaskKinds() []uiOption { return taskKindOptions() }

func taskKindOptions() []uiOption {
	out := make([]uiOption, 0, len(schakel.TaskKinds))
	for _, k := range schakel.TaskKinds {
		o := uiOption{Value: k, Label: schakel.TaskKindDutch(k)}
		if schakel.TaskNeedsAddress(k) {
			o.Hint = "U kunt het adres van het gezin meegeven."
		}
		out = append(out, o)
	}
	return out
}
