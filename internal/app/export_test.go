package app

// SetAfterAvailability makes the intake run f just before its write
// transaction, after whatever it read before it.
func SetAfterAvailability(a *App, f func()) { a.afterAvailability = f }
