package web

// The choices of the workspace forms (action kinds, columns, roles …) and
// their Dutch labels.

import (
	"fmt"
	"strings"

	"schakel"
)

var (
	actionKindOptions = []uiOption{
		{Value: schakel.ActionTask, Label: "Actie", Hint: "Iets wat iemand doet, met een datum."},
		{Value: schakel.ActionSafetyAgreement, Label: "Veiligheidsafspraak", Hint: "Directe veiligheid: wat zorgt ervoor dat het kind nu veilig is?"},
		{Value: schakel.ActionGoal, Label: "Doel", Hint: "Stabiele veiligheid: waar werken we samen naartoe?"},
	}
	forOptions = []uiOption{
		{Value: schakel.ForParents, Label: "De ouders"},
		{Value: schakel.ForChild, Label: "Het kind"},
		{Value: schakel.ForNetwork, Label: "Het netwerk"},
		{Value: "", Label: "Niemand in het bijzonder"},
	}
	actionStatusOptions = []uiOption{
		{Value: schakel.ActionOpen, Label: "Open"},
		{Value: schakel.ActionDone, Label: "Afgerond"},
		{Value: schakel.ActionCancelled, Label: "Vervallen"},
	}
	columnOptions = []uiOption{
		{Value: schakel.ColumnWorries, Label: "Zorgen", Hint: "Wat is er gebeurd, wat maakt ons ongerust?"},
		{Value: schakel.ColumnWorkingWell, Label: "Wat goed gaat", Hint: "Wat helpt al, wie helpt al?"},
		{Value: schakel.ColumnNeedsToHappen, Label: "Wat moet er gebeuren", Hint: "Wat moet er veranderen voor een veilig thuis?"},
	}
	decisionOptions = []uiOption{
		{Value: schakel.DecisionInvestigateMeasure, Label: "Onderzoek naar een kinderbeschermingsmaatregel", Hint: "De Raad onderzoekt zelf. De Raad kan pas uit de casus stappen als de uitkomst er is."},
		{Value: schakel.DecisionNoMeasureVoluntaryHelp, Label: "Advies: geen maatregel, de vrijwillige hulp gaat door"},
		{Value: schakel.DecisionUrgentSupervision, Label: "Spoedverzoek aan de rechter: voorlopige ondertoezichtstelling"},
		{Value: schakel.DecisionUrgentPlacement, Label: "Spoedverzoek aan de rechter: spoedmachtiging uithuisplaatsing"},
		{Value: schakel.DecisionOutcomeMeasure, Label: "Uitkomst van het onderzoek: de Raad vraagt de rechter om een maatregel"},
		{Value: schakel.DecisionOutcomeNoMeasure, Label: "Uitkomst van het onderzoek: geen maatregel nodig"},
	}
	requestKindOptions = []uiOption{
		{Value: schakel.RequestJoinConversation, Label: "Meegaan naar een gesprek"},
		{Value: schakel.RequestThinkAlong, Label: "Meedenken"},
	}
	roleOptions = []uiOption{
		{Value: string(schakel.RoleUitvoering), Label: "Uitvoering van hulp"},
		{Value: string(schakel.RoleOnderzoek), Label: "Onderzoek"},
		{Value: string(schakel.RoleAdvies), Label: "Advies"},
		{Value: string(schakel.RoleBesluit), Label: "Besluit (alleen Raad en rechtbank)"},
	}
)

func labelOf(opts []uiOption, v string) string {
	for _, o := range opts {
		if o.Value == v {
			return o.Label
		}
	}
	return v
}

func consultKindShort(kind string) string {
	switch kind {
	case schakel.ConsultCrisis:
		return "Crisisoverleg"
	case schakel.ConsultMDO:
		return "MDO"
	case schakel.ConsultPlacementReview:
		return "Plaatsingstafel"
	case schakel.ConsultCaseConference:
		return "Casusoverleg"
	}
	return "Overleg"
}

func consultKindOptions() []uiOption {
	var out []uiOption
	for _, k := range schakel.ConsultationKinds {
		out = append(out, uiOption{Value: k, Label: consultKindNL(k)})
	}
	return out
}

func expertiseOptions() []uiOption {
	var out []uiOption
	for _, e := range schakel.Expertises {
		out = append(out, uiOption{Value: string(e), Label: e.Dutch()})
	}
	return out
}

func eventNL(e schakel.ParticipationEvent) string {
	switch e.Kind {
	case schakel.EventJoined:
		return "Doet mee als " + strings.ToLower(participationRoleNL(e.ToRole))
	case schakel.EventRoleChanged:
		return fmt.Sprintf("Rol van %s naar %s", strings.ToLower(participationRoleNL(e.FromRole)), strings.ToLower(participationRoleNL(e.ToRole)))
	case schakel.EventRegieHandover:
		to := ""
		if e.To != nil {
			to = e.To.Name
		}
		return "Regie overgedragen aan " + to
	case schakel.EventExited:
		return "Uit de casus gestapt"
	}
	return e.Kind
}
