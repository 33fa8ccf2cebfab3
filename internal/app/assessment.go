package app

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

// CompleteAssessment records that a report's safety assessment is done, on
// the word of someone who may write its case, and puts it on the case's
// timeline. The case version stays as it is: the assessment is a fact of
// the report, not an edit of the case.
func (a *App) CompleteAssessment(ctx context.Context, actor *schakel.Actor, reportID int64) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		caseID, done, err := tx.ReportAssessment(reportID)
		if err != nil {
			return err
		}
		if _, err := guardCase(tx, actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("assessment of report %d done", reportID)); err != nil {
			return err
		}
		if done {
			return schakel.Errorf(schakel.ECONFLICT, "De veiligheidsbeoordeling van deze melding is al afgerond.")
		}
		if err := tx.SetAssessmentDone(reportID); err != nil {
			return err
		}
		return tx.RecordAuto(actor, caseID, chain.SafetyAssessmentDone, tx.Now(), storage.EventDetails{ReportID: reportID}, 0)
	})
}
