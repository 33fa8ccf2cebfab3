package app

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
	"schakel/internal/matching"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// placement is where a report lands: its family and case, and whether the
// reporter's organisation works on that case.
type placement struct {
	familyID, caseID int64
	onCase           bool
	// newFamily: the family was registered by this report, so it has no
	// earlier reports and no organisation on it but the reporter's.
	newFamily bool
}

// fileReport writes one validated report inside the intake transaction.
// A red report's crisis table draws from av when it still holds.
func (a *App) fileReport(tx *storage.Tx, actor *schakel.Actor, p intake.Parsed, pre []ranked, av *availability) (ReportResult, error) {
	res := ReportResult{Matches: []schakel.Match{}}
	me := actor.Professional
	rs, err := recheck(tx, me.Organisation.RegionID, pre)
	if err != nil {
		return res, err
	}
	known, err := matchedFamilies(tx, rs)
	if err != nil {
		return res, err
	}
	mo := decideMatches(rs, known)
	res.MatchingCapped = mo.capped
	auditSearch(tx, actor, mo.searched)
	at, err := a.place(tx, me, p, mo.exactFamily)
	if err != nil {
		return res, err
	}
	due := workdays.AddWorkingDays(p.ReceivedAt, a.intake.AssessmentDays)
	reportID, personIDs, err := a.writeReport(tx, actor, p, at, mo.exactPerson, due)
	if err != nil {
		return res, err
	}
	families, err := proposeMatches(tx, me, reportID, at.familyID, mo, personIDs, &res)
	if err != nil {
		return res, err
	}
	earlier24, err := history(tx, me, reportID, p.ReceivedAt, at, families, &res)
	if err != nil {
		return res, err
	}
	if err := a.rateReport(tx, actor, p, at, reportID, earlier24, due, av, &res); err != nil {
		return res, err
	}
	res.ID, res.CaseID, res.FamilyID, res.FormVersion, res.OnCase = reportID, at.caseID, at.familyID, intake.FormVersion, at.onCase
	basis := audit.BasisParticipation
	if !at.onCase {
		basis = audit.BasisRole
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "report", ResourceID: fmt.Sprint(reportID),
		AccessBasis: basis, Persons: personIDs, Detail: fmt.Sprintf("case %d, colour %s", at.caseID, res.Rating.Color)})
	return res, nil
}

// place finds or makes the family and its open case. A BSN match links to
// the known family; a fuzzy match only proposes the link. Filing a report
// never opens an existing case to the reporter's organisation: the report
// joins the family's case, the organisations on it are told, and the
// reporter learns only whom to call (KnownAt).
func (a *App) place(tx *storage.Tx, me *schakel.Professional, p intake.Parsed, exactFamily int64) (placement, error) {
	at := placement{familyID: exactFamily}
	var err error
	if at.familyID == 0 {
		// A new family: its case, with this organisation in regie.
		at.familyID, at.caseID, err = tx.InsertFamilyWithCase(me.Organisation.RegionID, p.Municipality, me.Organisation.ID, me.ID)
		at.newFamily, at.onCase = true, true
		return at, err
	}
	if at.caseID, err = tx.OpenCaseOf(at.familyID); err != nil {
		return at, err
	}
	if at.caseID == 0 {
		if at.caseID, err = tx.InsertCase(at.familyID, me.Organisation.RegionID); err != nil {
			return at, err
		}
		at.onCase = true
		return at, tx.JoinNewCase(at.caseID, me.Organisation.ID, me.ID)
	}
	orgs, err := tx.CaseOrganisations(at.caseID)
	if err != nil {
		return at, err
	}
	if at.onCase = orgs.Active(me.Organisation.ID); !at.onCase {
		err = tellCaseOrganisations(tx, orgs, at.caseID, "new_report",
			fmt.Sprintf("Nieuwe melding van %s over het gezin van casus %d. Bekijk de melding in de casus.", me.Organisation.Name, at.caseID))
	}
	return at, err
}

