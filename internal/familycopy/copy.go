package familycopy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/plan"
)

// Mark kinds: "niet delen met" a person, and "contains the whereabouts of"
// a person (where someone sleeps, lives or stays).
const (
	MarkWithhold    = "withhold"
	MarkWhereabouts = "whereabouts"
)

// Mark is one mark on an action about one family member.
type Mark struct {
	ID       int64             `json:"id"`
	ActionID int64             `json:"action_id"`
	Person   schakel.PersonRef `json:"person"`
	Kind     string            `json:"kind"`
	By       schakel.Contact   `json:"by"`
	// OrganisationID is the organisation of who placed the mark: it and
	// the organisation with regie may change or remove it (MayChange).
	OrganisationID int64     `json:"organisation_id"`
	At             time.Time `json:"created_at"`
}

// MayChange decides who may change or remove a mark: the organisation
// that placed it (it knows why it is there) or the organisation with
// regie on the case (it answers for what the family is given). Nobody
// else: a mark keeps someone safe, so another organisation asks one of
// these two.
func MayChange(placedBy, regie, actorOrg int64) bool {
	return actorOrg != 0 && (actorOrg == placedBy || actorOrg == regie)
}

// ValidKind reports whether k is a mark kind.
func ValidKind(k string) bool { return k == MarkWithhold || k == MarkWhereabouts }

// violenceSignals are the concerns and indicators that make a case one of
// domestic (or honour-related) violence between the adults.
var violenceSignals = []string{"domestic_violence", "honour_related_violence", "witnessed_domestic_violence", "honour_related_threat"}

// Violent reports whether any report on the case names violence between
// the adults. In such a case every parent is treated as a possible
// perpetrator: the intake does not record who is, and a copy made per
// parent is never less safe than one copy for both.
func Violent(c schakel.Case) bool {
	for _, r := range c.Reports {
		for _, s := range violenceSignals {
			if slices.Contains(r.Concerns, s) || slices.Contains(r.Indicators, s) {
				return true
			}
		}
	}
	return false
}

// Recipient returns the adult of the case the copy is for; ok false when
// personID is not an adult of the case.
func Recipient(c schakel.Case, personID int64) (schakel.Person, bool) {
	for _, p := range c.Persons {
		if p.ID == personID && p.Kind == "adult" {
			return p, true
		}
	}
	return schakel.Person{}, false
}

// Shown decides whether an action may be in the copy for recipient (0: one
// copy for every parent, only outside violent cases). An action marked
// "niet delen met" the recipient is left out; so is one with the
// whereabouts of anyone but the recipient, and, in a violent case, any
// with a child's whereabouts. The shared copy leaves out every marked
// action.
func Shown(a schakel.Action, marks []Mark, recipient int64, violent bool, children map[int64]bool) bool {
	for _, m := range marks {
		if m.ActionID != a.ID {
			continue
		}
		switch {
		case recipient == 0:
			return false
		case m.Kind == MarkWithhold && m.Person.ID == recipient:
			return false
		case m.Kind == MarkWhereabouts && (m.Person.ID != recipient || (violent && children[m.Person.ID])):
			return false
		}
	}
	return true
}

// Copy is the family copy for one recipient, with what a professional
// needs to know before giving it.
type Copy struct {
	Recipient   *schakel.PersonRef  `json:"recipient"` // nil: one copy for every parent
	PerParent   bool                `json:"per_parent"`
	Summary     plan.FamilySummary  `json:"summary"`
	LeftOut     int                 `json:"left_out"`            // actions left out for this recipient by a mark
	WithoutText int                 `json:"without_family_text"` // actions left out because nobody wrote their family text yet
	Digest      string              `json:"digest"`
	Confirmed   bool                `json:"confirmed"`
	ConfirmedBy *schakel.Contact    `json:"confirmed_by,omitempty"`
	ConfirmedAt *time.Time          `json:"confirmed_at,omitempty"`
	Recipients  []schakel.PersonRef `json:"recipients"` // the adults a copy can be made for
}

