package storage

// Consultations of every kind: scheduling with invitations by person,
// organisation or expertise (available people chosen with the attendee
// selection), the agenda, attendance, and adding someone at any moment.

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/ics"
	"schakel/internal/plan"
	"schakel/internal/workdays"
)

// agendas fills in the agenda of the consultations in out (one query).
func (tx *Tx) agendas(out []schakel.Consultation, index map[int64]int, ids []any) error {
	rows, err := tx.query(`SELECT a.consultation_id, a.id, a.position, a.text, p.id, p.name, a.created_at FROM consultation_agenda a
		LEFT JOIN professionals p ON p.id = a.added_by WHERE a.consultation_id IN (`+placeholders(len(ids))+`) ORDER BY a.consultation_id, a.position, a.id`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var a schakel.AgendaItem
		var pid sql.NullInt64
		var pname sql.NullString
		if err := rows.Scan(&cid, &a.ID, &a.Position, &a.Text, &pid, &pname, &a.CreatedAt); err != nil {
			return err
		}
		a.AddedBy = contactOf(pid, pname, sql.NullString{}, sql.NullString{})
		a.CreatedAt = a.CreatedAt.UTC()
		out[index[cid]].Agenda = append(out[index[cid]].Agenda, a)
	}
	return rows.Err()
}

// consultKindDutch names a consultation kind in sentences and e-mail.
var consultKindDutch = map[string]string{
	schakel.ConsultCrisis:          "crisisoverleg",
	schakel.ConsultMDO:             "multidisciplinair overleg (MDO)",
	schakel.ConsultPlacementReview: "plaatsingstafel",
	schakel.ConsultCaseConference:  "casusoverleg",
}

// invitee is one person chosen for a consultation or as an expert.
type invitee struct {
	id, org int64
	name    string
	covers  []string
	reasons []string
}

type chosenInvitees struct {
	picked  []invitee
	missing []attendees.Need
}

