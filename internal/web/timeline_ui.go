package web

// The chain timeline (issue 5): its section on the case page, and its own
// page with the form to register events.

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"schakel"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

type eventRow struct {
	storage.ChainEvent
	CorrectedBy int64 // the event that corrects this one
	Detail      string
}

type timelineView struct {
	CaseID   int64
	Events   []eventRow
	Phases   []storage.PhaseView
	Orders   []storage.OrderView
	Cohorts  []storage.Cohort
	Now      time.Time
	Error    string
	ReadOnly bool // emergency access: nothing to register
}

func buildTimeline(tl storage.Timeline, now time.Time) timelineView {
	v := timelineView{CaseID: tl.CaseID, Phases: tl.Phases, Orders: tl.Orders, Cohorts: tl.Cohorts, Now: now}
	correctedBy := map[int64]int64{}
	for _, e := range tl.Events {
		if e.Corrects != 0 {
			correctedBy[e.Corrects] = e.ID
		}
	}
	for _, e := range tl.Events {
		row := eventRow{ChainEvent: e, CorrectedBy: correctedBy[e.ID]}
		var parts []string
		if e.Details.Measure != "" {
			parts = append(parts, e.Details.Measure.Label())
		}
		if e.Details.Urgent {
			parts = append(parts, "spoed")
		}
		if e.Details.EndsAt != nil {
			parts = append(parts, "tot "+e.Details.EndsAt.In(workdays.Location()).Format("02-01-2006"))
		}
		if e.Details.Color != "" {
			parts = append(parts, "kleur "+colorNL(e.Details.Color))
		}
		if e.Details.ReportID != 0 {
			parts = append(parts, fmt.Sprintf("melding %d", e.Details.ReportID))
		}
		if e.Details.ConsultationID != 0 {
			parts = append(parts, fmt.Sprintf("overleg %d", e.Details.ConsultationID))
		}
		row.Detail = strings.Join(parts, ", ")
		v.Events = append(v.Events, row)
	}
	return v
}

// withTimeline adds the case's timeline to the case page's data. Reading
// it is an audited read of its own; a failure shows a message in the
// section instead of failing the page.
func (s *Server) withTimeline(r *http.Request, data map[string]any, caseID int64) map[string]any {
	tl, err := s.app.Timeline(r.Context(), actor(r), caseID)
	v := buildTimeline(tl, s.app.Now())
	v.ReadOnly = actor(r).EmergencyReason != ""
	if err != nil {
		s.logFailure(r, "timeline on case page", err)
		v.Error = schakel.ErrorMessage(err)
	}
	data["Timeline"] = v
	return data
}

// eventForm is what was typed in the register-event form.
type eventForm struct {
	Type, Date, Time, Measure, EndsAt, Corrects, Reason string
	Withdraw, Urgent                                    bool
	NeedsReview                                         bool // refused: the placement-prevention review comes first
	fieldErrors
}

func eventFormFrom(f url.Values) eventForm {
	return eventForm{Type: f.Get("type"), Date: f.Get("date"), Time: f.Get("time"), Measure: f.Get("measure"), EndsAt: f.Get("ends_at"),
		Corrects: f.Get("corrects"), Reason: f.Get("reason"), Withdraw: f.Get("withdraw") != "", Urgent: f.Get("urgent") != ""}
}

func (f eventForm) input() schakel.ChainEventInput {
	var in schakel.ChainEventInput
	in.Type = f.Type
	in.At = strings.TrimSpace(f.Date)
	if t := strings.TrimSpace(f.Time); t != "" && in.At != "" {
		in.At += "T" + t
	}
	in.Details.Measure, in.Details.EndsAt, in.Details.Urgent = f.Measure, strings.TrimSpace(f.EndsAt), f.Urgent
	in.Corrects = formNumber(f.Corrects)
	in.Withdraw, in.Reason = f.Withdraw, f.Reason
	return in
}

// formFieldOf maps an API field to the form control that shows its error.
func formFieldOf(field string) string {
	switch field {
	case "type":
		return "event-type"
	case "at":
		return "event-date"
	case "details.measure":
		return "event-measure"
	case "details.ends_at":
		return "event-ends"
	case "details.urgent":
		return "event-urgent"
	case "corrects":
		return "event-corrects"
	case "reason":
		return "event-reason"
	}
	return "event-type"
}

func (s *Server) timelinePage(w http.ResponseWriter, r *http.Request, status int, id int64, f eventForm) {
	c, err := s.app.Case(r.Context(), actor(r), id)
	if schakel.ErrorCode(err) == schakel.EFORBIDDEN {
		s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
		return
	} else if err != nil {
		s.pageError(w, r, err)
		return
	}
	data := s.withTimeline(r, map[string]any{"Case": c, "Title": familyTitle(c), "Form": f}, id)
	var manual []chain.TypeInfo
	for _, t := range chain.Types() {
		if !t.Automatic {
			manual = append(manual, t)
		}
	}
	data["Types"] = manual
	data["Measures"] = chain.Measures()
	cohorts, err := s.app.Cohorts(r.Context(), actor(r), actor(r).Professional.Organisation.RegionID)
	if err != nil {
		s.logFailure(r, "cohorts", err)
	}
	data["AllCohorts"] = cohorts
	data["Today"] = s.app.Now().In(workdays.Location()).Format(time.DateOnly)
	switch r.URL.Query().Get("ok") {
	case "vastgelegd":
		data["Notice"] = "De gebeurtenis is vastgelegd."
	case "cohort":
		data["Notice"] = "Het cohort is bijgewerkt."
	}
	s.render(w, r, status, "timeline.html", data)
}

func (s *Server) pageTimeline(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.timelinePage(w, r, http.StatusOK, id, eventForm{})
}

func (s *Server) postTimelineEvent(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	var textErr error
	if err == nil {
		textErr, err = textOrFatal(parseForm(w, r))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	f := eventFormFrom(r.PostForm)
	err = textErr
	if err == nil {
		_, err = s.app.RecordEvent(r.Context(), actor(r), id, f.input(), storage.SourceHand)
	}
	if err != nil {
		switch code := schakel.ErrorCode(err); {
		case code == schakel.EINVALID || code == schakel.ECONFLICT && len(schakel.FieldErrors(err)) > 0:
			for _, fe := range schakel.FieldErrors(err) {
				if fe.Code == "review_required" {
					f.NeedsReview = true
				}
				ctl := formFieldOf(fe.Field)
				f.add(ctl, ctl, fe.Message)
			}
			s.timelinePage(w, r, http.StatusUnprocessableEntity, id, f)
			return
		case code == schakel.EFORBIDDEN:
			s.renderCaseRefused(w, r, id, schakel.ErrorMessage(err), "", "")
			return
		}
		s.pageError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/casussen/%d/tijdlijn?ok=vastgelegd#tijdlijn", id), http.StatusSeeOther)
}
