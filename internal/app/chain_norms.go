package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/chain"
	"schakel/internal/storage"
)

// Norms lists the phases and norms of a region (0: the actor's region).
// Norms are no personal data; reading them is not audited.
func (a *App) Norms(ctx context.Context, actor *schakel.Actor, regionID int64) ([]storage.NormView, error) {
	if d := access.Decide(access.SubjectFor(actor), access.Norms, access.Read, access.Context{}); !d.Allowed {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason)
	}
	if regionID == 0 {
		regionID = actor.Professional.Organisation.RegionID
	}
	var out []storage.NormView
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		var err error
		out, err = normList(tx, regionID)
		return err
	})
	return out, err
}

// normList lists every phase with the norm in force in a region: the
// region's own where it set one (with when), else the default.
func normList(tx *storage.Tx, regionID int64) ([]storage.NormView, error) {
	if ok, err := tx.RegionExists(regionID); err != nil {
		return nil, err
	} else if !ok {
		return nil, schakel.Errorf(schakel.ENOTFOUND, "Regio niet gevonden.")
	}
	changed, err := tx.NormChanges(regionID)
	if err != nil {
		return nil, err
	}
	norms, err := tx.RegionNorms(regionID)
	if err != nil {
		return nil, err
	}
	var out []storage.NormView
	for _, p := range chain.Phases() {
		at, own := changed[p.Code]
		v := normViewOf(p, norms[p.ID], regionID, !own)
		if own {
			v.ChangedAt = &at
		}
		out = append(out, *v)
	}
	return out, nil
}

// SetNorm sets a norm of the actor's region (administrators). Zero and
// negative lengths are refused. The deadlines of the region's runs of that
// phase follow the new norm in the same transaction.
func (a *App) SetNorm(ctx context.Context, actor *schakel.Actor, phaseCode string, n chain.Norm) (storage.NormView, error) {
	var out storage.NormView
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.Norms, access.Write, access.Context{})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "norm", ResourceID: truncate(phaseCode, 40),
			Detail: fmt.Sprintf("%d %s, target %.2f", n.Amount, n.Unit, n.Target)})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		p, ok := chain.PhaseByCode(phaseCode)
		if !ok {
			return schakel.Errorf(schakel.ENOTFOUND, "Norm niet gevonden.")
		}
		n.Source = strings.TrimSpace(n.Source)
		if err := n.Validate(); err != nil {
			return err
		}
		region := actor.Professional.Organisation.RegionID
		if err := tx.SaveNorm(region, p, n, actor.Professional.ID); err != nil {
			return err
		}
		out = *normViewOf(p, &n, region, false)
		now := tx.Now()
		out.ChangedAt = &now
		return nil
	})
	return out, err
}

// normViewOf is a phase with its norm in a region (nil: none agreed);
// isDefault: not one the region set itself.
func normViewOf(p chain.Phase, n *chain.Norm, regionID int64, isDefault bool) *storage.NormView {
	v := &storage.NormView{ID: p.Code, RegionID: regionID, Label: p.Label, StartEvent: p.Start, EndEvent: p.End, Responsible: p.Responsible, Default: isDefault}
	if n != nil {
		v.Amount, v.Unit, v.Target, v.Source, v.Text, v.Days = n.Amount, n.Unit, n.Target, n.Source, n.String(), n.ApproxDays()
	} else {
		v.Text, v.Source = "geen norm afgesproken", "Geen publieke norm gevonden; de regio kan er een vastleggen."
	}
	return v
}
