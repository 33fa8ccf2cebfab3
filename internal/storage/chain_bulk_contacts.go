package storage

import "time"

// BulkContact is a generated contact moment with a family (issue 14,
// item 6): a logged home visit or conversation of one worker, counted as
// the live ones are (family_conversations with the worker in
// conversation_professionals).
type BulkContact struct {
	ID, CaseID, OrganisationID, ProfessionalID int64
	HeldAt                                     time.Time
	Summary                                    string
}

// NextContactID hands out a conversation id.
func (b *BulkLoader) NextContactID() int64 { b.next.contact++; return b.next.contact - 1 }

func contactTables(cs []BulkContact) []bulkTable {
	if len(cs) == 0 {
		return nil
	}
	fc := bulkTable{name: "family_conversations", cols: []string{"id", "case_id", "held_at", "summary", "organisation_id", "logged_by", "created_at"}}
	cp := bulkTable{name: "conversation_professionals", cols: []string{"conversation_id", "professional_id"}}
	for _, c := range cs {
		// Logged the same day, a few hours after the visit.
		fc.rows = append(fc.rows, []any{c.ID, c.CaseID, c.HeldAt.UTC(), c.Summary, c.OrganisationID, c.ProfessionalID, c.HeldAt.Add(3 * time.Hour).UTC()})
		cp.rows = append(cp.rows, []any{c.ID, c.ProfessionalID})
	}
	return []bulkTable{fc, cp}
}
