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
	"schakel/internal/workdays"
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
	minutes := int(formInt(v, "minutes"))
	in := plan.FamilyMeetingInput{Date: v.Get("date"), Time: v.Get("time"), Minutes: minutes, About: v.Get("about"),
		Location:  schakel.ConsultationLocation{Mode: v.Get("mode"), Place: v.Get("place"), VideoURL: v.Get("video_url")},
		PersonIDs: formInts(v, "person_ids"), ProfessionalIDs: formInts(v, "professional_ids")}
	if _, err := s.app.PlanFamilyMeeting(r.Context(), actor(r), id, in); err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "gezinsgesprek")
}

// MoveForm and CancelForm name the forms of one planned conversation, so
// that an error shows at the conversation it is about.
func (wsView) MoveForm(id int64) string   { return fmt.Sprintf("meeting_move_%d", id) }
func (wsView) CancelForm(id int64) string { return fmt.Sprintf("meeting_cancel_%d", id) }

// meetingChange is what the move and cancel forms of one conversation need.
type meetingChange struct {
	V wsView
	F *pform
	M schakel.FamilyMeeting
}

// MeetingChange bundles a conversation with its page for "meeting_change".
func (v wsView) MeetingChange(f *pform, m schakel.FamilyMeeting) meetingChange {
	return meetingChange{V: v, F: f, M: m}
}

// MeetingDate and MeetingTime fill the move form with the current moment.
func (wsView) MeetingDate(m schakel.FamilyMeeting) string {
	return m.StartsAt.In(workdays.Location()).Format("2006-01-02")
}
func (wsView) MeetingTime(m schakel.FamilyMeeting) string {
	return m.StartsAt.In(workdays.Location()).Format("15:04")
}

func (s *Server) postMoveFamilyMeeting(w http.ResponseWriter, r *http.Request) {
	mid, perr := pathID(r, "gid")
	id, f, err := readForm(w, r, fmt.Sprintf("meeting_move_%d", mid))
	if err == nil {
		err = perr
	}
	if err == nil {
		v := f.Values
		minutes := int(formInt(v, "minutes"))
		seq := int(formInt(v, "sequence"))
		in := plan.MeetingMoveInput{Date: v.Get("date"), Time: v.Get("time"), Minutes: minutes,
			Location: schakel.ConsultationLocation{Mode: v.Get("mode"), Place: v.Get("place"), VideoURL: v.Get("video_url")}}
		_, err = s.app.MoveFamilyMeeting(r.Context(), actor(r), id, mid, seq, in)
	}
	if err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "gesprek-verplaatst")
}

func (s *Server) postCancelFamilyMeeting(w http.ResponseWriter, r *http.Request) {
	mid, perr := pathID(r, "gid")
	id, f, err := readForm(w, r, fmt.Sprintf("meeting_cancel_%d", mid))
	if err == nil {
		err = perr
	}
	if err == nil {
		seq := int(formInt(f.Values, "sequence"))
		_, err = s.app.CancelFamilyMeeting(r.Context(), actor(r), id, mid, seq, f.Values.Get("reason"))
	}
	if err != nil {
		s.formFailed(w, r, id, "findings.html", f, err)
		return
	}
	done(w, r, casePath(id, "/bevindingen"), "gesprek-afgezegd")
}

// pageFamilyMeetingICS gives an invited family member the calendar file
// of a planned conversation.
func (s *Server) pageFamilyMeetingICS(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	ev, err := s.app.FamilyMeetingCalendar(r.Context(), actor(r), id, familyLang(r))
	if err != nil {
		s.familyError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="gesprek-%d.ics"`, id))
	if _, err := w.Write([]byte(ics.Download(ev))); err != nil {
		s.logFailure(r, "write the calendar file", err)
	}
}
