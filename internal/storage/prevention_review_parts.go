package storage

import (
	"cmp"
	"slices"
	"strings"

	"schakel"
)

// fillReview loads a review's panel, checklist and causes.
func (tx *Tx) fillReview(r *schakel.PlacementReview) error {
	r.Panel, r.Alternatives, r.Causes = []schakel.PanelMember{}, []schakel.ReviewAlternative{}, []string{}
	err := tx.eachRow(`SELECT p.id, p.name, o.id, o.name, o.kind, COALESCE(n.expertises, '')
		FROM placement_review_panel x JOIN professionals p ON p.id = x.professional_id JOIN organisations o ON o.id = p.organisation_id
		LEFT JOIN network_members n ON n.professional_id = p.id WHERE x.review_id = ? ORDER BY x.proposed_at, p.id`, []any{r.ID},
		func(row rowScanner) error {
			var m schakel.PanelMember
			var list string
			if err := row.Scan(&m.Professional.ID, &m.Professional.Name, &m.Organisation.ID, &m.Organisation.Name, &m.Organisation.Kind, &list); err != nil {
				return err
			}
			m.Expertises = splitExpertises(list)
			r.Panel = append(r.Panel, m)
			return nil
		})
	if err != nil {
		return err
	}
	err = tx.eachRow(`SELECT kind, considered, tried, why_not FROM placement_review_alternatives WHERE review_id = ?`, []any{r.ID},
		func(row rowScanner) error {
			var a schakel.ReviewAlternative
			err := row.Scan(&a.Kind, &a.Considered, &a.Tried, &a.WhyNot)
			r.Alternatives = append(r.Alternatives, a)
			return err
		})
	if err != nil {
		return err
	}
	sortAlternatives(r.Alternatives)
	return tx.strings(`SELECT cause FROM placement_review_causes WHERE review_id = ? ORDER BY cause`, []any{r.ID},
		func(c string) { r.Causes = append(r.Causes, c) })
}

// sortAlternatives puts the checklist in the order the review walks it.
func sortAlternatives(as []schakel.ReviewAlternative) {
	slices.SortFunc(as, func(a, b schakel.ReviewAlternative) int {
		return cmp.Compare(slices.Index(schakel.AlternativeKinds, a.Kind), slices.Index(schakel.AlternativeKinds, b.Kind))
	})
}

func joinExpertises(es []schakel.NetworkExpertise) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = string(e)
	}
	return strings.Join(parts, ",")
}

func splitExpertises(s string) []schakel.NetworkExpertise {
	out := []schakel.NetworkExpertise{}
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, schakel.NetworkExpertise(p))
		}
	}
	return out
}
