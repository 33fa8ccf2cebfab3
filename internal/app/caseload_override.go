package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// Override is a team lead's decision to assign above the norm.
type Override struct {
	Confirmed bool   // the team lead knowingly assigns above the norm
	Reason    string // why, required
}

// checkNorm weighs the receiver's caseload with what was just assigned
// to them in this transaction. Above 100 % of the norm only a team lead
// of the organisation assigns, with a reason; the override is recorded
// for the region's count. A receiver in no team has no known capacity
// and is not checked. Every refusal is audited and leaves nothing else.
func (a *App) checkNorm(tx *storage.Tx, actor *schakel.Actor, caseID, org int64, receiver schakel.Professional, o Override) error {
	m, inTeam, err := tx.MembershipOf(receiver.ID)
	if err != nil || !inTeam {
		return err
	}
	held, err := tx.HeldCases(receiver.ID)
	if err != nil {
		return err
	}
	w, err := weightsOf(tx, org)
	if err != nil {
		return err
	}
	n, err := normOf(tx, org)
	if err != nil {
		return err
	}
	cl := a.caseloadOf(receiver.ID, held, m, true, n, w)
	if cl.Percent == nil || *cl.Percent <= 100 {
		return nil
	}
	p := *cl.Percent
	if !o.Confirmed {
		return refuseHolder(tx, actor, caseID, "professional_id", "over_norm",
			fmt.Sprintf("Hiermee komt %s op %.0f %% van de norm (%s). Kies iemand met ruimte, of laat de teamleider dit toch doen met een reden.", receiver.Name, p, strings.ToLower(cl.BandText)))
	}
	if d := access.DecideNormOverride(access.SubjectFor(actor), org); !d.Allowed {
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "caseload_override", ResourceID: fmt.Sprint(caseID), Detail: "override"})
		return tx.Refuse(d)
	}
	reason := strings.TrimSpace(o.Reason)
	switch {
	case reason == "":
		return refuseHolder(tx, actor, caseID, "override_reason", "required", "Schrijf op waarom deze medewerker toch boven de norm belast wordt, bijvoorbeeld: broer of zus van een gezin dat hij al heeft.")
	case textlimit.Over(reason, textlimit.Reason):
		return refuseHolder(tx, actor, caseID, "override_reason", "too_long", textlimit.TooLongMessage(textlimit.Reason, textlimit.Len(reason)))
	}
	_, region, _, err := tx.OrganisationKindRegion(org)
	if err != nil {
		return err
	}
	if err := tx.InsertOverride(storage.Override{CaseID: caseID, OrganisationID: org, RegionID: region, ProfessionalID: receiver.ID, Percent: p, Reason: reason}, actor.Professional.ID); err != nil {
		return err
	}
	tx.Audit(actor, audit.Entry{Event: audit.EventCreate, ResourceType: "caseload_override", ResourceID: fmt.Sprint(caseID), AccessBasis: audit.BasisRole,
		Detail: fmt.Sprintf("professional %d at %.0f %% of the norm", receiver.ID, p)})
	return nil
}

// OverrideFigures is how often a region's organisations assigned above
// the norm in the last twelve months: counts only.
type OverrideFigures struct {
	RegionID      int64                   `json:"region_id"`
	Months        int                     `json:"months"`
	Total         int64                   `json:"total"`
	Organisations []storage.OverrideCount `json:"organisations"`
}

// CaseloadOverrides counts the assignments above the norm in the actor's
// region for whoever may see the chain dashboards.
func (a *App) CaseloadOverrides(ctx context.Context, actor *schakel.Actor) (OverrideFigures, error) {
	out := OverrideFigures{Months: 12, Organisations: []storage.OverrideCount{}}
	if err := dashboardAllowed(actor); err != nil {
		return out, err
	}
	out.RegionID = actor.Professional.Organisation.RegionID
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		out.Organisations, err = tx.OverrideCounts(out.RegionID, a.now().AddDate(-1, 0, 0))
		for _, c := range out.Organisations {
			out.Total += c.Count
		}
		return err
	})
	return out, err
}
