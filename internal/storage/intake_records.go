package storage

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"schakel/internal/intake"
)

// The records a report writes. The intake use case (internal/app) decides
// what to write; these functions only write it.

// Active reports whether an organisation takes part in the case now.
func (o CaseOrgs) Active(orgID int64) bool { return o.status[orgID] == "active" }

// ReportRecord is a report as it is stored.
type ReportRecord struct {
	CaseID, FamilyID, OrganisationID, CreatedBy int64
	FormVersion                                 int
	Reporter                                    intake.Reporter
	ReceivedAt                                  time.Time
	Address, Postcode, Municipality             string
	Concerns, Indicators                        []string
	Finances                                    map[string]string
	Narrative                                   string
	AssessmentDueAt                             time.Time
}

// InsertReport stores a report.
func (tx *Tx) InsertReport(r ReportRecord) (int64, error) {
	fin, err := json.Marshal(r.Finances)
	if err != nil {
		return 0, err
	}
	return tx.insert(`INSERT INTO reports (case_id, family_id, organisation_id, created_by, form_version, reporter_kind, reporter_name,
		reporter_organisation, reporter_phone, received_at, address, postcode, municipality, concerns, indicators, finances, narrative,
		assessment_due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.CaseID, r.FamilyID, r.OrganisationID, r.CreatedBy, r.FormVersion, r.Reporter.Kind, r.Reporter.Name, r.Reporter.Organisation,
		r.Reporter.Phone, r.ReceivedAt, r.Address, r.Postcode, r.Municipality, strings.Join(r.Concerns, ","), strings.Join(r.Indicators, ","),
		string(fin), r.Narrative, r.AssessmentDueAt, tx.now)
}

// SetAssessmentDue moves a report's safety-assessment deadline.
func (tx *Tx) SetAssessmentDue(reportID int64, due time.Time) error {
	_, err := tx.exec(`UPDATE reports SET assessment_due_at = ? WHERE id = ?`, due, reportID)
	return err
}

// PersonRecord is a new person of a family with the blocking keys that
// matching finds them by.
type PersonRecord struct {
	FamilyID, RegionID     int64
	Kind                   string // child, adult
	GivenNames, FamilyName string
	Birth                  time.Time
	BSN                    string
	Keys                   []string
}

// InsertPerson stores a person and their matching keys. A BSN is unique
// per region: a second person with the same BSN is a unique violation,
// which the intake retries as a match.
func (tx *Tx) InsertPerson(p PersonRecord) (int64, error) {
	ids, err := tx.InsertPersons([]PersonRecord{p})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// InsertPersons is InsertPerson for the new persons of one report: the
// persons in one statement and their keys in another. The ids a multi-row
// INSERT returns come in no promised order, but both engines number the
// rows in the order of VALUES (SQLite's rowid and a PostgreSQL sequence
// only grow), so the ids in ascending order are the persons' in order.
func (tx *Tx) InsertPersons(ps []PersonRecord) ([]int64, error) {
	if len(ps) == 0 {
		return []int64{}, nil
	}
	births, bsns := make([]any, len(ps)), make([]any, len(ps))
	var vals []any
	for i, p := range ps {
		if !p.Birth.IsZero() {
			births[i] = p.Birth
		}
		if p.BSN != "" {
			bsns[i] = p.BSN
		}
		vals = append(vals, p.FamilyID, p.RegionID, p.Kind, p.GivenNames, p.FamilyName, births[i], bsns[i], tx.now)
	}
	ids, err := tx.queryIDs(`INSERT INTO persons (family_id, region_id, kind, given_names, family_name, birth_date, bsn, created_at) VALUES `+
		strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?)", len(ps))[2:]+` RETURNING id`, vals...)
	if err != nil {
		return nil, err
	}
	if len(ids) != len(ps) {
		return nil, fmt.Errorf("insert persons: %d ids for %d persons", len(ids), len(ps))
	}
	slices.Sort(ids)
	// The key rows carry what matching scores (see candidateQuery).
	var args []any
	for i, p := range ps {
		for _, k := range p.Keys {
			args = append(args, k, ids[i], p.RegionID, bsns[i], p.GivenNames, p.FamilyName, births[i])
		}
	}
	if len(args) == 0 {
		return ids, nil
	}
	_, err = tx.exec(`INSERT INTO person_keys (key, person_id, region_id, bsn, given_names, family_name, birth_date) VALUES `+
		strings.Repeat(", (?, ?, ?, ?, ?, ?, ?)", len(args)/7)[2:], args...)
	return ids, err
}

// ReportPerson is one person of a report: who, in which relation and
// position.
type ReportPerson struct {
	PersonID          int64
	Relation          string
	ParentalAuthority bool
	Position          int
}

// LinkReportPerson records that a report is about a person.
func (tx *Tx) LinkReportPerson(reportID, personID int64, relation string, parentalAuthority bool, position int) error {
	return tx.LinkReportPersons(reportID, []ReportPerson{{personID, relation, parentalAuthority, position}})
}

// LinkReportPersons records every person of a report in one statement.
func (tx *Tx) LinkReportPersons(reportID int64, ps []ReportPerson) error {
	if len(ps) == 0 {
		return nil
	}
	args := make([]any, 0, 5*len(ps))
	for _, p := range ps {
		args = append(args, reportID, p.PersonID, p.Relation, p.ParentalAuthority, p.Position)
	}
	_, err := tx.exec(`INSERT INTO report_persons (report_id, person_id, relation, parental_authority, position) VALUES `+
		strings.Repeat(", (?, ?, ?, ?, ?)", len(ps))[2:], args...)
	return err
}

// MatchRecord is a proposed link between a new report's person and a person
// of a known family.
type MatchRecord struct {
	ReportID, FamilyID, PersonID, KnownPersonID int64
	Score                                       float64
	Reasons                                     []string
}

// InsertMatch stores a proposed match.
func (tx *Tx) InsertMatch(m MatchRecord) (int64, error) {
	return tx.insert(`INSERT INTO family_matches (report_id, family_id, person_id, known_person_id, score, reasons, status, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)`, m.ReportID, m.FamilyID, m.PersonID, m.KnownPersonID, m.Score, strings.Join(m.Reasons, ","), tx.now)
}

// LockMatchKeys serialises intakes that could be about the same person:
// every transaction that is about to decide on one of these matching keys
// waits for the others to commit, so that the second one sees the first
// one's person. SQLite has one writer at a time, so only PostgreSQL needs
// the locks (transaction-scoped advisory locks, taken in a fixed order so
// that two intakes never wait on each other).
func (tx *Tx) LockMatchKeys(regionID int64, keys []string) error {
	if tx.db.dialect.engine != Postgres || len(keys) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		h := fnv.New64a()
		fmt.Fprintf(h, "match:%d:%s", regionID, k)
		ids = append(ids, int64(h.Sum64()))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	// One statement for all keys: the locks are taken row by row in the
	// order of the sorted VALUES list (a plain scan of it, no sort node),
	// which is the fixed order the deadlock freedom rests on.
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	values := strings.Repeat(", (CAST(? AS BIGINT))", len(ids))[2:]
	if _, err := tx.exec(`SELECT pg_advisory_xact_lock(k) FROM (VALUES `+values+`) AS v(k)`, args...); err != nil {
		return fmt.Errorf("lock matching keys: %w", err)
	}
	return nil
}

// IsUniqueViolation reports whether err is a unique-key violation on
// either engine, for use cases that retry on it.
func IsUniqueViolation(err error) bool { return isUniqueViolation(err) }

// ReportSignals are the concerns, indicators and finances of every report
// on a case: what the crisis table is composed from.
type ReportSignals struct {
	Concerns, Indicators, ReporterKinds []string
	Finances                            []map[string]string
}

// CaseSignals loads the signals of all reports on a case.
func (tx *Tx) CaseSignals(caseID int64) (ReportSignals, error) {
	var out ReportSignals
	rows, err := tx.query(`SELECT concerns, indicators, finances, reporter_kind FROM reports WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var c, i, f, kind string
		if err := rows.Scan(&c, &i, &f, &kind); err != nil {
			return out, err
		}
		if err := out.add(c, i, f, kind); err != nil {
			return out, err
		}
	}
	return out, rows.Err()
}

// SignalsOfReport are the signals CaseSignals reads for a case whose only
// report has these concerns, indicators, finances and reporter, stored and
// read back the way InsertReport and CaseSignals do.
func SignalsOfReport(concerns, indicators []string, finances map[string]string, reporterKind string) ReportSignals {
	var out ReportSignals
	fin, err := json.Marshal(finances)
	if err == nil {
		err = out.add(strings.Join(concerns, ","), strings.Join(indicators, ","), string(fin), reporterKind)
	}
	if err != nil {
		panic(err) // a map of strings always marshals and reads back
	}
	return out
}

// add adds one report's stored signals.
func (s *ReportSignals) add(concerns, indicators, finances, kind string) error {
	s.ReporterKinds = append(s.ReporterKinds, kind)
	s.Concerns = append(s.Concerns, splitCSV(concerns)...)
	s.Indicators = append(s.Indicators, splitCSV(indicators)...)
	fin := map[string]string{}
	if finances != "" {
		if err := json.Unmarshal([]byte(finances), &fin); err != nil {
			return fmt.Errorf("report finances: %w", err)
		}
	}
	s.Finances = append(s.Finances, fin)
	return nil
}
