package web

// Cohorts: the page to define them, and tagging a case with one.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
	"schakel/internal/intervention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

func (s *Server) cohortsPage(w http.ResponseWriter, r *http.Request, status int, form app.CohortInput, errs []schakel.FieldError) {
	cs, err := s.app.Cohorts(r.Context(), actor(r), 0)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	regions, err := s.app.Regions(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
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
	choices, err := s.app.CohortChoices(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	notice := map[string]string{"toegevoegd": "Toegevoegd. Zet er een team of medewerker in, of voeg casussen toe via hun tijdlijn.",
		"lid": "Het cohort is bijgewerkt.", "geen": "Er veranderde niets: dat team of die medewerker zat er al in, of niet."}[r.URL.Query().Get("ok")]
	s.render(w, r, status, "cohorts.html", map[string]any{"Cohorts": cohortRowsOf(cs), "Regions": names, "CanEdit": canEdit, "Form": form, "Errors": errMap,
		"Notice": notice, "Choices": choices, "Interventions": interventionOptions(form.Intervention)})
}

// cohortRow is a cohort on the page, with its intervention in words.
type cohortRow struct {
	storage.Cohort
	InterventionLabel, StartsOn string
}

func cohortRowsOf(cs []storage.Cohort) []cohortRow {
	out := make([]cohortRow, 0, len(cs))
	for _, c := range cs {
		row := cohortRow{Cohort: c, InterventionLabel: intervention.Kind(c.Intervention).Label()}
		if c.StartsAt != nil {
			row.StartsOn = c.StartsAt.In(workdays.Location()).Format("02-01-2006")
		}
		out = append(out, row)
	}
	return out
}

// interventionOptions are the four interventions as choices, and none.
func interventionOptions(selected string) []uiOption {
	out := []uiOption{{Value: "", Label: "Geen van de vier", Selected: selected == ""}}
	for _, k := range intervention.Kinds() {
		out = append(out, uiOption{Value: string(k), Label: k.Label(), Selected: string(k) == selected})
	}
	return out
}

// postCohortMember puts a team or worker in a cohort or takes them out;
// the form's member is "team:ID" or "worker:ID".
func (s *Server) postCohortMember(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	var in app.CohortMemberInput
	if err == nil {
		kind, raw, _ := strings.Cut(r.PostForm.Get("member"), ":")
		n, perr := strconv.ParseInt(raw, 10, 64)
		if perr != nil {
			// Not "team:N" or "worker:N": no member named, which the use
			// case refuses with its own message.
			kind = ""
		}
		switch kind {
		case "team":
			in.TeamID = n
		case "worker":
			in.ProfessionalID = n
		}
	}
	changed := false
	if err == nil {
		changed, err = s.app.SetCohortMember(r.Context(), actor(r), id, in, r.PostForm.Get("action") != "remove")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ok := "lid"
	if !changed {
		ok = "geen"
	}
	http.Redirect(w, r, "/beheer/cohorten?ok="+ok+"#cohort-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func (s *Server) pageCohorts(w http.ResponseWriter, r *http.Request) {
	s.cohortsPage(w, r, http.StatusOK, app.CohortInput{}, nil)
}

func (s *Server) postCohort(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	in := app.CohortInput{Name: r.PostForm.Get("name"), Kind: r.PostForm.Get("kind"), Description: r.PostForm.Get("description"),
		Intervention: r.PostForm.Get("intervention"), StartsOn: r.PostForm.Get("starts_on")}
	if err == nil {
		_, err = s.app.CreateCohort(r.Context(), actor(r), in)
	}
	if c := schakel.ErrorCode(err); c == schakel.EINVALID || c == schakel.ECONFLICT {
		s.cohortsPage(w, r, StatusOf(err), in, schakel.FieldErrors(err))
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, "/beheer/cohorten?ok=toegevoegd", http.StatusSeeOther)
}

func (s *Server) postCaseCohort(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		err = parseForm(w, r)
	}
	var cohort int64
	if err == nil {
		cohort = formInt(r.PostForm, "cohort_id")
		if cohort <= 0 {
			err = schakel.Errorf(schakel.EINVALID, "Kies een cohort.")
		}
	}
	if err == nil {
		err = s.app.TagCase(r.Context(), actor(r), id, cohort, r.PostForm.Get("action") != "remove")
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d/tijdlijn?ok=cohort#cohorten", id), http.StatusSeeOther)
}
