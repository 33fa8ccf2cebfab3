package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/intake"
	"schakel/internal/storage"
)

// ReportResult is the answer to filing a report.
type ReportResult struct {
	ID             int64             `json:"id"`
	CaseID         int64             `json:"case_id"`
	FamilyID       int64             `json:"family_id"`
	FormVersion    int               `json:"form_version"`
	Rating         schakel.Rating    `json:"rating"`
	EarlierReports int               `json:"earlier_reports"`
	KnownAt        []schakel.KnownAt `json:"known_at"`
	Matches        []schakel.Match   `json:"matches"`
	// MatchingCapped says that so many known persons shared a birth date or
	// a name with someone on the report that matching read only part of
	// them: every person with the same birth date and a name that sounds
	// the same was compared, but not every one with typos in both names or
	// in the birth date.
	MatchingCapped bool                  `json:"matching_capped"`
	Consultation   *schakel.Consultation `json:"consultation"`
	// OnCase says whether the reporter's organisation takes part in the
	// case. A report on a family known elsewhere joins that family's case
	// without opening it to the reporter: then only KnownAt says whom to call.
	OnCase   bool `json:"on_case"`
	Replayed bool `json:"-"`
}

// CreateReport files a report with the shared intake form: matching
// against everyone known in the region, family and case, the intake
// organisation's participation, the crisismeter rating, the safety
// assessment clock, for red a joint crisis consultation with invitations,
// and the audit entries, all in one transaction. The ranking of candidates
// runs before that transaction and is re-checked inside it. A repeated
// idempotency key returns the first result; the same key with another
// request is a conflict.
func (a *App) CreateReport(ctx context.Context, actor *schakel.Actor, in intake.Report, idemKey string) (ReportResult, error) {
	reqHash, err := hashRequest(in)
	if err != nil {
		return ReportResult{}, err
	}
	res, err := a.fileOnce(ctx, actor, in, idemKey, reqHash)
	if err != nil && storage.IsUniqueViolation(err) {
		// Another request won a race on a unique key: the idempotency key
		// (answer with its result) or a BSN (file again: matching now
		// finds the person the other request wrote).
		if idemKey != "" {
			if again, found, err2 := a.replayed(ctx, actor, idemKey, reqHash); err2 != nil || found {
				return again, err2
			}
		}
		res, err = a.fileOnce(ctx, actor, in, idemKey, reqHash)
	}
	return res, err
}

func (a *App) fileOnce(ctx context.Context, actor *schakel.Actor, in intake.Report, idemKey, reqHash string) (ReportResult, error) {
	var res ReportResult
	p, err := intake.Validate(in, a.now())
	var pre []ranked
	if err == nil && actor.Professional != nil {
		pre, err = a.matchReport(ctx, actor.Professional.Organisation.RegionID, p.Persons())
	}
	var av *availability
	if err == nil && actor.Professional != nil && mayBeRed(p) && a.db.OneWriter() {
		av, err = a.readAvailability(ctx, actor.Professional.Organisation.RegionID)
	}
	if a.afterAvailability != nil {
		a.afterAvailability()
	}
	err = a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.Report, access.Write, access.Context{})
		if !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "report"})
			return tx.Refuse(d)
		}
		if idemKey != "" {
			found, rerr := tx.Replay(actor.Professional.ID, idemKey, reqHash, &res)
			if rerr != nil || found {
				res.Replayed = found
				return rerr
			}
		}
		if err != nil {
			return err // the report itself is invalid; nothing is written
		}
		res, err = a.fileReport(tx, actor, p, pre, av)
		if err != nil {
			return err
		}
		if idemKey != "" {
			return tx.Remember(actor.Professional.ID, idemKey, reqHash, res)
		}
		return nil
	})
	return res, err
}

// replayed looks up the result stored under an idempotency key by a
// concurrent request that committed first.
func (a *App) replayed(ctx context.Context, actor *schakel.Actor, key, reqHash string) (ReportResult, bool, error) {
	var res ReportResult
	var found bool
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		var err error
		found, err = tx.Replay(actor.Professional.ID, key, reqHash, &res)
		return err
	})
	res.Replayed = found
	return res, found, err
}

func hashRequest(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("hash request: %w", err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:]), nil
}
