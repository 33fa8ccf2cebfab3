package schakel

import "time"

// Asking the team along, and quick questions to think along (issue 14,
// item 5). A case worker asks their team "who can join me Thursday at
// 14:00?": the first member to accept takes it. Or they ask a short
// question of a named colleague or of the team, answered in writing.
// Neither opens the case to anyone: the colleague reads the case only if
// they already may.

// The kinds of ask.
const (
	AskJoin     = "join"     // join a conversation: a date, a kind of place
	AskQuestion = "question" // think along: a short written question
)

// The states of an ask. Accepted is a taken join; answered a question
// with its written reply.
const (
	AskOpen      = "open"
	AskAccepted  = "accepted"
	AskAnswered  = "answered"
	AskWithdrawn = "withdrawn"
)

// The kinds of place a conversation is at: a kind, never an address, so
// that the team learns nothing of where the family lives.
const (
	PlaceHome      = "home"
	PlaceOffice    = "office"
	PlaceSchool    = "school"
	PlaceOnline    = "online"
	PlaceElsewhere = "elsewhere"
)

// PlaceKinds lists the kinds of place in the order the form offers them.
var PlaceKinds = []string{PlaceHome, PlaceOffice, PlaceSchool, PlaceOnline, PlaceElsewhere}

var placeKindDutch = map[string]string{
	PlaceHome:      "Bij het gezin thuis",
	PlaceOffice:    "Op kantoor",
	PlaceSchool:    "Op school",
	PlaceOnline:    "Online of telefonisch",
	PlaceElsewhere: "Ergens anders",
}

// PlaceKindDutch names a kind of place.
func PlaceKindDutch(kind string) string { return placeKindDutch[kind] }

var askStatusDutch = map[string]string{AskOpen: "Open", AskAccepted: "Opgepakt", AskAnswered: "Beantwoord", AskWithdrawn: "Ingetrokken"}

// AskStatusDutch names the state of an ask.
func AskStatusDutch(status string) string { return askStatusDutch[status] }

// ColleagueAsk is an ask to the team or to a named colleague. CaseID is 0
// for a viewer who may not read the case: they see what the asker wrote,
// nothing more.
type ColleagueAsk struct {
	ID         int64      `json:"id"`
	CaseID     int64      `json:"case_id"`
	Kind       string     `json:"kind"`
	From       Contact    `json:"from"`
	TeamID     int64      `json:"team_id,omitempty"`
	TeamName   string     `json:"team_name,omitempty"`
	To         *Contact   `json:"to,omitempty"`
	At         *time.Time `json:"at,omitempty"`
	PlaceKind  string     `json:"place_kind,omitempty"`
	Message    string     `json:"message"`
	Status     string     `json:"status"`
	TakenBy    *Contact   `json:"taken_by,omitempty"`
	Answer     string     `json:"answer,omitempty"`
	AnsweredAt *time.Time `json:"answered_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	// OrganisationID is the asker's organisation (a team's too).
	OrganisationID int64 `json:"organisation_id"`
}
