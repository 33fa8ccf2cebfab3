package storage

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/matching"
	"schakel/internal/workdays"
)

// IntakePolicy holds the configurable parts of intake.
type IntakePolicy struct {
	CrisisWithin     time.Duration // red → joint consultation within this time (default 4 h)
	AssessmentDays   int           // safety assessment within this many working days (default 5)
	ConsultationLead time.Duration // how soon after the rating a crisis consultation is scheduled
}

// DefaultIntakePolicy follows the legal norm and Schakel's red norm.
var DefaultIntakePolicy = IntakePolicy{CrisisWithin: 4 * time.Hour, AssessmentDays: 5, ConsultationLead: time.Hour}

// ReportResult is the answer to filing a report.
type ReportResult struct {
	ID             int64                 `json:"id"`
	CaseID         int64                 `json:"case_id"`
	FamilyID       int64                 `json:"family_id"`
	FormVersion    int                   `json:"form_version"`
	Rating         schakel.Rating        `json:"rating"`
	EarlierReports int                   `json:"earlier_reports"`
	KnownAt        []schakel.KnownAt     `json:"known_at"`
	Matches        []schakel.Match       `json:"matches"`
	Consultation   *schakel.Consultation `json:"consultation"`
	// OnCase says whether the reporter's organisation takes part in the
	// case. A report on a family known elsewhere joins that family's case
	// without opening it to the reporter: then only KnownAt says whom to call.
	OnCase   bool `json:"on_case"`
	Replayed bool `json:"-"`
}

// CreateReport files a report with the shared intake form, all in one
// transaction: matching against everyone known, family and case, the
// intake organisation's participation, the crisismeter rating, the safety
// assessment clock, for red a joint crisis consultation with invitations,
// and the audit entries. A repeated idempotency key returns the first result.
func (db *DB) CreateReport(ctx contextT, actor *schakel.Actor, in intake.Report, idemKey string, pol IntakePolicy) (ReportResult, error) {
	var res ReportResult
	reqHash := hashRequest(in)
	err := db.Update(ctx, func(tx *Tx) error {
		d := access.Decide(access.SubjectOf(actor.Professional), access.Report, access.Write, access.Context{})
		if !d.Allowed {
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "report"})
			return tx.commitRefusal(d)
		}
		if idemKey != "" {
			found, err := tx.replay(actor.Professional.ID, idemKey, reqHash, &res)
			if err != nil || found {
				res.Replayed = found
				return err
			}
		}
		p, err := intake.Validate(in, tx.now)
		if err != nil {
			return err
		}
		res, err = tx.fileReport(actor, p, pol)
		if err != nil {
			return err
		}
		if idemKey != "" {
			return tx.remember(actor.Professional.ID, idemKey, reqHash, res)
		}
		return nil
	})
	if err != nil && idemKey != "" && isUniqueViolation(err) {
		// A concurrent request with the same key won the race: answer with
		// its result.
		var again ReportResult
		err2 := db.Update(ctx, func(tx *Tx) error {
			found, err := tx.replay(actor.Professional.ID, idemKey, reqHash, &again)
			if err == nil && !found {
				err = errors.New("idempotency key vanished")
			}
			return err
		})
		if err2 == nil {
			again.Replayed = true
			return again, nil
		}
	}
	return res, err
}

