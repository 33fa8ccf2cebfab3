package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/audit"
)

const (
	taskOrg    = 10
	taskTeam   = 5
	taskPoster = 1
	taskHelper = 2
)

func supportWorker(id int64) access.Subject {
	return access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: id, OrganisationID: taskOrg, RegionID: 1,
		Kind: schakel.Jeugdbescherming, Roles: []schakel.Role{schakel.RoleSupportWorker}}
}

func claimedSeat() access.TaskSeat {
	return access.TaskSeat{OrganisationID: taskOrg, TeamID: taskTeam, ActorTeamID: taskTeam, PostedBy: taskPoster, ClaimedBy: taskHelper,
		Status: schakel.TaskClaimed, Participation: access.Participating}
}

// TestDecideSupportTask states the rules of the task basis one by one.
func TestDecideSupportTask(t *testing.T) {
	helper := supportWorker(taskHelper)
	poster := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: taskPoster, OrganisationID: taskOrg, RegionID: 1,
		Roles: []schakel.Role{schakel.RoleCaseWorker}}
	other := supportWorker(3)
	elsewhere := supportWorker(taskHelper)
	elsewhere.OrganisationID = 20
	family := access.Subject{Principal: schakel.PrincipalFamilyMember, ProfessionalID: taskHelper}
	open := claimedSeat()
	open.ClaimedBy, open.Status = 0, schakel.TaskOpen
	with := func(f func(*access.TaskSeat)) access.TaskSeat { s := claimedSeat(); f(&s); return s }
	cases := []struct {
		name  string
		s     access.Subject
		act   access.TaskAct
		seat  access.TaskSeat
		basis string // "" for a refusal
	}{
		{"a support worker of the team claims an open task", other, access.TaskClaim, open, audit.BasisRole},
		{"the claimant reads the task", helper, access.TaskRead, claimedSeat(), audit.BasisTask},
		{"the claimant hands it back", helper, access.TaskHandBack, claimedSeat(), audit.BasisTask},
		{"the claimant marks it done", helper, access.TaskFinish, claimedSeat(), audit.BasisTask},
		{"the poster reads their task", poster, access.TaskRead, claimedSeat(), audit.BasisSelf},
		{"the poster withdraws a running task", poster, access.TaskWithdraw, open, audit.BasisSelf},
		{"the poster does not claim their own task", poster, access.TaskClaim, open, ""},
		{"the poster does not withdraw a done task", poster, access.TaskWithdraw, with(func(s *access.TaskSeat) { s.Status = schakel.TaskDone }), ""},
		{"nobody reads an open task before claiming it", other, access.TaskRead, open, ""},
		{"another support worker does not read a claimed task", other, access.TaskRead, claimedSeat(), ""},
		{"a claimed task is not claimed twice", other, access.TaskClaim, claimedSeat(), ""},
		{"access ends when the task is done", helper, access.TaskRead, with(func(s *access.TaskSeat) { s.Status = schakel.TaskDone }), ""},
		{"access ends when the task is withdrawn", helper, access.TaskRead, with(func(s *access.TaskSeat) { s.Status = schakel.TaskWithdrawn }), ""},
		{"access ends when handed back (open, nobody claimed)", helper, access.TaskRead, open, ""},
		{"access ends when the organisation exits the case", helper, access.TaskRead, with(func(s *access.TaskSeat) { s.Participation = access.Exited }), ""},
		{"access ends when the worker leaves the team", helper, access.TaskRead, with(func(s *access.TaskSeat) { s.ActorTeamID = 0 }), ""},
		{"another team's support worker does not claim", other, access.TaskClaim, with(func(s *access.TaskSeat) { s.ActorTeamID = 6; s.Status, s.ClaimedBy = schakel.TaskOpen, 0 }), ""},
		{"another organisation never", elsewhere, access.TaskRead, claimedSeat(), ""},
		{"a family member never", family, access.TaskRead, claimedSeat(), ""},
		{"a claimant who lost the role reads nothing", access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: taskHelper,
			OrganisationID: taskOrg, Roles: []schakel.Role{schakel.RoleCaseWorker}}, access.TaskRead, claimedSeat(), ""},
		{"the claimant does not withdraw", helper, access.TaskWithdraw, claimedSeat(), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := access.DecideSupportTask(c.s, c.act, c.seat)
			if d.Allowed != (c.basis != "") || (d.Allowed && d.Basis != c.basis) {
				t.Fatalf("got allowed=%v basis=%q, want basis %q (reason %q)", d.Allowed, d.Basis, c.basis, d.Reason)
			}
			if !d.Allowed && (d.Reason == "" || d.Basis != audit.BasisNone) {
				t.Fatalf("a refusal needs a Dutch reason and basis none, got %+v", d)
			}
		})
	}
}

