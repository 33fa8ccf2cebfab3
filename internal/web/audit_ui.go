package web

// The privacy officer's access log, in Dutch words: who, what, which data,
// on what basis. "Wie heeft mijn dossier bekeken" is person_accesses_ui.go.

import (
	"net/http"

	"schakel/internal/audit"
	"schakel/internal/storage"
)

// auditRow is one line of the trail as the screen shows it.
type auditRow struct {
	audit.Entry
	Who, Roles, Via, Action, What, Basis string
}

func (s *Server) pageAudit(w http.ResponseWriter, r *http.Request) {
	f, err := s.auditFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	entries, err := s.app.ListAudit(r.Context(), actor(r), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names, colleagues, err := s.auditNames(r, f.OrganisationID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	for i := range colleagues {
		colleagues[i].Selected = colleagues[i].Value == itoa64(f.UserID)
	}
	rows := make([]auditRow, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, auditRow{Entry: e, Who: names.who(e), Roles: rolesNL(e.Role), Via: viaNL(e), Action: wordOr(auditEventNL, e.Event),
			What: names.resource(e), Basis: wordOr(auditBasisNL, e.AccessBasis)})
	}
	events := make([]uiOption, 0, len(audit.Events))
	for _, ev := range audit.Events {
		events = append(events, uiOption{Value: ev, Label: auditEventNL[ev], Selected: ev == f.Event})
	}
	s.render(w, r, http.StatusOK, "audit.html", map[string]any{"Rows": rows, "Filter": f, "Colleagues": colleagues, "Events": events})
}

// auditNames reads the names the trail may show: every professional and
// organisation of the directory (which every professional may read), and
// the officer's own colleagues for the filter.
func (s *Server) auditNames(r *http.Request, orgID int64) (auditNames, []uiOption, error) {
	names := auditNames{professionals: map[int64]string{}, organisations: map[int64]string{}}
	pros, err := s.app.Professionals(r.Context(), actor(r), storage.ProfessionalFilter{})
	if err != nil {
		return names, nil, err
	}
	var colleagues []uiOption
	for _, p := range pros {
		names.professionals[p.ID] = p.Name
		if p.Organisation.ID == orgID {
			colleagues = append(colleagues, uiOption{Value: itoa64(p.ID), Label: p.Name})
		}
	}
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		return names, nil, err
	}
	for _, o := range orgs {
		names.organisations[o.ID] = o.Name
	}
	return names, colleagues, nil
}
