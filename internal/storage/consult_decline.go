package storage

import (
	"database/sql"
	"errors"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/plan"
)

// DeclineInvitation records that an invitee will not take part in a planned
// consultation, with the reason. From then on the invitation no longer
// gives access to the case (access.InvitationHolds); whoever planned the
// consultation is told so that they can find someone else. Someone who was
// not invited finds no invitation (audited).
func (db *DB) DeclineInvitation(ctx contextT, actor *schakel.Actor, consultationID int64, reason string) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := db.Update(ctx, func(tx *Tx) error {
		var caseID int64
		var status string
		var creator sql.NullInt64
		var declined sql.NullTime
		err := tx.queryRow(`SELECT case_id, status, created_by FROM consultations WHERE id = ?`, consultationID).Scan(&caseID, &status, &creator)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Overleg")
		} else if err != nil {
			return err
		}
		err = tx.queryRow(`SELECT declined_at FROM consultation_participants WHERE consultation_id = ? AND professional_id = ?`,
			consultationID, actor.Professional.ID).Scan(&declined)
		if errors.Is(err, sql.ErrNoRows) {
			d := access.Decision{Basis: audit.BasisNone, Reason: "U bent niet uitgenodigd voor dit overleg."}
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultationID),
				Detail: "decline without an invitation"})
			return tx.commitRefusal(d)
		} else if err != nil {
			return err
		}
		switch n := runeLen(reason); {
		case n == 0:
			return &schakel.Error{Code: schakel.EINVALID, Message: "Schrijf op waarom u niet meedoet.",
				Fields: []schakel.FieldError{{Field: "reason", Code: "required", Message: "Schrijf op waarom u niet meedoet, zodat de organisator iemand anders kan zoeken."}}}
		case n > plan.MaxText:
			return &schakel.Error{Code: schakel.EINVALID, Message: "De reden is te lang.",
				Fields: []schakel.FieldError{{Field: "reason", Code: "too_long", Message: "Hoogstens 4000 tekens."}}}
		}
		if status != schakel.ConsultationPlanned {
			return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is niet meer gepland.")
		}
		if declined.Valid {
			return schakel.Errorf(schakel.ECONFLICT, "U heeft zich al afgemeld voor dit overleg.")
		}
		if _, err := tx.exec(`UPDATE consultation_participants SET declined_at = ?, decline_reason = ? WHERE consultation_id = ? AND professional_id = ?`,
			tx.now, trim(reason), consultationID, actor.Professional.ID); err != nil {
			return err
		}
		if creator.Valid && creator.Int64 != actor.Professional.ID {
			if err := tx.tell(creator.Int64, "invitation_declined", caseID, consultationID,
				fmt.Sprintf("%s doet niet mee aan het overleg over casus %d. Zoek zo nodig iemand anders.", actor.Professional.Name, caseID)); err != nil {
				return err
			}
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "consultation", ResourceID: fmt.Sprint(consultationID),
			AccessBasis: audit.BasisSelf, Detail: fmt.Sprintf("case %d, invitation declined", caseID)})
		cs, err := tx.Consultations(`c.id = ?`, consultationID)
		if err != nil {
			return err
		}
		out = cs[0]
		return nil
	})
	return out, err
}
