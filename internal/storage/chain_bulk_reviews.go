package storage

import (
	"time"
)

// BulkReview is a generated placement-prevention review (issue 16): when
// the placement was considered and by whom, when it was held, its outcome,
// root causes, panel and follow-up checks. Generated reviews have no
// checklist: the history holds what the region's figures count.
type BulkReview struct {
	ID, CaseID   int64
	ConsideredAt time.Time
	ConsideredBy int64
	DueAt        time.Time
	HeldAt       *time.Time
	Outcome      string
	Causes       []string
	Panel        []int64 // the network members who sat on it
	Checks       []BulkCheck
}

// BulkCheck is a generated 3- or 6-month check of a held review.
type BulkCheck struct {
	Months          int
	CheckedAt       time.Time
	CheckedBy       int64
	StayedHome      bool
	AlternativeHeld bool
	PlacedAfterAll  bool
	NewReports      int
}

// NextReviewID hands out a review id.
func (b *BulkLoader) NextReviewID() int64 { b.next.review++; return b.next.review - 1 }

// bulkTable is one table's rows of a batch.
type bulkTable struct {
	name string
	cols []string
	rows [][]any
}

func reviewTables(reviews []BulkReview) []bulkTable {
	if len(reviews) == 0 {
		return nil
	}
	rv := bulkTable{name: "placement_reviews", cols: []string{"id", "case_id", "considered_at", "considered_by", "reason", "emergency", "due_at",
		"missing_expertise", "held_at", "recorded_by", "outcome", "chosen_alternative", "outcome_note", "next_review"}}
	causes := bulkTable{name: "placement_review_causes", cols: []string{"review_id", "cause"}}
	panel := bulkTable{name: "placement_review_panel", cols: []string{"review_id", "professional_id", "proposed_at"}}
	checks := bulkTable{name: "placement_review_checks", cols: []string{"review_id", "months", "checked_at", "checked_by", "stayed_home",
		"alternative_held", "placed_after_all", "new_reports", "note"}}
	for _, r := range reviews {
		var outcome, recorded any
		if r.HeldAt != nil {
			outcome, recorded = r.Outcome, r.ConsideredBy
		}
		rv.rows = append(rv.rows, []any{r.ID, r.CaseID, r.ConsideredAt.UTC(), r.ConsideredBy, "Gegenereerde geschiedenis", false, r.DueAt.UTC(),
			"", nullTimePtr(r.HeldAt), recorded, outcome, "", "", ""})
		for _, c := range r.Causes {
			causes.rows = append(causes.rows, []any{r.ID, c})
		}
		for _, p := range r.Panel {
			panel.rows = append(panel.rows, []any{r.ID, p, r.ConsideredAt.UTC()})
		}
		for _, k := range r.Checks {
			checks.rows = append(checks.rows, []any{r.ID, k.Months, k.CheckedAt.UTC(), k.CheckedBy, k.StayedHome, k.AlternativeHeld,
				k.PlacedAfterAll, k.NewReports, ""})
		}
	}
	return []bulkTable{rv, causes, panel, checks}
}
