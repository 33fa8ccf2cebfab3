package web

import (
	"net/http"
	"strconv"

	"schakel"
	"schakel/internal/storage"
)

func (s *Server) auditFilter(r *http.Request) (storage.AuditFilter, error) {
	q := r.URL.Query()
	f := storage.AuditFilter{OrganisationID: actor(r).Professional.Organisation.ID, Event: q.Get("event"), Outcome: q.Get("outcome")}
	var v schakel.Validation
	num := func(name string, dst *int64) {
		if s := q.Get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				v.Add(name, "format", "Vul een getal in.")
			}
			*dst = n
		}
	}
	num("user_id", &f.UserID)
	num("person_id", &f.PersonID)
	num("before", &f.BeforeSeq)
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			v.Add("limit", "range", "Kies een aantal tussen 1 en 500.")
		}
		f.Limit = n
	}
	return f, v.Err()
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) (any, error) {
	f, err := s.auditFilter(r)
	if err != nil {
		return nil, err
	}
	entries, err := s.app.ListAudit(r.Context(), actor(r), f)
	if err != nil {
		return nil, err
	}
	return map[string]any{"entries": nonNil(entries)}, nil
}

func (s *Server) apiPersonAccesses(w http.ResponseWriter, r *http.Request) (any, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	before, limit, err := personAccessesPaging(r)
	if err != nil {
		return nil, err
	}
	page, err := s.app.PersonAccesses(r.Context(), actor(r), id, before, limit)
	if err != nil {
		return nil, err
	}
	var next *int64 // null on the last page: never a silent cut
	if page.Next != 0 {
		next = &page.Next
	}
	return map[string]any{"person_id": id, "entries": nonNil(page.Entries), "next_before": next}, nil
}

// personAccessesPaging reads the before cursor and the page size of "who
// looked at my file".
func personAccessesPaging(r *http.Request) (before int64, limit int, err error) {
	q := r.URL.Query()
	var v schakel.Validation
	if s := q.Get("before"); s != "" {
		if before, err = strconv.ParseInt(s, 10, 64); err != nil || before < 1 {
			v.Add("before", "format", "Vul een positief geheel getal in.")
		}
	}
	if s := q.Get("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > storage.PersonAccessesMaxPageSize {
			v.Add("limit", "range", "Kies een aantal tussen 1 en "+strconv.Itoa(storage.PersonAccessesMaxPageSize)+".")
		}
	}
	if err := v.Err(); err != nil {
		return 0, 0, err
	}
	return before, limit, nil
}
