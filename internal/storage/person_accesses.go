package storage

import (
	"fmt"

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

// OrganisationKnowsPerson reports whether the organisation takes or took
// part in a case that holds a report about the person.
func (tx *Tx) OrganisationKnowsPerson(orgID, personID int64) (bool, error) {
	var knows int
	err := tx.queryRow(`SELECT COUNT(*) FROM report_persons rp JOIN reports r ON r.id = rp.report_id
		JOIN participations p ON p.case_id = r.case_id WHERE rp.person_id = ? AND p.organisation_id = ?`,
		personID, orgID).Scan(&knows)
	return knows > 0, err
}

// PersonAccessPage reads one page of the accesses to one person's data,
// newest first: before is the page's cursor (an audit sequence number; 0
// for the newest page), limit its size.
func (tx *Tx) PersonAccessPage(personID, before int64, limit int) (PersonAccessesPage, error) {
	var page PersonAccessesPage
	cond, args := "p.person_id = ?", []any{personID}
	if before > 0 {
		cond, args = cond+" AND p.seq < ?", append(args, before)
	}
	// One more than a page tells whether an older page exists.
	entries, err := tx.listAudit(`SELECT `+auditColumns+` FROM audit_persons p
		JOIN audit_log a ON a.seq = p.seq`+auditSeals+` WHERE `+cond+fmt.Sprintf(` ORDER BY p.seq DESC LIMIT %d`, limit+1), args...)
	if err != nil {
		return page, err
	}
	if len(entries) > limit {
		entries = entries[:limit]
		page.Next = entries[limit-1].Seq
	}
	page.Entries = entries
	return page, nil
}
