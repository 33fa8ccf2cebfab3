package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// CaseloadNorm is the caseload norm of one organisation kind in a region.
type CaseloadNorm struct {
	OrganisationKind string     `json:"organisation_kind"`
	MeasuresPerFTE   float64    `json:"measures_per_fte"`
	FullTimeHours    int        `json:"full_time_hours"`
	Source           string     `json:"source"`
	Default          bool       `json:"default"` // true: the region set none, Schakel's default holds
	ChangedAt        *time.Time `json:"changed_at,omitempty"`
}

// NormInput is a caseload norm a region's administrator sets.
type NormInput struct {
	MeasuresPerFTE float64
	FullTimeHours  int
	Source         string
}

// CaseloadNorms lists the caseload norm of every organisation kind in the
// actor's region.
func (a *App) CaseloadNorms(ctx context.Context, actor *schakel.Actor) ([]CaseloadNorm, error) {
	out := []CaseloadNorm{}
	if actor == nil || actor.Professional == nil {
		return out, schakel.Errorf(schakel.EFORBIDDEN, "Alleen medewerkers zien de caseloadnormen.")
	}
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		set, err := tx.CaseloadNorms(actor.Professional.Organisation.RegionID)
		if err != nil {
			return err
		}
		for _, k := range schakel.OrganisationKinds {
			out = append(out, normView(k, set))
		}
		return nil
	})
	return out, err
}

// SetCaseloadNorm sets the caseload norm of an organisation kind in the
// actor's region: administrators only (access.Norms). Bad input is
// refused at the field and audited, nothing else kept.
func (a *App) SetCaseloadNorm(ctx context.Context, actor *schakel.Actor, kind string, in NormInput) (CaseloadNorm, error) {
	var out CaseloadNorm
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		entry := audit.Entry{Event: audit.EventUpdate, ResourceType: "caseload_norm", ResourceID: truncate(kind, 40),
			Detail: fmt.Sprintf("%g measures per %d hours", in.MeasuresPerFTE, in.FullTimeHours)}
		d := access.Decide(access.SubjectFor(actor), access.Norms, access.Write, access.Context{})
		if !d.Allowed {
			tx.AuditDecision(actor, d, entry)
			return tx.Refuse(d)
		}
		k := schakel.OrganisationKind(kind)
		if !k.Valid() {
			return schakel.Errorf(schakel.ENOTFOUND, "Deze soort organisatie bestaat niet.")
		}
		n := caseload.Norm{MeasuresPerFTE: in.MeasuresPerFTE, FullTimeHours: in.FullTimeHours, Source: strings.TrimSpace(in.Source)}
		v := schakel.Validation{Fields: n.Validate()}
		textlimit.Check(&v, "source", n.Source, textlimit.Line)
		if err := v.Err(); err != nil {
			refused := access.Decision{Basis: audit.BasisNone, Reason: "Ongeldige norm."}
			entry.Detail = "refused: " + fieldCodes(v)
			tx.AuditDecision(actor, refused, entry)
			return tx.RefuseWith(refused, err)
		}
		region := actor.Professional.Organisation.RegionID
		rec := storage.NormRecord{Kind: kind, MeasuresPerFTE: n.MeasuresPerFTE, FullTimeHours: n.FullTimeHours, Source: n.Source}
		if err := tx.PutCaseloadNorm(region, rec, actor.Professional.ID); err != nil {
			return err
		}
		entry.AccessBasis = audit.BasisRole
		tx.Audit(actor, entry)
		set, err := tx.CaseloadNorms(region)
		out = normView(k, set)
		return err
	})
	return out, err
}

// normOf returns the caseload norm for an organisation: its region's,
// or the default of its kind.
func normOf(tx *storage.Tx, org int64) (caseload.Norm, error) {
	kind, region, found, err := tx.OrganisationKindRegion(org)
	if err != nil || !found {
		return caseload.DefaultNorm, err
	}
	set, err := tx.CaseloadNorms(region)
	if err != nil {
		return caseload.DefaultNorm, err
	}
	if n, ok := set[string(kind)]; ok {
		return caseload.Norm{MeasuresPerFTE: n.MeasuresPerFTE, FullTimeHours: n.FullTimeHours, Source: n.Source}, nil
	}
	return caseload.NormFor(kind), nil
}

func normView(k schakel.OrganisationKind, set map[string]storage.NormRecord) CaseloadNorm {
	if n, ok := set[string(k)]; ok {
		at := n.ChangedAt
		return CaseloadNorm{OrganisationKind: string(k), MeasuresPerFTE: n.MeasuresPerFTE, FullTimeHours: n.FullTimeHours, Source: n.Source, ChangedAt: &at}
	}
	d := caseload.NormFor(k)
	return CaseloadNorm{OrganisationKind: string(k), MeasuresPerFTE: d.MeasuresPerFTE, FullTimeHours: d.FullTimeHours, Source: d.Source, Default: true}
}