// Build makes the family copy of a case's plan for recipient (0: one copy
// for every parent). It uses only family texts, never the professional's
// title. A violent case needs a recipient; a recipient must be an adult of
// the case. Build refuses a copy in which a left-out action's text still
// appears (through another action): the mark is not honoured until that
// action is marked too.
func Build(c schakel.Case, w schakel.Workspace, marks []Mark, recipient int64, now time.Time, loc *time.Location) (Copy, error) {
	cp := Copy{PerParent: Violent(c), Recipients: []schakel.PersonRef{}}
	children := map[int64]bool{}
	for _, p := range c.Persons {
		children[p.ID] = p.Kind == "child"
		if p.Kind == "adult" {
			cp.Recipients = append(cp.Recipients, schakel.PersonRef{ID: p.ID, Name: strings.TrimSpace(p.GivenNames + " " + p.FamilyName), Kind: p.Kind})
		}
	}
	if recipient == 0 && cp.PerParent {
		return cp, &schakel.Error{Code: schakel.ECONFLICT, Message: "In dit gezin is sprake van huiselijk geweld. Maak de kopie per ouder: kies voor wie de kopie is.",
			Fields: []schakel.FieldError{{Field: "person", Code: "required", Message: "Kies de ouder voor wie deze kopie is."}}}
	}
	if recipient != 0 {
		p, ok := Recipient(c, recipient)
		if !ok {
			return cp, &schakel.Error{Code: schakel.EINVALID, Message: "Deze persoon hoort niet als volwassene bij deze casus.",
				Fields: []schakel.FieldError{{Field: "person", Code: "unknown", Message: "Kies een ouder of verzorger van dit gezin."}}}
		}
		cp.Recipient = &schakel.PersonRef{ID: p.ID, Name: strings.TrimSpace(p.GivenNames + " " + p.FamilyName), Kind: p.Kind}
	}
	shown := w
	shown.Plan.Actions = nil
	var hidden []schakel.Action
	for _, a := range w.Plan.Actions {
		switch {
		case !Shown(a, marks, recipient, cp.PerParent, children):
			cp.LeftOut++
			hidden = append(hidden, a)
		case strings.TrimSpace(a.FamilyText) == "":
			if a.Status != schakel.ActionCancelled {
				cp.WithoutText++
			}
		default:
			a.Title = a.FamilyText
			shown.Plan.Actions = append(shown.Plan.Actions, a)
		}
	}
	cp.Summary = plan.FamilySummaryOf(c, shown, now, loc)
	if err := honoured(cp.Summary, hidden); err != nil {
		return cp, err
	}
	cp.Digest = digest(recipient, cp.Summary, marks)
	return cp, nil
}

// honoured refuses a copy in which the text of a left-out action still
// appears, through another action that says the same.
func honoured(s plan.FamilySummary, hidden []schakel.Action) error {
	body, err := json.Marshal(s)
	if err != nil {
		return err
	}
	text := strings.ToLower(string(body))
	for _, a := range hidden {
		for _, t := range []string{a.FamilyText, a.Title} {
			t = strings.ToLower(strings.TrimSpace(t))
			if len([]rune(t)) >= 10 && strings.Contains(text, jsonText(t)) {
				return schakel.Errorf(schakel.ECONFLICT, "Deze kopie bevat nog tekst van een afspraak die niet gedeeld mag worden (%q). Markeer ook de andere afspraak met die tekst, of pas de tekst voor het gezin aan.", a.FamilyText)
			}
		}
	}
	return nil
}

// jsonText is t as it appears inside a JSON string.
func jsonText(t string) string {
	b, err := json.Marshal(t)
	if err != nil {
		return t
	}
	return string(b[1 : len(b)-1])
}

// digest fingerprints a copy's content, recipient and the case's marks: a
// confirmation holds only for the copy the professional saw, with the
// marks that were in force then. A mark changed or removed since (even
// one that leaves the text as it was) needs a new look.
func digest(recipient int64, s plan.FamilySummary, marks []Mark) string {
	type markFact struct {
		Action, Person int64
		Kind           string
	}
	facts := make([]markFact, 0, len(marks))
	for _, m := range marks {
		facts = append(facts, markFact{m.ActionID, m.Person.ID, m.Kind})
	}
	slices.SortFunc(facts, func(a, b markFact) int {
		if a.Action != b.Action {
			return int(a.Action - b.Action)
		}
		if a.Person != b.Person {
			return int(a.Person - b.Person)
		}
		return strings.Compare(a.Kind, b.Kind)
	})
	body, err := json.Marshal(struct {
		Summary plan.FamilySummary
		Marks   []markFact
	}{s, facts})
	if err != nil {
		body = []byte(fmt.Sprint(s, facts))
	}
	h := sha256.Sum256(append([]byte(fmt.Sprintf("%d:", recipient)), body...))
	return hex.EncodeToString(h[:16])
}