// chooseInvitees resolves an invitation: named people as they are; for an
// organisation its contact person on the case when available, otherwise the
// best available person of it (on duty first, then the least busy); for an
// expertise not yet at the table the smallest set of available people that
// covers it. Only people whose role lets them work with case content count.
func (tx *Tx) chooseInvitees(caseID int64, in plan.Invite, at time.Time) (chosenInvitees, error) {
	var res chosenInvitees
	pool, err := tx.CandidatePool(caseID, at.Add(-time.Hour), at.Add(time.Hour))
	if err != nil {
		return res, err
	}
	cands := pool.At(at)
	byID := map[int64]attendees.Candidate{}
	for i := range cands {
		byID[cands[i].ID] = cands[i]
	}
	picked := map[int64]int{}
	add := func(c attendees.Candidate, covers, reasons []string) {
		if i, ok := picked[c.ID]; ok {
			res.picked[i].covers = append(res.picked[i].covers, covers...)
			res.picked[i].reasons = append(res.picked[i].reasons, reasons...)
			return
		}
		picked[c.ID] = len(res.picked)
		res.picked = append(res.picked, invitee{id: c.ID, org: c.OrganisationID, name: c.Name, covers: covers, reasons: reasons})
	}
	var v schakel.Validation
	for i, id := range in.ProfessionalIDs {
		c, ok := byID[id]
		if !ok || !c.Active {
			v.Add(fmt.Sprintf("invite.professional_ids[%d]", i), "unknown", "Deze medewerker bestaat niet, is niet actief, werkt niet met casussen of werkt in een andere regio.")
			continue
		}
		reasons := []string{"Persoonlijk uitgenodigd"}
		if c.Busy {
			reasons = append(reasons, "Let op: heeft rond dat moment al een ander overleg")
		}
		add(c, []string{}, reasons)
	}
	orgs, err := tx.CaseOrganisations(caseID)
	if err != nil {
		return res, err
	}
	for i, orgID := range in.OrganisationIDs {
		var kind string
		var orgRegion int64
		err := tx.queryRow(`SELECT kind, region_id FROM organisations WHERE id = ?`, orgID).Scan(&kind, &orgRegion)
		if errors.Is(err, sql.ErrNoRows) {
			v.Add(fmt.Sprintf("invite.organisation_ids[%d]", i), "unknown", "Deze organisatie bestaat niet.")
			continue
		} else if err != nil {
			return res, err
		}
		if d := access.OrganisationEligible(orgRegion, orgs.region); !d.Allowed {
			v.Add(fmt.Sprintf("invite.organisation_ids[%d]", i), "other_region", d.Reason)
			continue
		}
		need := attendees.Need{Kind: attendees.KindOrganisation, Value: kind}
		if c, ok := byID[orgs.contact[orgID]]; ok && orgs.status[orgID] == "active" && c.Active && !c.Busy {
			add(c, []string{need.String()}, []string{"Contactpersoon van de organisatie voor deze casus"})
			continue
		}
		var own []attendees.Candidate
		for _, c := range cands {
			if c.OrganisationID == orgID {
				own = append(own, c)
			}
		}
		sel := attendees.Select([]attendees.Need{need}, own)
		if len(sel.Chosen) == 0 {
			res.missing = append(res.missing, need)
			continue
		}
		add(sel.Chosen[0].Candidate, []string{need.String()}, sel.Chosen[0].Reasons)
	}
	var needs []attendees.Need
	for _, e := range in.Expertises {
		n := attendees.Need{Kind: attendees.KindExpertise, Value: e}
		covered := false
		for i, p := range res.picked {
			if byID[p.id].Covers(n) {
				res.picked[i].covers = append(res.picked[i].covers, n.String())
				covered = true
			}
		}
		if !covered {
			needs = append(needs, n)
		}
	}
	if len(needs) > 0 {
		sel := attendees.Select(needs, cands)
		for _, ch := range sel.Chosen {
			var covers []string
			for _, n := range ch.Covers {
				covers = append(covers, n.String())
			}
			add(ch.Candidate, covers, ch.Reasons)
		}
		res.missing = append(res.missing, sel.Missing...)
	}
	if in.Reason != "" {
		for i := range res.picked {
			res.picked[i].reasons = append([]string{"Waarom: " + trim(in.Reason)}, res.picked[i].reasons...)
		}
	}
	return res, v.Err()
}

// inviteTo tells one professional about a consultation of any kind: in the
// work list (from consultation_participants), by e-mail with a calendar
// invitation.
func (tx *Tx) inviteTo(professionalID, caseID, consultationID int64, kind string, at time.Time, covers []string) error {
	var name, email string
	if err := tx.queryRow(`SELECT name, email FROM professionals WHERE id = ?`, professionalID).Scan(&name, &email); err != nil {
		return err
	}
	what := consultKindDutch[kind]
	local := at.In(workdays.Location())
	text := fmt.Sprintf("U bent uitgenodigd voor een %s over casus %d op %s.", what, caseID, local.Format("02-01-2006 15:04"))
	if err := tx.notify(professionalID, "invitation", caseID, consultationID, text); err != nil {
		return err
	}
	cal := ics.Request(ics.Event{
		UID: fmt.Sprintf("consultation-%d@schakel", consultationID), Start: at, End: at.Add(time.Hour), Stamp: tx.now,
		Summary:     fmt.Sprintf("%s – casus %d", capitalise(what), caseID),
		Description: fmt.Sprintf("Open Schakel voor de gegevens (casus %d, overleg %d).", caseID, consultationID),
		Organizer:   FromAddress, Attendees: []ics.Attendee{{Name: name, Email: email}},
	})
	body := fmt.Sprintf("Beste %s,\n\n%s\n", name, text)
	if len(covers) > 0 {
		var dutch []string
		for _, c := range covers {
			dutch = append(dutch, needNameDutch(c))
		}
		body += "U bent erbij voor: " + strings.Join(dutch, ", ") + ".\n"
	}
	body += "\nDe gegevens van het gezin staan alleen in Schakel.\n\nSchakel\n"
	return tx.mail(professionalID, email, fmt.Sprintf("%s casus %d op %s", capitalise(what), caseID, local.Format("02-01 15:04")), body, cal)
}

