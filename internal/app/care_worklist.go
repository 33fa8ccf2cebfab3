package app

import (
	"fmt"
	"time"

	"schakel/internal/care"
	"schakel/internal/storage"
)

// careReminders turns a care request to answer into a reminder from three
// quarters of the time to its deadline (care.RemindFrom).
func careReminders(items []storage.WorkItem, now time.Time) {
	for i := range items {
		it := &items[i]
		if it.Kind == "care_request" && it.AskedAt != nil && it.DueAt != nil && !now.Before(care.RemindFrom(*it.AskedAt, *it.DueAt)) {
			it.Title = fmt.Sprintf("Herinnering: zorgvraag %d beantwoorden", it.CareRequestID)
		}
	}
}
