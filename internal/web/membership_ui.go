package web

// Membership that stays true, on screen: /beheer/wie-werkt-hier lists the
// organisation's people with "werkt hier nog" (a checkbox, confirmed
// together with "Alles bevestigen") and "werkt hier niet meer" (a button
// per person), re-activates suspended accounts, and sets the interval.
// One form, no JavaScript: the button pressed says what happens.

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"schakel"
	"schakel/internal/app"
)

const membershipPath = "/beheer/wie-werkt-hier"

// memberRow is one person on the screen.
type memberRow struct {
	ID                                 int64
	Name, Team, State, By              string
	At                                 *time.Time
	Self, Active, Suspended, Confirmed bool
	Ticked                             bool // ticked in a form shown again
	CanConfirm, CanLeave               bool
}

var membershipNotices = map[string]string{
	"bevestigd":  "Opgeslagen. Bevestigde medewerkers houden hun account.",
	"vertrokken": "Het account is uitgezet. Alle sessies en API-tokens van deze medewerker zijn beëindigd.",
	"aangezet":   "Het account staat weer aan. De medewerker kan meteen inloggen.",
	"tussentijd": "De tijd tussen twee controles is opgeslagen.",
}

func (s *Server) pageMembership(w http.ResponseWriter, r *http.Request) {
	if err := s.requireRole(r, schakel.RoleAdmin, adminOnly); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.membershipPage(w, r, http.StatusOK, membershipNotices[r.URL.Query().Get("ok")], nil)
}

func (s *Server) membershipPage(w http.ResponseWriter, r *http.Request, status int, notice string, errs []schakel.FieldError) {
	me := actor(r).Professional
	v, err := s.app.MembershipReview(r.Context(), actor(r), me.Organisation.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	admins, open := 0, 0
	for _, m := range v.Members {
		if m.Admin && m.Active {
			admins++
		}
	}
	rows := make([]memberRow, len(v.Members))
	for i, m := range v.Members {
		row := memberRow{ID: m.ID, Name: m.Name, Team: m.Team, Self: m.ID == me.ID, Active: m.Active, Suspended: m.Suspended,
			Confirmed: m.Mark == "confirmed", By: m.MarkedBy, At: m.MarkedAt}
		row.CanConfirm = v.Round != nil && m.Active && !row.Confirmed && (!row.Self || admins == 1)
		row.Ticked = slices.Contains(r.PostForm["still_here"], strconv.FormatInt(m.ID, 10))
		row.CanLeave = m.Active && !row.Self && !(m.Admin && admins <= 1)
		switch {
		case m.Suspended:
			row.State = "Gepauzeerd: niet op tijd bevestigd"
		case !m.Active && m.Mark == "left":
			row.State = "Werkt hier niet meer (uitgezet)"
		case !m.Active:
			row.State = "Uitgezet"
		case row.Confirmed:
			row.State = "Bevestigd"
		case v.Round != nil:
			row.State = "Nog niet bevestigd"
			open++
		default:
			row.State = "Actief"
		}
		rows[i] = row
	}
	s.render(w, r, status, "membership.html", map[string]any{"View": v, "Rows": rows, "Open": open, "Notice": notice, "Errors": errs,
		"MonthChoices": []int{1, 2, 3, 4, 6, 12}})
}

// postMembership applies the button pressed: one person gone, one
// suspended account re-activated, or every ticked person confirmed.
func (s *Server) postMembership(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	me := actor(r).Professional
	ok := "bevestigd"
	var marks app.MembershipMarks
	if err == nil {
		marks, err = postedMarks(r)
	}
	switch {
	case err != nil:
	case r.PostForm.Get("activate") != "":
		var id int64
		if id, err = formID(r.PostForm.Get("activate")); err == nil {
			err = s.app.SetProfessionalActive(r.Context(), actor(r), id, true)
		}
		ok = "aangezet"
	default:
		if len(marks.Left) > 0 {
			ok = "vertrokken"
		}
		_, err = s.app.MarkMembership(r.Context(), actor(r), me.Organisation.ID, marks)
	}
	s.afterMembershipPost(w, r, ok, err)
}

func (s *Server) postMembershipInterval(w http.ResponseWriter, r *http.Request) {
	err, fatal := textOrFatal(parseForm(w, r))
	if fatal != nil {
		s.pageError(w, r, fatal)
		return
	}
	if err == nil {
		var months int
		if months, err = strconv.Atoi(r.PostForm.Get("interval_months")); err != nil {
			months = 0
		}
		err = s.app.SetMembershipMonths(r.Context(), actor(r), actor(r).Professional.Organisation.ID, months)
	}
	s.afterMembershipPost(w, r, "tussentijd", err)
}

// afterMembershipPost goes back to the list, or shows it again with what
// went wrong.
func (s *Server) afterMembershipPost(w http.ResponseWriter, r *http.Request, ok string, err error) {
	switch code := schakel.ErrorCode(err); {
	case err == nil:
		http.Redirect(w, r, membershipPath+"?ok="+ok, http.StatusSeeOther)
	case code == schakel.EINVALID || code == schakel.ECONFLICT:
		s.membershipPage(w, r, StatusOf(err), "", fieldsOrMessage(err))
	default:
		s.pageError(w, r, err)
	}
}

// postedMarks reads the ticked people and the one whose "werkt hier niet
// meer" was pressed; the ticks are saved with it, so none are lost.
func postedMarks(r *http.Request) (app.MembershipMarks, error) {
	var m app.MembershipMarks
	if v := r.PostForm.Get("left"); v != "" {
		id, err := formID(v)
		if err != nil {
			return m, err
		}
		m.Left = []int64{id}
	}
	for _, v := range r.PostForm["still_here"] {
		id, err := formID(v)
		if err != nil {
			return m, err
		}
		if len(m.Left) == 0 || id != m.Left[0] {
			m.StillHere = append(m.StillHere, id)
		}
	}
	return m, nil
}

// formID reads a person's id from a form value.
func formID(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, &schakel.Error{Code: schakel.EINVALID, Message: "Onbekende medewerker.",
			Fields: []schakel.FieldError{{Field: "still_here", Code: "unknown", Message: "Kies een medewerker uit de lijst."}}}
	}
	return id, nil
}
