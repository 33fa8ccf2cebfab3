// Package app holds Schakel's use cases. Each command runs in one
// transaction and in one order: guard (internal/access decides and the
// decision is audited), load (storage returns records), decide (the pure
// rule packages: intake, matching, crisismeter, attendees, …), write
// (storage again) and audit. Handlers call use cases; use cases call rules
// and storage; storage holds only SQL.
package app

import (
	"time"

	"schakel/internal/intake"
	"schakel/internal/storage"
)

// App runs the use cases against one database with one set of policies.
type App struct {
	db     *storage.DB
	intake intake.Policy
	login  *logins
	// tableHold is how long a proposed crisis table's invitations wait
	// before they go out (0: at once); see attendees.HoldEnd.
	tableHold time.Duration
	// afterAvailability, when set (tests only), runs between the intake's
	// reads before its write transaction (a crisis table's pool, on SQLite)
	// and that transaction.
	afterAvailability func()
	// municipalities caches the dashboard filter's lists per region.
	municipalities *municipalityCache
}

// Option configures an App.
type Option func(*App)

// WithIntakePolicy sets the intake's norms (crisis time, assessment days).
func WithIntakePolicy(p intake.Policy) Option {
	return func(a *App) {
		if p.CrisisWithin > 0 {
			a.intake.CrisisWithin = p.CrisisWithin
		}
		if p.AssessmentDays > 0 {
			a.intake.AssessmentDays = p.AssessmentDays
		}
		if p.ConsultationLead > 0 {
			a.intake.ConsultationLead = p.ConsultationLead
		}
	}
}

// WithTableHold holds a red report's crisis table invitations this long,
// so that the intake worker can still shape the table (0: send at once).
func WithTableHold(d time.Duration) Option {
	return func(a *App) { a.tableHold = max(d, 0) }
}

// New returns the use cases on db, with the default policies unless
// options say otherwise.
func New(db *storage.DB, opts ...Option) *App {
	a := &App{db: db, intake: intake.DefaultPolicy, login: newLogins(DefaultLoginConfig()),
		municipalities: newMunicipalityCache()}
	for _, o := range opts {
		o(a)
	}
	return a
}

// IntakePolicy returns the intake's norms in force.
func (a *App) IntakePolicy() intake.Policy { return a.intake }

// now is the database's clock, so that tests that move it move every use case.
func (a *App) now() time.Time { return a.db.Now().UTC() }
