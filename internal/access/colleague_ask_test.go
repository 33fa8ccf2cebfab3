package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

// TestDecideColleagueAsk states the rules of an ask one by one: the asker
// reads and withdraws, never takes; a member of the team asked who may be
// asked along takes an open ask; nobody else, and nothing once taken.
func TestDecideColleagueAsk(t *testing.T) {
	worker := func(id, org int64) access.Subject {
		return access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: id, OrganisationID: org, RegionID: 1,
			Roles: []schakel.Role{schakel.RoleCaseWorker}}
	}
	eligible, notEligible := access.Decision{Allowed: true, Basis: "eligible"}, access.Decision{Reason: "Deze medewerker heeft geen rol die met casussen werkt."}
	team := access.AskSeat{OrganisationID: 10, TeamID: 5, From: 1, ActorTeamID: 5, Status: schakel.AskOpen, Eligible: eligible}
	with := func(f func(*access.AskSeat)) access.AskSeat { s := team; f(&s); return s }
	named := with(func(s *access.AskSeat) { s.TeamID, s.To, s.ActorTeamID = 0, 3, 0 })
	cases := []struct {
		name    string
		subject access.Subject
		act     access.AskAct
		seat    access.AskSeat
		allowed bool
		reason  string
	}{
		{"the asker reads", worker(1, 10), access.AskRead, team, true, ""},
		{"the asker withdraws an open ask", worker(1, 10), access.AskWithdraw, team, true, ""},
		{"the asker cannot withdraw a taken ask", worker(1, 10), access.AskWithdraw, with(func(s *access.AskSeat) { s.Status = schakel.AskAccepted }), false, ""},
		{"the asker never takes", worker(1, 10), access.AskTake, team, false, ""},
		{"a member takes an open ask", worker(2, 10), access.AskTake, team, true, ""},
		{"a member reads", worker(2, 10), access.AskRead, team, true, ""},
		{"a second member finds it taken", worker(2, 10), access.AskTake, with(func(s *access.AskSeat) { s.Status = schakel.AskAccepted }), false, access.TakenReason},
		{"a withdrawn ask is not taken", worker(2, 10), access.AskTake, with(func(s *access.AskSeat) { s.Status = schakel.AskWithdrawn }), false, "Deze vraag is ingetrokken."},
		{"a member never withdraws", worker(2, 10), access.AskWithdraw, team, false, ""},
		{"a member who may not be asked along", worker(2, 10), access.AskTake, with(func(s *access.AskSeat) { s.Eligible = notEligible }), false, notEligible.Reason},
		{"another team", worker(2, 10), access.AskTake, with(func(s *access.AskSeat) { s.ActorTeamID = 6 }), false, ""},
		{"no team", worker(2, 10), access.AskTake, with(func(s *access.AskSeat) { s.ActorTeamID = 0 }), false, ""},
		{"another organisation", worker(2, 20), access.AskTake, team, false, ""},
		{"the colleague asked by name", worker(3, 20), access.AskTake, named, true, ""},
		{"someone else than the colleague asked", worker(2, 10), access.AskRead, named, false, ""},
		{"a family member", access.Subject{Principal: schakel.PrincipalFamilyMember, ProfessionalID: 2}, access.AskRead, team, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := access.DecideColleagueAsk(c.subject, c.act, c.seat)
			if d.Allowed != c.allowed || (c.reason != "" && d.Reason != c.reason) {
				t.Errorf("%+v, want allowed %v %q", d, c.allowed, c.reason)
			}
			if d.Allowed && d.Basis != audit.BasisSelf {
				t.Errorf("basis %q, want self: an ask gives nothing of the case", d.Basis)
			}
		})
	}
}
