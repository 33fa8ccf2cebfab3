package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
)

// ValidateFinding checks a shared finding: one of the three columns and a text.
func ValidateFinding(column, body string) error {
	var v schakel.Validation
	if !slices.Contains(schakel.FindingColumns, column) {
		v.Add("column", "unknown", "Kies zorgen, wat goed gaat of wat er moet gebeuren.")
	}
	text(&v, "text", body, "Schrijf de bevinding op.")
	return v.Err()
}

// ScaleMin and ScaleMax bound the safety scale.
const (
	ScaleMin = 0
	ScaleMax = 10
)

// ValidateScale checks a safety scale: a value from 0 to 10 and a reason.
func ValidateScale(value *int, why string) error {
	var v schakel.Validation
	switch {
	case value == nil:
		v.Add("value", "required", "Kies een cijfer van 0 tot en met 10.")
	case *value < ScaleMin || *value > ScaleMax:
		v.Add("value", "out_of_range", fmt.Sprintf("Kies een cijfer van 0 tot en met 10. U koos %d.", *value))
	}
	reason(&v, "reason", why, "Schrijf op waarom u dit cijfer geeft.")
	return v.Err()
}

// ConversationInput is a conversation with the family to log.
type ConversationInput struct {
	HeldAt          string  `json:"held_at"` // RFC 3339
	Joint           bool    `json:"joint"`
	ProfessionalIDs []int64 `json:"professional_ids"`
	PersonIDs       []int64 `json:"person_ids"`
	Others          string  `json:"others"`
	Summary         string  `json:"summary"`
}

// ValidateConversation checks a conversation: when (not in the future),
// which professionals (two or more when joint), with whom in the family
// (persons on the case, or others such as network).
func ValidateConversation(in ConversationInput, now time.Time, casePersons map[int64]bool, activePros map[int64]bool) (time.Time, error) {
	var v schakel.Validation
	var at time.Time
	if strings.TrimSpace(in.HeldAt) == "" {
		v.Add("held_at", "required", "Vul in wanneer het gesprek was.")
	} else if t, err := time.Parse(time.RFC3339, strings.TrimSpace(in.HeldAt)); err != nil {
		v.Add("held_at", "format", "Vul een moment in, bijvoorbeeld 2026-11-23T14:30:00+01:00.")
	} else if t.After(now.Add(5 * time.Minute)) {
		v.Add("held_at", "in_future", "Een gesprek legt u vast nadat het is gevoerd.")
	} else {
		at = t.UTC().Truncate(time.Minute)
	}
	if len(in.ProfessionalIDs) == 0 {
		v.Add("professional_ids", "required", "Kies wie het gesprek voerde.")
	}
	for i, id := range in.ProfessionalIDs {
		if !activePros[id] {
			v.Add(fmt.Sprintf("professional_ids[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
		}
	}
	if in.Joint && len(uniq(in.ProfessionalIDs)) < 2 {
		v.Add("joint", "needs_two", "Een gezamenlijk gesprek voert u met minstens twee professionals.")
	}
	if len(in.PersonIDs) == 0 && runes(in.Others) == 0 {
		v.Add("person_ids", "required", "Kies met wie u sprak, of schrijf het op bij 'anderen'.")
	}
	for i, id := range in.PersonIDs {
		if !casePersons[id] {
			v.Add(fmt.Sprintf("person_ids[%d]", i), "not_on_case", "Deze persoon hoort niet bij deze casus.")
		}
	}
	if n := runes(in.Others); n > MaxTitle {
		v.Add("others", "too_long", fmt.Sprintf("Hoogstens %d tekens.", MaxTitle))
	}
	if n := runes(in.Summary); n > MaxText {
		v.Add("summary", "too_long", fmt.Sprintf("Hoogstens %d tekens.", MaxText))
	}
	return at, v.Err()
}

func uniq(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// SameConversation reports whether two logged conversations are the same
// one: the same minute with the same family members. The family tells its
// story once, so it is logged once.
func SameConversation(atA time.Time, personsA []int64, atB time.Time, personsB []int64) bool {
	return atA.Truncate(time.Minute).Equal(atB.Truncate(time.Minute)) && slices.Equal(uniq(personsA), uniq(personsB))
}
