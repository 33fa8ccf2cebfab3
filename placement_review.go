package schakel

import "time"

// NetworkExpertise is what a member of the placement-prevention network
// ("pitbulls", seed 004) brings to a review. The list is the network's own,
// broader than the crisis table's expertises: a review looks at the whole
// family's life, not only at safety.
type NetworkExpertise string

// The network's expertises.
const (
	NetAddiction     NetworkExpertise = "addiction"
	NetPsychiatry    NetworkExpertise = "psychiatry"
	NetIntellectual  NetworkExpertise = "intellectual_disability"
	NetDebt          NetworkExpertise = "debt"
	NetHousing       NetworkExpertise = "housing"
	NetTrauma        NetworkExpertise = "trauma"
	NetFamilyNetwork NetworkExpertise = "family_network"
	NetSchool        NetworkExpertise = "school"
)

// NetworkExpertises lists them in a stable order, with their Dutch names.
var NetworkExpertises = []NetworkExpertise{
	NetAddiction, NetPsychiatry, NetIntellectual, NetDebt, NetHousing, NetTrauma, NetFamilyNetwork, NetSchool,
}

var networkExpertiseDutch = map[NetworkExpertise]string{
	NetAddiction:     "Verslaving",
	NetPsychiatry:    "Psychiatrie",
	NetIntellectual:  "Licht verstandelijke beperking",
	NetDebt:          "Schulden",
	NetHousing:       "Wonen",
	NetTrauma:        "Trauma",
	NetFamilyNetwork: "Familie en netwerk",
	NetSchool:        "School",
}

// Valid reports whether e is a known network expertise.
func (e NetworkExpertise) Valid() bool { _, ok := networkExpertiseDutch[e]; return ok }

// Dutch returns the expertise's name for screens.
func (e NetworkExpertise) Dutch() string { return networkExpertiseDutch[e] }

// NetworkMember is a professional in the region's placement-prevention
// network, with how often they sat on a review panel.
type NetworkMember struct {
	Professional Contact            `json:"professional"`
	Organisation OrganisationRef    `json:"organisation"`
	Expertises   []NetworkExpertise `json:"expertises"`
	Since        time.Time          `json:"since"`
	Reviews      int                `json:"reviews"`
}

// Alternative kinds: the checklist every review goes through, one by one
// (issue 16, item 4).
const (
	AltFamilyNetwork       = "family_network"       // grandparents, a gezinshuis, the family's own network
	AltIntensiveHome       = "intensive_home_help"  // intensive help at home
	AltParentCare          = "parent_care"          // the parent's own care: addiction, psychiatry
	AltDebtHousing         = "debt_and_housing"     // debts and housing
	AltSchool              = "school"               // school
	AltContactArrangements = "contact_arrangements" // if the child does go: eating with the parents, the school meeting
)

// AlternativeKinds lists the checklist in the order the review walks it.
var AlternativeKinds = []string{
	AltFamilyNetwork, AltIntensiveHome, AltParentCare, AltDebtHousing, AltSchool, AltContactArrangements,
}

// Review outcomes.
const (
	OutcomeNoPlacement          = "no_placement"           // no placement, with the chosen alternative and a review date
	OutcomeNetworkPlacement     = "network_placement"      // placement in the family's network
	OutcomePlacementWithContact = "placement_with_contact" // placement with contact arrangements
	OutcomePlacement            = "placement"              // placement
)

// ReviewOutcomes lists the outcomes in a stable order.
var ReviewOutcomes = []string{OutcomeNoPlacement, OutcomeNetworkPlacement, OutcomePlacementWithContact, OutcomePlacement}

// Root causes a review tags, for the region's pattern report ("wat had dit
// eerder voorkomen?").
const (
	CauseHousing      = "housing"
	CauseDebts        = "debts"
	CauseWaitingList  = "waiting_list"
	CauseAddiction    = "parent_addiction"
	CauseIntellectual = "intellectual_disability"
	CauseDomestic     = "domestic_violence"
	CauseNoNetwork    = "no_network"
)

// RootCauses lists them in a stable order.
var RootCauses = []string{CauseHousing, CauseDebts, CauseWaitingList, CauseAddiction, CauseIntellectual, CauseDomestic, CauseNoNetwork}

// ReviewAlternative is one line of the checklist: was it considered, was it
// tried, and why it is not the answer.
type ReviewAlternative struct {
	Kind       string `json:"kind"`
	Considered bool   `json:"considered"`
	Tried      bool   `json:"tried"`
	WhyNot     string `json:"why_not"`
}

// PanelMember is a network member on one review's panel, with the end of
// their access to the review's extract.
type PanelMember struct {
	Professional Contact            `json:"professional"`
	Organisation OrganisationRef    `json:"organisation"`
	Expertises   []NetworkExpertise `json:"expertises"`
	AccessUntil  *time.Time         `json:"access_until"` // nil while the review is open
}

// PlacementReview is the placement-prevention review a considered
// placement opens: due within five working days, held before any request to
// the court (except in an emergency, when it follows).
type PlacementReview struct {
	ID                int64               `json:"id"`
	CaseID            int64               `json:"case_id"`
	ConsideredAt      time.Time           `json:"considered_at"`
	ConsideredBy      Contact             `json:"considered_by"`
	Reason            string              `json:"reason"`
	Emergency         bool                `json:"emergency"`
	DueAt             time.Time           `json:"due_at"`
	HeldAt            *time.Time          `json:"held_at"`
	Outcome           string              `json:"outcome"` // empty while open
	ChosenAlternative string              `json:"chosen_alternative"`
	OutcomeNote       string              `json:"outcome_note"`
	NextReview        string              `json:"next_review"` // YYYY-MM-DD; for no placement
	Panel             []PanelMember       `json:"panel"`
	Alternatives      []ReviewAlternative `json:"alternatives"`
	Causes            []string            `json:"causes"`
	MissingExpertise  []NetworkExpertise  `json:"missing_expertise"`
}

// Held reports whether the review's outcome is recorded.
func (r PlacementReview) Held() bool { return r.HeldAt != nil }
