package storage

import (
	"fmt"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

// Page sizes of "who looked at my file".
const (
	PersonAccessesPageSize    = 100
	PersonAccessesMaxPageSize = 500
)

// PersonAccessesPage is one page of every access to one person's data,
// newest first. More are never left out silently: Next is the cursor of the
// following, older page, 0 when this page holds the oldest entry.
type PersonAccessesPage struct {
	Entries []audit.Entry
	Next    int64
}

// PersonAccesses lists the accesses to one person's data, by anyone: the
// answer to "who looked at my file", in pages. before is the cursor of the
// page (an audit sequence number; 0 for the newest page); limit is the page
// size (0 for the default, at most PersonAccessesMaxPageSize).
func (db *DB) PersonAccesses(ctx contextT, actor *schakel.Actor, personID, before int64, limit int) (PersonAccessesPage, error) {
	var page PersonAccessesPage
	if before < 0 || limit < 0 || limit > PersonAccessesMaxPageSize {
		return page, &schakel.Error{Code: schakel.EINVALID, Message: "Ongeldige pagina.", Fields: []schakel.FieldError{
			{Field: "limit", Code: "range", Message: fmt.Sprintf("Kies een aantal tussen 1 en %d.", PersonAccessesMaxPageSize)}}}
	}
	if limit == 0 {
		limit = PersonAccessesPageSize
	}
	err := db.Update(ctx, func(tx *Tx) error {
		var knows int
		if actor.Professional != nil {
			if err := tx.queryRow(`SELECT COUNT(*) FROM report_persons rp JOIN reports r ON r.id = rp.report_id
				JOIN participations p ON p.case_id = r.case_id WHERE rp.person_id = ? AND p.organisation_id = ?`,
				personID, actor.Professional.Organisation.ID).Scan(&knows); err != nil {
				return err
			}
		}
		d := access.Decide(access.SubjectFor(actor), access.PersonAccesses, access.Read, access.Context{OrganisationKnowsPerson: knows > 0})
		detail := ""
		if before > 0 {
			detail = fmt.Sprintf("older than %d", before)
		}
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventRead, ResourceType: "person_accesses",
			ResourceID: fmt.Sprint(personID), Persons: []int64{personID}, Detail: detail})
		if !d.Allowed {
			return tx.commitRefusal(d)
		}
		cond, args := "p.person_id = ?", []any{personID}
		if before > 0 {
			cond, args = cond+" AND p.seq < ?", append(args, before)
		}
		// One more than a page tells whether an older page exists.
		entries, err := tx.listAudit(`SELECT `+prefixed("a.", auditColumns)+` FROM audit_persons p
			JOIN audit_log a ON a.seq = p.seq WHERE `+cond+fmt.Sprintf(` ORDER BY p.seq DESC LIMIT %d`, limit+1), args...)
		if err != nil {
			return err
		}
		if len(entries) > limit {
			entries = entries[:limit]
			page.Next = entries[limit-1].Seq
		}
		page.Entries = entries
		return nil
	})
	return page, err
}
