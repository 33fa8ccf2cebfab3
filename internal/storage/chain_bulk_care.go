package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"schakel"
)

// BulkCareRequest is a generated care request by need (issue 15): whom it
// reached, their answers, the choice, and the start and end of the care.
// Its chain events (care_requested … care_ended) are BulkEvents of the
// same case that carry its id.
type BulkCareRequest struct {
	ID, CaseID, CreatedBy, RegionID int64
	CreatedAt, Deadline             time.Time
	Needs                           []schakel.CareNeed
	Urgency, Municipality           string
	Recipients                      []int64
	Answers                         []BulkCareAnswer
	ChosenOrg                       int64 // 0: none chosen
	ChosenAt, StartedAt, EndedAt    *time.Time
	EndReason                       string
}

// BulkCareAnswer is a provider's generated answer.
type BulkCareAnswer struct {
	OrganisationID, AnsweredBy int64
	At                         time.Time
	Approach, EarliestStart    string
	NoCapacity                 bool
	ExpectedRoom               string
	Late                       bool
}

// NextCareRequestID hands out a care request id.
func (b *BulkLoader) NextCareRequestID() int64 { b.next.care++; return b.next.care - 1 }

func careTables(reqs []BulkCareRequest) ([]bulkTable, error) {
	if len(reqs) == 0 {
		return nil, nil
	}
	rq := bulkTable{name: "care_requests", cols: []string{"id", "case_id", "created_by", "created_at", "needs", "urgency", "deadline", "municipality",
		"age_bands", "status", "chosen_organisation_id", "chosen_at", "region_id", "first_answer_at", "started_at", "ended_at", "end_reason"}}
	needs := bulkTable{name: "care_request_needs", cols: []string{"request_id", "category"}}
	rcp := bulkTable{name: "care_recipients", cols: []string{"request_id", "organisation_id"}}
	ans := bulkTable{name: "care_answers", cols: []string{"request_id", "organisation_id", "answered_by", "answered_at", "approach", "earliest_start",
		"no_capacity", "expected_room", "late"}}
	for _, r := range reqs {
		js, err := json.Marshal(r.Needs)
		if err != nil {
			return nil, fmt.Errorf("needs of care request %d: %w", r.ID, err)
		}
		status := "open"
		if r.ChosenOrg != 0 {
			status = "chosen"
		}
		var first *time.Time
		for i := range r.Answers {
			if first == nil || r.Answers[i].At.Before(*first) {
				first = &r.Answers[i].At
			}
			a := r.Answers[i]
			ans.rows = append(ans.rows, []any{r.ID, a.OrganisationID, a.AnsweredBy, a.At.UTC(), a.Approach, a.EarliestStart, a.NoCapacity, a.ExpectedRoom, a.Late})
		}
		rq.rows = append(rq.rows, []any{r.ID, r.CaseID, r.CreatedBy, r.CreatedAt.UTC(), string(js), r.Urgency, r.Deadline.UTC(), r.Municipality,
			"", status, nullID(r.ChosenOrg), nullTimePtr(r.ChosenAt), r.RegionID, nullTimePtr(first), nullTimePtr(r.StartedAt),
			nullTimePtr(r.EndedAt), r.EndReason})
		for _, n := range r.Needs {
			needs.rows = append(needs.rows, []any{r.ID, string(n.Category)})
		}
		for _, o := range r.Recipients {
			rcp.rows = append(rcp.rows, []any{r.ID, o})
		}
	}
	return []bulkTable{rq, needs, rcp, ans}, nil
}
