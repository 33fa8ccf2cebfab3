package plan

import (
	"fmt"
	"slices"
	"strings"

	"schakel"
)

// Roles lists every participation role.
var Roles = []schakel.ParticipationRole{schakel.RoleRegie, schakel.RoleUitvoering, schakel.RoleOnderzoek, schakel.RoleAdvies, schakel.RoleBesluit}

// CheckRole checks a role for an organisation of kind k that is not handed
// regie: regie only moves by an explicit handover, and only the Raad and the
// court decide.
func CheckRole(field string, role schakel.ParticipationRole, k schakel.OrganisationKind) error {
	var v schakel.Validation
	switch {
	case !slices.Contains(Roles, role):
		v.Add(field, "unknown", "Kies uitvoering, onderzoek, advies of besluit.")
	case role == schakel.RoleRegie:
		v.Add(field, "regie_by_handover", "De regie gaat alleen over met een overdracht door de organisatie die haar nu heeft.")
	case role == schakel.RoleBesluit && k != schakel.Raad && k != schakel.Rechtbank:
		v.Add(field, "besluit_only_raad", "Alleen de Raad voor de Kinderbescherming en de rechtbank hebben de rol besluit.")
	}
	return v.Err()
}

// RoleChange is a change of an organisation's role on a case.
type RoleChange struct {
	Role   schakel.ParticipationRole `json:"role"`
	Reason string                    `json:"reason"`
}

// CheckRoleChange: the organisation is on the case, does not hold regie
// (hand it over first), gets a valid other role, with a reason.
func CheckRoleChange(in RoleChange, current schakel.ParticipationRole, active bool, k schakel.OrganisationKind) error {
	if !active {
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie doet niet (meer) mee aan de casus.")
	}
	if current == schakel.RoleRegie {
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie heeft de regie. Draag de regie eerst over; dan kiest u een nieuwe rol.")
	}
	if err := CheckRole("role", in.Role, k); err != nil {
		return err
	}
	var v schakel.Validation
	if in.Role == current {
		v.Add("role", "unchanged", "De organisatie heeft deze rol al.")
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom de rol verandert.")
	return v.Err()
}

// Handover is an explicit handover of regie.
type Handover struct {
	ToOrganisationID int64                     `json:"organisation_id"`
	Reason           string                    `json:"reason"`
	FormerRole       schakel.ParticipationRole `json:"former_role"` // the role the former regie organisation keeps; default uitvoering
}

// HandoverFacts are the case's facts at a regie handover.
type HandoverFacts struct {
	ActorHoldsRegie bool
	RegieExists     bool
	ToActive        bool
	ToIsSelf        bool
	FromKind        schakel.OrganisationKind
}

// CheckHandover: one organisation holds regie at a time, and only it hands
// it over, to another organisation on the case, with a reason.
func CheckHandover(in *Handover, f HandoverFacts) error {
	if f.RegieExists && !f.ActorHoldsRegie {
		return schakel.Errorf(schakel.EFORBIDDEN, "Alleen de organisatie die de regie heeft, draagt haar over.")
	}
	if in.FormerRole == "" {
		in.FormerRole = schakel.RoleUitvoering
	}
	var v schakel.Validation
	switch {
	case in.ToOrganisationID <= 0:
		v.Add("organisation_id", "required", "Kies de organisatie die de regie overneemt.")
	case f.ToIsSelf:
		v.Add("organisation_id", "self", "Uw organisatie heeft de regie al. Kies een andere organisatie.")
	case !f.ToActive:
		v.Add("organisation_id", "not_on_case", "Deze organisatie doet niet (meer) mee aan de casus. Voeg haar eerst toe.")
	}
	if f.RegieExists {
		if err := CheckRole("former_role", in.FormerRole, f.FromKind); err != nil {
			v.Fields = append(v.Fields, schakel.FieldErrors(err)...)
		}
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom de regie overgaat.")
	return v.Err()
}

// ExitInput is an organisation's exit from a case.
type ExitInput struct {
	Handover  string `json:"handover"`
	NextSteps string `json:"next_steps"`
}

// ExitFacts are the case's facts when an organisation wants to leave.
type ExitFacts struct {
	Active      bool
	HoldsRegie  bool
	OpenActions int
	// InvestigationOpen: the organisation is the Raad and its own
	// investigation has no outcome yet (InvestigationOpen).
	InvestigationOpen bool
}

// CheckExit applies the exit rule: an organisation leaves only without
// open actions (reassign them first) and without regie (hand it over
// first), the Raad not while its own investigation is open (record the
// outcome first), and leaves a handover note and the next steps.
func CheckExit(in ExitInput, f ExitFacts) error {
	if !f.Active {
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie doet niet (meer) mee aan de casus.")
	}
	var why []string
	if f.HoldsRegie {
		why = append(why, "uw organisatie heeft de regie: draag die eerst over")
	}
	if f.InvestigationOpen {
		why = append(why, "het onderzoek van de Raad loopt nog: leg eerst de uitkomst vast bij Besluit (kies \"Uitkomst van het onderzoek\")")
	}
	if f.OpenActions == 1 {
		why = append(why, "uw organisatie heeft nog 1 open actie: draag die over of rond haar af")
	} else if f.OpenActions > 1 {
		why = append(why, fmt.Sprintf("uw organisatie heeft nog %d open acties: draag die over of rond ze af", f.OpenActions))
	}
	if len(why) > 0 {
		msg := "U kunt nog niet uit deze casus stappen: " + strings.Join(why, "; ") + "."
		return &schakel.Error{Code: schakel.ECONFLICT, Message: msg}
	}
	var v schakel.Validation
	reason(&v, "handover", in.Handover, "Schrijf een overdracht: wat weet u, wat is gedaan, wie neemt het over?")
	reason(&v, "next_steps", in.NextSteps, "Schrijf de volgende stappen op: wat gebeurt er nu, door wie en wanneer?")
	return v.Err()
}
