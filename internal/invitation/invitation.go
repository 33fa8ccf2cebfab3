// Package invitation composes what a professional is told about a
// consultation: the line in the work list, the e-mail and its calendar
// invitation (or cancellation). It is pure: the use cases read the names,
// addresses and calendar from storage, compose here, and hand the messages
// back to storage to keep. Like every e-mail, these name no family member:
// e-mail leaves the system, so it only points to Schakel.
package invitation

import (
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/attendees"
	"schakel/internal/ics"
	"schakel/internal/workdays"
)

// Person is who a message goes to.
type Person struct {
	ID          int64
	Name, Email string
}

// Calendar is what every calendar message about a consultation carries:
// where it meets and who organises it.
type Calendar struct {
	Location                 schakel.ConsultationLocation
	OrganiserName, Organiser string
}

// event fills in the location, link and organiser of a calendar event.
func (c Calendar) event(e ics.Event) ics.Event {
	e.Location, e.URL = c.Location.Calendar(), c.Location.VideoURL
	e.Organizer, e.OrganizerName = c.Organiser, c.OrganiserName
	return e
}

// mailLines are the e-mail's lines on where the consultation is.
func (c Calendar) mailLines() string {
	lines := c.Location.Lines()
	if len(lines) == 0 {
		return ""
	}
	return strings.Join(lines, "\n") + "\n"
}

// Message is one professional's line in the work list (none when Notice
// is empty) and e-mail (with ICS, the calendar message, when not empty).
type Message struct {
	ProfessionalID         int64
	Kind                   string
	CaseID, ConsultationID int64
	Notice                 string
	To, Subject, Body, ICS string
}

// kindDutch names a consultation kind in sentences and e-mail.
var kindDutch = map[string]string{
	schakel.ConsultCrisis:          "crisisoverleg",
	schakel.ConsultMDO:             "multidisciplinair overleg (MDO)",
	schakel.ConsultPlacementReview: "plaatsingstafel",
	schakel.ConsultCaseConference:  "casusoverleg",
}

// KindDutch names a consultation kind in Dutch sentences.
func KindDutch(kind string) string { return kindDutch[kind] }

const closing = "De gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n"

func uid(consultationID int64) string { return fmt.Sprintf("consultation-%d@schakel", consultationID) }

func attendee(to Person) []ics.Attendee { return []ics.Attendee{{Name: to.Name, Email: to.Email}} }

// Crisis invites one professional to a crisis consultation at at, due by
// due, for the needs they cover (codes as attendees.Need.String gives
// them); stamp is when the message is made.
func Crisis(caseID, consultationID int64, at, due, stamp time.Time, to Person, where Calendar, covers []string) Message {
	local := at.In(workdays.Location())
	text := fmt.Sprintf("U bent uitgenodigd voor een crisisoverleg over casus %d op %s (uiterlijk %s).",
		caseID, local.Format("02-01-2006 15:04"), due.In(workdays.Location()).Format("15:04"))
	cal := ics.Request(where.event(ics.Event{
		UID: uid(consultationID), Start: at, End: at.Add(time.Hour), Stamp: stamp,
		Summary:     fmt.Sprintf("Crisisoverleg Samen in Crisis – casus %d", caseID),
		Description: fmt.Sprintf("Rode melding: gezamenlijk crisisoverleg. Open Schakel voor de gegevens (casus %d, overleg %d).", caseID, consultationID),
		Attendees:   attendee(to),
	}))
	body := fmt.Sprintf("Beste %s,\n\n%s\n%sU bent gekozen voor: %s.\n\n"+closing,
		to.Name, text, where.mailLines(), strings.Join(covers, ", "))
	return Message{ProfessionalID: to.ID, Kind: "invitation", CaseID: caseID, ConsultationID: consultationID, Notice: text,
		To: to.Email, Subject: fmt.Sprintf("Crisisoverleg casus %d om %s", caseID, local.Format("15:04")), Body: body, ICS: cal}
}

