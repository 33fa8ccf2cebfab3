package storage

import (
	"database/sql"
	"errors"
	"strings"

	"schakel"
)

// casePersonsSQL selects the persons on the case given twice: those of its
// reports, and those of new reports that may belong to its family (the
// case page shows their names to decide). Audit entries on a case name
// them.
const casePersonsSQL = `SELECT rp.person_id FROM report_persons rp JOIN reports r ON r.id = rp.report_id WHERE r.case_id = ?
	UNION SELECT m.person_id FROM family_matches m JOIN cases c ON c.id = ? AND c.family_id = m.family_id WHERE m.status = 'proposed'`

func (tx *Tx) casePersonIDs(caseID int64) ([]int64, error) {
	rows, err := tx.query(casePersonsSQL, caseID, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// bumpCase increments the case version, refusing when someone else changed
// the case since expected (0: the version read in this transaction). This
// is what prevents lost updates on both engines: the conditional UPDATE
// waits for a concurrent writer and then matches no row.
func (tx *Tx) BumpCase(caseID, expected int64) (int64, error) {
	if expected == 0 {
		if err := tx.queryRow(`SELECT version FROM cases WHERE id = ?`, caseID).Scan(&expected); err != nil {
			return 0, err
		}
	}
	res, err := tx.exec(`UPDATE cases SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, tx.now, caseID, expected)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 0 {
		return 0, schakel.Errorf(schakel.ECONFLICT, "Iemand anders heeft deze casus net gewijzigd. Laad de casus opnieuw en probeer het nog eens.")
	}
	return expected + 1, nil
}

func splitCSV(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func contactOf(id sql.NullInt64, name, phone, email sql.NullString) *schakel.Contact {
	if !id.Valid {
		return nil
	}
	return &schakel.Contact{ID: id.Int64, Name: name.String, Phone: phone.String, Email: email.String}
}

// LoadCase returns a case with everything on it: its participations,
// reports, persons, matches and consultations.
//
// On PostgreSQL its statements are fetched as one batch (batch.go), one
// round trip instead of eleven; SQLite runs them in process, where the
// batch costs more than the round trips it saves.
func (tx *Tx) LoadCase(id int64) (c schakel.Case, err error) {
	if tx.db.dialect.engine != Postgres {
		return tx.loadCase(id)
	}
	err = tx.readBatched(func() error {
		c, err = tx.loadCase(id)
		return err
	})
	return c, err
}

func (tx *Tx) loadCase(id int64) (schakel.Case, error) {
	c := schakel.Case{ID: id}
	err := tx.queryRow(`SELECT id, family_id, status, color, version, created_at FROM cases WHERE id = ?`, id).
		Scan(&c.ID, &c.FamilyID, &c.Status, &c.Color, &c.Version, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("Casus")
	} else if err != nil {
		return c, err
	}
	c.CreatedAt = c.CreatedAt.UTC()
	if c.Participations, err = tx.participations(id); err != nil {
		return c, err
	}
	if c.Reports, err = tx.reports(`r.case_id = ?`, id); err != nil {
		return c, err
	}
	seen := map[int64]bool{}
	c.Persons = []schakel.Person{}
	for _, r := range c.Reports {
		for _, p := range r.Persons {
			if !seen[p.ID] {
				seen[p.ID] = true
				c.Persons = append(c.Persons, p)
			}
		}
	}
	if c.Ratings, err = tx.Ratings(id); err != nil {
		return c, err
	}
	if c.Consultations, err = tx.Consultations(`c.case_id = ?`, id); err != nil {
		return c, err
	}
	if c.Matches, err = tx.matches(`r.case_id = ?`, id); err != nil {
		return c, err
	}
	if c.IncomingMatches, err = tx.incomingMatches(id); err != nil {
		return c, err
	}
	// For a proposed match: how often the known family was reported and
	// who to call, never what they know.
	reports, known, err := tx.proposedMatchFacts(id)
	if err != nil {
		return c, err
	}
	for i, m := range c.Matches {
		if m.Status != "proposed" {
			continue
		}
		c.Matches[i].Reports = reports[m.FamilyID]
		if k := known[m.FamilyID]; k != nil {
			c.Matches[i].KnownAt = k
		}
	}
	return c, nil
}

func (tx *Tx) participations(caseID int64) ([]schakel.ParticipationView, error) {
	rows, err := tx.query(`SELECT o.id, o.name, o.kind, p.role, p.status, p.joined_at, p.exited_at, pr.id, pr.name, pr.phone, pr.email
		FROM participations p JOIN organisations o ON o.id = p.organisation_id LEFT JOIN professionals pr ON pr.id = p.contact_id
		WHERE p.case_id = ? ORDER BY p.joined_at, o.name`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.ParticipationView{}
	for rows.Next() {
		var v schakel.ParticipationView
		var exited sql.NullTime
		var cid sql.NullInt64
		var cname, cphone, cemail sql.NullString
		if err := rows.Scan(&v.Organisation.ID, &v.Organisation.Name, &v.Organisation.Kind, &v.Role, &v.Status, &v.JoinedAt, &exited,
			&cid, &cname, &cphone, &cemail); err != nil {
			return nil, err
		}
		v.JoinedAt, v.ExitedAt = v.JoinedAt.UTC(), nullTime(exited)
		v.Contact = contactOf(cid, cname, cphone, cemail)
		out = append(out, v)
	}
	return out, rows.Err()
}

func (tx *Tx) reports(where string, args ...any) ([]schakel.Report, error) {
	rows, err := tx.query(`SELECT r.id, r.case_id, r.family_id, o.id, o.name, o.kind, pr.id, pr.name, pr.phone, pr.email,
		r.form_version, r.reporter_kind, r.reporter_name, r.reporter_organisation, r.reporter_phone, r.received_at,
		r.address, r.postcode, r.municipality, r.concerns, r.indicators, r.finances, r.narrative,
		r.assessment_due_at, r.assessment_done_at, r.created_at
		FROM reports r JOIN organisations o ON o.id = r.organisation_id JOIN professionals pr ON pr.id = r.created_by
		WHERE `+where+` ORDER BY r.received_at, r.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []schakel.Report
	index := map[int64]int{}
	ps := readParents(rows, "r.id FROM reports r", where, args)
	for rows.Next() {
		var r schakel.Report
		var concerns, indicators, finances string
		var done sql.NullTime
		if err := rows.Scan(&r.ID, &r.CaseID, &r.FamilyID, &r.Organisation.ID, &r.Organisation.Name, &r.Organisation.Kind,
			&r.CreatedBy.ID, &r.CreatedBy.Name, &r.CreatedBy.Phone, &r.CreatedBy.Email,
			&r.FormVersion, &r.ReporterKind, &r.ReporterName, &r.ReporterOrg, &r.ReporterPhone, &r.ReceivedAt,
			&r.Address, &r.Postcode, &r.Municipality, &concerns, &indicators, &finances, &r.Narrative,
			&r.AssessmentDueAt, &done, &r.CreatedAt); err != nil {
			rows.Close()
			return nil, err
		}
		r.Concerns, r.Indicators = splitCSV(concerns), splitCSV(indicators)
		r.Finances = map[string]string{}
		if err := decodeStored("finances of report", r.ID, finances, &r.Finances); err != nil {
			rows.Close()
			return nil, err
		}
		r.ReceivedAt, r.AssessmentDueAt, r.CreatedAt = r.ReceivedAt.UTC(), r.AssessmentDueAt.UTC(), r.CreatedAt.UTC()
		r.AssessmentDoneAt = nullTime(done)
		r.Persons = []schakel.Person{}
		index[r.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range out {
		ps.ids = append(ps.ids, r.ID)
	}
	in, inArgs, ok := tx.childrenIn("rp.report_id", ps, ps.ids, "")
	if !ok {
		return nonNilReports(out), nil
	}
	prow, err := tx.query(`SELECT rp.report_id, p.id, p.kind, p.given_names, p.family_name, p.birth_date, p.bsn, rp.relation, rp.parental_authority
		FROM report_persons rp JOIN persons p ON p.id = rp.person_id WHERE `+in+` ORDER BY rp.report_id, rp.position`, inArgs...)
	if err != nil {
		return nil, err
	}
	defer prow.Close()
	for prow.Next() {
		var rid int64
		var p schakel.Person
		var birth sql.NullTime
		var bsn sql.NullString
		if err := prow.Scan(&rid, &p.ID, &p.Kind, &p.GivenNames, &p.FamilyName, &birth, &bsn, &p.Relation, &p.ParentalAuthority); err != nil {
			return nil, err
		}
		p.BirthDate, p.BSN = nullTime(birth), bsn.String
		out[index[rid]].Persons = append(out[index[rid]].Persons, p)
	}
	return out, prow.Err()
}

func nonNilReports(r []schakel.Report) []schakel.Report {
	if r == nil {
		return []schakel.Report{}
	}
	return r
}

func (tx *Tx) Ratings(caseID int64) ([]schakel.Rating, error) {
	rows, err := tx.query(`SELECT g.id, g.color, g.proposed_color, g.reasons, g.reason, g.status, g.created_at, g.decided_at,
		a.id, a.name, b.id, b.name FROM ratings g LEFT JOIN professionals a ON a.id = g.rated_by LEFT JOIN professionals b ON b.id = g.second_by
		WHERE g.case_id = ? ORDER BY g.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.Rating{}
	for rows.Next() {
		var g schakel.Rating
		var reasons string
		var decided sql.NullTime
		var aid, bid sql.NullInt64
		var aname, bname sql.NullString
		if err := rows.Scan(&g.ID, &g.Color, &g.Proposed, &reasons, &g.Reason, &g.Status, &g.CreatedAt, &decided, &aid, &aname, &bid, &bname); err != nil {
			return nil, err
		}
		g.CreatedAt, g.DecidedAt = g.CreatedAt.UTC(), nullTime(decided)
		g.Reasons = []schakel.Reason{}
		if err := decodeStored("reasons of rating", g.ID, reasons, &g.Reasons); err != nil {
			return nil, err
		}
		g.RatedBy = contactOf(aid, aname, sql.NullString{}, sql.NullString{})
		g.SecondBy = contactOf(bid, bname, sql.NullString{}, sql.NullString{})
		out = append(out, g)
	}
	return out, rows.Err()
}

func (tx *Tx) Consultations(where string, args ...any) ([]schakel.Consultation, error) {
	rows, err := tx.query(`SELECT c.id, c.case_id, c.kind, c.status, c.scheduled_at, c.due_at, c.missing, c.title, c.held_at, c.sequence,
		c.location_mode, c.place, c.phone, c.video_url, c.invitations_held_until, c.invitations_sent_at FROM consultations c WHERE `+where+` ORDER BY c.scheduled_at, c.id`, args...)
	if err != nil {
		return nil, err
	}
	out := []schakel.Consultation{}
	index := map[int64]int{}
	ps := readParents(rows, "c.id FROM consultations c", where, args)
	for rows.Next() {
		var c schakel.Consultation
		var missing string
		var held, holdUntil, sent sql.NullTime
		if err := rows.Scan(&c.ID, &c.CaseID, &c.Kind, &c.Status, &c.ScheduledAt, &c.DueAt, &missing, &c.Title, &held, &c.Sequence,
			&c.Location.Mode, &c.Location.Place, &c.Location.Phone, &c.Location.VideoURL, &holdUntil, &sent); err != nil {
			rows.Close()
			return nil, err
		}
		c.ScheduledAt, c.DueAt, c.HeldAt = c.ScheduledAt.UTC(), c.DueAt.UTC(), nullTime(held)
		c.InvitationsHeldUntil, c.InvitationsSentAt = nullTime(holdUntil), nullTime(sent)
		c.TableChanges = []schakel.TableChange{}
		c.Missing = splitCSV(missing)
		c.Participants, c.Agenda, c.Changes, c.Needs = []schakel.Participant{}, []schakel.AgendaItem{}, []schakel.ConsultationChange{}, []schakel.ConsultationNeed{}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range out {
		ps.ids = append(ps.ids, c.ID)
	}
	if len(ps.ids) == 0 && !ps.pending {
		return out, nil
	}
	if err := tx.agendas(out, index, ps); err != nil {
		return nil, err
	}
	if err := tx.consultationChanges(out, index, ps); err != nil {
		return nil, err
	}
	if err := tx.consultationNeeds(out, index, ps); err != nil {
		return nil, err
	}
	if err := tx.tableChanges(out, index, ps); err != nil {
		return nil, err
	}
	in, inArgs, _ := tx.childrenIn("cp.consultation_id", ps, ps.ids, "")
	prow, err := tx.query(`SELECT cp.consultation_id, p.id, p.name, o.id, o.name, o.kind, cp.covers, cp.reasons, cp.attended,
		cp.declined_at, cp.decline_reason, cp.accepted_at FROM consultation_participants cp JOIN professionals p ON p.id = cp.professional_id JOIN organisations o ON o.id = p.organisation_id
		WHERE `+in+` ORDER BY cp.consultation_id, o.name, p.name`, inArgs...)
	if err != nil {
		return nil, err
	}
	defer prow.Close()
	for prow.Next() {
		var cid int64
		var p schakel.Participant
		var covers, reasons string
		var attended sql.NullBool
		var declined, accepted sql.NullTime
		if err := prow.Scan(&cid, &p.Professional.ID, &p.Professional.Name, &p.Professional.Organisation.ID,
			&p.Professional.Organisation.Name, &p.Professional.Organisation.Kind, &covers, &reasons, &attended, &declined, &p.DeclineReason, &accepted); err != nil {
			return nil, err
		}
		p.AcceptedAt = nullTime(accepted)
		if declined.Valid {
			at := declined.Time.UTC()
			p.DeclinedAt = &at
		}
		if attended.Valid {
			p.Attended = &attended.Bool
		}
		p.Covers = splitCSV(covers)
		p.Reasons = []string{}
		if reasons != "" {
			p.Reasons = strings.Split(reasons, "\n")
		}
		out[index[cid]].Participants = append(out[index[cid]].Participants, p)
	}
	return out, prow.Err()
}

func (tx *Tx) matches(where string, args ...any) ([]schakel.Match, error) {
	rows, err := tx.query(`SELECT m.id, m.score, m.reasons, m.status, m.person_id, m.family_id, r.created_by FROM family_matches m
		JOIN reports r ON r.id = m.report_id WHERE `+where+` ORDER BY m.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.Match{}
	for rows.Next() {
		var m schakel.Match
		var reasons string
		if err := rows.Scan(&m.ID, &m.Score, &reasons, &m.Status, &m.PersonID, &m.FamilyID, &m.ProposedBy); err != nil {
			return nil, err
		}
		m.Reasons = splitCSV(reasons)
		m.KnownAt = []schakel.KnownAt{}
		out = append(out, m)
	}
	return out, rows.Err()
}

// knownAt lists the organisations that take part in the open cases of
// these families, each with a contact person. It returns no content.
func (tx *Tx) KnownAt(familyIDs []int64, exceptCase int64) ([]schakel.KnownAt, error) {
	out := []schakel.KnownAt{}
	if len(familyIDs) == 0 {
		return out, nil
	}
	args := []any{}
	for _, f := range familyIDs {
		args = append(args, f)
	}
	args = append(args, exceptCase)
	rows, err := tx.query(`SELECT DISTINCT o.id, o.name, o.kind, pr.id, pr.name, pr.phone, pr.email
		FROM participations p JOIN cases c ON c.id = p.case_id JOIN organisations o ON o.id = p.organisation_id
		LEFT JOIN professionals pr ON pr.id = p.contact_id
		WHERE c.family_id IN (`+placeholders(len(familyIDs))+`) AND c.id <> ? AND c.status = 'open' AND p.status = 'active'
		ORDER BY o.name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[int64]bool{}
	for rows.Next() {
		k, err := scanKnownAt(rows)
		if err != nil {
			return nil, err
		}
		if seen[k.Organisation.ID] {
			continue
		}
		seen[k.Organisation.ID] = true
		out = append(out, k)
	}
	return out, rows.Err()
}

// scanKnownAt scans an organisation with its contact (o.id, o.name,
// o.kind, pr.id, pr.name, pr.phone, pr.email), after the columns lead
// points to.
func scanKnownAt(rows rowSet, lead ...any) (schakel.KnownAt, error) {
	var k schakel.KnownAt
	var cid sql.NullInt64
	var cname, cphone, cemail sql.NullString
	if err := rows.Scan(append(lead, &k.Organisation.ID, &k.Organisation.Name, &k.Organisation.Kind, &cid, &cname, &cphone, &cemail)...); err != nil {
		return k, err
	}
	k.Contact = contactOf(cid, cname, cphone, cemail)
	return k, nil
}

// incomingMatches lists the proposed matches of other cases' reports with
// this case's family: only what deciding needs (name, birth date, who
// reported), never the new report's content.
func (tx *Tx) incomingMatches(caseID int64) ([]schakel.IncomingMatch, error) {
	rows, err := tx.query(`SELECT m.id, m.score, m.reasons, m.status, m.person_id, m.family_id, r.created_by, m.known_person_id,
		p.given_names, p.family_name, p.birth_date, o.id, o.name, o.kind, r.received_at
		FROM family_matches m JOIN cases c ON c.id = ? AND c.family_id = m.family_id JOIN reports r ON r.id = m.report_id
		JOIN persons p ON p.id = m.person_id JOIN organisations o ON o.id = r.organisation_id
		WHERE m.status = 'proposed' AND r.case_id <> c.id ORDER BY m.id`, caseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []schakel.IncomingMatch{}
	for rows.Next() {
		var m schakel.IncomingMatch
		var reasons, given, family string
		var birth sql.NullTime
		if err := rows.Scan(&m.ID, &m.Score, &reasons, &m.Status, &m.PersonID, &m.FamilyID, &m.ProposedBy, &m.KnownPersonID,
			&given, &family, &birth, &m.ReportedBy.ID, &m.ReportedBy.Name, &m.ReportedBy.Kind, &m.ReceivedAt); err != nil {
			return nil, err
		}
		m.Reasons, m.KnownAt = splitCSV(reasons), []schakel.KnownAt{}
		m.NewPerson = strings.TrimSpace(given + " " + family)
		if birth.Valid {
			m.NewBirthDate = birth.Time.UTC().Format("2006-01-02")
		}
		m.ReceivedAt = m.ReceivedAt.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// openCaseOf returns the newest open case of a family, 0 when it has none.
func (tx *Tx) OpenCaseOf(familyID int64) (int64, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM cases WHERE family_id = ? AND status = 'open' ORDER BY id DESC LIMIT 1`, familyID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}
