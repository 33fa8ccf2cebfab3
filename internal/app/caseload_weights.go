package app

import (
	"context"
	"fmt"
	"strings"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/caseload"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
)

// Weights are an organisation's caseload weights, as the API shows and
// takes them.
type Weights struct {
	Red          float64            `json:"red"`
	Orange       float64            `json:"orange"`
	Green        float64            `json:"green"`
	Unrated      float64            `json:"unrated"`
	SecondHolder float64            `json:"second_holder"`
	Measures     map[string]float64 `json:"measures"` // per kind of measure; "none" for a case without one
	Phases       map[string]float64 `json:"phases"`   // "start" (first contact and plan due) and "running"
	Source       string             `json:"source"`
	Default      bool               `json:"default"` // true: the organisation set none, Schakel's defaults hold
}

// CaseloadWeights returns the weights of the actor's organisation.
func (a *App) CaseloadWeights(ctx context.Context, actor *schakel.Actor) (Weights, error) {
	var out Weights
	err := a.db.View(ctx, func(tx *storage.Tx) error {
		w, err := weightsOf(tx, actorOrg(actor))
		out = weightsView(w)
		out.Default = w.Source == caseload.DefaultWeights.Source
		return err
	})
	return out, err
}

// SetCaseloadWeights sets the weights of the actor's organisation: its
// team leads and administrators may. Negative weights are refused at the
// field; the source says where the figures come from.
func (a *App) SetCaseloadWeights(ctx context.Context, actor *schakel.Actor, in Weights) (Weights, error) {
	var out Weights
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		org := actorOrg(actor)
		if err := guardTeams(tx, actor, org, audit.EventUpdate, 0, "set caseload weights"); err != nil {
			return err
		}
		w := caseload.Weights{ByColor: map[string]float64{"red": in.Red, "orange": in.Orange, "green": in.Green, "": in.Unrated},
			ByMeasure: measuresIn(in.Measures), ByPhase: orDefault(in.Phases, caseload.DefaultPhaseWeights),
			SecondHolder: in.SecondHolder, Source: strings.TrimSpace(in.Source)}
		v := schakel.Validation{Fields: w.Validate()}
		if w.Source == "" {
			v.Add("source", "required", "Schrijf op waar de gewichten vandaan komen, bijvoorbeeld een besluit van het MT of een onderzoek.")
		}
		textlimit.Check(&v, "source", w.Source, textlimit.Line)
		if err := v.Err(); err != nil {
			d := access.Decision{Basis: audit.BasisNone, Reason: "Ongeldige gewichten."}
			tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventUpdate, ResourceType: "caseload_weights", ResourceID: fmt.Sprint(org), Detail: "refused: " + fieldCodes(v)})
			return tx.RefuseWith(d, err)
		}
		rec := storage.WeightsRecord{Red: in.Red, Orange: in.Orange, Green: in.Green, Unrated: in.Unrated, SecondHolder: in.SecondHolder,
			Measures: w.ByMeasure, Phases: w.ByPhase, Source: w.Source}
		if err := tx.PutCaseloadWeights(org, rec, actor.Professional.ID); err != nil {
			return err
		}
		tx.Audit(actor, audit.Entry{Event: audit.EventUpdate, ResourceType: "caseload_weights", ResourceID: fmt.Sprint(org), AccessBasis: audit.BasisRole,
			Detail: fmt.Sprintf("red %g, orange %g, green %g, unrated %g, second %g", in.Red, in.Orange, in.Green, in.Unrated, in.SecondHolder)})
		out = weightsView(w)
		return nil
	})
	return out, err
}

// weightsOf returns an organisation's weights, or the defaults.
func weightsOf(tx *storage.Tx, org int64) (caseload.Weights, error) {
	rec, ok, err := tx.CaseloadWeights(org)
	if err != nil || !ok {
		return caseload.DefaultWeights, err
	}
	return caseload.Weights{ByColor: map[string]float64{"red": rec.Red, "orange": rec.Orange, "green": rec.Green, "": rec.Unrated},
		ByMeasure: orDefault(rec.Measures, caseload.DefaultMeasureWeights), ByPhase: orDefault(rec.Phases, caseload.DefaultPhaseWeights),
		SecondHolder: rec.SecondHolder, Source: rec.Source}, nil
}

func weightsView(w caseload.Weights) Weights {
	out := Weights{Red: w.ByColor["red"], Orange: w.ByColor["orange"], Green: w.ByColor["green"], Unrated: w.ByColor[""],
		SecondHolder: w.SecondHolder, Source: w.Source, Measures: map[string]float64{}, Phases: map[string]float64{}}
	for _, k := range caseload.MeasureKinds {
		out.Measures[measureKey(k)] = w.ByMeasure[k]
	}
	for _, p := range caseload.Phases {
		out.Phases[p] = w.ByPhase[p]
	}
	return out
}

// measureKey is a kind of measure as the API names it: "none" for a case
// without one.
func measureKey(kind string) string {
	if kind == "" {
		return "none"
	}
	return kind
}

// measuresIn takes the API's weights per kind of measure; nil keeps the
// defaults, unknown kinds are ignored.
func measuresIn(in map[string]float64) map[string]float64 {
	if in == nil {
		return caseload.DefaultMeasureWeights
	}
	out := map[string]float64{}
	for _, k := range caseload.MeasureKinds {
		if v, ok := in[measureKey(k)]; ok {
			out[k] = v
		}
	}
	return out
}

// orDefault returns ws, or the defaults when none were set.
func orDefault(ws, def map[string]float64) map[string]float64 {
	if ws == nil {
		return def
	}
	return ws
}

// fieldCodes lists a validation's fields and codes for the audit detail.
func fieldCodes(v schakel.Validation) string {
	parts := make([]string, 0, len(v.Fields))
	for _, f := range v.Fields {
		parts = append(parts, f.Field+" "+f.Code)
	}
	return strings.Join(parts, ", ")
}
