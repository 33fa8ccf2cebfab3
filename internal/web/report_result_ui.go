package web

// The page after filing a report: the colour, earlier reports, who knows
// the family, proposed matches and a planned crisis consultation.

import (
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/crisismeter"
)

func (s *Server) pageReportResult(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	caseID, err := strconv.ParseInt(r.URL.Query().Get("casus"), 10, 64)
	if err != nil || caseID <= 0 {
		s.pageError(w, r, schakel.Errorf(schakel.ENOTFOUND, "Deze melding is niet gevonden."))
		return
	}
	if res, ok := s.reportResults.get(actor(r).Professional.ID, id); ok && !res.OnCase {
		// The report joined a family known elsewhere: the reporter sees
		// the answer, not the case.
		s.render(w, r, http.StatusOK, "intake_result_known.html", map[string]any{"Result": res, "Now": s.app.Now()})
		return
	}
	c, err := s.app.Case(r.Context(), actor(r), caseID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var rep *schakel.Report
	for i := range c.Reports {
		if c.Reports[i].ID == id {
			rep = &c.Reports[i]
		}
	}
	if rep == nil {
		s.pageError(w, r, schakel.Errorf(schakel.ENOTFOUND, "Deze melding hoort (niet meer) bij casus %d. Kijk in Mijn werk.", caseID))
		return
	}
	me := actor(r).Professional
	res, full := s.reportResults.get(me.ID, id)
	if !full {
		res = resultFromCase(c, *rep, me.Organisation.ID)
	}
	s.render(w, r, http.StatusOK, "intake_result.html", map[string]any{
		"Case": c, "Report": rep, "Result": res, "Full": full, "Persons": personNames(c),
		"Consultation": res.Consultation, "Now": s.app.Now(),
	})
}

// resultFromCase rebuilds what it can of a filing's answer from the case.
func resultFromCase(c schakel.Case, rep schakel.Report, myOrg int64) app.ReportResult {
	res := app.ReportResult{ID: rep.ID, CaseID: c.ID, FamilyID: c.FamilyID, FormVersion: rep.FormVersion, KnownAt: []schakel.KnownAt{}}
	for _, g := range c.Ratings {
		if g.CreatedAt.Equal(rep.CreatedAt) {
			if len(g.Reasons) > 0 {
				res.Rating = g
			} else if res.Rating.ID != 0 { // the worker's own choice on the form
				reasons, proposed := res.Rating.Reasons, res.Rating.Proposed
				res.Rating = g
				res.Rating.Reasons, res.Rating.Proposed = reasons, proposed
			}
		}
	}
	res.Rating.DueAt = rep.AssessmentDueAt
	for _, o := range c.Reports {
		if o.ID != rep.ID && !o.ReceivedAt.After(rep.ReceivedAt) {
			res.EarlierReports++
		}
	}
	for _, p := range c.Participations {
		if p.Organisation.ID != myOrg && p.Status == "active" {
			res.KnownAt = append(res.KnownAt, schakel.KnownAt{Organisation: p.Organisation, Contact: p.Contact})
		}
	}
	res.Matches = []schakel.Match{}
	for _, m := range c.Matches {
		if m.Status == "proposed" {
			res.Matches = append(res.Matches, m)
		}
	}
	if res.Rating.Proposed == string(crisismeter.Red) || res.Rating.Color == string(crisismeter.Red) {
		for i := range c.Consultations {
			if cs := c.Consultations[i]; cs.Kind == schakel.ConsultCrisis && cs.Status == "planned" {
				res.Consultation = &c.Consultations[i]
			}
		}
	}
	return res
}

func personNames(c schakel.Case) map[int64]string {
	m := map[int64]string{}
	for _, p := range c.Persons {
		m[p.ID] = strings.TrimSpace(p.GivenNames + " " + p.FamilyName)
	}
	return m
}
