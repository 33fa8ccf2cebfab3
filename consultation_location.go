package schakel

// How a consultation meets: in person at a place, by phone or online.
const (
	MeetInPerson = "in_person"
	MeetPhone    = "phone"
	MeetOnline   = "online"
)

// MeetingModes are the ways a consultation can meet, in the form's order.
var MeetingModes = []string{MeetInPerson, MeetPhone, MeetOnline}

// ConsultationLocation is where and how a consultation meets: a place, a
// phone number to call, a video link, or more than one of them. Mode says
// which of them is the way in; "" when the planner did not say.
type ConsultationLocation struct {
	Mode     string `json:"mode"`
	Place    string `json:"place"`
	Phone    string `json:"phone"`
	VideoURL string `json:"video_url"`
}

// Empty reports whether nothing is known about where the consultation is.
func (l ConsultationLocation) Empty() bool {
	return l.Mode == "" && l.Place == "" && l.Phone == "" && l.VideoURL == ""
}

// Calendar is the calendar's LOCATION: the way in that Mode names (the
// place, the number to call, or the video link), else the first one known;
// an online meeting without a link yet is "Online (videoverbinding)".
func (l ConsultationLocation) Calendar() string {
	phone := ""
	if l.Phone != "" {
		phone = "Telefonisch: " + l.Phone
	}
	switch l.Mode {
	case MeetInPerson:
		return l.Place
	case MeetPhone:
		return phone
	case MeetOnline:
		if l.VideoURL == "" {
			return "Online (videoverbinding)"
		}
		return l.VideoURL
	}
	for _, s := range []string{l.Place, phone, l.VideoURL} {
		if s != "" {
			return s
		}
	}
	return ""
}

// Lines says in Dutch where the consultation is, one line for each way
// in, for the page and the e-mail; an online meeting without a link yet
// says so.
func (l ConsultationLocation) Lines() []string {
	var out []string
	if l.Place != "" {
		out = append(out, "Plaats: "+l.Place)
	}
	if l.Phone != "" {
		out = append(out, "Telefoon: "+l.Phone)
	}
	if l.VideoURL != "" {
		out = append(out, "Videoverbinding: "+l.VideoURL)
	} else if l.Mode == MeetOnline {
		out = append(out, "Videoverbinding: de organisator zet de link in Schakel")
	}
	return out
}

// ModeDutch names how a consultation meets.
func (l ConsultationLocation) ModeDutch() string {
	switch l.Mode {
	case MeetInPerson:
		return "Op locatie"
	case MeetPhone:
		return "Telefonisch"
	case MeetOnline:
		return "Online (video)"
	}
	return ""
}
