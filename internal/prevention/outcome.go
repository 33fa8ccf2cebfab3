package prevention

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Outcome is what a held review records.
type Outcome struct {
	HeldAt            time.Time
	Outcome           string
	ChosenAlternative string // for no placement and a placement in the network
	Note              string
	NextReview        string // YYYY-MM-DD; required for no placement
	Alternatives      []schakel.ReviewAlternative
	Causes            []string
}

// ValidateOutcome checks a review's outcome: every alternative of the
// checklist answered (considered or not, tried or not, and why it is not the
// answer unless it is the chosen one), a known outcome, a chosen alternative
// and a later review date when the child stays home, known root causes, and
// a held time between the consideration and now.
func ValidateOutcome(r schakel.PlacementReview, o Outcome, now time.Time) error {
	var v schakel.Validation
	if o.HeldAt.IsZero() || o.HeldAt.After(now.Add(time.Minute)) {
		v.Add("held_at", "invalid", "Vul in wanneer de plaatsingstafel is gehouden; dat kan niet in de toekomst liggen.")
	} else if o.HeldAt.Before(r.ConsideredAt.Add(-time.Minute)) {
		v.Add("held_at", "invalid", "De plaatsingstafel kan niet zijn gehouden voordat de uithuisplaatsing werd overwogen.")
	}
	if !slices.Contains(schakel.ReviewOutcomes, o.Outcome) {
		v.Add("outcome", "required", "Kies de uitkomst van de plaatsingstafel.")
	}
	validateAlternatives(&v, o)
	if o.Outcome == schakel.OutcomeNoPlacement || o.Outcome == schakel.OutcomeNetworkPlacement {
		if !slices.Contains(schakel.AlternativeKinds, o.ChosenAlternative) {
			v.Add("chosen_alternative", "required", "Kies welk alternatief het gezin nu krijgt.")
		}
	}
	if o.Outcome == schakel.OutcomeNoPlacement {
		d, err := time.Parse(time.DateOnly, o.NextReview)
		if err != nil || !d.After(o.HeldAt) {
			v.Add("next_review", "required", "Kies een datum waarop u samen kijkt of het alternatief werkt (na vandaag).")
		}
	}
	for i, c := range o.Causes {
		if !slices.Contains(schakel.RootCauses, c) {
			v.Add(field("causes", i), "invalid", "Deze oorzaak kent Schakel niet.")
		}
	}
	textlimit.Check(&v, "note", o.Note, textlimit.Reason)
	return v.Err()
}

func validateAlternatives(v *schakel.Validation, o Outcome) {
	seen := map[string]bool{}
	for i, a := range o.Alternatives {
		f := field("alternatives", i)
		switch {
		case !slices.Contains(schakel.AlternativeKinds, a.Kind):
			v.Add(f+".kind", "invalid", "Dit alternatief staat niet op de lijst.")
		case seen[a.Kind]:
			v.Add(f+".kind", "duplicate", "Dit alternatief staat er twee keer in.")
		case a.Kind != o.ChosenAlternative && strings.TrimSpace(a.WhyNot) == "":
			v.Add(f+".why_not", "required", "Schrijf op waarom dit alternatief niet past, of kies het.")
		default:
			textlimit.Check(v, f+".why_not", a.WhyNot, textlimit.Reason)
		}
		seen[a.Kind] = true
	}
	for _, k := range schakel.AlternativeKinds {
		if !seen[k] {
			v.Add("alternatives", "incomplete", "Bespreek elk alternatief op de lijst: "+AlternativeDutch(k)+" ontbreekt.")
			return
		}
	}
}

func field(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

var alternativeDutch = map[string]string{
	schakel.AltFamilyNetwork:       "Familie en netwerk (grootouders, een gezinshuis)",
	schakel.AltIntensiveHome:       "Intensieve hulp thuis",
	schakel.AltParentCare:          "Eigen hulp voor de ouder (verslaving, psychiatrie)",
	schakel.AltDebtHousing:         "Schulden en wonen",
	schakel.AltSchool:              "School",
	schakel.AltContactArrangements: "Afspraken over contact als het kind toch gaat (samen eten, mee naar school)",
}

// AlternativeDutch returns the checklist line's Dutch name.
func AlternativeDutch(kind string) string { return alternativeDutch[kind] }
