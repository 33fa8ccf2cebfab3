package app

import (
	"context"

	"schakel/internal/chain"
	"schakel/internal/storage"
)

// streamEventLog streams the event log with case ids pseudonymised with
// secret (chain.Pseudonym) and care events carrying the fields of the iJw
// messages they mirror (chain.JW). The care requests are read before the
// events stream: they are few next to the events, and the stream keeps
// one cursor.
func (a *App) streamEventLog(ctx context.Context, secret []byte, f storage.ExportFilter, emit func(chain.LogRow) error) (int64, error) {
	care, err := a.db.CareExportFacts(ctx, f.RegionID)
	if err != nil {
		return 0, err
	}
	var lastCase int64 = -1
	var pseudo string
	return a.db.StreamEventLog(ctx, f, func(e storage.ExportEvent) error {
		if e.CaseID != lastCase {
			pseudo, lastCase = chain.Pseudonym(secret, e.CaseID), e.CaseID
		}
		r := e.Row
		r.Case = pseudo
		if e.CareRequestID != 0 {
			r.JW = jwOf(secret, r.Activity, e.CareRequestID, care)
		}
		return emit(r)
	})
}

// jwOf is the iJw fields of a care event on request id: each message
// carries what it carries in iJw, as of the step it mirrors (the
// provider from the allocation on, the start date on the start and the
// stop, the reason on the stop).
func jwOf(secret []byte, t chain.Type, id int64, facts map[int64]storage.CareExportFact) *chain.JW {
	f, ok := facts[id]
	if !ok {
		return nil
	}
	j := &chain.JW{Message: chain.JWMessage(t), Assignment: chain.AssignmentPseudonym(secret, id), Products: f.Products}
	switch t {
	case chain.CareRequested, chain.CareAnswered:
		j.Urgency = f.Urgency
	case chain.CareAllocated:
		j.Provider = f.Provider
	case chain.CareStarted:
		j.Provider, j.StartDate = f.Provider, f.StartedAt
	case chain.CareEnded:
		j.Provider, j.StartDate, j.EndReason = f.Provider, f.StartedAt, f.EndReason
	}
	return j
}
