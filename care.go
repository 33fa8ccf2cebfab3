package schakel

import "time"

// NeedCategory is a kind of help a family needs, in the words of needs,
// not of products (issue 15): providers say which they help with.
type NeedCategory string

// The default need categories of a region.
const (
	NeedSafetyAtHome   NeedCategory = "safety_at_home"
	NeedParenting      NeedCategory = "parenting_support"
	NeedTrauma         NeedCategory = "trauma"
	NeedParentAddicted NeedCategory = "parent_addiction"
	NeedIntellectual   NeedCategory = "mild_intellectual_disability"
	NeedDebts          NeedCategory = "debts"
	NeedHousing        NeedCategory = "housing"
	NeedSchool         NeedCategory = "school"
	NeedFamilyNetwork  NeedCategory = "family_network"
)

// NeedCategories lists them in a stable order.
var NeedCategories = []NeedCategory{NeedSafetyAtHome, NeedParenting, NeedTrauma, NeedParentAddicted, NeedIntellectual,
	NeedDebts, NeedHousing, NeedSchool, NeedFamilyNetwork}

var needCategoryDutch = map[NeedCategory]string{
	NeedSafetyAtHome:   "Veiligheid thuis",
	NeedParenting:      "Steun bij opvoeden",
	NeedTrauma:         "Trauma",
	NeedParentAddicted: "Verslaving van een ouder",
	NeedIntellectual:   "Licht verstandelijke beperking",
	NeedDebts:          "Schulden",
	NeedHousing:        "Wonen",
	NeedSchool:         "School",
	NeedFamilyNetwork:  "Familie en netwerk",
}

// Valid reports whether c is a known need category.
func (c NeedCategory) Valid() bool { _, ok := needCategoryDutch[c]; return ok }

// Dutch returns the category's name for screens.
func (c NeedCategory) Dutch() string { return needCategoryDutch[c] }

// ProviderProfile is what a provider of help offers (issue 15, item 1).
type ProviderProfile struct {
	Organisation   OrganisationRef         `json:"organisation"`
	Categories     []NeedCategory          `json:"categories"`
	Municipalities []string                `json:"municipalities"` // where it helps
	Languages      []string                `json:"languages"`
	ContractedBy   []string                `json:"contracted_by"`  // municipalities that contract it
	EarliestStart  map[NeedCategory]string `json:"earliest_start"` // YYYY-MM-DD per category
	UpdatedAt      time.Time               `json:"updated_at"`
}

// Care request urgencies.
const (
	UrgencyDays  = "days"
	UrgencyWeeks = "weeks"
)

// CareNeed is one need of a request: a category and what it means here.
type CareNeed struct {
	Category NeedCategory `json:"category"`
	Text     string       `json:"text"`
}

// CareRequest is a request for care by need (issue 15, item 2).
type CareRequest struct {
	ID          int64      `json:"id"`
	CaseID      int64      `json:"case_id"`
	CreatedBy   Contact    `json:"created_by"`
	CreatedAt   time.Time  `json:"created_at"`
	Needs       []CareNeed `json:"needs"`
	Urgency     string     `json:"urgency"`
	Wants       string     `json:"wants"`
	DoesNotWant string     `json:"does_not_want"`
	Place       string     `json:"place"`
	Language    string     `json:"language"`
	Times       string     `json:"times"`
	Deadline    time.Time  `json:"deadline"`
	Status      string     `json:"status"` // open, chosen, cancelled
	Chosen      *int64     `json:"chosen_organisation_id"`
	ChosenAt    *time.Time `json:"chosen_at"`
	// StartedAt and EndedAt are the days the chosen provider recorded the
	// care started (as JW305) and ended (as JW307), with why it ended.
	StartedAt *time.Time        `json:"started_at"`
	EndedAt   *time.Time        `json:"ended_at"`
	EndReason string            `json:"end_reason"`
	Answers   []CareAnswer      `json:"answers"`
	Asked     []OrganisationRef `json:"asked"`
}

// CareAnswer is a provider's answer to a request.
type CareAnswer struct {
	Organisation  OrganisationRef `json:"organisation"`
	By            Contact         `json:"by"`
	AnsweredAt    time.Time       `json:"answered_at"`
	Approach      string          `json:"approach"`
	EarliestStart string          `json:"earliest_start"` // YYYY-MM-DD
	Conditions    string          `json:"conditions"`
	NoCapacity    bool            `json:"no_capacity"`
	ExpectedRoom  string          `json:"expected_room"` // YYYY-MM-DD, with no capacity
	Late          bool            `json:"late"`
}

// CareExtract is all a provider sees of a request before it is chosen:
// no names, no case, no address (issue 15, item 2).
type CareExtract struct {
	RequestID    int64      `json:"request_id"`
	AgeBands     []string   `json:"age_bands"`
	Municipality string     `json:"municipality"`
	Needs        []CareNeed `json:"needs"`
	Urgency      string     `json:"urgency"`
	Wants        string     `json:"wants"`
	DoesNotWant  string     `json:"does_not_want"`
	Place        string     `json:"place"`
	Language     string     `json:"language"`
	Times        string     `json:"times"`
	Deadline     time.Time  `json:"deadline"`
	Status       string     `json:"status"`
	Answered     bool       `json:"answered"`
}

// CareAnswerCount is how a provider answers the requests that reach it:
// how many reached it, how many it answered (late ones among them), and
// of the open ones it has not answered how many are still within their
// deadline and how many are past it (issue 15, item 3).
type CareAnswerCount struct {
	Organisation OrganisationRef `json:"organisation"`
	Asked        int             `json:"asked"`
	Answered     int             `json:"answered"`
	Late         int             `json:"late"`
	Waiting      int             `json:"waiting"`
	Overdue      int             `json:"overdue"`
}