// writeReport stores the report, its arrival on the chain's timeline and
// its persons: a person with a known BSN is the known person, everyone
// else is new, with the keys matching finds them by later.
func (a *App) writeReport(tx *storage.Tx, actor *schakel.Actor, p intake.Parsed, at placement, known []int64, due time.Time) (int64, []int64, error) {
	me := actor.Professional
	reportID, err := tx.InsertReport(storage.ReportRecord{CaseID: at.caseID, FamilyID: at.familyID, OrganisationID: me.Organisation.ID,
		CreatedBy: me.ID, FormVersion: intake.FormVersion, Reporter: p.Reporter, ReceivedAt: p.ReceivedAt, Address: p.Address,
		Postcode: p.Postcode, Municipality: p.Municipality, Concerns: p.Concerns, Indicators: p.Indicators, Finances: p.Finances,
		Narrative: p.Narrative, AssessmentDueAt: due})
	if err != nil {
		return 0, nil, err
	}
	if err := tx.RecordReportReceived(actor, at.caseID, reportID, p.ReceivedAt, p.Finances); err != nil {
		return 0, nil, err
	}
	persons := p.Persons()
	ids := make([]int64, len(persons))
	var fresh []storage.PersonRecord
	var positions []int // the position of each fresh person
	for i, pp := range persons {
		kind := "adult"
		if i < len(p.Children) {
			kind = "child"
		}
		ids[i] = known[i]
		if ids[i] == 0 {
			q := matching.Person{BSN: pp.BSN, GivenNames: pp.GivenNames, FamilyName: pp.FamilyName, BirthDate: pp.Birth}
			fresh = append(fresh, storage.PersonRecord{FamilyID: at.familyID, RegionID: me.Organisation.RegionID, Kind: kind,
				GivenNames: pp.GivenNames, FamilyName: pp.FamilyName, Birth: pp.Birth, BSN: pp.BSN, Keys: matching.Keys(q)})
			positions = append(positions, i)
		}
	}
	newIDs, err := tx.InsertPersons(fresh)
	if err != nil {
		return 0, nil, err
	}
	for j, i := range positions {
		ids[i] = newIDs[j]
	}
	links := make([]storage.ReportPerson, len(persons))
	for i, pp := range persons {
		links[i] = storage.ReportPerson{PersonID: ids[i], Relation: pp.Relation, ParentalAuthority: pp.ParentalAuthority, Position: i}
	}
	if err := tx.LinkReportPersons(reportID, links); err != nil {
		return 0, nil, err
	}
	return reportID, ids, nil
}

// proposeMatches stores the fuzzy matches with other families and tells
// those who know each family; it returns the families the report is
// (or may be) about besides its own.
func proposeMatches(tx *storage.Tx, me *schakel.Professional, reportID, familyID int64, mo matchOutcome, personIDs []int64, res *ReportResult) ([]int64, error) {
	families := []int64{}
	if mo.exactFamily != 0 {
		families = append(families, mo.exactFamily)
	}
	for _, fm := range mo.fuzzy {
		if fm.familyID == familyID {
			continue
		}
		id, err := tx.InsertMatch(storage.MatchRecord{ReportID: reportID, FamilyID: fm.familyID, PersonID: personIDs[fm.index],
			KnownPersonID: fm.match.Candidate.ID, Score: fm.match.Score, Reasons: fm.match.Reasons})
		if err != nil {
			return nil, err
		}
		m := schakel.Match{ID: id, Score: fm.match.Score, Reasons: fm.match.Reasons, Status: "proposed", PersonID: personIDs[fm.index], FamilyID: fm.familyID}
		if m.Reports, err = tx.CountReports([]int64{fm.familyID}, 0, time.Time{}, time.Time{}); err != nil {
			return nil, err
		}
		if m.KnownAt, err = tx.KnownAt([]int64{fm.familyID}, 0); err != nil {
			return nil, err
		}
		res.Matches = append(res.Matches, m)
		if !slices.Contains(families, fm.familyID) {
			families = append(families, fm.familyID)
			// Those who know the family decide whether it is the same one.
			if err := tellMatchProposed(tx, fm.familyID, me.Organisation.Name); err != nil {
				return nil, err
			}
		}
	}
	return families, nil
}

