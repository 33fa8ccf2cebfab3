package app

import (
	"context"
	"slices"

	"schakel"
	"schakel/internal/plan"
	"schakel/internal/storage"
)

// RecordAttendance records who attended a consultation and marks it held.
// Someone present without an invitation is added as a participant.
// Attendance is known only once the consultation began
// (plan.CheckAttendanceTime). The
// chain timeline records the consultation as held once, however often
// attendance is corrected.
func (a *App) RecordAttendance(ctx context.Context, actor *schakel.Actor, consultationID int64, in plan.AttendanceInput) (schakel.Consultation, error) {
	var out schakel.Consultation
	err := a.onConsultation(ctx, actor, consultationID, "attendance of consultation %d", func(tx *storage.Tx, ref storage.ConsultationRef) error {
		if err := plan.CheckNotCancelled(ref.Status); err != nil {
			return err
		}
		if err := plan.CheckAttendanceTime(ref.ScheduledAt, tx.Now()); err != nil {
			return err
		}
		active, err := tx.ActiveProfessionalSet(append(slices.Clone(in.Present), in.Absent...)...)
		if err != nil {
			return err
		}
		if err := plan.ValidateAttendance(in, active); err != nil {
			return err
		}
		for _, id := range in.Present {
			known, err := tx.SetAttended(ref.ID, id, true)
			if err != nil {
				return err
			}
			if !known {
				if err := tx.AddWalkIn(ref.ID, id, plan.WalkInReason, actor.Professional.ID); err != nil {
					return err
				}
			}
		}
		for _, id := range in.Absent {
			if _, err := tx.SetAttended(ref.ID, id, false); err != nil {
				return err
			}
		}
		if err := tx.MarkHeld(ref.ID); err != nil {
			return err
		}
		if err := tx.RecordConsultationHeld(actor, ref.CaseID, ref.ID, tx.Now()); err != nil {
			return err
		}
		out, err = tx.ConsultationByID(ref.ID)
		return err
	})
	return out, err
}
