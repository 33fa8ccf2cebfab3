package app

// Planned conversations with the family: a professional who may work on
// the case plans one (plan.ValidateFamilyMeeting); the invited family
// members see it on their own page (familyview) and take it into their
// calendar, each download audited with the family principal.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/familytext"
	"schakel/internal/ics"
	"schakel/internal/plan"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// PlanFamilyMeeting plans a conversation with the family on an open case.
func (a *App) PlanFamilyMeeting(ctx context.Context, actor *schakel.Actor, caseID int64, in plan.FamilyMeetingInput) (int64, error) {
	var id int64
	cmd := caseCommand{caseID: caseID, action: access.Write, event: audit.EventCreate, detail: "planned family conversation", open: true}
	err := a.onCase(ctx, actor, cmd, func(tx *storage.Tx) error {
		persons, err := tx.CasePersonIDs(caseID)
		if err != nil {
			return err
		}
		pros, err := tx.ActiveProfessionals(in.ProfessionalIDs...)
		if err != nil {
			return err
		}
		onCase, active := map[int64]bool{}, map[int64]bool{}
		for _, p := range persons {
			onCase[p] = true
		}
		for p := range pros {
			active[p] = true
		}
		start, where, err := plan.ValidateFamilyMeeting(in, tx.Now(), workdays.Location(), onCase, active)
		if err != nil {
			return err
		}
		m := schakel.FamilyMeeting{CaseID: caseID, StartsAt: start, Minutes: in.Minutes, Location: where, About: strings.TrimSpace(in.About),
			OrganisationID: actor.Professional.Organisation.ID, CreatedBy: schakel.Contact{ID: actor.Professional.ID}, PersonIDs: in.PersonIDs}
		for _, p := range in.ProfessionalIDs {
			m.Professionals = append(m.Professionals, schakel.MeetingProfessional{ID: p})
		}
		id, err = tx.InsertFamilyMeeting(m)
		return err
	})
	return id, err
}

// FamilyMeetingCalendar returns the calendar event of a planned
// conversation for a family member invited to it. Anyone else (another
// family, a parent not invited) is refused, and only that is audited. The
// event's fixed words are in lang, the member's language.
func (a *App) FamilyMeetingCalendar(ctx context.Context, actor *schakel.Actor, meetingID int64, lang *familytext.Lang) (ics.Event, error) {
	var ev ics.Event
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		m, err := tx.FamilyMeetingByID(meetingID)
		if err != nil && schakel.ErrorCode(err) != schakel.ENOTFOUND {
			return err
		}
		f, err := guardFamily(tx, actor, audit.EventRead, "family_meeting", func(f family) access.Decision {
			if m.CaseID != f.c.ID {
				return access.Decision{Basis: audit.BasisNone, Key: "err.meeting_not_in_family", Reason: "Dit gesprek hoort niet bij uw gezin."}
			}
			return access.FamilyMeetingShown(f.scope, m.PersonIDs)
		}, func(f family) []int64 { return []int64{f.acc.PersonID} })
		if err != nil {
			return err
		}
		ev = meetingEvent(m, f.scope, lang, tx.Now())
		return nil
	})
	return ev, err
}

// meetingEvent is the calendar event of a family meeting as the viewer
// may see it, in lang: a shelter's people are left out for those who may
// not know the shelter. What the professional wrote stays as written.
func meetingEvent(m schakel.FamilyMeeting, scope access.FamilyScope, lang *familytext.Lang, now time.Time) ics.Event {
	var who []string
	for _, p := range m.Professionals {
		if access.FamilyMeetingAttendeeNamed(scope, p.Kind == schakel.BlijfGroep) {
			who = append(who, p.Name+" ("+p.Organisation+")")
		}
	}
	if lang == nil {
		lang = familytext.Get(familytext.Dutch)
	}
	desc, summary := m.About, lang.T("ics.summary")
	if len(who) > 0 {
		desc += "\n\n" + lang.T("meeting.who", "who", strings.Join(who, ", "))
	}
	if m.MovedFrom != nil {
		desc = lang.T("ics.moved", "when", lang.Moment(*m.MovedFrom, workdays.Location())) + "\n\n" + desc
	}
	if m.Cancelled() {
		summary = lang.T("ics.summary_cancelled")
		desc = lang.T("meeting.cancelled") + " " + m.CancelReason + "\n\n" + desc
	}
	return ics.Event{UID: fmt.Sprintf("family-meeting-%d@schakel", m.ID), Sequence: m.Sequence, Start: m.StartsAt, End: m.Ends(), Stamp: now.UTC(),
		Summary: summary, Description: desc, Location: m.Location.Calendar(), URL: m.Location.VideoURL, Cancelled: m.Cancelled()}
}
