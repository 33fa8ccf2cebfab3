package demo

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/care"
	"schakel/internal/storage"
)

// careProfiles are what the demo region's providers offer (issue 15).
var careProfiles = []struct {
	first, org string
	profile    schakel.ProviderProfile
}{
	{"Frank", "kompas", schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedTrauma, schakel.NeedParenting, schakel.NeedParentAddicted},
		Languages: []string{"Nederlands", "Turks", "Arabisch"}, EarliestStart: map[schakel.NeedCategory]string{}}},
	{"Ingrid", "schuldhulp", schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedDebts, schakel.NeedHousing},
		Municipalities: []string{"Rotterdam", "Schiedam", "Vlaardingen"}, Languages: []string{"Nederlands", "Engels"}}},
	{"Noor", "samendoen", schakel.ProviderProfile{Categories: []schakel.NeedCategory{schakel.NeedParenting, schakel.NeedFamilyNetwork, schakel.NeedSchool},
		Municipalities: []string{"Rotterdam"}, Languages: []string{"Nederlands", "Pools"}}},
}

// loadCare fills in the providers' profiles and, on the De Vries case,
// asks for help with the debts and the housing.
func loadCare(ctx context.Context, db *storage.DB, uc *app.App, vriesCase int64) error {
	if err := putCareProfiles(ctx, db, uc); err != nil {
		return err
	}
	fatma, err := actor(ctx, db, Email("Fatma", "jb"))
	if err != nil {
		return err
	}
	_, err = uc.CreateCareRequest(ctx, fatma, vriesCase, care.Request{Urgency: schakel.UrgencyWeeks,
		Needs: []schakel.CareNeed{
			{Category: schakel.NeedDebts, Text: "Huurachterstand van drie maanden; de post wordt niet geopend."},
			{Category: schakel.NeedHousing, Text: "De verhuurder dreigt met ontruiming."},
		},
		Wants: "Moeder wil hulp thuis, liefst op dinsdag of donderdag.", DoesNotWant: "Geen groepsbijeenkomsten.", Language: "Nederlands"})
	if err != nil {
		return fmt.Errorf("demo case De Vries: care request: %w", err)
	}
	return nil
}

// putCareProfiles fills in the providers' profiles through the use case.
func putCareProfiles(ctx context.Context, db *storage.DB, uc *app.App) error {
	for _, p := range careProfiles {
		a, err := actor(ctx, db, Email(p.first, p.org))
		if err != nil {
			return err
		}
		if _, err := uc.PutCareProfile(ctx, a, a.Professional.Organisation.ID, p.profile); err != nil {
			return fmt.Errorf("demo care profile %s: %w", p.org, err)
		}
	}
	return nil
}