// TestTaskBasisGivesNothingElse is the property the task basis rests on:
// over every combination of roles, organisations, teams, claimants,
// states and participation, the basis "task" is given only to the
// claimant of a claimed task of their own team and organisation on a case
// it still takes part in, and a support worker never gets a case, a Raad
// decision or anything else through Decide, whatever the context.
func TestTaskBasisGivesNothingElse(t *testing.T) {
	roleSets := [][]schakel.Role{{schakel.RoleSupportWorker}, {schakel.RoleCaseWorker}, {schakel.RoleTeamLead},
		{schakel.RoleSupportWorker, schakel.RoleAdmin}, {schakel.RoleAdmin}, nil}
	statuses := []string{schakel.TaskOpen, schakel.TaskClaimed, schakel.TaskDone, schakel.TaskWithdrawn}
	parts := []access.Participation{access.Participating, access.Exited, access.NotParticipating}
	n := 0
	for _, roles := range roleSets {
		for _, org := range []int64{taskOrg, 20} {
			for _, actorTeam := range []int64{0, taskTeam, 6} {
				for _, claimedBy := range []int64{0, taskHelper, 3} {
					for _, status := range statuses {
						for _, part := range parts {
							for _, act := range access.TaskActs {
								s := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: taskHelper, OrganisationID: org, Roles: roles}
								seat := access.TaskSeat{OrganisationID: taskOrg, TeamID: taskTeam, ActorTeamID: actorTeam, PostedBy: taskPoster,
									ClaimedBy: claimedBy, Status: status, Participation: part}
								d := access.DecideSupportTask(s, act, seat)
								n++
								want := org == taskOrg && actorTeam == taskTeam && claimedBy == taskHelper && status == schakel.TaskClaimed &&
									part == access.Participating && hasRole(roles, schakel.RoleSupportWorker) &&
									(act == access.TaskRead || act == access.TaskHandBack || act == access.TaskFinish)
								if got := d.Allowed && d.Basis == audit.BasisTask; got != want {
									t.Fatalf("roles %v org %d team %d claimed by %d %s %q %s: basis task %v, want %v", roles, org, actorTeam, claimedBy,
										status, part, act, got, want)
								}
							}
						}
					}
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d combinations tried", n)
	}
	worker := supportWorker(taskHelper)
	for _, r := range access.Resources {
		for _, a := range access.Actions {
			for _, c := range []access.Context{{Participation: access.Participating}, {InvitedToCrisis: true},
				{EmergencyReason: "Acuut gevaar voor het kind, ik moet nu weten wat er speelt."}, {Participation: access.Exited}} {
				d := access.Decide(worker, r, a, c)
				if d.Allowed && (r == access.Case || r == access.RaadDecision || r == access.OwnRecord || r == access.AuditTrail ||
					r == access.PersonAccesses || r == access.EventLog || a != access.Read) {
					t.Errorf("a support worker gets %s %s with %+v (basis %s)", a, r, c, d.Basis)
				}
			}
		}
	}
	shaping := access.ShapeTable(worker, access.Table{PlannerIsIntake: false, CaseRegionID: 1})
	if shaping.Allowed {
		t.Errorf("a support worker shapes a crisis table: %+v", shaping)
	}
}

func hasRole(roles []schakel.Role, r schakel.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

func TestDecideTaskPoolAndPost(t *testing.T) {
	lead := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 7, OrganisationID: taskOrg, Roles: []schakel.Role{schakel.RoleTeamLead}}
	worker := access.Subject{Principal: schakel.PrincipalProfessional, ProfessionalID: 8, OrganisationID: taskOrg, Roles: []schakel.Role{schakel.RoleCaseWorker}}
	cases := []struct {
		name string
		got  access.Decision
		want bool
	}{
		{"a support worker of the team sees the pool", access.DecideTaskPool(supportWorker(2), taskOrg, taskTeam, taskTeam), true},
		{"a support worker of another team does not", access.DecideTaskPool(supportWorker(2), taskOrg, taskTeam, 6), false},
		{"a support worker without a team does not", access.DecideTaskPool(supportWorker(2), taskOrg, taskTeam, 0), false},
		{"a team lead of the organisation does", access.DecideTaskPool(lead, taskOrg, taskTeam, 0), true},
		{"a team lead of another organisation does not", access.DecideTaskPool(lead, 20, taskTeam, 0), false},
		{"a case worker does not", access.DecideTaskPool(worker, taskOrg, taskTeam, taskTeam), false},
		{"a case holder in a team posts", access.DecidePostTask(worker, true, true), true},
		{"a case holder without a team does not", access.DecidePostTask(worker, true, false), false},
		{"a worker who does not hold the case does not", access.DecidePostTask(worker, false, true), false},
		{"a team lead posts", access.DecidePostTask(lead, false, true), true},
		{"a support worker never posts", access.DecidePostTask(supportWorker(2), false, true), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.got.Allowed != c.want {
				t.Fatalf("allowed %v, want %v (%s)", c.got.Allowed, c.want, c.got.Reason)
			}
		})
	}
}