func needNameDutch(code string) string {
	kind, value, ok := strings.Cut(code, ":")
	if !ok {
		return code
	}
	return attendees.Need{Kind: kind, Value: value}.Dutch()
}

// addParticipants writes the chosen people onto a consultation and invites
// them (planned consultations only). People already on it are skipped.
func (tx *Tx) addParticipants(caseID, consultationID int64, kind, status string, at time.Time, chosen []invitee, addedBy int64) (int, error) {
	n := 0
	for _, p := range chosen {
		var exists int
		if err := tx.queryRow(`SELECT COUNT(*) FROM consultation_participants WHERE consultation_id = ? AND professional_id = ?`, consultationID, p.id).Scan(&exists); err != nil {
			return n, err
		}
		if exists > 0 {
			continue
		}
		if _, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at, added_by) VALUES (?, ?, ?, ?, ?, ?)`,
			consultationID, p.id, strings.Join(p.covers, ","), strings.Join(p.reasons, "\n"), tx.now, addedBy); err != nil {
			return n, err
		}
		n++
		if status == "planned" {
			if err := tx.inviteTo(p.id, caseID, consultationID, kind, at, p.covers); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// CreateConsultation schedules a consultation of any kind on a case with an
// agenda and invitations. People are invited by name, by organisation or by
// expertise; when nobody is available for an organisation or expertise the
// consultation still stands, says what is missing, and that organisation's
// team leads are told.
func (db *DB) CreateConsultation(ctx contextT, actor *schakel.Actor, caseID int64, in plan.ConsultationInput) (schakel.Consultation, error) {
	var c schakel.Consultation
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventCreate, "consultation "+in.Kind); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		at, err := plan.ValidateConsultation(in, tx.now)
		if err != nil {
			return err
		}
		chosen, err := tx.chooseInvitees(caseID, in.Invite, at)
		if err != nil {
			return err
		}
		var missing []string
		for _, n := range chosen.missing {
			missing = append(missing, n.String())
		}
		id, err := tx.insert(`INSERT INTO consultations (case_id, kind, status, scheduled_at, due_at, missing, title, created_by, created_at)
			VALUES (?, ?, 'planned', ?, ?, ?, ?, ?, ?)`, caseID, in.Kind, at, at, strings.Join(missing, ","), trim(in.Title), actor.Professional.ID, tx.now)
		if err != nil {
			return err
		}
		for i, a := range in.Agenda {
			if _, err := tx.exec(`INSERT INTO consultation_agenda (consultation_id, position, text, added_by, created_at) VALUES (?, ?, ?, ?, ?)`,
				id, i+1, trim(a), actor.Professional.ID, tx.now); err != nil {
				return err
			}
		}
		if _, err := tx.addParticipants(caseID, id, in.Kind, "planned", at, chosen.picked, actor.Professional.ID); err != nil {
			return err
		}
		for _, n := range chosen.missing {
			text := fmt.Sprintf("Voor een %s over casus %d op %s is niemand beschikbaar voor: %s. Zoek iemand.",
				consultKindDutch[in.Kind], caseID, at.In(workdays.Location()).Format("02-01-2006 15:04"), n.Dutch())
			if n.Kind == attendees.KindOrganisation {
				if err := tx.NotifyTeamLeadsOfKind(schakel.OrganisationKind(n.Value), caseID, id, text); err != nil {
					return err
				}
			} else if err := tx.NotifyTeamLeads(actor.Professional.Organisation.ID, caseID, id, "incomplete_table", text); err != nil {
				return err
			}
		}
		cs, err := tx.Consultations(`c.id = ?`, id)
		if err != nil {
			return err
		}
		c = cs[0]
		tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "consultation", ResourceID: fmt.Sprint(id), AccessBasis: audit.BasisParticipation,
			Detail: fmt.Sprintf("%s for case %d, %d invited, missing %v", in.Kind, caseID, len(c.Participants), missing)})
		return nil
	})
	return c, err
}

// consultationCase finds a consultation's case and status.
func (tx *Tx) consultationCase(id int64) (caseID int64, kind, status string, at time.Time, err error) {
	err = tx.queryRow(`SELECT case_id, kind, status, scheduled_at FROM consultations WHERE id = ?`, id).Scan(&caseID, &kind, &status, &at)
	if errors.Is(err, sql.ErrNoRows) {
		err = notFound("Overleg")
	}
	return caseID, kind, status, at.UTC(), err
}

// WalkInReason marks a participant who attended without an invitation (no
// e-mail, no calendar invitation).
const WalkInReason = "Aanwezig zonder uitnodiging vooraf"

// AttendanceInput records who was there.
type AttendanceInput struct {
	Present []int64 `json:"present"`
	Absent  []int64 `json:"absent"`
}

// RecordAttendance records who attended a consultation and marks it held.
// Someone present without an invitation is added as a participant.
func (db *DB) RecordAttendance(ctx contextT, actor *schakel.Actor, consultationID int64, in AttendanceInput) (schakel.Consultation, error) {
	var c schakel.Consultation
	err := db.Update(ctx, func(tx *Tx) error {
		caseID, _, status, _, err := tx.consultationCase(consultationID)
		if err != nil {
			return err
		}
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("attendance of consultation %d", consultationID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if status == "cancelled" {
			return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is afgezegd.")
		}
		var v schakel.Validation
		if len(in.Present) == 0 {
			v.Add("present", "required", "Kies wie er aanwezig was.")
		}
		for i, id := range in.Absent {
			if slices.Contains(in.Present, id) {
				v.Add(fmt.Sprintf("absent[%d]", i), "both", "Iemand is aanwezig of afwezig, niet allebei.")
			}
		}
		pros, err := tx.activeProfessionals(append(slices.Clone(in.Present), in.Absent...)...)
		if err != nil {
			return err
		}
		for i, id := range in.Present {
			if _, ok := pros[id]; !ok {
				v.Add(fmt.Sprintf("present[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
			}
		}
		for i, id := range in.Absent {
			if _, ok := pros[id]; !ok {
				v.Add(fmt.Sprintf("absent[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		for _, id := range in.Present {
			res, err := tx.exec(`UPDATE consultation_participants SET attended = TRUE WHERE consultation_id = ? AND professional_id = ?`, consultationID, id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				if _, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at, attended, added_by)
					VALUES (?, ?, '', ?, ?, TRUE, ?)`, consultationID, id, WalkInReason, tx.now, actor.Professional.ID); err != nil {
					return err
				}
			}
		}
		for _, id := range in.Absent {
			if _, err := tx.exec(`UPDATE consultation_participants SET attended = FALSE WHERE consultation_id = ? AND professional_id = ?`, consultationID, id); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`UPDATE consultations SET status = 'held', held_at = COALESCE(held_at, ?) WHERE id = ?`, tx.now, consultationID); err != nil {
			return err
		}
		// The chain timeline: the consultation was held (once, however often
		// attendance is corrected).
		if err := tx.RecordConsultationHeld(actor, caseID, consultationID, tx.now); err != nil {
			return err
		}
		cs, err := tx.Consultations(`c.id = ?`, consultationID)
		if err != nil {
			return err
		}
		c = cs[0]
		return nil
	})
	return c, err
}

