package web

// The audit trail pages: the trail, and who looked at a person's file.

import (
	"net/http"

	"schakel/internal/audit"
	"schakel/internal/storage"
)

func (s *Server) pageAudit(w http.ResponseWriter, r *http.Request) {
	f, err := s.auditFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	entries, err := s.db.ListAudit(r.Context(), actor(r), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	colleagues, err := s.db.ListProfessionals(r.Context(), storage.ProfessionalFilter{OrganisationID: f.OrganisationID})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "audit.html", map[string]any{"Entries": entries, "Filter": f, "Colleagues": colleagues,
		"Events": []string{audit.EventRead, audit.EventSearch, audit.EventCreate, audit.EventUpdate, audit.EventExport, audit.EventDelete, audit.EventLogin}})
}

func (s *Server) pagePersonAccesses(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	before, limit, err := personAccessesPaging(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	page, err := s.db.PersonAccesses(r.Context(), actor(r), id, before, limit)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	orgs, err := s.db.Organisations(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	s.render(w, r, http.StatusOK, "person_accesses.html", map[string]any{"PersonID": id, "Entries": page.Entries, "OrgNames": names,
		"Older": page.Next, "Paged": before != 0})
}
