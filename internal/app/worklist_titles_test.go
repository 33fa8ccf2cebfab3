package app

import (
	"strings"
	"testing"

	"schakel"
	"schakel/internal/storage"
)

// TestWorkTitles: the titles the use case tells for the items whose
// words storage leaves to it; other items keep theirs.
func TestWorkTitles(t *testing.T) {
	for _, c := range []struct {
		item storage.WorkItem
		want string
	}{
		{storage.WorkItem{Kind: "care_request", CareRequestID: 7}, "Zorgvraag 7 beantwoorden"},
		{storage.WorkItem{Kind: "care_choice", CareRequestID: 7, Asked: 5, Answered: 3},
			"Zorgvraag 7: 3 van 5 aanbieders antwoordden. Kies samen met het gezin."},
		{storage.WorkItem{Kind: "colleague_request", From: "Sanne de Wit", RequestKind: schakel.RequestThinkAlong}, "Sanne de Wit vraagt u mee te denken"},
		{storage.WorkItem{Kind: "colleague_request", From: "Ali Bakker", RequestKind: schakel.RequestJoinConversation},
			"Ali Bakker vraagt u mee te gaan naar een gesprek"},
		{storage.WorkItem{Kind: "rate"}, "Kleur van de crisismeter bevestigen"},
		{storage.WorkItem{Kind: "assessment"}, "Veiligheidsbeoordeling afronden"},
		{storage.WorkItem{Kind: "second_opinion"}, "Verlaging van rood bevestigen of afwijzen"},
		{storage.WorkItem{Kind: "consultation", ConsultationKind: schakel.ConsultMDO}, "Multidisciplinair overleg (MDO)"},
		{storage.WorkItem{Kind: "plan_review"}, "Plan van aanpak evalueren"},
		{storage.WorkItem{Kind: "notice", Title: "Nieuwe melding"}, "Nieuwe melding"},
		{storage.WorkItem{Kind: "action", Title: "Huisbezoek plannen"}, "Huisbezoek plannen"},
	} {
		t.Run(c.item.Kind+"/"+c.want, func(t *testing.T) {
			items := []storage.WorkItem{c.item}
			workTitles(items)
			if items[0].Title != c.want {
				t.Errorf("title %q, want %q", items[0].Title, c.want)
			}
		})
	}
}

// TestUnknownIdentityText: what an organisation's administrators read
// when someone its identity provider vouched for has no account; a long
// claim is cut.
func TestUnknownIdentityText(t *testing.T) {
	email := unknownIdentityText(schakel.IdentityProvider{MatchOn: schakel.MatchEmail}, "a.jansen@example.org")
	if !strings.HasPrefix(email, "Iemand met het e-mailadres a.jansen@example.org logde in via de inlogdienst van uw organisatie") {
		t.Errorf("e-mail: %q", email)
	}
	long := unknownIdentityText(schakel.IdentityProvider{MatchOn: schakel.MatchEmployeeNumber}, strings.Repeat("9", 500))
	if !strings.Contains(long, "personeelsnummer "+strings.Repeat("9", 200)+" logde") {
		t.Errorf("employee number not cut to 200: %q", long)
	}
}
