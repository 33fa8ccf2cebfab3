package storage

// Roles per organisation: joining a case with a role, changing it, the
// explicit regie handover, experts added with a reason, and the exit with a
// handover note and next steps. After the exit, the organisation reads only
// its own record (OwnRecord).

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
)

// ParticipationInput adds an organisation to a case.
type ParticipationInput struct {
	OrganisationID        int64                     `json:"organisation_id"`
	Role                  schakel.ParticipationRole `json:"role"`
	ContactProfessionalID int64                     `json:"contact_professional_id,omitempty"`
	Reason                string                    `json:"reason,omitempty"`
}

// AddParticipation makes an organisation take part in a case with a role
// (never regie: that moves only by handover). An organisation that exited
// may be added again; that is a new, recorded act.
func (db *DB) AddParticipation(ctx contextT, actor *schakel.Actor, caseID int64, in ParticipationInput) ([]schakel.ParticipationView, error) {
	var out []schakel.ParticipationView
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("add organisation %d", in.OrganisationID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		var v schakel.Validation
		var kind schakel.OrganisationKind
		var orgRegion, caseRegion int64
		err := tx.queryRow(`SELECT o.kind, o.region_id, c.region_id FROM organisations o, cases c WHERE o.id = ? AND c.id = ?`,
			in.OrganisationID, caseID).Scan(&kind, &orgRegion, &caseRegion)
		if errors.Is(err, sql.ErrNoRows) {
			v.Add("organisation_id", "unknown", "Kies een organisatie uit de regio van de casus.")
		} else if err != nil {
			return err
		} else if d := access.OrganisationEligible(orgRegion, caseRegion); !d.Allowed {
			v.Add("organisation_id", "other_region", "Kies een organisatie uit de regio van de casus.")
			kind = ""
		}
		if kind != "" {
			if err := plan.CheckRole("role", in.Role, kind); err != nil {
				v.Fields = append(v.Fields, schakel.FieldErrors(err)...)
			}
		}
		if in.ContactProfessionalID > 0 {
			pros, err := tx.activeProfessionals(in.ContactProfessionalID)
			if err != nil {
				return err
			}
			if pros[in.ContactProfessionalID] != in.OrganisationID {
				v.Add("contact_professional_id", "not_in_organisation", "Deze contactpersoon werkt niet (meer) bij die organisatie.")
			}
		}
		switch n := runeLen(in.Reason); {
		case n == 0:
			// Joining opens the family's file to a whole organisation: say why.
			v.Add("reason", "required", "Schrijf op waarom deze organisatie bij de casus moet.")
		case n > plan.MaxText:
			v.Add("reason", "too_long", "Deze toelichting is te lang.")
		}
		if err := v.Err(); err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if orgs.status[in.OrganisationID] == "active" {
			return schakel.Errorf(schakel.ECONFLICT, "%s doet al mee aan deze casus.", orgs.name[in.OrganisationID])
		}
		var contact any
		if in.ContactProfessionalID > 0 {
			contact = in.ContactProfessionalID
		}
		if _, ok := orgs.status[in.OrganisationID]; ok {
			_, err = tx.exec(`UPDATE participations SET status = 'active', exited_at = NULL, role = ?, contact_id = ?, joined_at = ?
				WHERE case_id = ? AND organisation_id = ?`, string(in.Role), contact, tx.now, caseID, in.OrganisationID)
		} else {
			_, err = tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, ?, 'active', ?, ?)`,
				caseID, in.OrganisationID, string(in.Role), contact, tx.now)
		}
		if err != nil {
			return err
		}
		if err := tx.participationEvent(caseID, in.OrganisationID, schakel.EventJoined, 0, "", in.Role, trim(in.Reason), "", actor.Professional.ID); err != nil {
			return err
		}
		if in.ContactProfessionalID > 0 && in.ContactProfessionalID != actor.Professional.ID {
			if err := tx.tell(in.ContactProfessionalID, "joined_case", caseID, 0,
				fmt.Sprintf("%s heeft uw organisatie aan casus %d toegevoegd, met u als contactpersoon.", actor.Professional.Name, caseID)); err != nil {
				return err
			}
		}
		out, err = tx.participations(caseID)
		return err
	})
	return out, err
}

func runeLen(s string) int { return len([]rune(trim(s))) }

func (tx *Tx) participationEvent(caseID, orgID int64, kind string, to int64, from, toRole schakel.ParticipationRole, note, next string, by int64) error {
	var toOrg any
	if to > 0 {
		toOrg = to
	}
	_, err := tx.exec(`INSERT INTO participation_events (case_id, organisation_id, kind, to_organisation_id, from_role, to_role, note, next_steps, professional_id, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, caseID, orgID, kind, toOrg, string(from), string(toRole), note, next, by, tx.now)
	return err
}

// ChangeRole changes an organisation's role on a case. The organisation
// itself or the one holding regie changes it, with a reason; regie never
// moves this way.
func (db *DB) ChangeRole(ctx contextT, actor *schakel.Actor, caseID, orgID int64, in plan.RoleChange) ([]schakel.ParticipationView, error) {
	var out []schakel.ParticipationView
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("role of organisation %d: %s", orgID, in.Role)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if _, ok := orgs.status[orgID]; !ok {
			return notFound("Deze organisatie op de casus")
		}
		mine := actor.Professional.Organisation.ID
		if mine != orgID && mine != orgs.regie {
			return tx.refuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie zelf, of de organisatie met de regie, verandert een rol.")
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		if orgs, err = tx.CaseOrganisations(caseID); err != nil {
			return err
		}
		if err := plan.CheckRoleChange(in, orgs.role[orgID], orgs.status[orgID] == "active", orgs.kind[orgID]); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE participations SET role = ? WHERE case_id = ? AND organisation_id = ?`, string(in.Role), caseID, orgID); err != nil {
			return err
		}
		if err := tx.participationEvent(caseID, orgID, schakel.EventRoleChanged, 0, orgs.role[orgID], in.Role, trim(in.Reason), "", actor.Professional.ID); err != nil {
			return err
		}
		out, err = tx.participations(caseID)
		return err
	})
	return out, err
}

// HandoverRegie hands regie to another organisation on the case: an
// explicit, recorded act by the organisation that holds it. One
// organisation holds regie at a time.
func (db *DB) HandoverRegie(ctx contextT, actor *schakel.Actor, caseID int64, in plan.Handover) ([]schakel.ParticipationView, error) {
	var out []schakel.ParticipationView
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("regie to organisation %d", in.ToOrganisationID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		facts := func() (plan.HandoverFacts, CaseOrgs, error) {
			orgs, err := tx.CaseOrganisations(caseID)
			mine := actor.Professional.Organisation.ID
			return plan.HandoverFacts{ActorHoldsRegie: orgs.regie == mine, RegieExists: orgs.regie != 0,
				ToActive: orgs.status[in.ToOrganisationID] == "active", ToIsSelf: in.ToOrganisationID == mine, FromKind: orgs.kind[orgs.regie]}, orgs, err
		}
		f, _, err := facts()
		if err != nil {
			return err
		}
		if f.RegieExists && !f.ActorHoldsRegie {
			return tx.refuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie die de regie heeft, draagt haar over.")
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		f, orgs, err := facts()
		if err != nil {
			return err
		}
		if err := plan.CheckHandover(&in, f); err != nil {
			return err
		}
		from := orgs.regie
		if from != 0 {
			if _, err := tx.exec(`UPDATE participations SET role = ? WHERE case_id = ? AND organisation_id = ? AND role = 'regie'`,
				string(in.FormerRole), caseID, from); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`UPDATE participations SET role = 'regie' WHERE case_id = ? AND organisation_id = ? AND status = 'active'`,
			caseID, in.ToOrganisationID); err != nil {
			return err
		}
		var regies int
		if err := tx.queryRow(`SELECT COUNT(*) FROM participations WHERE case_id = ? AND role = 'regie' AND status = 'active'`, caseID).Scan(&regies); err != nil {
			return err
		}
		if regies != 1 {
			return schakel.Errorf(schakel.ECONFLICT, "De regie is net door iemand anders veranderd. Laad de casus opnieuw.")
		}
		if err := tx.participationEvent(caseID, from, schakel.EventRegieHandover, in.ToOrganisationID, schakel.RoleRegie, in.FormerRole,
			trim(in.Reason), "", actor.Professional.ID); err != nil {
			return err
		}
		if c := orgs.contact[in.ToOrganisationID]; c != 0 {
			if err := tx.tell(c, "regie_handover", caseID, 0,
				fmt.Sprintf("%s heeft de regie over casus %d aan uw organisatie overgedragen.", actor.Professional.Name, caseID)); err != nil {
				return err
			}
		}
		if err := tx.NotifyTeamLeads(in.ToOrganisationID, caseID, 0, "regie_handover",
			fmt.Sprintf("Uw organisatie heeft nu de regie over casus %d (overgedragen door %s).", caseID, actor.Professional.Name)); err != nil {
			return err
		}
		out, err = tx.participations(caseID)
		return err
	})
	return out, err
}

// ExitCase takes an organisation off a case with a handover note and the
// next steps. Only the organisation itself leaves. It is refused (409)
// while the organisation owns open actions (reassign them first) or holds
// regie (hand it over first). Afterwards its professionals see nothing new
// on the case; what they wrote stays on it for the others, and they keep
// reading that, their own record (OwnRecord). Their invitations to planned
// consultations lapse but stay in the minutes; a seat left empty is shown
// on the consultation and told to the team leads.
func (db *DB) ExitCase(ctx contextT, actor *schakel.Actor, caseID, orgID int64, in plan.ExitInput) (schakel.ParticipationEvent, error) {
	var ev schakel.ParticipationEvent
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("exit of organisation %d", orgID)); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if actor.Professional.Organisation.ID != orgID {
			return tx.refuseRule(actor, caseID, audit.EventUpdate, "Alleen de organisatie zelf stapt uit een casus. Vraag haar dat te doen.")
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		var open int
		if err := tx.queryRow(`SELECT COUNT(*) FROM plan_actions WHERE case_id = ? AND owner_organisation_id = ? AND status = 'open'`,
			caseID, orgID).Scan(&open); err != nil {
			return err
		}
		investigating, err := tx.investigationOpen(caseID, orgID)
		if err != nil {
			return err
		}
		if err := plan.CheckExit(in, plan.ExitFacts{Active: orgs.status[orgID] == "active", HoldsRegie: orgs.regie == orgID, OpenActions: open,
			InvestigationOpen: investigating}); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE participations SET status = 'exited', exited_at = ? WHERE case_id = ? AND organisation_id = ?`, tx.now, caseID, orgID); err != nil {
			return err
		}
		if err := tx.participationEvent(caseID, orgID, schakel.EventExited, 0, orgs.role[orgID], "", trim(in.Handover), trim(in.NextSteps), actor.Professional.ID); err != nil {
			return err
		}
		if err := tx.lapseInvitations(caseID, orgID, orgs.name[orgID]); err != nil {
			return err
		}
		if c := orgs.contact[orgs.regie]; c != 0 {
			if err := tx.tell(c, "exit", caseID, 0, fmt.Sprintf("%s is uit casus %d gestapt, met een overdracht en de volgende stappen.", orgs.name[orgID], caseID)); err != nil {
				return err
			}
		}
		evs, err := tx.participationEvents(`e.case_id = ? AND e.organisation_id = ? AND e.kind = 'exited'`, caseID, orgID)
		if err != nil {
			return err
		}
		ev = evs[0]
		return nil
	})
	return ev, err
}

