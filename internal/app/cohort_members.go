package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/intervention"
	"schakel/internal/storage"
)

// CohortMemberInput names a team or a worker (exactly one) to put in an
// intervention cohort or take out.
type CohortMemberInput struct {
	TeamID         int64 `json:"team_id"`
	ProfessionalID int64 `json:"professional_id"`
}

// SetCohortMember puts a whole team or one worker in a cohort (add) or
// takes them out (issue 14, item 6): every case they hold is then in the
// cohort. Decided by access.DecideCohortMember; refusals are audited and
// leave nothing else. It reports whether anything changed.
func (a *App) SetCohortMember(ctx context.Context, actor *schakel.Actor, cohortID int64, in CohortMemberInput, add bool) (bool, error) {
	var changed bool
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		kind, id := "team", in.TeamID
		if in.ProfessionalID != 0 {
			kind, id = "worker", in.ProfessionalID
		}
		entry := audit.Entry{Event: audit.EventUpdate, ResourceType: "cohort", ResourceID: fmt.Sprint(cohortID),
			Detail: fmt.Sprintf("%s %d add=%v", kind, id, add)}
		region, found, err := tx.CohortRegion(cohortID)
		if err != nil {
			return err
		}
		if !found {
			return tx.RefuseNotFound(actor, audit.EventUpdate, "cohort", cohortID, "Cohort")
		}
		org, memberRegion, known, err := memberPlace(tx, in)
		if err != nil {
			return err
		}
		d := access.DecideCohortMember(access.SubjectFor(actor), region, org, memberRegion)
		if !known {
			d = access.DecideCohortMember(access.SubjectFor(actor), region, access.SubjectFor(actor).OrganisationID, region)
		}
		tx.AuditDecision(actor, d, entry)
		if !d.Allowed {
			return tx.Refuse(d)
		}
		if err := validMember(in, known); err != nil {
			return err
		}
		if in.TeamID != 0 {
			changed, err = tx.SetCohortTeam(cohortID, in.TeamID, actor.Professional.ID, add)
		} else {
			changed, err = tx.SetCohortWorker(cohortID, in.ProfessionalID, actor.Professional.ID, add)
		}
		return err
	})
	return changed, err
}

// memberPlace finds the team's or worker's organisation and region.
func memberPlace(tx *storage.Tx, in CohortMemberInput) (org, region int64, found bool, err error) {
	switch {
	case in.TeamID != 0 && in.ProfessionalID == 0:
		return tx.TeamPlace(in.TeamID)
	case in.ProfessionalID != 0 && in.TeamID == 0:
		return tx.WorkerPlace(in.ProfessionalID)
	}
	return 0, 0, false, nil
}

// validMember checks that exactly one known team or worker is named.
func validMember(in CohortMemberInput, known bool) error {
	var v schakel.Validation
	switch {
	case in.TeamID == 0 && in.ProfessionalID == 0:
		v.Add("team_id", "required", "Kies een team of een medewerker.")
	case in.TeamID != 0 && in.ProfessionalID != 0:
		v.Add("team_id", "one_of", "Kies een team of een medewerker, niet allebei.")
	case !known && in.TeamID != 0:
		v.Add("team_id", "unknown", "Kies een team uit de lijst.")
	case !known:
		v.Add("professional_id", "unknown", "Kies een medewerker uit de lijst.")
	}
	return v.Err()
}

// CohortComparison is a cohort against the rest of the dashboard's
// region, municipality and organisation over the same period: from the
// later of the dashboard's start and the intervention's first day. A
// team's or worker's cases count only for the time they were members
// (intervention.CohortCases).
type CohortComparison struct {
	Cohort   storage.Cohort    `json:"cohort"`
	From     *time.Time        `json:"from"`
	To       *time.Time        `json:"to"`
	InCohort intervention.Side `json:"in_cohort"`
	Rest     intervention.Side `json:"rest"`
}

// CompareCohort compares a cohort with the rest (issue 14, item 6). Like
// the dashboards it is counts without personal data, groups under five
// withheld: not audited.
func (a *App) CompareCohort(ctx context.Context, actor *schakel.Actor, cohortID int64, f storage.LeadtimeFilter) (CohortComparison, error) {
	var out CohortComparison
	if err := dashboardAllowed(actor); err != nil {
		return out, err
	}
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		c, err := tx.CohortRecord(cohortID)
		if err != nil {
			return err
		}
		f.CohortID = 0
		f.From, f.To = intervention.Period(f.From, f.To, c.CohortStart())
		facts, err := cohortFacts(tx, f, cohortID, a.now())
		if err != nil {
			return err
		}
		cmp := intervention.Compare(facts)
		out = CohortComparison{Cohort: c, InCohort: cmp.Cohort, Rest: cmp.Rest}
		if !f.From.IsZero() {
			out.From = &f.From
		}
		if !f.To.IsZero() {
			out.To = &f.To
		}
		return nil
	})
	return out, err
}

// CohortChoices lists the teams and workers the actor may put in a
// cohort: a team lead's own organisation's, an administrator's whole
// region's (colleagues' names and teams, no family data: not audited).
// Others get none.
func (a *App) CohortChoices(ctx context.Context, actor *schakel.Actor) ([]storage.CohortChoice, error) {
	s := access.SubjectFor(actor)
	switch {
	case actor == nil || actor.Professional == nil:
		return nil, nil
	case access.DecideCohortMember(s, s.RegionID, 0, s.RegionID).Allowed:
		return a.db.CohortChoices(ctx, s.RegionID, 0)
	case access.DecideCohortMember(s, s.RegionID, s.OrganisationID, s.RegionID).Allowed:
		return a.db.CohortChoices(ctx, s.RegionID, s.OrganisationID)
	}
	return nil, nil
}

// cohortFacts loads the facts of the period's cases and marks, besides
// the tagged ones, the cases the cohort's teams and workers held while
// they were members, within the period (intervention.CohortCases).
func cohortFacts(tx *storage.Tx, f storage.LeadtimeFilter, cohortID int64, now time.Time) ([]intervention.CaseFact, error) {
	facts, err := tx.CohortFacts(f, cohortID)
	if err != nil {
		return nil, err
	}
	to := f.To
	if to.IsZero() {
		to = now
	}
	held, spells, err := tx.CohortHoldings(cohortID, f.From, to)
	if err != nil {
		return nil, err
	}
	in := intervention.CohortCases(held, spells, intervention.Spell{From: f.From, To: to})
	for i := range facts {
		facts[i].InCohort = facts[i].InCohort || in[facts[i].Case]
	}
	return facts, nil
}
