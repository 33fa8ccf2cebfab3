package access_test

import (
	"testing"
	"time"

	"schakel"
	"schakel/internal/access"
)

func TestCaseContext(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	grace := access.DefaultInvitationGrace
	exited := now.Add(-48 * time.Hour)
	planned := func(at time.Time) access.Invitation {
		return access.Invitation{InvitedAt: at, ConsultationStatus: schakel.ConsultationPlanned}
	}
	cases := []struct {
		name    string
		facts   access.CaseFacts
		invited bool
	}{
		{"no invitation", access.CaseFacts{RegionID: 1}, false},
		{"a planned consultation", access.CaseFacts{RegionID: 1, Invitations: []access.Invitation{planned(now.Add(-time.Hour))}}, true},
		{"a cancelled consultation", access.CaseFacts{RegionID: 1, Invitations: []access.Invitation{
			{InvitedAt: now.Add(-time.Hour), ConsultationStatus: schakel.ConsultationCancelled}}}, false},
		{"declined", access.CaseFacts{RegionID: 1, Invitations: []access.Invitation{
			{InvitedAt: now.Add(-time.Hour), ConsultationStatus: schakel.ConsultationPlanned, Declined: true}}}, false},
		{"held within the grace", access.CaseFacts{RegionID: 1, Invitations: []access.Invitation{
			{InvitedAt: now.Add(-72 * time.Hour), ConsultationStatus: schakel.ConsultationHeld, HeldAt: now.Add(-grace + time.Hour)}}}, true},
		{"held longer ago than the grace", access.CaseFacts{RegionID: 1, Invitations: []access.Invitation{
			{InvitedAt: now.Add(-grace - 72*time.Hour), ConsultationStatus: schakel.ConsultationHeld, HeldAt: now.Add(-grace - time.Hour)}}}, false},
		{"exited, invited before the exit", access.CaseFacts{RegionID: 1, Participation: access.Exited, ExitedAt: exited,
			Invitations: []access.Invitation{planned(exited.Add(-time.Hour))}}, false},
		{"exited, invited at the exit", access.CaseFacts{RegionID: 1, Participation: access.Exited, ExitedAt: exited,
			Invitations: []access.Invitation{planned(exited)}}, false},
		{"exited, invited after the exit", access.CaseFacts{RegionID: 1, Participation: access.Exited, ExitedAt: exited,
			Invitations: []access.Invitation{planned(exited.Add(time.Hour))}}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := access.CaseContext(c.facts, "brand", now, grace)
			if got.InvitedToCrisis != c.invited || got.CaseRegionID != 1 || got.Participation != c.facts.Participation || got.EmergencyReason != "brand" {
				t.Errorf("CaseContext = %+v, want invited %v", got, c.invited)
			}
		})
	}
}
