package web

import (
	"fmt"
	"net/http"

	"schakel"
)

// meetingModeOptions are the ways a consultation can meet, for the form.
func meetingModeOptions() []uiOption {
	var out []uiOption
	for _, m := range schakel.MeetingModes {
		out = append(out, uiOption{Value: m, Label: schakel.ConsultationLocation{Mode: m}.ModeDutch()})
	}
	return out
}

// MeetingModes are the ways a consultation can meet (in person, by phone,
// online), for the planning form.
func (wsView) MeetingModes() []uiOption { return meetingModeOptions() }

// locationOf reads where a consultation meets from a form.
func locationOf(f *pform) schakel.ConsultationLocation {
	v := f.Values
	return schakel.ConsultationLocation{Mode: v.Get("mode"), Place: v.Get("place"), Phone: v.Get("phone"), VideoURL: v.Get("video_url")}
}

// postConsultationLocation records where a planned consultation meets,
// from its page; on an error the page shows again with what was typed.
func (s *Server) postConsultationLocation(w http.ResponseWriter, r *http.Request) {
	id, f, err := readForm(w, r, "location")
	if err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	if _, err := s.app.SetConsultationLocation(r.Context(), actor(r), id, locationOf(f)); err != nil {
		s.consultationFormFailed(w, r, id, f, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/overleggen/%d?ok=plaats", id), http.StatusSeeOther)
}

// apiConsultationLocation records where a planned consultation meets:
// 200 with the consultation.
func (s *Server) apiConsultationLocation(w http.ResponseWriter, r *http.Request) (any, error) {
	var in schakel.ConsultationLocation
	id, err := s.caseAndBody(w, r, &in)
	if err != nil {
		return nil, err
	}
	return s.app.SetConsultationLocation(r.Context(), actor(r), id, in)
}