func hashRequest(v any) string {
	b, _ := json.Marshal(v)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func (tx *Tx) replay(professionalID int64, key, reqHash string, into any) (bool, error) {
	var h, body string
	err := tx.queryRow(`SELECT request_hash, response FROM idempotency_keys WHERE professional_id = ? AND key = ?`, professionalID, key).Scan(&h, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if h != reqHash {
		return false, schakel.Errorf(schakel.ECONFLICT, "Deze Idempotency-Key is al gebruikt voor een ander verzoek.")
	}
	return true, json.Unmarshal([]byte(body), into)
}

func (tx *Tx) remember(professionalID int64, key, reqHash string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO idempotency_keys (professional_id, key, request_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		professionalID, key, reqHash, 201, string(b), tx.now)
	return err
}

type personMatch struct {
	index int // position in the report's persons
	match matching.Match
	known struct{ familyID int64 }
}

func (tx *Tx) fileReport(actor *schakel.Actor, p intake.Parsed, pol IntakePolicy) (ReportResult, error) {
	var res ReportResult
	me := actor.Professional
	persons := p.Persons()

	// 1. Matching: BSN exactly, otherwise fuzzy on name and birth date.
	exactFamily := int64(0)
	exactPerson := make([]int64, len(persons)) // reuse the known person on a BSN match
	var fuzzy []personMatch
	searched := []int64{}
	for i, pp := range persons {
		q := matching.Person{BSN: pp.BSN, GivenNames: pp.GivenNames, FamilyName: pp.FamilyName, BirthDate: pp.Birth}
		cands, err := tx.candidates(matching.Keys(q))
		if err != nil {
			return res, err
		}
		for _, m := range matching.Rank(q, cands) {
			searched = append(searched, m.Candidate.ID)
			fam, err := tx.personFamily(m.Candidate.ID)
			if err != nil {
				return res, err
			}
			if pp.BSN != "" && m.Candidate.BSN == pp.BSN {
				if exactPerson[i] == 0 {
					exactPerson[i] = m.Candidate.ID
					if exactFamily == 0 {
						exactFamily = fam
					}
				}
				continue
			}
			pm := personMatch{index: i, match: m}
			pm.known.familyID = fam
			fuzzy = append(fuzzy, pm)
		}
	}
	if len(searched) > 0 {
		// Matching looked at other people's data: audit that search.
		tx.Audit(actor, audit.Entry{Event: audit.EventSearch, ResourceType: "person_match", AccessBasis: audit.BasisRole,
			Persons: searched, Detail: "family matching on intake"})
	}

	// 2. Family and case: a BSN match links to the known family and its
	// open case. A fuzzy match only proposes the link (a professional
	// confirms it), so no one joins another family's case on a guess.
	familyID := exactFamily
	if familyID == 0 {
		id, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, ?, ?)`,
			me.Organisation.RegionID, p.Municipality, tx.now)
		if err != nil {
			return res, err
		}
		familyID = id
	}
	// Filing a report never opens an existing case to the reporter's
	// organisation: the report joins the family's case, the organisations
	// on it are told, and the reporter learns only whom to call (KnownAt).
	caseID, err := tx.openCaseOf(familyID)
	newCase := err == nil && caseID == 0
	if newCase {
		caseID, err = tx.insert(`INSERT INTO cases (family_id, region_id, status, color, version, created_at, updated_at) VALUES (?, ?, 'open', '', 1, ?, ?)`,
			familyID, me.Organisation.RegionID, tx.now, tx.now)
	}
	if err != nil {
		return res, err
	}
	onCase := newCase
	if newCase {
		if err := tx.join(caseID, me.Organisation.ID, me.ID); err != nil {
			return res, err
		}
	} else {
		orgs, err := tx.caseOrgs(caseID)
		if err != nil {
			return res, err
		}
		onCase = orgs.status[me.Organisation.ID] == "active"
		if !onCase {
			if err := tx.tellCaseOrganisations(orgs, caseID, "new_report",
				fmt.Sprintf("Nieuwe melding van %s over het gezin van casus %d. Bekijk de melding in de casus.", me.Organisation.Name, caseID)); err != nil {
				return res, err
			}
		}
	}

	// 3. The report and its persons.
	concerns := strings.Join(p.Concerns, ",")
	indicators := strings.Join(p.Indicators, ",")
	fin, _ := json.Marshal(p.Finances)
	due := workdays.AddWorkingDays(p.ReceivedAt, pol.AssessmentDays)
	reportID, err := tx.insert(`INSERT INTO reports (case_id, family_id, organisation_id, created_by, form_version, reporter_kind, reporter_name,
		reporter_organisation, reporter_phone, received_at, address, postcode, municipality, concerns, indicators, finances, narrative,
		assessment_due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		caseID, familyID, me.Organisation.ID, me.ID, intake.FormVersion, p.Reporter.Kind, p.Reporter.Name, p.Reporter.Organisation,
		p.Reporter.Phone, p.ReceivedAt, p.Address, p.Postcode, p.Municipality, concerns, indicators, string(fin), p.Narrative, due, tx.now)
	if err != nil {
		return res, err
	}
	// The chain timeline: the report's arrival (chain.go).
	if err := tx.recordReportReceived(actor, caseID, reportID, p.ReceivedAt, p.Finances); err != nil {
		return res, err
	}
	personIDs := make([]int64, len(persons))
	for i, pp := range persons {
		kind := "adult"
		if i < len(p.Children) {
			kind = "child"
		}
		id := exactPerson[i]
		if id == 0 {
			var birth any
			if !pp.Birth.IsZero() {
				birth = pp.Birth
			}
			var bsnVal any
			if pp.BSN != "" {
				bsnVal = pp.BSN
			}
			id, err = tx.insert(`INSERT INTO persons (family_id, kind, given_names, family_name, birth_date, bsn, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				familyID, kind, pp.GivenNames, pp.FamilyName, birth, bsnVal, tx.now)
			if err != nil {
				return res, err
			}
			for _, k := range matching.Keys(matching.Person{BSN: pp.BSN, GivenNames: pp.GivenNames, FamilyName: pp.FamilyName, BirthDate: pp.Birth}) {
				if _, err := tx.exec(`INSERT INTO person_keys (key, person_id) VALUES (?, ?)`, k, id); err != nil {
					return res, err
				}
			}
		}
		personIDs[i] = id
		if _, err := tx.exec(`INSERT INTO report_persons (report_id, person_id, relation, parental_authority, position) VALUES (?, ?, ?, ?, ?)`,
			reportID, id, pp.Relation, pp.ParentalAuthority, i); err != nil {
			return res, err
		}
	}

	// 4. Proposed matches with other families.
	matchedFamilies := []int64{}
	if exactFamily != 0 {
		matchedFamilies = append(matchedFamilies, exactFamily)
	}
	res.Matches = []schakel.Match{}
	for _, fm := range fuzzy {
		if fm.known.familyID == familyID {
			continue
		}
		id, err := tx.insert(`INSERT INTO family_matches (report_id, family_id, person_id, known_person_id, score, reasons, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)`, reportID, fm.known.familyID, personIDs[fm.index], fm.match.Candidate.ID,
			fm.match.Score, strings.Join(fm.match.Reasons, ","), tx.now)
		if err != nil {
			return res, err
		}
		m := schakel.Match{ID: id, Score: fm.match.Score, Reasons: fm.match.Reasons, Status: "proposed", PersonID: personIDs[fm.index], FamilyID: fm.known.familyID}
		if m.Reports, err = tx.countReports([]int64{fm.known.familyID}, 0, time.Time{}, time.Time{}); err != nil {
			return res, err
		}
		if m.KnownAt, err = tx.knownAt([]int64{fm.known.familyID}, 0); err != nil {
			return res, err
		}
		res.Matches = append(res.Matches, m)
		if !slices.Contains(matchedFamilies, fm.known.familyID) {
			matchedFamilies = append(matchedFamilies, fm.known.familyID)
			// Those who know the family decide whether it is the same one.
			if err := tx.tellMatchProposed(fm.known.familyID, me.Organisation.Name); err != nil {
				return res, err
			}
		}
	}

	// 5. Earlier reports (this family and proposed matches) and who knows them.
	countFamilies := append([]int64{familyID}, matchedFamilies...)
	earlier24, err := tx.countReports(countFamilies, reportID, p.ReceivedAt.AddDate(0, -24, 0), p.ReceivedAt)
	if err != nil {
		return res, err
	}
	res.EarlierReports, err = tx.countReports(countFamilies, reportID, time.Time{}, p.ReceivedAt)
	if err != nil {
		return res, err
	}
	if res.KnownAt, err = tx.knownAtExcept(countFamilies, me.Organisation.ID); err != nil {
		return res, err
	}

	// 6. The crisismeter.
	prop, err := crisismeter.Propose(crisismeter.Input{Indicators: p.Indicators, EarlierReports24Months: earlier24})
	if err != nil {
		var unk *crisismeter.UnknownIndicatorError
		if errors.As(err, &unk) {
			return res, &schakel.Error{Code: schakel.EINVALID, Message: "Onbekend signaal.", Fields: []schakel.FieldError{
				{Field: fmt.Sprintf("indicators[%d]", unk.Index), Code: "unknown", Message: "Onbekend signaal."}}}
		}
		return res, err
	}
	// The reporter's own colour counts only on a case they work on; on
	// someone else's case the organisations on it confirm the proposal.
	var choice *intake.RatingChoice
	if p.Rating != nil && p.Rating.Color != "" && onCase {
		choice = p.Rating
	}
	rating, err := tx.rateFromProposal(actor, caseID, reportID, prop, choice)
	if err != nil {
		return res, err
	}
	if err := tx.recordRated(actor, caseID); err != nil {
		return res, err
	}

	// 7. Red never waits.
	res.Rating = rating
	if crisismeter.Color(rating.Proposed) == crisismeter.Red || crisismeter.Color(rating.Color) == crisismeter.Red {
		c, err := tx.ensureCrisisConsultation(actor, caseID, p.Concerns, p.Indicators, p.FinancialWorry(), pol)
		if err != nil {
			return res, err
		}
		if onCase {
			res.Consultation = c
		}
		// Acute cases are assessed at once: at the consultation.
		if _, err := tx.exec(`UPDATE reports SET assessment_due_at = ? WHERE id = ?`, c.DueAt, reportID); err != nil {
			return res, err
		}
		res.Rating.DueAt = c.DueAt
	} else {
		res.Rating.DueAt = due
	}

	res.ID, res.CaseID, res.FamilyID, res.FormVersion, res.OnCase = reportID, caseID, familyID, intake.FormVersion, onCase
	basis := audit.BasisParticipation
	if !onCase {
		basis = audit.BasisRole
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "report", ResourceID: fmt.Sprint(reportID),
		AccessBasis: basis, Persons: personIDs, Detail: fmt.Sprintf("case %d, colour %s", caseID, rating.Color)})
	return res, nil
}

func (tx *Tx) candidates(keys []string) ([]matching.Person, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	// Persons sharing more blocking keys come first: a real match shares
	// the birth date and a name key, a namesake only one of them. The cap
	// bounds the work for very common names.
	rows, err := tx.query(`SELECT p.id, COALESCE(p.bsn, ''), p.given_names, p.family_name, p.birth_date FROM persons p
		JOIN (SELECT person_id, COUNT(*) AS shared FROM person_keys WHERE key IN (`+placeholders(len(keys))+`)
		      GROUP BY person_id ORDER BY shared DESC, person_id LIMIT 500) k ON k.person_id = p.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []matching.Person
	for rows.Next() {
		var m matching.Person
		var birth sql.NullTime
		if err := rows.Scan(&m.ID, &m.BSN, &m.GivenNames, &m.FamilyName, &birth); err != nil {
			return nil, err
		}
		if birth.Valid {
			b := birth.Time.UTC()
			m.BirthDate = time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (tx *Tx) personFamily(personID int64) (int64, error) {
	var f int64
	err := tx.queryRow(`SELECT family_id FROM persons WHERE id = ?`, personID).Scan(&f)
	return f, err
}

// join makes an organisation take part in a case. The first organisation
// on a case holds regie until it is handed over.
func (tx *Tx) join(caseID, orgID, contactID int64) error {
	var status string
	err := tx.queryRow(`SELECT status FROM participations WHERE case_id = ? AND organisation_id = ?`, caseID, orgID).Scan(&status)
	if err == nil {
		if status != "active" {
			_, err = tx.exec(`UPDATE participations SET status = 'active', exited_at = NULL, contact_id = ?, joined_at = ? WHERE case_id = ? AND organisation_id = ?`,
				contactID, tx.now, caseID, orgID)
		}
		return err
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var regie int
	if err := tx.queryRow(`SELECT COUNT(*) FROM participations WHERE case_id = ? AND role = 'regie' AND status = 'active'`, caseID).Scan(&regie); err != nil {
		return err
	}
	role := schakel.RoleAdvies
	if regie == 0 {
		role = schakel.RoleRegie
	}
	_, err = tx.exec(`INSERT INTO participations (case_id, organisation_id, role, status, contact_id, joined_at) VALUES (?, ?, ?, 'active', ?, ?)`,
		caseID, orgID, string(role), contactID, tx.now)
	return err
}

func (tx *Tx) countReports(families []int64, except int64, from, to time.Time) (int, error) {
	if len(families) == 0 {
		return 0, nil
	}
	q := `SELECT COUNT(*) FROM reports WHERE family_id IN (` + placeholders(len(families)) + `) AND id <> ?`
	args := []any{}
	for _, f := range families {
		args = append(args, f)
	}
	args = append(args, except)
	if !from.IsZero() {
		q += ` AND received_at >= ?`
		args = append(args, from)
	}
	if !to.IsZero() {
		q += ` AND received_at <= ?`
		args = append(args, to)
	}
	var n int
	err := tx.queryRow(q, args...).Scan(&n)
	return n, err
}

// knownAtExcept lists the other organisations that know these families.
func (tx *Tx) knownAtExcept(families []int64, exceptOrg int64) ([]schakel.KnownAt, error) {
	all, err := tx.knownAt(families, 0)
	if err != nil {
		return nil, err
	}
	out := []schakel.KnownAt{}
	for _, k := range all {
		if k.Organisation.ID != exceptOrg {
			out = append(out, k)
		}
	}
	return out, nil
}

func reasonsOf(p crisismeter.Proposal) []schakel.Reason {
	out := []schakel.Reason{}
	for _, r := range p.Reasons {
		out = append(out, schakel.Reason{Code: r.Code, Text: r.Text, Color: string(r.Color)})
	}
	return out
}

// rateFromProposal stores the rules' proposal, and the intake worker's
// confirmation or change when given in the same submission.
func (tx *Tx) rateFromProposal(actor *schakel.Actor, caseID, reportID int64, prop crisismeter.Proposal, choice *intake.RatingChoice) (schakel.Rating, error) {
	reasons := reasonsOf(prop)
	rb, _ := json.Marshal(reasons)
	g := schakel.Rating{Color: string(prop.Color), Proposed: string(prop.Color), Reasons: reasons, Status: schakel.RatingProposed, CreatedAt: tx.now}
	var err error
	g.ID, err = tx.insert(`INSERT INTO ratings (case_id, report_id, color, proposed_color, reasons, reason, status, created_at)
		VALUES (?, ?, ?, ?, ?, '', 'proposed', ?)`, caseID, reportID, g.Color, g.Proposed, string(rb), tx.now)
	if err != nil {
		return g, err
	}
	// The rules' proposal may raise a case's colour, never lower it: only
	// a professional lowers a colour (and red only with a second one).
	var current string
	if err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, caseID).Scan(&current); err != nil {
		return g, err
	}
	if prop.Color.Rank() > crisismeter.Color(current).Rank() {
		if err := tx.setCaseColor(caseID, string(prop.Color)); err != nil {
			return g, err
		}
	}
	if choice == nil {
		return g, nil
	}
	next, err := tx.applyRating(actor, caseID, crisismeter.Color(choice.Color), choice.Reason, reportID)
	if err != nil {
		return g, err
	}
	next.Reasons, next.Proposed = reasons, g.Proposed
	return next, nil
}

// setCaseColor sets the case's current colour. A pending lowering of red
// does not call it: red stays until a second professional confirms.
func (tx *Tx) setCaseColor(caseID int64, color string) error {
	_, err := tx.exec(`UPDATE cases SET color = ?, updated_at = ? WHERE id = ?`, color, tx.now, caseID)
	return err
}

// applyRating records a professional's colour for a case: a confirmation,
// a change with a written reason, or a lowering of red that waits for a
// second professional.
func (tx *Tx) applyRating(actor *schakel.Actor, caseID int64, to crisismeter.Color, reason string, reportID int64) (schakel.Rating, error) {
	var g schakel.Rating
	var from string
	if err := tx.queryRow(`SELECT color FROM cases WHERE id = ?`, caseID).Scan(&from); err != nil {
		return g, err
	}
	reason = strings.TrimSpace(reason)
	if err := crisismeter.CheckChange(crisismeter.Change{From: crisismeter.Color(from), To: to, Reason: reason}); err != nil {
		switch {
		case errors.Is(err, crisismeter.ErrInvalidColor):
			return g, &schakel.Error{Code: schakel.EINVALID, Message: "Kies rood, oranje of groen.",
				Fields: []schakel.FieldError{{Field: "color", Code: "unknown", Message: "Kies rood, oranje of groen."}}}
		case errors.Is(err, crisismeter.ErrReasonRequired):
			return g, &schakel.Error{Code: schakel.EINVALID, Message: "Schrijf op waarom u de kleur verandert.",
				Fields: []schakel.FieldError{{Field: "reason", Code: "required", Message: fmt.Sprintf("Geef een reden van minstens %d tekens.", crisismeter.MinReasonChars)}}}
		}
		return g, err
	}
	status := schakel.RatingConfirmed
	if crisismeter.NeedsSecondProfessional(crisismeter.Color(from), to) {
		status = schakel.RatingPendingSecond
		var pending int
		if err := tx.queryRow(`SELECT COUNT(*) FROM ratings WHERE case_id = ? AND status = 'pending_second'`, caseID).Scan(&pending); err != nil {
			return g, err
		}
		if pending > 0 {
			return g, schakel.Errorf(schakel.ECONFLICT, "Er wacht al een verlaging van rood op een tweede professional.")
		}
	}
	if status == schakel.RatingConfirmed && string(to) == from {
		// Confirming the colour the rules proposed: the proposal becomes
		// the professional's own rating.
		var pid int64
		err := tx.queryRow(`SELECT id FROM ratings WHERE case_id = ? AND status = 'proposed' ORDER BY id DESC LIMIT 1`, caseID).Scan(&pid)
		if err == nil {
			if _, err := tx.exec(`UPDATE ratings SET status = 'confirmed', rated_by = ?, reason = ?, decided_at = ? WHERE id = ?`,
				actor.Professional.ID, reason, tx.now, pid); err != nil {
				return g, err
			}
			rs, err := tx.ratings(caseID)
			if err != nil {
				return g, err
			}
			for _, r := range rs {
				if r.ID == pid {
					g = r
				}
			}
			return g, nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return g, err
		}
	}
	var rep any
	if reportID != 0 {
		rep = reportID
	}
	var decided any
	if status == schakel.RatingConfirmed {
		decided = tx.now
	}
	id, err := tx.insert(`INSERT INTO ratings (case_id, report_id, color, proposed_color, reasons, reason, status, rated_by, created_at, decided_at)
		VALUES (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`, caseID, rep, string(to), from, reason, status, actor.Professional.ID, tx.now, decided)
	if err != nil {
		return g, err
	}
	if status == schakel.RatingConfirmed {
		// A professional's colour replaces open proposals of the rules.
		if _, err := tx.exec(`UPDATE ratings SET status = 'superseded' WHERE case_id = ? AND status = 'proposed'`, caseID); err != nil {
			return g, err
		}
		if err := tx.setCaseColor(caseID, string(to)); err != nil {
			return g, err
		}
	}
	g = schakel.Rating{ID: id, Color: string(to), Proposed: from, Reasons: []schakel.Reason{}, Reason: reason, Status: status,
		RatedBy: &schakel.Contact{ID: actor.Professional.ID, Name: actor.Professional.Name}, CreatedAt: tx.now}
	return g, nil
}

// RateCase records a new colour for a case (re-rating at any time). A
// change needs a reason; lowering red waits for a second professional;
// raising to red opens a crisis consultation at once. expectedVersion (0 to
// skip) guards against lost updates.
func (db *DB) RateCase(ctx contextT, actor *schakel.Actor, caseID int64, color, reason string, expectedVersion int64, pol IntakePolicy) (schakel.Rating, *schakel.Consultation, error) {
	var g schakel.Rating
	var cons *schakel.Consultation
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.guardCase(actor, caseID, access.Write, audit.EventUpdate, "rating "+color); err != nil {
			return err
		}
		if _, err := tx.bumpCase(caseID, expectedVersion); err != nil {
			return err
		}
		var err error
		g, err = tx.applyRating(actor, caseID, crisismeter.Color(color), reason, 0)
		if err != nil {
			return err
		}
		if g.Status == schakel.RatingConfirmed {
			if err := tx.recordRated(actor, caseID); err != nil {
				return err
			}
		}
		if g.Color == string(crisismeter.Red) && g.Status == schakel.RatingConfirmed {
			concerns, indicators, worry, err := tx.caseSignals(caseID)
			if err != nil {
				return err
			}
			cons, err = tx.ensureCrisisConsultation(actor, caseID, concerns, indicators, worry, pol)
			if err != nil {
				return err
			}
		}
		if g.Status == schakel.RatingPendingSecond {
			return tx.notifyTeamLeads(actor.Professional.Organisation.ID, caseID, 0, "second_opinion",
				fmt.Sprintf("%s wil casus %d verlagen van rood naar %s. Een tweede professional moet dit bevestigen.",
					actor.Professional.Name, caseID, crisismeter.Color(color).Dutch()))
		}
		return nil
	})
	return g, cons, err
}

// ConfirmLowering lets a second professional confirm (or reject) a pending
// lowering of red.
func (db *DB) ConfirmLowering(ctx contextT, actor *schakel.Actor, caseID, ratingID int64, approve bool) (schakel.Rating, error) {
	var g schakel.Rating
	err := db.Update(ctx, func(tx *Tx) error {
		if _, err := tx.guardCase(actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("second opinion on rating %d: %v", ratingID, approve)); err != nil {
			return err
		}
		var status, color string
		var by int64
		err := tx.queryRow(`SELECT status, color, rated_by FROM ratings WHERE id = ? AND case_id = ?`, ratingID, caseID).Scan(&status, &color, &by)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("Beoordeling")
		} else if err != nil {
			return err
		}
		if status != schakel.RatingPendingSecond {
			return schakel.Errorf(schakel.ECONFLICT, "Deze beoordeling wacht niet (meer) op een tweede professional.")
		}
		if err := crisismeter.CheckSecond(by, actor.Professional.ID); err != nil {
			return schakel.Errorf(schakel.EFORBIDDEN, "Een verlaging van rood moet door een andere professional worden bevestigd.")
		}
		if _, err := tx.bumpCase(caseID, 0); err != nil {
			return err
		}
		newStatus := schakel.RatingConfirmed
		if !approve {
			newStatus = schakel.RatingRejected
		}
		if _, err := tx.exec(`UPDATE ratings SET status = ?, second_by = ?, decided_at = ? WHERE id = ?`, newStatus, actor.Professional.ID, tx.now, ratingID); err != nil {
			return err
		}
		if approve {
			if err := tx.setCaseColor(caseID, color); err != nil {
				return err
			}
			if err := tx.recordRated(actor, caseID); err != nil {
				return err
			}
		}
		rs, err := tx.ratings(caseID)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.ID == ratingID {
				g = r
			}
		}
		return nil
	})
	return g, err
}

func (tx *Tx) caseSignals(caseID int64) (concerns, indicators []string, worry bool, err error) {
	rows, err := tx.query(`SELECT concerns, indicators, finances FROM reports WHERE case_id = ?`, caseID)
	if err != nil {
		return nil, nil, false, err
	}
	defer rows.Close()
	for rows.Next() {
		var c, i, f string
		if err := rows.Scan(&c, &i, &f); err != nil {
			return nil, nil, false, err
		}
		concerns = append(concerns, splitCSV(c)...)
		indicators = append(indicators, splitCSV(i)...)
		var fin map[string]string
		_ = json.Unmarshal([]byte(f), &fin)
		worry = worry || (intake.Parsed{Report: intake.Report{Finances: fin}}).FinancialWorry()
	}
	return concerns, indicators, worry, rows.Err()
}

// ensureCrisisConsultation opens the joint crisis consultation for a red
// case, unless one is already planned, and invites the smallest available
// set of people that covers the needs.
func (tx *Tx) ensureCrisisConsultation(actor *schakel.Actor, caseID int64, concerns, indicators []string, financialWorry bool, pol IntakePolicy) (*schakel.Consultation, error) {
	existing, err := tx.consultations(`c.case_id = ? AND c.kind = 'crisis' AND c.status = 'planned'`, caseID)
	if err != nil {
		return nil, err
	}
	if len(existing) > 0 {
		return &existing[0], nil
	}
	due := tx.now.Add(pol.CrisisWithin)
	req := attendees.Request{CourtMeasureLikely: crisismeter.CourtMeasureLikely(indicators), Concerns: concerns, Indicators: indicators}
	if financialWorry && !slices.Contains(req.Concerns, "financial_problems") {
		req.Concerns = append(slices.Clone(req.Concerns), "financial_problems")
	}
	needs := attendees.Needs(req)
	pool, err := tx.loadCandidatePool(caseID, tx.now, due.Add(time.Hour))
	if err != nil {
		return nil, err
	}
	// Try every quarter-hour slot from the lead time up to the due time and
	// take the earliest one at which a complete table is available; when
	// none is, the earliest slot with the fewest gaps.
	first := tx.now.Add(pol.ConsultationLead).Truncate(15 * time.Minute).Add(15 * time.Minute)
	if first.After(due) {
		first = due
	}
	var sel attendees.Result
	scheduled := time.Time{}
	for slot := first; !slot.After(due); slot = slot.Add(15 * time.Minute) {
		r := attendees.Select(needs, pool.at(slot))
		if scheduled.IsZero() || len(r.Missing) < len(sel.Missing) {
			sel, scheduled = r, slot
		}
		if len(r.Missing) == 0 {
			break
		}
	}
	var missing []string
	for _, n := range sel.Missing {
		missing = append(missing, n.String())
	}
	var creator any
	if actor != nil && actor.Professional != nil {
		creator = actor.Professional.ID
	}
	id, err := tx.insert(`INSERT INTO consultations (case_id, kind, status, scheduled_at, due_at, missing, created_by, created_at)
		VALUES (?, 'crisis', 'planned', ?, ?, ?, ?, ?)`, caseID, scheduled, due, strings.Join(missing, ","), creator, tx.now)
	if err != nil {
		return nil, err
	}
	if err := tx.recordAuto(actor, caseID, chain.ConsultationPlanned, tx.now, EventDetails{ConsultationID: id}, 0); err != nil {
		return nil, err
	}
	for _, ch := range sel.Chosen {
		var covers []string
		for _, n := range ch.Covers {
			covers = append(covers, n.String())
		}
		if _, err := tx.exec(`INSERT INTO consultation_participants (consultation_id, professional_id, covers, reasons, invited_at) VALUES (?, ?, ?, ?, ?)`,
			id, ch.Candidate.ID, strings.Join(covers, ","), strings.Join(ch.Reasons, "\n"), tx.now); err != nil {
			return nil, err
		}
		if err := tx.invite(ch.Candidate.ID, caseID, id, scheduled, due, covers); err != nil {
			return nil, err
		}
	}
	if len(sel.Missing) > 0 {
		var dutch []string
		for _, n := range sel.Missing {
			dutch = append(dutch, n.Dutch())
		}
		text := fmt.Sprintf("Crisisoverleg voor casus %d is niet compleet: niemand beschikbaar voor %s. Zoek vóór %s iemand.",
			caseID, strings.Join(dutch, ", "), due.In(workdays.Location()).Format("15:04"))
		for _, kind := range []schakel.OrganisationKind{schakel.VeiligThuis, schakel.Jeugdbescherming, schakel.Raad} {
			if err := tx.notifyTeamLeadsOfKind(kind, caseID, id, text); err != nil {
				return nil, err
			}
		}
	}
	cs, err := tx.consultations(`c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "consultation", ResourceID: fmt.Sprint(id),
		AccessBasis: audit.BasisParticipation, Detail: fmt.Sprintf("crisis consultation for case %d, %d invited, missing %v", caseID, len(sel.Chosen), missing)})
	return &cs[0], nil
}
