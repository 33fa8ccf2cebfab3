package web

// The consultation page: agenda, attendance, someone added, moving and
// cancelling; and planning a consultation from a case.

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/plan"
)

func (s *Server) pageConsultation(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.consultationPage(w, r, http.StatusOK, id, nil)
}

// consultationPage renders consultation.html with the workspace of its
// case (one audited read).
func (s *Server) consultationPage(w http.ResponseWriter, r *http.Request, status int, id int64, f *pform) {
	c, ws, err := s.app.ConsultationWorkspace(r.Context(), actor(r), id, "page")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var cons schakel.Consultation
	for _, k := range c.Consultations {
		if k.ID == id {
			cons = k
		}
	}
	me := actor(r).Professional.ID
	invited := slices.ContainsFunc(cons.Participants, func(p schakel.Participant) bool {
		return p.Professional.ID == me && !slices.Contains(p.Reasons, plan.WalkInReason)
	})
	present := slices.ContainsFunc(cons.Participants, func(p schakel.Participant) bool { return p.Professional.ID == me })
	accepted := slices.ContainsFunc(cons.Participants, func(p schakel.Participant) bool { return p.Professional.ID == me && p.AcceptedAt != nil })
	shape := false
	if cons.OnHold() {
		if shape, err = s.app.MayShapeTable(r.Context(), actor(r), id); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	v := s.buildWorkspace(r, c, ws, f, false)
	s.addDirectory(r, &v)
	if status == http.StatusOK {
		v.Notice = workspaceNotices[r.URL.Query().Get("ok")]
	}
	s.render(w, r, status, "consultation.html", map[string]any{"C": cons, "Invited": invited, "Accepted": accepted, "OnList": present, "Now": s.app.Now(),
		"Due": dueNL(s.app.Now(), cons.DueAt), "V": v, "CaseColor": c.Color,
		"MayShape": shape, "OpenDecline": r.URL.Query().Get("afmelden") == "1", "NeedOptions": tableNeedOptions(cons)})
}

func (s *Server) consultationFormFailed(w http.ResponseWriter, r *http.Request, id int64, f *pform, err error) {
	switch schakel.ErrorCode(err) {
	case schakel.EINVALID, schakel.ECONFLICT:
		if f == nil { // the form could not be read at all
			s.pageError(w, r, err)
			return
		}
	default:
		s.pageError(w, r, err)
		return
	}
	f.apply(err)
	s.consultationPage(w, r, StatusOf(err), id, f)
}

func (s *Server) postConsultation(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "consultation")
	if err != nil {
		s.formFailed(w, r, id, "consultation_new.html", f, err)
		return
	}
	v := f.Values
	in := plan.ConsultationInput{Kind: v.Get("kind"), ScheduledAt: localToRFC3339(v.Get("scheduled_at")), Title: v.Get("title"),
		Invite:   plan.Invite{ProfessionalIDs: formInts(v, "professional_ids"), OrganisationIDs: formInts(v, "organisation_ids"), Expertises: v["expertises"]},
		Location: locationOf(f)}
	for _, line := range strings.Split(v.Get("agenda"), "\n") {
		if l := strings.TrimSpace(line); l != "" {
			in.Agenda = append(in.Agenda, l)
		}
	}
	c, err := s.app.CreateConsultation(r.Context(), actor(r), id, in)
	if err != nil {
		s.formFailed(w, r, id, "consultation_new.html", f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=overleg", c.ID), http.StatusSeeOther)
}

func (s *Server) postAttendance(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "attendance")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	present := formInts(f.Values, "present")
	var absent []int64
	for _, p := range formInts(f.Values, "invited") {
		if !slices.Contains(present, p) {
			absent = append(absent, p)
		}
	}
	if _, err := s.app.RecordAttendance(r.Context(), actor(r), id, plan.AttendanceInput{Present: present, Absent: absent}); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=aanwezig", id), http.StatusSeeOther)
}

func (s *Server) postAgendaItem(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "agenda")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	if _, err := s.app.AddAgendaItem(r.Context(), actor(r), id, f.Values.Get("text")); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=agenda", id), http.StatusSeeOther)
}

func (s *Server) postConsultationParticipant(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "participant")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	v := f.Values
	in := plan.Invite{Reason: v.Get("reason")}
	if p := formInt(v, "professional_id"); p > 0 {
		in.ProfessionalIDs = []int64{p}
	}
	if e := v.Get("expertise"); e != "" {
		in.Expertises = []string{e}
	}
	if _, err := s.app.AddConsultationParticipant(r.Context(), actor(r), id, in); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=deelnemer", id), http.StatusSeeOther)
}

func (s *Server) postMoveConsultation(w http.ResponseWriter, r *http.Request) {
	s.postChangeConsultation(w, r, "move", s.app.MoveConsultation, "verplaatst")
}

func (s *Server) postCancelConsultation(w http.ResponseWriter, r *http.Request) {
	s.postChangeConsultation(w, r, "cancel", s.app.CancelConsultation, "afgezegd")
}

// postChangeConsultation moves or cancels a consultation from its page; on
// an error the page shows again with what was typed.
func (s *Server) postChangeConsultation(w http.ResponseWriter, r *http.Request, form string,
	change func(context.Context, *schakel.Actor, int64, plan.ConsultationChange) (schakel.Consultation, error), ok string) {
	id, f, err := readForm(w, r, form)
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	in := plan.ConsultationChange{ScheduledAt: localToRFC3339(f.Values.Get("scheduled_at")), Reason: f.Values.Get("reason")}
	if _, err := change(r.Context(), actor(r), id, in); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=%s", id, ok), http.StatusSeeOther)
}
