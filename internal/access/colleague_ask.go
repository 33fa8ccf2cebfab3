package access

import (
	"schakel"
	"schakel/internal/audit"
)

// This file decides asking the team along and quick questions (issue 14,
// item 5). An ask gives nobody the case: like the existing colleague
// request, the colleague reads the case only when Decide already lets
// them. Who is asked must be someone who may be asked along at all
// (Eligible for the case's region), as for the existing request.

// AskAct is what is done with an ask.
type AskAct string

// The acts on an ask.
const (
	AskRead     AskAct = "read"     // see the ask: what the asker wrote
	AskTake     AskAct = "take"     // accept a join, or answer a question
	AskWithdraw AskAct = "withdraw" // the asker takes it back while open
)

// AskActs lists every act, for the tests.
var AskActs = []AskAct{AskRead, AskTake, AskWithdraw}

// AskSeat is what DecideColleagueAsk needs to know about an ask and the
// actor's place near it.
type AskSeat struct {
	OrganisationID int64 // the asker's organisation
	TeamID         int64 // the team asked; 0 for a named colleague
	To             int64 // the colleague asked; 0 for a team
	From           int64 // the asker
	ActorTeamID    int64 // the team the actor is a member of; 0 for none
	Status         string
	// Eligible is access.Eligible of the actor for the case's region.
	Eligible Decision
}

// DecideColleagueAsk decides an act on an ask. The asker reads it and
// withdraws it while open (basis self), never takes it. The colleague
// asked, or a member of the team asked (of the asker's organisation),
// who may be asked along at all, reads and takes it while it is open
// (basis self: it is addressed to them). Nobody else.
func DecideColleagueAsk(s Subject, act AskAct, seat AskSeat) Decision {
	if !professional(s) || s.ProfessionalID == 0 {
		return refuse("Alleen professionals vragen een collega mee.")
	}
	if s.ProfessionalID == seat.From {
		switch {
		case act == AskRead:
			return allow(audit.BasisSelf)
		case act == AskWithdraw && seat.Status == schakel.AskOpen:
			return allow(audit.BasisSelf)
		case act == AskWithdraw:
			return refuse("Deze vraag is al opgepakt, beantwoord of ingetrokken.")
		}
		return refuse("U kunt uw eigen vraag niet zelf oppakken of beantwoorden.")
	}
	switch {
	case seat.To != 0 && seat.To != s.ProfessionalID:
		return refuse("Deze vraag is aan een andere collega gesteld.")
	case seat.To == 0 && s.OrganisationID != seat.OrganisationID:
		return refuse("Deze vraag hoort bij een andere organisatie.")
	case seat.To == 0 && (seat.ActorTeamID == 0 || seat.ActorTeamID != seat.TeamID):
		return refuse("Deze vraag is aan een ander team gesteld.")
	case !seat.Eligible.Allowed:
		return refuse(seat.Eligible.Reason)
	case act == AskWithdraw:
		return refuse("Alleen wie de vraag stelde, trekt hem in.")
	case act == AskTake && seat.Status == schakel.AskWithdrawn:
		return refuse("Deze vraag is ingetrokken.")
	case act == AskTake && seat.Status != schakel.AskOpen:
		return refuse(TakenReason)
	case act == AskRead && seat.To == 0 && seat.Status == schakel.AskWithdrawn:
		return refuse("Deze vraag is ingetrokken.")
	}
	return allow(audit.BasisSelf)
}

// TakenReason is the answer to a second colleague who tries to take an
// ask that another took first.
const TakenReason = "Deze vraag is al opgepakt door een collega."
