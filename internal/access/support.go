package access

import (
	"schakel"
	"schakel/internal/audit"
)

// This file decides support work on request (issue 14, item 4). A
// support worker has no case role: Decide never gives them a case. What
// they may read is one task they claimed, while it runs, under the basis
// "task"; the task view holds only what the case holder wrote for it.

// TaskAct is what is done with a support task.
type TaskAct string

// The acts on a support task.
const (
	TaskRead     TaskAct = "read"      // read the task view
	TaskClaim    TaskAct = "claim"     // take an open task of the team
	TaskHandBack TaskAct = "hand_back" // give a claimed task back to the pool
	TaskFinish   TaskAct = "done"      // mark a claimed task done
	TaskWithdraw TaskAct = "withdraw"  // the poster takes the task back
)

// TaskActs lists every act, for the tests.
var TaskActs = []TaskAct{TaskRead, TaskClaim, TaskHandBack, TaskFinish, TaskWithdraw}

// TaskSeat is what DecideSupportTask needs to know about a task and the
// actor's place near it.
type TaskSeat struct {
	OrganisationID int64  // the organisation of the task's team
	TeamID         int64  // the task's team
	ActorTeamID    int64  // the team the actor is a member of; 0 for none
	PostedBy       int64  // the case holder who posted it
	ClaimedBy      int64  // the support worker who claimed it; 0 while open
	Status         string // schakel.TaskOpen, TaskClaimed, TaskDone, TaskWithdrawn
	// Participation is the state of the task's organisation on the case:
	// when it exits, every task on the case ends with it.
	Participation Participation
}

// DecideSupportTask decides an act on a support task. The poster reads
// their own task and may withdraw it while it runs (basis self). A
// support worker of the task's team claims an open task (basis role);
// the claimant reads it, hands it back or marks it done while it is
// claimed (basis task). Nobody else, and nothing once it is done,
// withdrawn or handed back.
func DecideSupportTask(s Subject, act TaskAct, t TaskSeat) Decision {
	running := t.Status == schakel.TaskOpen || t.Status == schakel.TaskClaimed
	switch {
	case !professional(s) || s.ProfessionalID == 0:
		return refuse("Alleen professionals werken met ondersteuningstaken.")
	case s.OrganisationID == 0 || s.OrganisationID != t.OrganisationID:
		return refuse("Deze taak hoort bij een andere organisatie.")
	case t.Participation != Participating:
		return refuse("Uw organisatie werkt niet (meer) mee aan deze casus. De taak is afgelopen.")
	}
	if s.ProfessionalID == t.PostedBy {
		switch {
		case act == TaskRead:
			return allow(audit.BasisSelf)
		case act == TaskWithdraw && running:
			return allow(audit.BasisSelf)
		case act == TaskWithdraw:
			return refuse("Deze taak is al klaar of ingetrokken.")
		}
		return refuse("U kunt uw eigen taak niet zelf oppakken of afronden.")
	}
	switch {
	case !s.hasAny(schakel.RoleSupportWorker):
		return refuse("Alleen ondersteuners van het team pakken taken op.")
	case t.ActorTeamID == 0 || t.ActorTeamID != t.TeamID:
		return refuse("Deze taak is voor een ander team.")
	case act == TaskClaim && t.Status == schakel.TaskOpen:
		return allow(audit.BasisRole)
	case act == TaskClaim:
		return refuse("Deze taak is al opgepakt of afgelopen.")
	case t.ClaimedBy != s.ProfessionalID:
		return refuse("U heeft deze taak niet opgepakt.")
	case t.Status != schakel.TaskClaimed:
		return refuse("Deze taak is klaar of teruggegeven. U kunt hem niet meer inzien.")
	case act == TaskRead || act == TaskHandBack || act == TaskFinish:
		return allow(audit.BasisTask)
	}
	return refuse("Alleen wie de taak plaatste, trekt hem in.")
}

// DecideTaskPool decides who sees a team's open support tasks (kind, due
// date, case holder; no case content): the team's support workers and
// the team leads of its organisation.
func DecideTaskPool(s Subject, orgID, teamID, actorTeamID int64) Decision {
	switch {
	case !professional(s) || s.ProfessionalID == 0:
		return refuse("Alleen professionals zien de taken van een team.")
	case s.OrganisationID == 0 || s.OrganisationID != orgID:
		return refuse("Dit team hoort bij een andere organisatie.")
	case s.hasAny(schakel.RoleTeamLead):
		return allow(audit.BasisRole)
	case s.hasAny(schakel.RoleSupportWorker) && actorTeamID != 0 && actorTeamID == teamID:
		return allow(audit.BasisRole)
	}
	return refuse("Alleen ondersteuners van dit team en teamleiders zien de open taken.")
}

// DecidePostTask decides who may post a support task on a case, after
// Decide let them write on it: a case holder of the case at their own
// organisation, or a team lead of that organisation, who is in a team.
func DecidePostTask(s Subject, holdsCase, inTeam bool) Decision {
	switch {
	case !professional(s) || s.ProfessionalID == 0:
		return refuse("Alleen professionals vragen ondersteuning.")
	case !holdsCase && !s.hasAny(schakel.RoleTeamLead):
		return refuse("Alleen de casushouder van uw organisatie of een teamleider vraagt ondersteuning op deze casus.")
	case !inTeam:
		return refuse("U zit niet in een team. Vraag uw teamleider u aan een team toe te voegen.")
	}
	return allow(audit.BasisParticipation)
}
