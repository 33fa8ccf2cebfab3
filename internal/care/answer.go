package care

import (
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Answer is a provider's answer: how and from when it can help, or that it
// has no room now and when it expects some.
type Answer struct {
	Approach      string
	EarliestStart string // YYYY-MM-DD
	Conditions    string
	NoCapacity    bool
	ExpectedRoom  string // YYYY-MM-DD
}

// ValidateAnswer refuses an answer without an approach and a start date
// (or, with no capacity, without the date room is expected), or a date in
// the past (today, in Amsterdam, is today).
func ValidateAnswer(a Answer, today string) error {
	var v schakel.Validation
	date := func(name, s, msg string) {
		d, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
		switch {
		case err != nil:
			v.Add(name, "required", msg)
		case d.Format(time.DateOnly) < today:
			v.Add(name, "in_the_past", "Deze datum is al voorbij. Kies vandaag of later.")
		}
	}
	if a.NoCapacity {
		date("expected_room", a.ExpectedRoom, "Geen plek nu: vul in vanaf wanneer u verwacht weer plek te hebben.")
	} else {
		if strings.TrimSpace(a.Approach) == "" {
			v.Add("approach", "required", "Beschrijf in gewone woorden hoe u het gezin zou helpen.")
		}
		date("earliest_start", a.EarliestStart, "Vul in wanneer u op zijn vroegst kunt beginnen.")
	}
	textlimit.Check(&v, "approach", a.Approach, textlimit.Text)
	textlimit.Check(&v, "conditions", a.Conditions, textlimit.Reason)
	return v.Err()
}

// ValidateChoice refuses choosing a provider that did not answer, or that
// answered it has no capacity.
func ValidateChoice(answers []schakel.CareAnswer, orgID int64) error {
	i := slices.IndexFunc(answers, func(a schakel.CareAnswer) bool { return a.Organisation.ID == orgID })
	var v schakel.Validation
	switch {
	case i < 0:
		v.Add("organisation_id", "not_answered", "Deze aanbieder heeft niet geantwoord. Kies een aanbieder die kan helpen.")
	case answers[i].NoCapacity:
		v.Add("organisation_id", "no_capacity", "Deze aanbieder heeft nu geen plek. Kies een aanbieder die kan helpen.")
	}
	return v.Err()
}

// ValidateProfile refuses a profile with an unknown category or a start
// date that is not a date.
func ValidateProfile(p schakel.ProviderProfile) error {
	var v schakel.Validation
	if len(p.Categories) == 0 {
		v.Add("categories", "required", "Kies minstens één behoefte waar u bij helpt.")
	}
	for _, c := range p.Categories {
		if !c.Valid() {
			v.Add("categories", "invalid", "Deze behoefte staat niet op de lijst: "+string(c)+".")
		}
	}
	for c, d := range p.EarliestStart {
		if _, err := time.Parse(time.DateOnly, d); err != nil || !slices.Contains(p.Categories, c) {
			v.Add("earliest_start", "invalid", "Vul per behoefte waar u bij helpt een datum in (JJJJ-MM-DD).")
			break
		}
	}
	for _, list := range [][]string{p.Municipalities, p.Languages, p.ContractedBy} {
		for _, s := range list {
			textlimit.Check(&v, "municipalities", s, textlimit.Name)
		}
	}
	return v.Err()
}