// participationEvents returns the recorded role history, newest first.
func (tx *Tx) participationEvents(where string, args ...any) ([]schakel.ParticipationEvent, error) {
	rows, err := tx.query(`SELECT e.id, e.kind, o.id, o.name, o.kind, t.id, t.name, t.kind, e.from_role, e.to_role, e.note, e.next_steps,
		COALESCE(p.id, 0), COALESCE(p.name, ''), e.created_at
		FROM participation_events e JOIN organisations o ON o.id = e.organisation_id LEFT JOIN organisations t ON t.id = e.to_organisation_id
		LEFT JOIN professionals p ON p.id = e.professional_id WHERE `+where+` ORDER BY e.id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ParticipationEvent{}
	for rows.Next() {
		var e schakel.ParticipationEvent
		var tid sql.NullInt64
		var tname, tkind sql.NullString
		if err := rows.Scan(&e.ID, &e.Kind, &e.Organisation.ID, &e.Organisation.Name, &e.Organisation.Kind, &tid, &tname, &tkind,
			&e.FromRole, &e.ToRole, &e.Note, &e.NextSteps, &e.By.ID, &e.By.Name, &e.CreatedAt); err != nil {
			return nil, err
		}
		if tid.Valid {
			e.To = &schakel.OrganisationRef{ID: tid.Int64, Name: tname.String, Kind: schakel.OrganisationKind(tkind.String)}
		}
		e.CreatedAt = e.CreatedAt.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// ExpertInput adds an expert to a case: a named person, or an expertise
// for which Schakel picks an available person.
type ExpertInput struct {
	ProfessionalID int64  `json:"professional_id,omitempty"`
	Expertise      string `json:"expertise,omitempty"`
	Reason         string `json:"reason"`
}

// AddExpert adds an expert to a case at any moment, with the reason. The
// expert's organisation takes part in the case with role advies when it
// did not yet, so that the expert can read what they advise on.
func (db *DB) AddExpert(ctx contextT, actor *schakel.Actor, caseID int64, in ExpertInput) (schakel.CaseExpert, error) {
	var ex schakel.CaseExpert
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.GuardCase(actor, caseID, access.Write, audit.EventUpdate, "add expert"); err != nil {
			return err
		}
		if err := tx.openCase(caseID); err != nil {
			return err
		}
		if _, err := tx.lockCase(caseID, 0); err != nil {
			return err
		}
		inv := plan.Invite{Reason: in.Reason}
		if in.ProfessionalID > 0 {
			inv.ProfessionalIDs = []int64{in.ProfessionalID}
		}
		if in.Expertise != "" {
			inv.Expertises = []string{in.Expertise}
		}
		if err := plan.ValidateAddParticipant(inv); err != nil {
			return renameInviteFields(err)
		}
		chosen, err := tx.chooseInvitees(caseID, inv, tx.now)
		if err != nil {
			return err
		}
		if len(chosen.picked) == 0 {
			field := "expertise"
			if in.ProfessionalID > 0 {
				field = "professional_id"
			}
			return &schakel.Error{Code: schakel.EINVALID, Message: "Niemand beschikbaar.",
				Fields: []schakel.FieldError{{Field: field, Code: "unavailable", Message: "Niemand met deze deskundigheid is beschikbaar, of de medewerker is niet actief."}}}
		}
		p := chosen.picked[0]
		if _, err := tx.insert(`INSERT INTO case_experts (case_id, professional_id, expertise, reason, added_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			caseID, p.id, in.Expertise, trim(in.Reason), actor.Professional.ID, tx.now); err != nil {
			return err
		}
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		if orgs.status[p.org] != "active" {
			if err := tx.JoinCase(caseID, p.org, p.id); err != nil {
				return err
			}
			if _, err := tx.exec(`UPDATE participations SET role = 'advies' WHERE case_id = ? AND organisation_id = ? AND role <> 'regie'`, caseID, p.org); err != nil {
				return err
			}
			if err := tx.participationEvent(caseID, p.org, schakel.EventJoined, 0, "", schakel.RoleAdvies, "Deskundige toegevoegd: "+trim(in.Reason), "", actor.Professional.ID); err != nil {
				return err
			}
		}
		if p.id != actor.Professional.ID {
			if err := tx.tell(p.id, "expert_added", caseID, 0,
				fmt.Sprintf("%s heeft u als deskundige aan casus %d toegevoegd.", actor.Professional.Name, caseID)); err != nil {
				return err
			}
		}
		exs, err := tx.caseExperts(caseID)
		if err != nil {
			return err
		}
		ex = exs[len(exs)-1]
		return nil
	})
	return ex, err
}

