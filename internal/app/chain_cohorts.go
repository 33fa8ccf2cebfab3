package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/intervention"
	"schakel/internal/storage"
	"schakel/internal/textlimit"
	"schakel/internal/workdays"
)

// CohortInput creates a cohort: a pilot or an intervention to compare.
type CohortInput struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Description string `json:"description"`
	// Intervention is one of article 001's four (intervention.Kinds), or
	// empty; StartsOn its first day, 2026-01-31, or empty.
	Intervention string `json:"intervention"`
	StartsOn     string `json:"starts_on"`
}

// Cohorts lists the cohorts of a region (0: all), with their sizes. A
// cohort's name and size are no personal data: reading is not audited.
func (a *App) Cohorts(ctx context.Context, actor *schakel.Actor, regionID int64) ([]storage.Cohort, error) {
	if d := access.Decide(access.SubjectFor(actor), access.Cohorts, access.Read, access.Context{}); !d.Allowed {
		return nil, schakel.Errorf(schakel.EFORBIDDEN, "%s", d.Reason)
	}
	return a.db.CohortList(ctx, regionID)
}

// CreateCohort adds a cohort or intervention to the actor's region.
func (a *App) CreateCohort(ctx context.Context, actor *schakel.Actor, in CohortInput) (storage.Cohort, error) {
	var c storage.Cohort
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		d := access.Decide(access.SubjectFor(actor), access.Cohorts, access.Write, access.Context{})
		tx.AuditDecision(actor, d, audit.Entry{Event: audit.EventCreate, ResourceType: "cohort"})
		if !d.Allowed {
			return tx.Refuse(d)
		}
		in, starts, err := validCohort(in)
		if err != nil {
			return err
		}
		p := actor.Professional
		c, err = tx.InsertCohort(storage.Cohort{RegionID: p.Organisation.RegionID, Name: in.Name, Kind: in.Kind, Description: in.Description,
			Intervention: in.Intervention, StartsAt: starts}, p.ID)
		return err
	})
	return c, err
}

// validCohort trims a cohort's texts, defaults its kind and checks it;
// it returns the first day as midnight in Europe/Amsterdam (nil: none).
func validCohort(in CohortInput) (CohortInput, *time.Time, error) {
	var v schakel.Validation
	in.Name, in.Description = strings.TrimSpace(in.Name), strings.TrimSpace(in.Description)
	in.Intervention, in.StartsOn = strings.TrimSpace(in.Intervention), strings.TrimSpace(in.StartsOn)
	if !intervention.Kind(in.Intervention).Valid() {
		v.Add("intervention", "unknown", "Kies een van de vier interventies, of geen.")
	}
	if in.Intervention != "" && in.Kind == "" {
		in.Kind = "intervention"
	}
	var starts *time.Time
	if in.StartsOn != "" {
		d, err := time.ParseInLocation(time.DateOnly, in.StartsOn, workdays.Location())
		if err != nil {
			v.Add("starts_on", "invalid", "Geef een geldige startdatum, bijvoorbeeld 2026-03-01.")
		} else {
			d = d.UTC()
			starts = &d
		}
	}
	switch {
	case in.Name == "":
		v.Add("name", "required", "Geef het cohort een naam.")
	default:
		textlimit.Check(&v, "name", in.Name, textlimit.Name)
	}
	if in.Kind == "" {
		in.Kind = "cohort"
	}
	if in.Kind != "cohort" && in.Kind != "intervention" {
		v.Add("kind", "unknown", "Kies cohort of interventie.")
	}
	textlimit.Check(&v, "description", in.Description, textlimit.Reason)
	return in, starts, v.Err()
}

// TagCase adds a case to a cohort (add) or takes it out: a write on the
// case, guarded and audited as such.
func (a *App) TagCase(ctx context.Context, actor *schakel.Actor, caseID, cohortID int64, add bool) error {
	return a.db.Update(ctx, func(tx *storage.Tx) error {
		if _, err := guardCase(tx, actor, caseID, access.Write, audit.EventUpdate, fmt.Sprintf("cohort %d add=%v", cohortID, add)); err != nil {
			return err
		}
		ok, err := tx.CohortExists(cohortID)
		if err != nil {
			return err
		}
		if !ok {
			return &schakel.Error{Code: schakel.EINVALID, Message: "Onbekend cohort.",
				Fields: []schakel.FieldError{{Field: "cohort_id", Code: "unknown", Message: "Kies een cohort uit de lijst."}}}
		}
		return tx.SetCaseCohort(caseID, cohortID, actor.Professional.ID, add)
	})
}
