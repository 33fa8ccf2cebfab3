package web

// The team screens (/beheer/teams): an organisation's teams, a new team,
// and one team's members with their hours per week and its team lead.
// Team leads and administrators of the organisation; everything through
// the use cases that the API uses as well.

import (
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// teamsView is the list of teams and the form for a new one.
type teamsView struct {
	Teams  []storage.TeamSummary
	Leads  []uiOption
	Form   *pform
	Notice string
}

// teamView is one team with its forms.
type teamView struct {
	Team       schakel.Team
	LeadName   string
	Colleagues []uiOption
	Leads      []uiOption
	Form       *pform
	Notice     string
}

func (s *Server) pageTeams(w http.ResponseWriter, r *http.Request) {
	s.teamsPage(w, r, http.StatusOK, nil)
}

func (s *Server) teamsPage(w http.ResponseWriter, r *http.Request, status int, f *pform) {
	teams, err := s.app.OrganisationTeams(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	_, leads, err := s.colleagueOptions(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := teamsView{Teams: teams, Leads: leads, Form: f}
	if r.URL.Query().Get("ok") == "team" {
		v.Notice = "Het team is gemaakt."
	}
	s.render(w, r, status, "teams.html", map[string]any{"V": v})
}

func (s *Server) postTeam(w http.ResponseWriter, r *http.Request) {
	f, ok := s.teamForm(w, r, "team")
	if !ok {
		return
	}
	t, err := s.app.CreateTeam(r.Context(), actor(r), app.TeamInput{Name: f.Values.Get("name"), LeadID: formInt(f.Values, "lead_id")})
	if err != nil {
		s.teamFailed(w, r, 0, f, err)
		return
	}
	http.Redirect(w, r, "/beheer/teams/"+itoa64(t.ID)+"?ok=team", http.StatusSeeOther)
}

func (s *Server) pageTeam(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.teamPage(w, r, http.StatusOK, id, nil)
}

func (s *Server) teamPage(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	t, err := s.app.TeamOfOrganisation(r.Context(), actor(r), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	colleagues, leads, err := s.colleagueOptions(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := teamView{Team: t, Colleagues: colleagues, Leads: leads, Form: f, Notice: teamNotices[r.URL.Query().Get("ok")]}
	for _, o := range colleagues {
		if o.Value == itoa64(t.LeadID) {
			v.LeadName = o.Label
		}
	}
	s.render(w, r, status, "team.html", map[string]any{"V": v})
}

var teamNotices = map[string]string{
	"team": "Het team is gemaakt. Voeg nu de medewerkers toe.", "lid": "De medewerker en de uren zijn opgeslagen.",
	"weg": "De medewerker zit niet meer in dit team.", "leider": "De teamleider is opgeslagen.",
}

// postTeamMember adds a member or changes their hours.
func (s *Server) postTeamMember(w http.ResponseWriter, r *http.Request) {
	s.teamAct(w, r, "member", "lid", func(id int64, v map[string][]string) error {
		hours, err := strconv.Atoi(first(v["hours_per_week"]))
		if err != nil {
			hours = 0 // refused as out of range, next to the field
		}
		_, err = s.app.PutTeamMember(r.Context(), actor(r), id, app.MemberInput{ProfessionalID: formInt(v, "professional_id"), HoursPerWeek: hours, StartedOn: first(v["started_on"])})
		return err
	})
}

// postRemoveTeamMember takes a member out of the team.
func (s *Server) postRemoveTeamMember(w http.ResponseWriter, r *http.Request) {
	s.teamAct(w, r, "remove", "weg", func(id int64, v map[string][]string) error {
		_, err := s.app.RemoveTeamMember(r.Context(), actor(r), id, formInt(v, "professional_id"))
		return err
	})
}

// postTeamLead names the team lead.
func (s *Server) postTeamLead(w http.ResponseWriter, r *http.Request) {
	s.teamAct(w, r, "lead", "leider", func(id int64, v map[string][]string) error {
		_, err := s.app.SetTeamLead(r.Context(), actor(r), id, formInt(v, "lead_id"))
		return err
	})
}

// teamAct reads a form on a team's page, runs the act and goes back to
// the page with a notice, or shows the form again with its errors.
func (s *Server) teamAct(w http.ResponseWriter, r *http.Request, form, ok string, act func(int64, map[string][]string) error) {
	id, f, err := readForm(w, r, form)
	if err == nil {
		err = act(id, f.Values)
	}
	if err != nil {
		s.teamFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, "/beheer/teams/"+itoa64(id)+"?ok="+ok, http.StatusSeeOther)
}

// teamForm parses a form without an id in the path.
func (s *Server) teamForm(w http.ResponseWriter, r *http.Request, name string) (*pform, bool) {
	err := parseForm(w, r)
	f := &pform{Name: name, Values: r.PostForm}
	if err != nil {
		s.teamFailed(w, r, 0, f, err)
		return nil, false
	}
	return f, true
}

// teamFailed shows a refused or invalid form again beside its fields
// (422, 409); a refusal of the team itself is the error page.
func (s *Server) teamFailed(w http.ResponseWriter, r *http.Request, id int64, f *pform, err error) {
	switch c := schakel.ErrorCode(err); {
	case f == nil || (c != schakel.EINVALID && c != schakel.ECONFLICT):
		s.pageError(w, r, err)
	case id == 0:
		f.apply(err)
		s.teamsPage(w, r, StatusOf(err), f)
	default:
		f.apply(err)
		s.teamPage(w, r, StatusOf(err), id, f)
	}
}

// colleagueOptions lists the active professionals of the viewer's
// organisation, and those of them who are team leads.
func (s *Server) colleagueOptions(r *http.Request) (all, leads []uiOption, err error) {
	me := actor(r).Professional
	if me == nil {
		return nil, nil, schakel.Errorf(schakel.EFORBIDDEN, "Alleen professionals beheren teams.")
	}
	pros, err := s.app.Professionals(r.Context(), actor(r), storage.ProfessionalFilter{OrganisationID: me.Organisation.ID, ActiveOnly: true})
	if err != nil {
		return nil, nil, err
	}
	for _, p := range pros {
		o := uiOption{Value: itoa64(p.ID), Label: p.Name}
		all = append(all, o)
		if p.HasRole(schakel.RoleTeamLead) {
			leads = append(leads, o)
		}
	}
	return all, leads, nil
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}
