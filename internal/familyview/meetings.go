package familyview

import (
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/familytext"
)

// MeetingLine is a planned conversation as an invited family member sees
// it: when, where or by video, who comes, and what it is about.
type MeetingLine struct {
	ID       int64    `json:"id"`
	When     string   `json:"when"` // in the viewer's language: "maandag 14 december 2026, 10:30 tot 11:30"
	StartsAt string   `json:"starts_at"`
	EndsAt   string   `json:"ends_at"`
	Place    string   `json:"place,omitempty"`
	VideoURL string   `json:"video_url,omitempty"`
	About    string   `json:"about"`
	Who      []string `json:"who"`
	// MovedFrom is when it was before it moved ("" when never moved), in
	// the viewer's language.
	MovedFrom   string `json:"moved_from,omitempty"`
	MovedFromAt string `json:"moved_from_at,omitempty"` // the same, RFC 3339
	// Cancelled: it does not go ahead, for CancelReason.
	Cancelled    bool   `json:"cancelled"`
	CancelReason string `json:"cancel_reason,omitempty"`
}

// Meetings are the planned conversations the viewer is invited to
// (access.FamilyMeetingShown), the first first; a shelter's people are
// named only to those who may know the shelter. The times are told in
// lang; StartsAt, EndsAt and MovedFromAt say the same as data.
func Meetings(ms []schakel.FamilyMeeting, scope access.FamilyScope, lang *familytext.Lang, loc *time.Location) []MeetingLine {
	out := []MeetingLine{}
	for _, m := range ms {
		if !access.FamilyMeetingShown(scope, m.PersonIDs).Allowed {
			continue
		}
		l := MeetingLine{ID: m.ID, StartsAt: m.StartsAt.UTC().Format(time.RFC3339), EndsAt: m.Ends().UTC().Format(time.RFC3339),
			When: lang.Span(m.StartsAt, m.Ends(), loc), Place: m.Location.Place, VideoURL: m.Location.VideoURL, About: m.About,
			Who: []string{}, Cancelled: m.Cancelled(), CancelReason: m.CancelReason}
		if m.MovedFrom != nil {
			l.MovedFrom, l.MovedFromAt = lang.Moment(*m.MovedFrom, loc), m.MovedFrom.UTC().Format(time.RFC3339)
		}
		if l.Cancelled {
			l.VideoURL = "" // no link to a conversation that does not go ahead
		}
		if m.Location.Mode != schakel.MeetInPerson {
			l.Place = ""
		}
		for _, p := range m.Professionals {
			if access.FamilyMeetingAttendeeNamed(scope, p.Kind == schakel.BlijfGroep) {
				l.Who = append(l.Who, p.Name+" ("+p.Organisation+")")
			}
		}
		out = append(out, l)
	}
	return out
}
