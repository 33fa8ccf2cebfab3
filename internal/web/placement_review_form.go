package web

// The outcome form of a placement-prevention review: the checklist has a
// row per alternative, named after its kind, so that an error of
// alternatives[i] lands next to its row.

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/prevention"
	"schakel/internal/workdays"
)

// alternativeRow is one line of the checklist form.
type alternativeRow struct {
	Kind, Label       string
	Considered, Tried uiField
	WhyNot            uiField
}

func alternativeRows(f *pform) []alternativeRow {
	var out []alternativeRow
	for _, k := range schakel.AlternativeKinds {
		row := alternativeRow{Kind: k, Label: prevention.AlternativeDutch(k),
			Considered: formField(f, "outcome", "considered_"+k, "Besproken", "checkbox"),
			Tried:      formField(f, "outcome", "tried_"+k, "Al geprobeerd", "checkbox"),
			WhyNot: formField(f, "outcome", "why_not_"+k, "Waarom past dit niet?", "textarea", "max", "reason", "rows", 2,
				"hint", "Laat leeg als u dit alternatief kiest."),
		}
		out = append(out, row)
	}
	return out
}

func outcomeFromForm(v url.Values) prevention.Outcome {
	o := prevention.Outcome{Outcome: v.Get("outcome"), ChosenAlternative: v.Get("chosen_alternative"),
		Note: v.Get("note"), NextReview: strings.TrimSpace(v.Get("next_review")), Causes: v["causes"]}
	if t, err := time.ParseInLocation(localLayout, strings.TrimSpace(v.Get("held_at")), workdays.Location()); err == nil {
		o.HeldAt = t
	}
	for _, k := range schakel.AlternativeKinds {
		o.Alternatives = append(o.Alternatives, schakel.ReviewAlternative{Kind: k,
			Considered: v.Get("considered_"+k) != "", Tried: v.Get("tried_"+k) != "", WhyNot: v.Get("why_not_" + k)})
	}
	return o
}

var alternativeField = regexp.MustCompile(`^alternatives\[(\d+)\]\.(why_not|kind)$`)

// perAlternative renames the rule's alternatives[i].why_not to the form's
// why_not_<kind> (the form posts the checklist in AlternativeKinds order).
func perAlternative(err error) error {
	se, ok := err.(*schakel.Error)
	if !ok {
		return err
	}
	out := *se
	out.Fields = nil
	for _, fe := range se.Fields {
		if m := alternativeField.FindStringSubmatch(fe.Field); m != nil {
			if i, err := strconv.Atoi(m[1]); err == nil && i < len(schakel.AlternativeKinds) {
				fe.Field = "why_not_" + schakel.AlternativeKinds[i]
			}
		}
		out.Fields = append(out.Fields, fe)
	}
	return &out
}

var outcomeNL = map[string]string{
	schakel.OutcomeNoPlacement:          "Geen uithuisplaatsing: het kind blijft thuis met het gekozen alternatief",
	schakel.OutcomeNetworkPlacement:     "Plaatsing in het netwerk (familie, bekenden)",
	schakel.OutcomePlacementWithContact: "Uithuisplaatsing met afspraken over contact",
	schakel.OutcomePlacement:            "Uithuisplaatsing",
}

var causeNL = map[string]string{
	schakel.CauseHousing:      "Wonen",
	schakel.CauseDebts:        "Schulden",
	schakel.CauseWaitingList:  "Wachtlijst voor hulp",
	schakel.CauseAddiction:    "Verslaving van een ouder",
	schakel.CauseIntellectual: "Licht verstandelijke beperking",
	schakel.CauseDomestic:     "Huiselijk geweld",
	schakel.CauseNoNetwork:    "Geen netwerk",
}

func reviewOutcomeNL(o string) string { return outcomeNL[o] }
func rootCauseNL(c string) string     { return causeNL[c] }

func outcomeOptions() []uiOption {
	var out []uiOption
	for _, o := range schakel.ReviewOutcomes {
		out = append(out, uiOption{Value: o, Label: outcomeNL[o]})
	}
	return out
}

func causeOptions() []uiOption {
	var out []uiOption
	for _, c := range schakel.RootCauses {
		out = append(out, uiOption{Value: c, Label: causeNL[c]})
	}
	return out
}

func alternativeOptions() []uiOption {
	out := []uiOption{{Value: "", Label: "Kies een alternatief"}}
	for _, k := range schakel.AlternativeKinds {
		out = append(out, uiOption{Value: k, Label: prevention.AlternativeDutch(k)})
	}
	return out
}
