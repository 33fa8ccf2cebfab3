package app

import (
	"context"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
	"schakel/internal/intake"
	"schakel/internal/prevention"
	"schakel/internal/storage"
)

// ReviewExtract is all a panel member sees of a case (issue 16, item 3):
// the worries, what works, the safety scale and the plan, with the
// children's first names and ages; family names and addresses are hidden
// even where a professional typed them.
type ReviewExtract struct {
	Review    schakel.PlacementReview `json:"review"`
	Children  []ExtractChild          `json:"children"`
	Concerns  []string                `json:"concerns"` // in Dutch
	Worries   []string                `json:"worries"`
	WorksWell []string                `json:"works_well"`
	Scale     *int                    `json:"scale"` // the latest safety scale, 0–10
	Plan      []string                `json:"plan"`  // the open actions
	Wanted    []string                `json:"wanted_expertise"`
}

// ExtractChild is a child in the extract: first name and age only.
type ExtractChild struct {
	FirstName string `json:"first_name"`
	Age       *int   `json:"age"`
}

// Extract returns a review's extract to a panel member (basis review, until
// 14 days after the outcome) or to a professional on the case. Every read
// is audited with the family's persons.
func (a *App) Extract(ctx context.Context, actor *schakel.Actor, reviewID int64) (ReviewExtract, error) {
	var out ReviewExtract
	err := a.db.Update(ctx, func(tx *storage.Tx) error {
		r, err := tx.PlacementReviewByID(reviewID)
		if err != nil {
			return err
		}
		if err := a.guardReview(tx, actor, r, access.Read, audit.EventRead, "review extract"); err != nil {
			return err
		}
		src, err := tx.ReviewExtractSource(r.CaseID)
		if err != nil {
			return err
		}
		out = buildExtract(r, src, tx.Now())
		return nil
	})
	return out, err
}

func buildExtract(r schakel.PlacementReview, src storage.ExtractSource, now time.Time) ReviewExtract {
	terms := prevention.ForbiddenTerms(src.FamilyNames, src.Places, nil)
	hide := func(ss []string) []string {
		out := make([]string, 0, len(ss))
		for _, s := range ss {
			out = append(out, prevention.Redact(s, terms))
		}
		return out
	}
	// The extract never leads to the case: a panel member reads this, not the case.
	r.CaseID = 0
	r.Reason, r.OutcomeNote = prevention.Redact(r.Reason, terms), prevention.Redact(r.OutcomeNote, terms)
	for i := range r.Alternatives {
		r.Alternatives[i].WhyNot = prevention.Redact(r.Alternatives[i].WhyNot, terms)
	}
	x := ReviewExtract{Review: r, Children: []ExtractChild{}, Worries: hide(src.Worries), WorksWell: hide(src.WorksWell), Plan: hide(src.Actions)}
	for _, c := range src.Children {
		x.Children = append(x.Children, ExtractChild{FirstName: firstName(c.GivenNames), Age: ageOn(c.BirthDate, now)})
	}
	x.Concerns = []string{}
	for _, c := range src.Concerns {
		if l := concernLabel(c); l != "" && !slices.Contains(x.Concerns, l) {
			x.Concerns = append(x.Concerns, l)
		}
	}
	if len(src.Scales) > 0 {
		x.Scale = &src.Scales[0]
	}
	for _, e := range prevention.WantedExpertise(src.Concerns, src.Finances) {
		x.Wanted = append(x.Wanted, e.Dutch())
	}
	return x
}

func firstName(given string) string {
	if f := strings.Fields(given); len(f) > 0 {
		return f[0]
	}
	return ""
}

func ageOn(born *time.Time, now time.Time) *int {
	if born == nil {
		return nil
	}
	age := now.Year() - born.Year()
	if now.Month() < born.Month() || (now.Month() == born.Month() && now.Day() < born.Day()) {
		age--
	}
	return &age
}

func concernLabel(code string) string {
	for _, o := range intake.Concerns {
		if o.Code == code {
			return o.Label
		}
	}
	return ""
}
