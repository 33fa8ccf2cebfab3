package web

// "Wie heeft mijn dossier bekeken": every access to one person's data, in
// short sentences (B1) that the privacy officer prints and gives to a
// parent or to a child of 12 or older.

import (
	"fmt"
	"net/http"
	"time"

	"schakel/internal/audit"
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

var (
	weekdaysNL = []string{"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}
	monthsNL   = []string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}
)

// longDateNL is "maandag 1 december 2026, om 03:08".
func longDateNL(t time.Time) string {
	l := t.In(workdays.Location())
	return fmt.Sprintf("%s %d %s %d, om %s", weekdaysNL[l.Weekday()], l.Day(), monthsNL[l.Month()-1], l.Year(), l.Format("15:04"))
}

// accessWhat is what someone did with the person's data, after their
// name: what they did, and what they tried when it was refused.
var accessWhat = map[string][2]string{
	audit.EventRead:   {"heeft uw gegevens bekeken.", "wilde uw gegevens bekijken."},
	audit.EventSearch: {"heeft gekeken of uw gezin al bekend was.", "wilde kijken of uw gezin al bekend was."},
	audit.EventCreate: {"heeft iets over u opgeschreven.", "wilde iets over u opschrijven."},
	audit.EventUpdate: {"heeft iets over u veranderd.", "wilde iets over u veranderen."},
	audit.EventExport: {"heeft een kopie gemaakt van gegevens over u.", "wilde een kopie maken van gegevens over u."},
	audit.EventDelete: {"heeft gegevens over u weggehaald.", "wilde gegevens over u weghalen."},
}

// accessWhy says why it was allowed, in one short sentence; org is the
// organisation of the person who did it.
func accessWhy(e audit.Entry, org string) string {
	switch {
	case e.Outcome == audit.Refused:
		return "Dat mocht niet. Schakel heeft niets laten zien en niets veranderd."
	case e.ResourceType == "person_accesses":
		return "Dit is het werk van de privacy officer. Zo kon zij of hij dit overzicht voor u maken."
	case e.ResourceType == "person_match" || e.Event == audit.EventSearch:
		return "Dat gebeurt bij elke nieuwe melding. Zo werken organisaties niet langs elkaar heen."
	case e.ResourceType == "worklist":
		return "Uw achternaam stond in de werklijst van deze medewerker. " + org + " helpt uw gezin."
	}
	switch e.AccessBasis {
	case audit.BasisParticipation:
		return org + " helpt uw gezin."
	case audit.BasisDuty:
		return "Deze medewerker was uitgenodigd voor een overleg over uw gezin."
	case audit.BasisEmergency:
		return "Het was een noodgeval. De medewerker moest opschrijven waarom. De privacy officer controleert dat."
	case audit.BasisOwnRecord:
		return org + " hielp uw gezin eerder en las terug wat het zelf had opgeschreven."
	case audit.BasisSystem:
		return "Schakel deed dit zelf, bijvoorbeeld bij onderhoud."
	case audit.BasisReview:
		return "Deze medewerker dacht mee over hoe uw kind thuis kan blijven. Hij of zij zag alleen een kort overzicht, zonder adres."
	case audit.BasisRole, audit.BasisSelf:
		return "Dat hoort bij het werk van deze medewerker."
	}
	return "Dat mocht volgens de regels van Schakel."
}

// accessLineOf tells one audit entry about the person.
func accessLineOf(e audit.Entry, orgNames map[int64]string) accessLine {
	org := orgNames[e.OrganisationID]
	who := auditNames{}.who(e)
	if org != "" && e.PrincipalKind != "system" {
		who += " van " + org
	}
	what, ok := accessWhat[e.Event]
	if !ok {
		what = [2]string{"heeft iets met uw gegevens gedaan.", "wilde iets met uw gegevens doen."}
	}
	refused := e.Outcome == audit.Refused
	if refused {
		what[0] = what[1]
	}
	if org == "" {
		org = "Deze organisatie"
	}
	return accessLine{When: longDateNL(e.At), Who: who, What: what[0], Why: accessWhy(e, org), Refused: refused}
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
	orgs, err := s.db.Organisations(r.Context())
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
		"Older": page.Next, "Paged": before != 0, "Made": longDateNL(s.db.Now())})
}