// history counts the earlier reports on this family and the proposed
// matches, and lists who else knows them; it returns the count of the
// last 24 months, which the crisismeter weighs. A family the report
// registered adds nothing to either, so only the matched ones are read.
func history(tx *storage.Tx, me *schakel.Professional, reportID int64, received time.Time, at placement, matched []int64, res *ReportResult) (int, error) {
	families := matched
	if !at.newFamily {
		families = append([]int64{at.familyID}, matched...)
	}
	res.KnownAt = []schakel.KnownAt{}
	if len(families) == 0 {
		return 0, nil
	}
	earlier24, all, err := tx.CountReportsSince(families, reportID, received.AddDate(0, -24, 0), received)
	if err != nil {
		return 0, err
	}
	res.EarlierReports = all
	res.KnownAt, err = tx.KnownAtExcept(families, me.Organisation.ID)
	return earlier24, err
}

// rateReport runs the crisismeter on the report; red never waits: it gets
// its crisis table at once and is assessed there.
func (a *App) rateReport(tx *storage.Tx, actor *schakel.Actor, p intake.Parsed, at placement, reportID int64, earlier24 int, due time.Time, av *availability, res *ReportResult) error {
	prop, err := crisismeter.Propose(crisismeter.Input{Indicators: p.Indicators, EarlierReports24Months: earlier24})
	var unk *crisismeter.UnknownIndicatorError
	if errors.As(err, &unk) {
		return &schakel.Error{Code: schakel.EINVALID, Message: "Onbekend signaal.", Fields: []schakel.FieldError{
			{Field: fmt.Sprintf("indicators[%d]", unk.Index), Code: "unknown", Message: "Onbekend signaal."}}}
	} else if err != nil {
		return err
	}
	// The reporter's own colour counts only on a case they work on; on
	// someone else's case the organisations on it confirm the proposal.
	var choice *intake.RatingChoice
	if p.Rating != nil && p.Rating.Color != "" && at.onCase {
		choice = p.Rating
	}
	var color string
	if res.Rating, color, err = a.rateFromProposal(tx, actor, at.caseID, reportID, prop, choice); err != nil {
		return err
	}
	if color == "" {
		err = tx.RecordRated(actor, at.caseID)
	} else {
		err = tx.RecordRatedColor(actor, at.caseID, color)
	}
	if err != nil {
		return err
	}
	res.Rating.DueAt = due
	if crisismeter.Color(res.Rating.Proposed) != crisismeter.Red && crisismeter.Color(res.Rating.Color) != crisismeter.Red {
		return nil
	}
	c, err := a.redReportTable(tx, actor, at, p, len(res.Matches) > 0, av)
	if err != nil {
		return err
	}
	if at.onCase {
		res.Consultation = c
	}
	// Acute cases are assessed at once: at the consultation.
	res.Rating.DueAt = c.DueAt
	return tx.SetAssessmentDue(reportID, c.DueAt)
}

// redReportTable gives a red report its crisis table: the family's table
// when one is planned (the report joins it), a new one otherwise. When
// the report may be about a family known elsewhere, that question is the
// first point on the table's agenda. The case of a family the report
// registered has only this report and no table yet: neither is read.
func (a *App) redReportTable(tx *storage.Tx, actor *schakel.Actor, at placement, p intake.Parsed, proposedMatch bool, av *availability) (*schakel.Consultation, error) {
	caseID := at.caseID
	sig := storage.SignalsOfReport(p.Concerns, p.Indicators, p.Finances, p.Reporter.Kind)
	var existing *schakel.Consultation
	var err error
	if !at.newFamily {
		if sig, err = tx.CaseSignals(caseID); err != nil {
			return nil, err
		}
		if existing, err = tx.PlannedCrisis(caseID); err != nil {
			return nil, err
		}
	}
	first := ""
	if proposedMatch {
		first = "Eerst: gaat deze melding over een gezin dat al bekend is? Er is een mogelijke match. " +
			"Tot de organisaties van dat gezin beslissen, werkt dit overleg alleen met de gegevens van deze melding."
	}
	if existing == nil {
		return a.newCrisisTable(tx, actor, caseID, signalsOfCase(sig), first, av)
	}
	if err := a.joinCrisisTable(tx, actor, existing, signalsOfCase(sig)); err != nil {
		return nil, err
	}
	if first != "" {
		if err := tx.AddAgendaFirst(existing.ID, first); err != nil {
			return nil, err
		}
	}
	// Read again: joining added needs and invitees.
	reloaded, err := tx.ConsultationByID(existing.ID)
	return &reloaded, err
}
