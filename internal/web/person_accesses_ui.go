package web

// "Wie heeft mijn dossier bekeken": every access to one person's data, in
// short sentences (B1) that the privacy officer prints and gives to a
// parent or to a child of 12 or older.

import (
	"net/http"
	"strconv"
	"time"

	"schakel/internal/audit"
	"schakel/internal/familytext"
	"schakel/internal/workdays"
)

// accessLine is one access, told in plain words.
type accessLine struct {
	When    string // "maandag 1 december 2026, om 03:08"
	Who     string // "Sanne de Wit van Veilig Thuis Rotterdam Rijnmond"
	What    string // "heeft uw gegevens bekeken."
	Why     string // "Veilig Thuis Rotterdam Rijnmond helpt uw gezin."
	Refused bool
}

// longDate is "maandag 1 december 2026, om 03:08" in the language.
func longDate(l *familytext.Lang, t time.Time) string {
	t = t.In(workdays.Location())
	return l.T("date.at", "weekday", l.T("weekday."+strconv.Itoa(int(t.Weekday()))), "date", l.Date(t, workdays.Location()), "time", t.Format("15:04"))
}

// longDateNL is longDate in Dutch.
func longDateNL(t time.Time) string { return longDate(familytext.Get(familytext.Dutch), t) }

// accessEvents are the events told in their own words; login and logout
// only on the family's own log (withLogin).
var accessEvents = map[string]bool{audit.EventRead: true, audit.EventSearch: true, audit.EventCreate: true, audit.EventUpdate: true,
	audit.EventExport: true, audit.EventDelete: true}

// accessDid is what someone did with the person's data, after their
// name: what they did, or what they tried when it was refused.
func accessDid(l *familytext.Lang, e audit.Entry, withLogin bool) string {
	ev := e.Event
	if !accessEvents[ev] && !(withLogin && (ev == audit.EventLogin || ev == audit.EventLogout)) {
		ev = "other"
	}
	if e.Outcome == audit.Refused {
		return l.T("access.tried." + ev)
	}
	return l.T("access.what." + ev)
}

// accessWhy says why it was allowed, in one short sentence; org is the
// organisation of the person who did it.
func accessWhy(l *familytext.Lang, e audit.Entry, org string) string {
	switch {
	case e.Outcome == audit.Refused:
		return l.T("access.why.refused")
	case e.ResourceType == "person_accesses":
		return l.T("access.why.person_accesses")
	case e.ResourceType == "person_match" || e.Event == audit.EventSearch:
		return l.T("access.why.search")
	case e.ResourceType == "worklist":
		return l.T("access.why.worklist", "org", org)
	}
	switch e.AccessBasis {
	case audit.BasisParticipation:
		return l.T("access.why.participation", "org", org)
	case audit.BasisDuty:
		return l.T("access.why.duty")
	case audit.BasisEmergency:
		return l.T("access.why.emergency")
	case audit.BasisOwnRecord:
		return l.T("access.why.own_record", "org", org)
	case audit.BasisSystem:
		return l.T("access.why.system")
	case audit.BasisReview:
		return l.T("access.why.review")
	case audit.BasisRole, audit.BasisSelf:
		return l.T("access.why.role")
	}
	return l.T("access.why.rules")
}

// accessLineOf tells one audit entry about the person.
func accessLineOf(e audit.Entry, orgNames map[int64]string) accessLine {
	org := orgNames[e.OrganisationID]
	who := auditNames{}.who(e)
	if org != "" && e.PrincipalKind != "system" {
		who += " van " + org
	}
	nl := familytext.Get(familytext.Dutch)
	if org == "" {
		org = nl.T("access.this_org")
	}
	return accessLine{When: longDate(nl, e.At), Who: who, What: accessDid(nl, e, false), Why: accessWhy(nl, e, org), Refused: e.Outcome == audit.Refused}
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
	page, err := s.app.PersonAccesses(r.Context(), actor(r), id, before, limit)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	orgs, err := s.app.Organisations(r.Context(), actor(r))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	lines := make([]accessLine, 0, len(page.Entries))
	for _, e := range page.Entries {
		lines = append(lines, accessLineOf(e, names))
	}
	s.render(w, r, http.StatusOK, "person_accesses.html", map[string]any{"PersonID": id, "Lines": lines,
		"Older": page.Next, "Paged": before != 0, "Made": longDateNL(s.app.Now())})
}
