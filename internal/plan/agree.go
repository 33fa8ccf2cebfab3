package plan

import (
	"fmt"
	"slices"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Talkers says who is set to talk with the parents and with the child:
// the owners of actions (not cancelled) for them.
func Talkers(actions []schakel.Action) (parents, child []schakel.Contact) {
	for _, a := range actions {
		if a.Status == schakel.ActionCancelled || a.For == nil || a.OwnerProfessional.ID == 0 {
			continue
		}
		add := func(list []schakel.Contact) []schakel.Contact {
			if slices.ContainsFunc(list, func(c schakel.Contact) bool { return c.ID == a.OwnerProfessional.ID }) {
				return list
			}
			return append(list, a.OwnerProfessional)
		}
		switch *a.For {
		case schakel.ForParents:
			parents = add(parents)
		case schakel.ForChild:
			child = add(child)
		}
	}
	return parents, child
}

// Missing lists what still blocks agreement: "talks_with_parents" and
// "talks_with_child" when nobody is set to talk with them.
func Missing(actions []schakel.Action) []string {
	p, c := Talkers(actions)
	out := []string{}
	if len(p) == 0 {
		out = append(out, "talks_with_parents")
	}
	if len(c) == 0 {
		out = append(out, "talks_with_child")
	}
	return out
}

// AgreeInput is the request to agree a plan.
type AgreeInput struct {
	ConsultationID int64  `json:"consultation_id"`
	ReviewDate     string `json:"review_date"`
	Version        int64  `json:"version"`
	// RegieConsent says who of the organisation with regie agreed, when
	// someone of another organisation records the plan.
	RegieConsent string `json:"regie_consent,omitempty"`
	// DryRun checks everything and writes nothing: the screen's
	// confirmation step shows what would be agreed only when it may be.
	DryRun bool `json:"-"`
}

// AgreeFacts are the case's facts when a plan is agreed.
type AgreeFacts struct {
	Today        Date
	AlreadyAgree bool
	AgreedOn     time.Time
	Actions      []schakel.Action
	// The consultation named in the request: whether it is on this case,
	// and its status.
	ConsultationOnCase bool
	ConsultationStatus string
	// HoldsRegie: the organisation of whoever records the plan holds regie.
	HoldsRegie bool
}

// CheckAgree applies the agree rule: a plan is agreed once, at a
// consultation on the case that was held (its attendance recorded), by the
// organisation with regie or with its recorded consent, with a review date
// after today, and only when someone is set to talk with the parents and
// someone with the child.
func CheckAgree(in AgreeInput, f AgreeFacts) (Date, error) {
	if f.AlreadyAgree {
		return Date{}, schakel.Errorf(schakel.ECONFLICT, "Dit plan is al vastgesteld op %s. Leg een verandering vast met een evaluatie.",
			f.AgreedOn.Format("02-01-2006"))
	}
	var v schakel.Validation
	if in.Version <= 0 {
		v.Add("version", "required", "Geef de versie van de casus mee die u zag, zodat niemands wijziging verloren gaat.")
	}
	switch {
	case in.ConsultationID <= 0:
		v.Add("consultation_id", "required", "Kies het overleg waarin het plan is vastgesteld.")
	case !f.ConsultationOnCase:
		v.Add("consultation_id", "not_on_case", "Dit overleg hoort niet bij deze casus.")
	case f.ConsultationStatus == "cancelled":
		v.Add("consultation_id", "cancelled", "Dit overleg is afgezegd.")
	case f.ConsultationStatus != "held":
		v.Add("consultation_id", "not_held", "Dit overleg is nog niet gehouden. Leg eerst in het overleg vast wie er waren; daarna stelt u het plan vast.")
	}
	switch n := runes(in.RegieConsent); {
	case !f.HoldsRegie && n == 0:
		v.Add("regie_consent", "required", "Alleen de organisatie met de regie stelt het plan vast. Schrijf op wie van die organisatie instemde, of vraag haar het plan vast te stellen.")
	case n > textlimit.Line:
		v.Add("regie_consent", "too_long", fmt.Sprintf("Hoogstens %d tekens.", textlimit.Line))
	}
	review := checkReviewDate(&v, "review_date", in.ReviewDate, f.Today)
	for _, m := range Missing(f.Actions) {
		switch m {
		case "talks_with_parents":
			v.Add(m, "missing", "Niemand is aangewezen om met de ouders te praten. Voeg een actie voor de ouders toe, met een eigenaar.")
		case "talks_with_child":
			v.Add(m, "missing", "Niemand is aangewezen om met het kind te praten. Voeg een actie voor het kind toe, met een eigenaar.")
		}
	}
	return review, v.Err()
}

func checkReviewDate(v *schakel.Validation, field, s string, today Date) Date {
	d, ok := dateField(v, field, s, "Vul de datum van de evaluatie in.", "2027-01-15")
	if !ok {
		return Date{}
	}
	if !today.Before(d) {
		v.Add(field, "not_future", "De evaluatie ligt na vandaag.")
	} else if d.After(today.AddDate(1, 0, 0)) {
		v.Add(field, "too_far", "Evalueer het plan binnen een jaar.")
	}
	return d
}

// ReviewInput is a check-plan-do review of an agreed plan.
type ReviewInput struct {
	ConsultationID int64  `json:"consultation_id,omitempty"`
	Checked        string `json:"checked"`
	Changed        string `json:"changed"`
	Why            string `json:"why"`
	NextReviewDate string `json:"next_review_date"`
	Version        int64  `json:"version,omitempty"`
}

// CheckReview: the plan must be agreed; what was checked, what changed and
// why are written down; the next review lies after today.
func CheckReview(in ReviewInput, agreed bool, today Date) (Date, error) {
	if !agreed {
		return Date{}, schakel.Errorf(schakel.ECONFLICT, "Het plan is nog niet vastgesteld. Stel het eerst vast in een overleg.")
	}
	var v schakel.Validation
	text(&v, "checked", in.Checked, "Schrijf op wat u heeft nagekeken.")
	text(&v, "changed", in.Changed, "Schrijf op wat er verandert (of: niets).")
	text(&v, "why", in.Why, "Schrijf op waarom.")
	d := checkReviewDate(&v, "next_review_date", in.NextReviewDate, today)
	return d, v.Err()
}

func text(v *schakel.Validation, field, s, required string) {
	switch n := runes(s); {
	case n == 0:
		v.Add(field, "required", required)
	case n > MaxText:
		v.Add(field, "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxText, n))
	}
}

func reason(v *schakel.Validation, field, s, what string) {
	switch n := runes(s); {
	case n < MinReason:
		v.Add(field, "required", fmt.Sprintf("%s Minstens %d tekens.", what, MinReason))
	case n > MaxText:
		v.Add(field, "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxText, n))
	}
}
