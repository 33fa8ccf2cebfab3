package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/prevention"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// RecordReviewCheck records the check 3 or 6 months after a review (issue
// 16, item 6): whether the child stayed home, the alternative held, was
// placed after all, and how many reports came in since (counted, not typed).
func (a *App) RecordReviewCheck(ctx context.Context, actor *schakel.Actor, reviewID int64, c prevention.Check) ([]storage.ReviewCheck, error) {
	var out []storage.ReviewCheck
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, err := tx.PlacementReviewByID(reviewID)
		if err != nil {
			return err
		}
		if err := a.guardReview(tx, actor, r, access.Write, audit.EventUpdate, fmt.Sprintf("review check %d months", c.Months)); err != nil {
			return err
		}
		if err := prevention.ValidateCheck(r, c, tx.Now()); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "invalid check"}, err)
		}
		n, err := tx.ReportsSince(r.CaseID, *r.HeldAt)
		if err != nil {
			return err
		}
		if err := tx.InsertReviewCheck(r.ID, actor.Professional.ID, c, n); err != nil {
			return err
		}
		out, err = tx.ReviewChecks(r.ID)
		return err
	})
	return out, err
}

// ShareInput is what a member writes for the library.
type ShareInput = prevention.LibraryEntry

// ShareReview puts a held review into the network's case library (issue
// 16, item 7), anonymised by the member who shares it: the entry keeps the
// month, the outcome, the chosen alternative and the causes, and the
// member's own summary and lessons, which may hold no name or place of the
// family and no date finer than a month.
func (a *App) ShareReview(ctx context.Context, actor *schakel.Actor, reviewID int64, in ShareInput) (storage.LibraryEntry, error) {
	var out storage.LibraryEntry
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, err := tx.PlacementReviewByID(reviewID)
		if err != nil {
			return err
		}
		if err := a.guardReview(tx, actor, r, access.Read, audit.EventCreate, "share review to the library"); err != nil {
			return err
		}
		if r.HeldAt == nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "review not held"},
				schakel.Errorf(schakel.ECONFLICT, "Deel een plaatsingstafel pas als de uitkomst is vastgelegd."))
		}
		src, err := tx.ReviewExtractSource(r.CaseID)
		if err != nil {
			return err
		}
		names := slices.Concat(src.FamilyNames, src.GivenNames)
		terms := prevention.ForbiddenTerms(names, slices.Concat(src.Places, src.Towns), nil)
		if err := prevention.ValidateLibrary(in, terms); err != nil {
			return tx.RefuseWith(access.Decision{Basis: audit.BasisNone, Reason: "identifying library entry"}, err)
		}
		e := storage.LibraryEntry{Month: r.HeldAt.In(workdays.Location()).Format("2006-01"), Outcome: r.Outcome,
			ChosenAlternative: r.ChosenAlternative, Causes: append([]string{}, r.Causes...),
			Summary: strings.TrimSpace(in.Summary), Lessons: strings.TrimSpace(in.Lessons)}
		e.ID, err = tx.InsertLibraryEntry(r.ID, src.RegionID, actor.Professional.ID, e)
		out = e
		return err
	})
	return out, err
}

// Library lists the region's case library for members of its network.
func (a *App) Library(ctx context.Context, actor *schakel.Actor) ([]storage.LibraryEntry, error) {
	var out []storage.LibraryEntry
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		s := access.SubjectFor(actor)
		members, err := tx.NetworkMembers(s.RegionID)
		if err != nil {
			return err
		}
		member := slices.ContainsFunc(members, func(m schakel.NetworkMember) bool { return m.Professional.ID == s.ProfessionalID })
		d := access.DecideLibrary(s, member)
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "review_library", ResourceID: fmt.Sprint(s.RegionID)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		out, err = tx.Library(s.RegionID)
		return err
	})
	return out, err
}

// ReviewChecks lists a review's follow-up checks for those who may see the review.
func (a *App) ReviewChecks(ctx context.Context, actor *schakel.Actor, reviewID int64) ([]storage.ReviewCheck, error) {
	var out []storage.ReviewCheck
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, err := tx.PlacementReviewByID(reviewID)
		if err != nil {
			return err
		}
		if err := a.guardReview(tx, actor, r, access.Read, audit.EventRead, "review checks"); err != nil {
			return err
		}
		out, err = tx.ReviewChecks(r.ID)
		return err
	})
	return out, err
}
