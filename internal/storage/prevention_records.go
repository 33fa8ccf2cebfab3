package storage

import (
	"database/sql"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

// The placement-prevention network's records (issue 16). No decisions
// here: internal/prevention and internal/app decide.

// PutNetworkMember adds a professional to the network or changes the
// expertise they bring.
func (tx *Tx) PutNetworkMember(professionalID int64, expertises []schakel.NetworkExpertise) error {
	list := joinExpertises(expertises)
	res, err := tx.exec(`UPDATE network_members SET expertises = ? WHERE professional_id = ?`, list, professionalID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n > 0 {
		return err
	}
	_, err = tx.exec(`INSERT INTO network_members (professional_id, expertises, joined_at) VALUES (?, ?, ?)`, professionalID, list, tx.now)
	return err
}

// LeaveNetwork removes a professional from the network; their past panels stay.
func (tx *Tx) LeaveNetwork(professionalID int64) error {
	_, err := tx.exec(`DELETE FROM network_members WHERE professional_id = ?`, professionalID)
	return err
}

// NetworkMembers lists the active members of a region's network with how
// many panels each sat on.
func (tx *Tx) NetworkMembers(regionID int64) ([]schakel.NetworkMember, error) {
	out := []schakel.NetworkMember{}
	err := tx.eachRow(`SELECT p.id, p.name, o.id, o.name, o.kind, n.expertises, n.joined_at,
			(SELECT COUNT(*) FROM placement_review_panel x WHERE x.professional_id = p.id)
		FROM network_members n JOIN professionals p ON p.id = n.professional_id JOIN organisations o ON o.id = p.organisation_id
		WHERE o.region_id = ? AND p.active = TRUE ORDER BY p.name, p.id`, []any{regionID}, func(row rowScanner) error {
		var m schakel.NetworkMember
		var list string
		if err := row.Scan(&m.Professional.ID, &m.Professional.Name, &m.Organisation.ID, &m.Organisation.Name,
			&m.Organisation.Kind, &list, &m.Since, &m.Reviews); err != nil {
			return err
		}
		m.Expertises, m.Since = splitExpertises(list), m.Since.UTC()
		out = append(out, m)
		return nil
	})
	return out, err
}

// InsertPlacementReview opens a review; a case with an open review gets a
// conflict (one open review per case).
func (tx *Tx) InsertPlacementReview(caseID, by int64, reason string, emergency bool, due time.Time, missing []schakel.NetworkExpertise) (int64, error) {
	id, err := tx.insert(`INSERT INTO placement_reviews (case_id, considered_at, considered_by, reason, emergency, due_at, missing_expertise)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, caseID, tx.now, by, reason, emergency, due.UTC(), joinExpertises(missing))
	if isUniqueViolation(err) {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Voor deze casus staat al een plaatsingstafel open.")
	}
	return id, err
}

// AddPanelMember puts a network member on a review's panel.
func (tx *Tx) AddPanelMember(reviewID, professionalID int64) error {
	_, err := tx.exec(`INSERT INTO placement_review_panel (review_id, professional_id, proposed_at) VALUES (?, ?, ?)`, reviewID, professionalID, tx.now)
	return err
}

// RecordReviewOutcome writes a held review's outcome, checklist and causes.
func (tx *Tx) RecordReviewOutcome(reviewID, by int64, r schakel.PlacementReview) error {
	res, err := tx.exec(`UPDATE placement_reviews SET held_at = ?, recorded_by = ?, outcome = ?, chosen_alternative = ?, outcome_note = ?, next_review = ?
		WHERE id = ? AND held_at IS NULL`, r.HeldAt.UTC(), by, r.Outcome, r.ChosenAlternative, r.OutcomeNote, r.NextReview, reviewID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return schakel.Errorf(schakel.ECONFLICT, "De uitkomst van deze plaatsingstafel is al vastgelegd.")
	}
	for _, a := range r.Alternatives {
		if _, err := tx.exec(`INSERT INTO placement_review_alternatives (review_id, kind, considered, tried, why_not) VALUES (?, ?, ?, ?, ?)`,
			reviewID, a.Kind, a.Considered, a.Tried, a.WhyNot); err != nil {
			return err
		}
	}
	for _, c := range r.Causes {
		if _, err := tx.exec(`INSERT INTO placement_review_causes (review_id, cause) VALUES (?, ?)`, reviewID, c); err != nil {
			return err
		}
	}
	return nil
}

// PlacementReviewByID loads one review with its panel, checklist and causes.
func (tx *Tx) PlacementReviewByID(id int64) (schakel.PlacementReview, error) {
	rs, err := tx.placementReviews(`r.id = ?`, id)
	if err != nil {
		return schakel.PlacementReview{}, err
	}
	if len(rs) == 0 {
		return schakel.PlacementReview{}, notFound("Plaatsingstafel")
	}
	return rs[0], nil
}

// PlacementReviews lists a case's reviews, oldest first.
func (tx *Tx) PlacementReviews(caseID int64) ([]schakel.PlacementReview, error) {
	return tx.placementReviews(`r.case_id = ?`, caseID)
}

// PanelReviews lists the reviews a professional sits on the panel of.
func (tx *Tx) PanelReviews(professionalID int64) ([]schakel.PlacementReview, error) {
	return tx.placementReviews(`r.id IN (SELECT review_id FROM placement_review_panel WHERE professional_id = ?)`, professionalID)
}

func (tx *Tx) placementReviews(where string, arg any) ([]schakel.PlacementReview, error) {
	var out []schakel.PlacementReview
	err := tx.eachRow(`SELECT r.id, r.case_id, r.considered_at, p.id, p.name, r.reason, r.emergency, r.due_at, r.missing_expertise,
			r.held_at, COALESCE(r.outcome, ''), r.chosen_alternative, r.outcome_note, r.next_review
		FROM placement_reviews r JOIN professionals p ON p.id = r.considered_by WHERE `+where+` ORDER BY r.considered_at, r.id`, []any{arg},
		func(row rowScanner) error {
			var r schakel.PlacementReview
			var missing string
			var held sql.NullTime
			if err := row.Scan(&r.ID, &r.CaseID, &r.ConsideredAt, &r.ConsideredBy.ID, &r.ConsideredBy.Name, &r.Reason, &r.Emergency,
				&r.DueAt, &missing, &held, &r.Outcome, &r.ChosenAlternative, &r.OutcomeNote, &r.NextReview); err != nil {
				return err
			}
			r.ConsideredAt, r.DueAt, r.HeldAt = r.ConsideredAt.UTC(), r.DueAt.UTC(), nullTime(held)
			r.MissingExpertise = splitExpertises(missing)
			out = append(out, r)
			return nil
		})
	if err != nil {
		return nil, err
	}
	for i := range out {
		if err := tx.fillReview(&out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NotifyPanelMember puts a review in a panel member's work list. It names
// no case: a panel member reads the review's extract, never the case.
func (tx *Tx) NotifyPanelMember(professionalID int64, text string) error {
	return tx.notify(professionalID, "placement_review", 0, 0, text)
}

// AuditReviewAccess audits a panel member's access to a review's extract
// (or a refused attempt), naming the family's persons so that it appears in
// their "wie heeft mijn dossier bekeken".
func (tx *Tx) AuditReviewAccess(actor *schakel.Actor, d access.Decision, event string, r schakel.PlacementReview, detail string) error {
	persons, err := tx.casePersonIDs(r.CaseID)
	if err != nil {
		return err
	}
	tx.AuditDecision(actor, d, audit.Entry{Event: event, ResourceType: "placement_review", ResourceID: fmt.Sprint(r.ID),
		Persons: persons, Detail: detail})
	if !d.Allowed {
		return tx.commitRefusal(d)
	}
	return nil
}