// renameInviteFields maps the invite's field names to the single-expert
// request's.
func renameInviteFields(err error) error {
	var se *schakel.Error
	if !errors.As(err, &se) {
		return err
	}
	out := *se
	out.Fields = slices.Clone(se.Fields)
	for i, f := range out.Fields {
		switch {
		case f.Field == "invite":
			out.Fields[i].Field = "professional_id"
			out.Fields[i].Message = "Kies een medewerker of een deskundigheid."
		case strings.HasPrefix(f.Field, "invite.expertises["):
			out.Fields[i].Field = "expertise"
		case strings.HasPrefix(f.Field, "invite.professional_ids["):
			out.Fields[i].Field = "professional_id"
		}
	}
	return &out
}

func (tx *Tx) caseExperts(caseID int64) ([]schakel.CaseExpert, error) {
	rows, err := tx.query(`SELECT p.id, p.name, o.id, o.name, o.kind, e.expertise, e.reason, a.id, a.name, e.created_at
		FROM case_experts e JOIN professionals p ON p.id = e.professional_id JOIN organisations o ON o.id = p.organisation_id
		JOIN professionals a ON a.id = e.added_by WHERE e.case_id = ? ORDER BY e.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.CaseExpert{}
	for rows.Next() {
		var e schakel.CaseExpert
		if err := rows.Scan(&e.Professional.ID, &e.Professional.Name, &e.Professional.Organisation.ID, &e.Professional.Organisation.Name,
			&e.Professional.Organisation.Kind, &e.Expertise, &e.Reason, &e.AddedBy.ID, &e.AddedBy.Name, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.CreatedAt = e.CreatedAt.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// OwnRecord is what one organisation wrote on a case itself.
type OwnRecord struct {
	CaseID        int64                        `json:"case_id"`
	Organisation  schakel.OrganisationRef      `json:"organisation"`
	Participation string                       `json:"participation"` // active or exited
	ExitedAt      *string                      `json:"exited_at,omitempty"`
	Findings      []schakel.Finding            `json:"findings"`
	Scales        []schakel.SafetyScore        `json:"safety_scales"`
	Conversations []schakel.Conversation       `json:"conversations"`
	Actions       []schakel.Action             `json:"actions"` // actions the organisation owned
	Decisions     []schakel.RaadDecision       `json:"decisions"`
	Events        []schakel.ParticipationEvent `json:"participation_events"`
}

// OwnRecordOf returns what the actor's organisation wrote on a case: its
// findings, safety scales, the conversations it logged, the actions it
// owned, its decisions and its own participation events (its exit with
// the handover). An organisation that exited the case still reads this —
// it keeps its own file — but nothing others wrote and nothing new.
func (db *DB) OwnRecordOf(ctx contextT, actor *schakel.Actor, caseID int64) (OwnRecord, error) {
	org := actor.Professional.Organisation
	rec := OwnRecord{CaseID: caseID, Organisation: schakel.OrganisationRef{ID: org.ID, Name: org.Name, Kind: org.Kind}}
	err := db.Update(ctx, func(tx *Tx) error {
		ctxA, err := tx.caseContext(actor, caseID)
		if err != nil {
			return err
		}
		d := access.Decide(access.SubjectOf(actor.Professional), access.OwnRecord, access.Read, ctxA)
		persons, err := tx.casePersonIDs(caseID)
		if err != nil {
			return err
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "case", ResourceID: fmt.Sprint(caseID),
			Persons: persons, Detail: "own record of organisation " + fmt.Sprint(org.ID)})
		if !d.Allowed {
			return tx.commitRefusal(d)
		}
		rec.Participation = string(ctxA.Participation)
		orgs, err := tx.CaseOrganisations(caseID)
		if err != nil {
			return err
		}
		// Up to the exit: nothing the organisation did not see itself.
		until := tx.now
		if t, ok := orgs.exited[org.ID]; ok && orgs.status[org.ID] == "exited" {
			until = t
			s := t.Format("2006-01-02T15:04:05Z")
			rec.ExitedAt = &s
		}
		if rec.Findings, err = tx.findings(`f.case_id = ? AND f.organisation_id = ?`, caseID, org.ID); err != nil {
			return err
		}
		if rec.Scales, err = tx.scales(`s.case_id = ? AND s.organisation_id = ?`, caseID, org.ID); err != nil {
			return err
		}
		if rec.Conversations, err = tx.conversationsWhere(`fc.case_id = ? AND fc.organisation_id = ?`, caseID, org.ID); err != nil {
			return err
		}
		if rec.Actions, err = tx.actions(`a.case_id = ? AND a.owner_organisation_id = ? AND a.created_at <= ?`, caseID, org.ID, until); err != nil {
			return err
		}
		if rec.Decisions, err = tx.decisions(`d.case_id = ? AND d.organisation_id = ?`, caseID, org.ID); err != nil {
			return err
		}
		rec.Events, err = tx.participationEvents(`e.case_id = ? AND e.organisation_id = ?`, caseID, org.ID)
		return err
	})
	return rec, err
}

// OrganisationExited reports whether the actor's organisation once took
// part in the case and has left it: the refusal page then points to its
// own record. It reads no case content.
func (db *DB) OrganisationExited(ctx contextT, actor *schakel.Actor, caseID int64) bool {
	var status string
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT status FROM participations WHERE case_id = ? AND organisation_id = ?`),
		caseID, actor.Professional.Organisation.ID).Scan(&status)
	return err == nil && status == "exited"
}

// investigationOpen reports whether the organisation's own Raad
// investigation on the case is still open (plan.InvestigationOpen).
func (tx *Tx) investigationOpen(caseID, orgID int64) (bool, error) {
	ds, err := tx.decisions(`d.case_id = ? AND d.organisation_id = ?`, caseID, orgID)
	if err != nil {
		return false, err
	}
	kinds := make([]string, len(ds))
	for i, d := range ds {
		kinds[i] = d.Kind
	}
	return plan.InvestigationOpen(kinds), nil
}
