package web

import "schakel"

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
