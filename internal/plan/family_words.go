package plan

import "schakel"

// The plain Dutch (B1) words of the family copy. The family's own screens
// say the same through the family catalogue (internal/familytext), in the
// family member's language; a test there keeps the Dutch of both alike.

var familyRole = map[schakel.ParticipationRole]string{
	schakel.RoleRegie:      "Houdt het overzicht. Hier is uw contactpersoon.",
	schakel.RoleUitvoering: "Helpt uw gezin.",
	schakel.RoleOnderzoek:  "Onderzoekt hoe het met uw kind gaat.",
	schakel.RoleAdvies:     "Geeft advies aan de hulpverleners.",
	schakel.RoleBesluit:    "Neemt een besluit over de bescherming van uw kind.",
}

var familyFor = map[string]string{
	schakel.ForParents: "voor u als ouders",
	schakel.ForChild:   "voor uw kind",
	schakel.ForNetwork: "voor familie en mensen om u heen",
}

// familyDecision tells the family, in plain words, what a Raad decision
// means for them.
var familyDecision = map[string]string{
	schakel.DecisionNoMeasureVoluntaryHelp: "De Raad voor de Kinderbescherming vindt een maatregel nu niet nodig. De hulp gaat door, in overleg met u.",
	schakel.DecisionInvestigateMeasure:     "De Raad voor de Kinderbescherming gaat onderzoeken of uw kind extra bescherming nodig heeft. De Raad neemt daarover zelf contact met u op.",
	schakel.DecisionUrgentSupervision:      "De Raad voor de Kinderbescherming vraagt de rechter met spoed om een gezinsvoogd voor uw kind. De Raad legt u uit wat dat betekent.",
	schakel.DecisionUrgentPlacement:        "De Raad voor de Kinderbescherming vraagt de rechter met spoed of uw kind ergens anders mag wonen. De Raad legt u uit wat dat betekent.",
	schakel.DecisionOutcomeMeasure:         "De Raad voor de Kinderbescherming is klaar met het onderzoek en vraagt de rechter om extra bescherming voor uw kind. U hoort van de rechtbank wanneer de zitting is.",
	schakel.DecisionOutcomeNoMeasure:       "De Raad voor de Kinderbescherming is klaar met het onderzoek. Extra bescherming door de rechter is niet nodig. De hulp gaat door, in overleg met u.",
}

// FamilyDecision tells a family in plain words what a Raad decision of
// this kind means for them.
func FamilyDecision(kind string) string {
	if s := familyDecision[kind]; s != "" {
		return s
	}
	return familyDecision[schakel.DecisionNoMeasureVoluntaryHelp]
}

// FamilyDecisionKind is the decision kind the family is told about: an
// unknown kind is told as the mildest one.
func FamilyDecisionKind(kind string) string {
	if familyDecision[kind] != "" {
		return kind
	}
	return schakel.DecisionNoMeasureVoluntaryHelp
}

// FamilyDecisionKinds are the decision kinds the family is told about.
func FamilyDecisionKinds() []string {
	return []string{schakel.DecisionNoMeasureVoluntaryHelp, schakel.DecisionInvestigateMeasure, schakel.DecisionUrgentSupervision,
		schakel.DecisionUrgentPlacement, schakel.DecisionOutcomeMeasure, schakel.DecisionOutcomeNoMeasure}
}

// FamilyRoleText says in plain Dutch what an organisation in this role
// does for the family.
func FamilyRoleText(r schakel.ParticipationRole) string { return familyRole[r] }

// FamilyForText says in plain Dutch whom an agreement is for.
func FamilyForText(audience string) string { return familyFor[audience] }
