package storage

import (
	"database/sql"
	"slices"

	"schakel"
	"schakel/internal/care"
)

// careReach is whom the requests in scope reached and how they answered,
// with what the providers offer, so that the unmet-need signal of a need
// counts only providers that offer that need: a request for two needs
// that reached one provider through the other need did not reach anyone
// for this one.
type careReach struct {
	offers     map[int64][]schakel.NeedCategory // per provider, its current profile
	recipients map[int64][]careRecipient        // per request
}

type careRecipient struct {
	org                  int64
	answered, noCapacity bool
}

// careReached reads the recipients and answers of the requests in scope
// (where and args: a careScope over alias q) and the providers' profiles
// of the region (0: all).
func (tx *Tx) careReached(regionID int64, where string, args []any) (careReach, error) {
	out := careReach{offers: map[int64][]schakel.NeedCategory{}, recipients: map[int64][]careRecipient{}}
	profiles, err := tx.careProfiles(`CAST(? AS BIGINT) IN (0, o.region_id)`, regionID)
	if err != nil {
		return out, err
	}
	for _, p := range profiles {
		out.offers[p.Organisation.ID] = p.Categories
	}
	rows, err := tx.query(`SELECT r.request_id, r.organisation_id, a.answered_at, a.no_capacity
		FROM care_recipients r JOIN care_requests q ON q.id = r.request_id
		LEFT JOIN care_answers a ON a.request_id = r.request_id AND a.organisation_id = r.organisation_id
		WHERE `+where, args...)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var r careRecipient
		var answered sql.NullTime
		var noCap sql.NullBool
		if err := rows.Scan(&id, &r.org, &answered, &noCap); err != nil {
			return out, err
		}
		r.answered, r.noCapacity = answered.Valid, noCap.Bool
		out.recipients[id] = append(out.recipients[id], r)
	}
	return out, rows.Err()
}

// row is the unmet-need row of one need of one request. A provider
// without a profile now counts as offering every need it was asked for.
func (c careReach) row(id int64, need schakel.NeedCategory, municipality string) care.UnmetRow {
	u := care.UnmetRow{Category: need, Municipality: municipality}
	for _, r := range c.recipients[id] {
		if offers, ok := c.offers[r.org]; ok && !slices.Contains(offers, need) {
			continue
		}
		u.Recipients++
		if r.answered {
			u.Answers++
		}
		if r.noCapacity {
			u.NoCapacity++
		}
	}
	return u
}
