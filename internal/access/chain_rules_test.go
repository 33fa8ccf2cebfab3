package access_test

import (
	"testing"

	"schakel"
	"schakel/internal/access"
)

// TestChainRules states the access rules of the lead-time monitor on their
// own: dashboards and norms are for everyone with a role (aggregates, no
// personal data), the pseudonymised event log only for team leads and
// administrators, norms are changed by administrators only.
func TestChainRules(t *testing.T) {
	for _, k := range schakel.OrganisationKinds {
		for _, r := range append(schakel.Roles, "") {
			s := access.Subject{ProfessionalID: 1, OrganisationID: 1, Kind: k}
			if r != "" {
				s.Roles = []schakel.Role{r}
			}
			hasRole := r != ""
			if got := access.Decide(s, access.Dashboards, access.Read, access.Context{}).Allowed; got != hasRole {
				t.Errorf("%s %s dashboards read = %v", k, r, got)
			}
			if got := access.Decide(s, access.Norms, access.Read, access.Context{}).Allowed; got != hasRole {
				t.Errorf("%s %s norms read = %v", k, r, got)
			}
			exporter := r == schakel.RoleTeamLead || r == schakel.RoleAdmin
			if got := access.Decide(s, access.EventLog, access.Read, access.Context{}).Allowed; got != exporter {
				t.Errorf("%s %s event log export = %v", k, r, got)
			}
			if got := access.Decide(s, access.Norms, access.Write, access.Context{}).Allowed; got != (r == schakel.RoleAdmin) {
				t.Errorf("%s %s norms write = %v", k, r, got)
			}
			for _, a := range []access.Action{access.Write, access.Manage} {
				if access.Decide(s, access.Dashboards, a, access.Context{}).Allowed || access.Decide(s, access.EventLog, a, access.Context{}).Allowed {
					t.Errorf("%s %s: dashboards and the event log are read-only", k, r)
				}
			}
		}
	}
}
