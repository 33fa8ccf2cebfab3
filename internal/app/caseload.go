package app

import (
	"context"
	"fmt"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
)

// HeldCase is one case on a worker's caseload: no names, only what the
// load counts.
type HeldCase struct {
	CaseID   int64                  `json:"case_id"`
	Position schakel.HolderPosition `json:"position"`
	Color    string                 `json:"color"`
	Children int                    `json:"children"`
	Measures int                    `json:"measures"`
	Kinds    []string               `json:"kinds"` // kinds of the running measures
	Phase    string                 `json:"phase"` // "start" while a measure's first contact or plan is due, else "running"
	Since    time.Time              `json:"since"`
	// ContactsThisMonth: logged conversations with this family this
	// calendar month that the worker took part in.
	ContactsThisMonth int `json:"contacts_this_month"`
}

// Caseload is a worker's load against the norm.
type Caseload struct {
	ProfessionalID int64      `json:"professional_id"`
	InTeam         bool       `json:"in_team"` // false: no hours known, so no capacity
	HoursPerWeek   int        `json:"hours_per_week"`
	StartedOn      *time.Time `json:"started_on,omitempty"`
	RampShare      float64    `json:"ramp_share"` // share of the norm while starting
	Cases          int        `json:"cases"`
	Children       int        `json:"children"`
	Measures       int        `json:"measures"`
	Weighted       float64    `json:"weighted"`
	Capacity       float64    `json:"capacity"`
	Percent        *float64   `json:"percent"` // nil: no capacity (no team, or held work with no hours)
	Band           string     `json:"band"`
	BandText       string     `json:"band_text"`
	NormMeasures   float64    `json:"norm_measures_per_fte"` // measures at 100 % for a full-time worker
	NormHours      int        `json:"norm_full_time_hours"`
	NormSource     string     `json:"norm_source"`
	WeightsSource  string     `json:"weights_source"`
	Held           []HeldCase `json:"held"`
	// Contact moments with families: logged conversations the worker
	// took part in this calendar month and the one before, and this
	// month's per family held.
	ContactsThisMonth int     `json:"contacts_this_month"`
	ContactsLastMonth int     `json:"contacts_last_month"`
	ContactsPerFamily float64 `json:"contacts_per_family"`
}

// MyCaseload returns the actor's own caseload. Reading it is audited as
// the actor's own data: it lists case numbers, never names.
func (a *App) MyCaseload(ctx context.Context, actor *schakel.Actor) (Caseload, error) {
	var out Caseload
	if actor == nil || actor.Professional == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers hebben een caseload.")
	}
	me := actor.Professional.ID
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		held, err := tx.HeldCases(me)
		if err != nil {
			return err
		}
		m, inTeam, err := tx.MembershipOf(me)
		if err != nil {
			return err
		}
		w, err := weightsOf(tx, actorOrg(actor))
		if err != nil {
			return err
		}
		n, err := normOf(tx, actorOrg(actor))
		if err != nil {
			return err
		}
		out = a.caseloadOf(me, held, m, inTeam, n, w)
		tally, err := a.contactsIn(func(from, to time.Time) ([]storage.ContactCount, error) { return tx.ProfessionalContacts(me, from, to) })
		if err != nil {
			return err
		}
		tally.onCaseload(&out)
		tx.Audit(actor, audit.Entry{Event: audit.EventRead, ResourceType: "caseload", ResourceID: fmt.Sprint(me), AccessBasis: audit.BasisSelf, Detail: "own caseload"})
		return nil
	})
	return out, err
}

// caseloadOf weighs the held cases with the rules.
func (a *App) caseloadOf(professionalID int64, held []storage.HeldCase, m storage.Membership, inTeam bool, n caseload.Norm, w caseload.Weights) Caseload {
	out := Caseload{ProfessionalID: professionalID, InTeam: inTeam, Held: []HeldCase{},
		NormMeasures: n.MeasuresPerFTE, NormHours: n.FullTimeHours, NormSource: n.Source, WeightsSource: w.Source}
	rules := make([]caseload.Held, 0, len(held))
	for _, h := range held {
		kinds := h.Kinds
		if kinds == nil {
			kinds = []string{}
		}
		out.Held = append(out.Held, HeldCase{CaseID: h.CaseID, Position: h.Position, Color: h.Color, Children: h.Children, Measures: h.Measures,
			Kinds: kinds, Phase: h.Phase, Since: h.Since})
		rules = append(rules, caseload.Held{Color: h.Color, Phase: h.Phase, Children: h.Children, Measures: h.Measures, Kinds: h.Kinds,
			Second: h.Position == schakel.SecondHolder})
	}
	now := a.now()
	started := now
	if inTeam {
		out.HoursPerWeek, started = m.HoursPerWeek, m.StartedOn
		out.StartedOn = &m.StartedOn
		out.RampShare = caseload.RampShare(started, now)
	}
	l := caseload.Compute(rules, out.HoursPerWeek, started, now, n, w)
	out.Cases, out.Children, out.Measures, out.Weighted, out.Capacity = l.Cases, l.Children, l.Measures, l.Weighted, l.Capacity
	if l.Capacity > 0 {
		p := l.Percent
		out.Percent = &p
		out.Band, out.BandText = string(l.Band), l.Band.Dutch()
	} else {
		out.Band, out.BandText = "unknown", "Onbekend: uw uren per week zijn niet vastgelegd in een team."
	}
	return out
}
