package web

// Planned conversations with the family: the professional plans one on the
// findings page of the case; the invited family members see it on /gezin
// and download it for their calendar.

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/ics"
	"schakel/internal/plan"
)

// FamilyMeetingModes are the ways a conversation with the family meets:
// at a place or by video (a family gets no dial-in number).
func (wsView) FamilyMeetingModes() []uiOption {
	return []uiOption{{Value: schakel.MeetInPerson, Label: "Op een plek"}, {Value: schakel.MeetOnline, Label: "Online, met video"}}
}

// MeetingLengths are the lengths offered for a conversation.
func (wsView) MeetingLengths() []uiOption {
	var out []uiOption
	for _, m := range []int{30, 45, 60, 90, 120} {
		out = append(out, uiOption{Value: strconv.Itoa(m), Label: fmt.Sprintf("%d minuten", m)})
	}
	return out
}

// PersonName names a person of the case, for the list of planned
// conversations.
func (v wsView) PersonName(id int64) string {
	for _, p := range v.Case.Persons {
		if p.ID == id {
			return strings.TrimSpace(p.GivenNames + " " + p.FamilyName)
		}
	}
	return ""
}

func (s *Server) postFamilyMeeting(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "family_meeting")
	if err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	v := f.Values
	minutes, _ := strconv.Atoi(strings.TrimSpace(v.Get("minutes")))
	in := plan.FamilyMeetingInput{Date: v.Get("date"), Time: v.Get("time"), Minutes: minutes, About: v.Get("about"),
		Location:  schakel.ConsultationLocation{Mode: v.Get("mode"), Place: v.Get("place"), VideoURL: v.Get("video_url")},
		PersonIDs: formInts(v, "person_ids"), ProfessionalIDs: formInts(v, "professional_ids")}
	if _, err := s.app.PlanFamilyMeeting(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "gezinsgesprek")
}

// pageFamilyMeetingICS gives an invited family member the calendar file
// of a planned conversation.
func (s *Server) pageFamilyMeetingICS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	ev, err := s.app.FamilyMeetingCalendar(r.Context(), actor(r), id)
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="gesprek-%d.ics"`, id))
	_, _ = w.Write([]byte(ics.Download(ev)))
}