// Planned invites one professional to a planned consultation of any kind,
// naming in Dutch the needs they cover.
func Planned(caseID, consultationID int64, kind string, at, stamp time.Time, to Person, where Calendar, covers []string) Message {
	what := kindDutch[kind]
	local := at.In(workdays.Location())
	text := fmt.Sprintf("U bent uitgenodigd voor een %s over casus %d op %s.", what, caseID, local.Format("02-01-2006 15:04"))
	cal := ics.Request(where.event(ics.Event{
		UID: uid(consultationID), Start: at, End: at.Add(time.Hour), Stamp: stamp,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), caseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", caseID, consultationID),
		Attendees:   attendee(to),
	}))
	body := fmt.Sprintf("Beste %s,\n\n%s\n%s", to.Name, text, where.mailLines())
	if len(covers) > 0 {
		var dutch []string
		for _, c := range covers {
			dutch = append(dutch, needNameDutch(c))
		}
		body += "U bent erbij voor: " + strings.Join(dutch, ", ") + ".\n"
	}
	body += "\n" + closing
	return Message{ProfessionalID: to.ID, Kind: "invitation", CaseID: caseID, ConsultationID: consultationID, Notice: text,
		To: to.Email, Subject: fmt.Sprintf("%s casus %d op %s", capitalise(what), caseID, local.Format("02-01 15:04")), Body: body, ICS: cal}
}

// Change tells one invited person that consultation c (as it is now)
// moved from from or was cancelled, by whom and why: in the work list
// (not the one who made the change), and by e-mail with the calendar
// update (everyone, so that every calendar follows).
func Change(c schakel.Consultation, from time.Time, reason string, by *schakel.Professional, stamp time.Time, to Person, where Calendar) Message {
	what := kindDutch[c.Kind]
	when := func(t time.Time) string { return t.In(workdays.Location()).Format("02-01-2006 15:04") }
	ev := where.event(ics.Event{
		UID: uid(c.ID), Sequence: c.Sequence, Start: c.ScheduledAt, End: c.ScheduledAt.Add(time.Hour), Stamp: stamp,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), c.CaseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", c.CaseID, c.ID),
		Attendees:   attendee(to),
	})
	m := Message{ProfessionalID: to.ID, Kind: "consultation_changed", CaseID: c.CaseID, ConsultationID: c.ID, To: to.Email}
	var text string
	if c.Status == "cancelled" {
		text = fmt.Sprintf("Het %s over casus %d op %s gaat niet door. %s: %s", what, c.CaseID, when(from), by.Name, reason)
		m.Subject = fmt.Sprintf("Afgezegd: %s casus %d op %s", what, c.CaseID, when(from))
		m.ICS = ics.Cancel(ev)
	} else {
		text = fmt.Sprintf("Het %s over casus %d is verplaatst van %s naar %s. %s: %s", what, c.CaseID, when(from), when(c.ScheduledAt), by.Name, reason)
		m.Subject = fmt.Sprintf("Verplaatst: %s casus %d naar %s", what, c.CaseID, when(c.ScheduledAt))
		m.ICS = ics.Request(ev)
	}
	if to.ID != by.ID {
		m.Notice = text
	}
	if c.Status != "cancelled" {
		text += "\n" + strings.TrimSuffix(where.mailLines(), "\n")
	}
	m.Body = fmt.Sprintf("Beste %s,\n\n%s\n\n"+closing, to.Name, strings.TrimSpace(text))
	return m
}

// Location tells one invitee where consultation c now meets: in the work
// list (not the one who changed it) and by e-mail with the calendar
// update.
func Location(c schakel.Consultation, by *schakel.Professional, stamp time.Time, to Person, where Calendar) Message {
	what := kindDutch[c.Kind]
	when := c.ScheduledAt.In(workdays.Location()).Format("02-01-2006 15:04")
	text := fmt.Sprintf("%s heeft vastgelegd waar het %s over casus %d op %s is.", by.Name, what, c.CaseID, when)
	cal := ics.Request(where.event(ics.Event{
		UID: uid(c.ID), Sequence: c.Sequence, Start: c.ScheduledAt, End: c.ScheduledAt.Add(time.Hour), Stamp: stamp,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), c.CaseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", c.CaseID, c.ID),
		Attendees:   attendee(to),
	}))
	m := Message{ProfessionalID: to.ID, Kind: "consultation_changed", CaseID: c.CaseID, ConsultationID: c.ID, To: to.Email,
		Subject: fmt.Sprintf("Plaats: %s casus %d op %s", what, c.CaseID, when),
		Body:    fmt.Sprintf("Beste %s,\n\n%s\n%s\n"+closing, to.Name, text, where.mailLines()), ICS: cal}
	if to.ID != by.ID {
		m.Notice = text
	}
	return m
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// needNameDutch names a need code ("kind:value") in Dutch; a code that is
// not one is shown as it is.
func needNameDutch(code string) string {
	kind, value, ok := strings.Cut(code, ":")
	if !ok {
		return code
	}
	return attendees.Need{Kind: kind, Value: value}.Dutch()
}
