package storage

// Children fetched with their parents. A statement that reads the rows
// belonging to others (the agenda of the consultations read, the persons
// of the reports) names its parents by their ids, which are known only once
// the parents are read: in a batched read that costs a round trip more and
// a pass more (every section read and decoded once again). In a batched
// read the children name their parents instead by the condition that
// picked them, as a subquery, so that they are fetched in the same round
// trip as the parents, before the parents' ids are known.

// parents are the rows a child statement belongs to.
type parents struct {
	// ids are the parents read (none while they are pending).
	ids []any
	// from selects a parent's id ("c.id FROM consultations c"), where and
	// args are the condition the parents were read with.
	from, where string
	args        []any
	// pending: the parents were not fetched yet (a batched read's first
	// pass); their children are asked for all the same.
	pending bool
}

// readParents are the parents of rows: pending when rows are a batched
// statement not fetched yet.
func readParents(rows rowSet, from, where string, args []any) parents {
	return parents{from: from, where: where, args: args, pending: notFetchedYet(rows)}
}

// notFetchedYet says whether rows are a batched statement not fetched yet:
// none of them is known, so whatever depends on them is asked for all the
// same, to come in the same round trip.
func notFetchedYet(rows rowSet) bool {
	b, ok := rows.(*batchRows)
	return ok && b.missing
}

// childrenIn returns the condition on col that picks the children of the
// parents in ids (those of ps that the caller reads children of: all, or
// those that pass filter, the same test in SQL), with its arguments, and
// false when there are none to read.
func (tx *Tx) childrenIn(col string, ps parents, ids []any, filter string) (string, []any, bool) {
	if tx.batch != nil && (ps.pending || len(ids) > 0) {
		where := ps.where
		if filter != "" {
			where = "(" + where + ") AND " + filter
		}
		return col + " IN (SELECT " + ps.from + " WHERE " + where + ")", ps.args, true
	}
	if len(ids) == 0 {
		return "", nil, false
	}
	return col + " IN (" + placeholders(len(ids)) + ")", ids, true
}
