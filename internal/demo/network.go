package demo

import (
	"context"
	"fmt"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/storage"
)

// networkMembers are the demo region's placement-prevention network
// ("pitbulls", seed 004): people of five organisations with what they
// bring to a review.
var networkMembers = []struct {
	first, org string
	expertises []schakel.NetworkExpertise
}{
	{"Kees", "samendoen", []schakel.NetworkExpertise{schakel.NetFamilyNetwork, schakel.NetHousing}},
	{"Yasmina", "blijf", []schakel.NetworkExpertise{schakel.NetTrauma}},
	{"Meryem", "kompas", []schakel.NetworkExpertise{schakel.NetAddiction, schakel.NetPsychiatry, schakel.NetIntellectual}},
	{"Rob", "schuldhulp", []schakel.NetworkExpertise{schakel.NetDebt}},
	{"Noor", "samendoen", []schakel.NetworkExpertise{schakel.NetSchool, schakel.NetFamilyNetwork}},
}

// loadNetwork puts the network in place and, on the De Vries case, has
// jeugdbescherming consider a placement: its review is open, due within
// five working days, with a panel proposed from the network.
func loadNetwork(ctx context.Context, db *storage.DB, uc *app.App, vriesCase int64) error {
	for _, m := range networkMembers {
		a, err := actor(ctx, db, Email(m.first, m.org))
		if err != nil {
			return err
		}
		if _, err := uc.JoinNetwork(ctx, a, a.Professional.ID, m.expertises); err != nil {
			return fmt.Errorf("demo network %s: %w", m.first, err)
		}
	}
	fatma, err := actor(ctx, db, Email("Fatma", "jb"))
	if err != nil {
		return err
	}
	if _, err := uc.ConsiderPlacement(ctx, fatma, vriesCase, app.ConsiderInput{
		Reason: "Daan is twee keer te laat naar de dokter gebracht. Moeder wil hulp, maar de schulden en de dreigende uitzetting maken thuis onveilig.",
	}); err != nil {
		return fmt.Errorf("demo case De Vries: placement considered: %w", err)
	}
	return loadCare(ctx, db, uc, vriesCase)
}