// AddAgendaItem adds a point to a consultation's agenda.
func (db *DB) AddAgendaItem(ctx contextT, actor *schakel.Actor, consultationID int64, text string) (schakel.Consultation, error) {
	var c schakel.Consultation
	err := db.Update(ctx, func(tx *Tx) error {
		caseID, _, status, _, err := tx.consultationCase(consultationID)
		if err != nil {
			return err
		}
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("agenda of consultation %d", consultationID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if status == "cancelled" {
			return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is afgezegd.")
		}
		if err := plan.ValidateAgendaItem(text); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM consultation_agenda WHERE consultation_id = ?`, consultationID).Scan(&n); err != nil {
			return err
		}
		if n >= plan.MaxAgenda {
			return schakel.Errorf(schakel.ECONFLICT, "De agenda heeft al %d punten.", plan.MaxAgenda)
		}
		if _, err := tx.exec(`INSERT INTO consultation_agenda (consultation_id, position, text, added_by, created_at) VALUES (?, ?, ?, ?, ?)`,
			consultationID, n+1, trim(text), actor.Professional.ID, tx.now); err != nil {
			return err
		}
		cs, err := tx.Consultations(`c.id = ?`, consultationID)
		if err != nil {
			return err
		}
		c = cs[0]
		return nil
	})
	return c, err
}

// AddConsultationParticipant adds someone to a consultation at any moment,
// with the reason: a named person, or an organisation or expertise for
// which an available person is chosen.
func (db *DB) AddConsultationParticipant(ctx contextT, actor *schakel.Actor, consultationID int64, in plan.Invite) (schakel.Consultation, error) {
	var c schakel.Consultation
	err := db.Update(ctx, func(tx *Tx) error {
		caseID, kind, status, at, err := tx.consultationCase(consultationID)
		if err != nil {
			return err
		}
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("participant of consultation %d", consultationID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if status == "cancelled" {
			return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is afgezegd.")
		}
		if err := plan.ValidateAddParticipant(in); err != nil {
			return err
		}
		when := at
		if when.Before(tx.now) {
			when = tx.now
		}
		chosen, err := tx.chooseInvitees(caseID, in, when)
		if err != nil {
			return err
		}
		if len(chosen.picked) == 0 {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Niemand beschikbaar.",
				Fields: []schakel.FieldError{{Field: "invite", Code: "unavailable", Message: "Niemand beschikbaar voor wat u vroeg."}}}
		}
		n, err := tx.addParticipants(caseID, consultationID, kind, status, at, chosen.picked, actor.Professional.ID)
		if err != nil {
			return err
		}
		if n == 0 {
			return schakel.Errorf(schakel.ECONFLICT, "Wie u vroeg, is al uitgenodigd voor dit overleg.")
		}
		cs, err := tx.Consultations(`c.id = ?`, consultationID)
		if err != nil {
			return err
		}
		c = cs[0]
		return nil
	})
	return c, err
}

// ConsultationWorkspace returns the case of a consultation with its
// workspace in one audited read, for the consultation page and minutes.
func (db *DB) ConsultationWorkspace(ctx contextT, actor *schakel.Actor, consultationID int64, detail string) (schakel.Case, schakel.Workspace, error) {
	var c schakel.Case
	var w schakel.Workspace
	err := db.Update(ctx, func(tx *Tx) error {
		caseID, _, _, _, err := tx.consultationCase(consultationID)
		if err != nil {
			return err
		}
		d, err := tx.GuardCase(actor, caseID, access.Read, audit.EventRead, fmt.Sprintf("%s of consultation %d", detail, consultationID))
		if err != nil {
			return err
		}
		if err := tx.markInvitationSeen(actor, consultationID); err != nil {
			return err
		}
		if c, err = tx.loadCase(caseID); err != nil {
			return err
		}
		c.AccessBasis = d.Basis
		w, err = tx.loadWorkspace(&c)
		return err
	})
	return c, w, err
}
