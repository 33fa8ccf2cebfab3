package app_test

import (
	"context"
	"testing"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/demo"
	"schakel/internal/membership"
	"schakel/internal/storage/storagetest"
)

// TestMembershipRefusedWritesNothingButAudit: outsiders (another
// organisation's administrator, a colleague without the administrator
// role) are refused and audited; answers the rules reject (confirming
// oneself beside another administrator, marking oneself as gone, someone
// of another organisation, nobody, "still here" without a round, an
// interval out of range) change nothing at all.
func TestMembershipRefusedWritesNothingButAudit(t *testing.T) {
	for _, e := range storagetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			ctx := context.Background()
			w := newMembershipWorld(t, e)
			marco := demoActor(t, w.one, demo.Email("Marco", "jb")) // administrator of another organisation
			sanne := demoActor(t, w.one, demo.Email("Sanne", "vt")) // a colleague, no administrator
			other := marco.Professional.ID
			mark := func(a *schakel.Actor, m app.MembershipMarks) func() error {
				return func() error { _, err := w.uc.MarkMembership(ctx, a, w.vt, m); return err }
			}
			read := func(a *schakel.Actor) func() error {
				return func() error { _, err := w.uc.MembershipReview(ctx, a, w.vt); return err }
			}
			months := func(a *schakel.Actor, n int) func() error {
				return func() error { return w.uc.SetMembershipMonths(ctx, a, w.vt, n) }
			}
			joost := w.joost.Professional.ID
			before := []refusal{
				{name: "another organisation's administrator reads", want: schakel.EFORBIDDEN, maxAudit: 1, command: read(marco)},
				{name: "a colleague reads", want: schakel.EFORBIDDEN, maxAudit: 1, command: read(sanne)},
				{name: "another organisation's administrator marks someone gone", want: schakel.EFORBIDDEN, maxAudit: 1, command: mark(marco, app.MembershipMarks{Left: []int64{w.sanne}})},
				{name: "a colleague confirms", want: schakel.EFORBIDDEN, maxAudit: 1, command: mark(sanne, app.MembershipMarks{StillHere: []int64{w.sanne}})},
				{name: "another organisation's administrator sets the interval", want: schakel.EFORBIDDEN, maxAudit: 1, command: months(marco, 6)},
				{name: "an interval of 13 months", want: schakel.EINVALID, command: months(w.joost, 13)},
				{name: "an interval of 0 months", want: schakel.EINVALID, command: months(w.joost, 0)},
				{name: "nobody", want: schakel.EINVALID, command: mark(w.joost, app.MembershipMarks{})},
				{name: "someone of another organisation", want: schakel.EINVALID, command: mark(w.joost, app.MembershipMarks{Left: []int64{other}})},
				{name: "someone twice", want: schakel.EINVALID, command: mark(w.joost, app.MembershipMarks{Left: []int64{w.sanne}, StillHere: []int64{w.sanne}})},
				{name: "still here without a round", want: schakel.ECONFLICT, command: mark(w.joost, app.MembershipMarks{StillHere: []int64{w.sanne}})},
				{name: "oneself gone", want: schakel.ECONFLICT, command: mark(w.joost, app.MembershipMarks{Left: []int64{joost}})},
			}
			for _, c := range before {
				t.Run(c.name, func(t *testing.T) {
					was := auditRows(t, w.one)
					refusedLeavesOnlyAudit(t, w.one, c.want, c.maxAudit, c.command)
					if c.want == schakel.EFORBIDDEN && auditRows(t, w.one) == was {
						t.Error("the refusal left no audit entry")
					}
				})
			}
			// A second administrator: now nobody confirms themselves.
			if _, err := w.uc.CreateProfessional(ctx, nil, schakel.ProfessionalInput{OrganisationID: w.vt, Email: "tweede.beheerder@vt.example",
				Name: "Tweede Beheerder", Roles: []schakel.Role{schakel.RoleAdmin}}); err != nil {
				t.Fatal(err)
			}
			*w.now = membership.Due(w.loaded, membership.DefaultMonths)
			if run, err := w.uc.ReviewMembership(ctx); err != nil || run.Opened == 0 {
				t.Fatalf("open: %+v, %v", run, err)
			}
			t.Run("oneself beside another administrator, with a colleague", func(t *testing.T) {
				refusedLeavesOnlyAudit(t, w.one, schakel.ECONFLICT, 0, mark(w.joost, app.MembershipMarks{StillHere: []int64{w.sanne, joost}}))
			})
			t.Run("a colleague gone and oneself gone", func(t *testing.T) {
				refusedLeavesOnlyAudit(t, w.one, schakel.ECONFLICT, 0, mark(w.joost, app.MembershipMarks{Left: []int64{w.sanne, joost}}))
			})
		})
	}
}
