package schakel

import "time"

// Support work on request (issue 14, item 4): a case holder posts a task
// for the support workers of their team; one claims it, does it and marks
// it done with the hours it saved the case holder.

// The kinds of support task.
const (
	TaskHomeVisit     = "home_visit"     // accompany a home visit
	TaskDocuments     = "documents"      // arrange documents
	TaskReportPart    = "report_part"    // draft part of a report
	TaskTransport     = "transport"      // transport
	TaskSchoolMeeting = "school_meeting" // a meeting at school
)

// TaskKinds lists every kind in the order the screens offer them.
var TaskKinds = []string{TaskHomeVisit, TaskDocuments, TaskReportPart, TaskTransport, TaskSchoolMeeting}

var taskKindDutch = map[string]string{
	TaskHomeVisit:     "Mee op huisbezoek",
	TaskDocuments:     "Papieren regelen",
	TaskReportPart:    "Deel van een rapport schrijven",
	TaskTransport:     "Vervoer",
	TaskSchoolMeeting: "Gesprek op school",
}

// TaskKindDutch names a kind of task.
func TaskKindDutch(kind string) string { return taskKindDutch[kind] }

// TaskNeedsAddress reports whether a kind of task may carry the family's
// address: only going to the family (a home visit, transport) needs it.
func TaskNeedsAddress(kind string) bool { return kind == TaskHomeVisit || kind == TaskTransport }

// The states of a support task. A task handed back is open again.
const (
	TaskOpen      = "open"
	TaskClaimed   = "claimed"
	TaskDone      = "done"
	TaskWithdrawn = "withdrawn"
)

var taskStatusDutch = map[string]string{TaskOpen: "Open", TaskClaimed: "Opgepakt", TaskDone: "Klaar", TaskWithdrawn: "Ingetrokken"}

// TaskStatusDutch names a task's state.
func TaskStatusDutch(status string) string { return taskStatusDutch[status] }

// SupportTask is a task as its poster and the team's pool see it: what,
// when, by whom. It holds nothing of the case but its number; the brief
// and the address are in TaskView, for the claimant and the poster only.
type SupportTask struct {
	ID             int64      `json:"id"`
	CaseID         int64      `json:"case_id"`
	TeamID         int64      `json:"team_id"`
	OrganisationID int64      `json:"organisation_id"`
	Kind           string     `json:"kind"`
	DueOn          time.Time  `json:"due_on"`
	Status         string     `json:"status"`
	PostedBy       Contact    `json:"posted_by"`
	ClaimedBy      *Contact   `json:"claimed_by,omitempty"`
	ShareAddress   bool       `json:"share_address"`
	HoursSaved     *float64   `json:"hours_saved,omitempty"`
	HandedBack     int        `json:"handed_back"` // how often a claimant handed it back
	CreatedAt      time.Time  `json:"created_at"`
	DoneAt         *time.Time `json:"done_at,omitempty"`
}

// TaskView is everything a claimant may read of the case for a task: the
// task, what the case holder wrote the helper needs to know, and the
// family's address when the case holder chose to give it (home visit or
// transport only). Nothing else of the case: no names of children, no
// reports, ratings, plans or crisis table.
type TaskView struct {
	Task    SupportTask `json:"task"`
	Brief   string      `json:"brief"`
	Address *TaskPlace  `json:"address,omitempty"`
}

// TaskPlace is where the family lives, for a home visit or transport.
type TaskPlace struct {
	Address      string `json:"address"`
	Postcode     string `json:"postcode"`
	Municipality string `json:"municipality"`
}
