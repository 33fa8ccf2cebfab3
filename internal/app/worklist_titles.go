package app

import (
	"fmt"

	"schakel"
	"schakel/internal/storage"
)

// workTitles tells the title of the work items from storage: storage
// returns what an item is about, the use case says it in words. Items that
// carry their own words keep them: an action (its title), a notice (its
// text); norm alerts and care reminders get theirs in chain_worklist.go
// and care_worklist.go.
func workTitles(items []storage.WorkItem) {
	for i := range items {
		it := &items[i]
		switch it.Kind {
		case "rate":
			it.Title = "Kleur van de crisismeter bevestigen"
		case "assessment":
			it.Title = "Veiligheidsbeoordeling afronden"
		case "second_opinion":
			it.Title = "Verlaging van rood bevestigen of afwijzen"
		case "consultation":
			it.Title = consultationTitle(it.ConsultationKind)
		case "plan_review":
			it.Title = "Plan van aanpak evalueren"
		case "care_request":
			it.Title = fmt.Sprintf("Zorgvraag %d beantwoorden", it.CareRequestID)
		case "care_choice":
			it.Title = fmt.Sprintf("Zorgvraag %d: %d van %d aanbieders antwoordden. Kies samen met het gezin.", it.CareRequestID, it.Answered, it.Asked)
		case "colleague_request":
			it.Title = it.From + " vraagt u " + requestKindDutch(it.RequestKind)
		}
	}
}

// requestKindsDutch name what a colleague is asked, in a sentence.
var requestKindsDutch = map[string]string{
	schakel.RequestJoinConversation: "mee te gaan naar een gesprek",
	schakel.RequestThinkAlong:       "mee te denken",
}

func requestKindDutch(kind string) string { return requestKindsDutch[kind] }

// consultationTitle is a consultation's work-list title by kind.
func consultationTitle(kind string) string {
	switch kind {
	case schakel.ConsultCrisis:
		return "Crisisoverleg (Samen in Crisis)"
	case schakel.ConsultMDO:
		return "Multidisciplinair overleg (MDO)"
	case schakel.ConsultPlacementReview:
		return "Plaatsingstafel"
	case schakel.ConsultCaseConference:
		return "Casusoverleg"
	}
	return "Overleg"
}
