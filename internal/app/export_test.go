package app

// SetAfterAvailability makes the intake run f between reading a crisis
// table's pool and its write transaction.
func SetAfterAvailability(a *App, f func()) { a.afterAvailability = f }
