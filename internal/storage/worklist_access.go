package storage

import (
	"slices"

	"schakel"
	"schakel/internal/access"
)

// keepReadable applies need-to-know to a work list: an item about a case
// the actor may not read (a privacy officer or administrator of an
// organisation on the case, an invitation that no longer holds) is left
// out, except notices and colleague requests addressed to the actor, which
// stay without the case's id, colour or family.
func (tx *Tx) keepReadable(actor *schakel.Actor, items []WorkItem) ([]WorkItem, error) {
	readable, err := tx.readableCases(actor, distinct(items, func(it WorkItem) int64 { return it.CaseID }))
	if err != nil {
		return nil, err
	}
	out := items[:0]
	for _, it := range items {
		if it.CaseID == 0 || readable[it.CaseID] {
			out = append(out, it)
			continue
		}
		if it.Kind == "notice" || it.Kind == "colleague_request" {
			it.CaseID, it.ConsultationID, it.Color, it.Family, it.personID = 0, 0, "", "", 0
			out = append(out, it)
		}
	}
	return out, nil
}

// readableCases decides, for each case, whether the actor may read it: one
// query for the actor's organisation's participation, and the full case
// context (invitations) only for cases it does not take part in.
func (tx *Tx) readableCases(actor *schakel.Actor, caseIDs []any) (map[int64]bool, error) {
	out := map[int64]bool{}
	subject := access.SubjectOf(actor.Professional)
	probe := access.Decide(subject, access.Case, access.Read, access.Context{Participation: access.Participating})
	if len(caseIDs) == 0 || (!probe.Allowed && actor.EmergencyReason == "") {
		return out, nil // no role that reads case content
	}
	args := append([]any{actor.Professional.Organisation.ID}, caseIDs...)
	rows, err := tx.query(`SELECT c.id, c.region_id, COALESCE(p.status, '') FROM cases c
		LEFT JOIN participations p ON p.case_id = c.id AND p.organisation_id = ? WHERE c.id IN (`+placeholders(len(caseIDs))+`)`, args...)
	if err != nil {
		return nil, err
	}
	var others []int64
	for rows.Next() {
		var id int64
		var ctx access.Context
		if err := rows.Scan(&id, &ctx.CaseRegionID, &ctx.Participation); err != nil {
			rows.Close()
			return nil, err
		}
		if ctx.Participation == access.Participating {
			out[id] = access.Decide(subject, access.Case, access.Read, ctx).Allowed
		} else {
			others = append(others, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Sort(others)
	for _, id := range others {
		ctx, err := tx.caseContext(actor, id)
		if err != nil {
			return nil, err
		}
		ctx.EmergencyReason = "" // a work list is no emergency
		out[id] = access.Decide(subject, access.Case, access.Read, ctx).Allowed
	}
	return out, nil
}
