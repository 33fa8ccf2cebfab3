// Package workdays implements the Dutch working-day calendar used for the
// statutory and regional norms in Schakel ("within 5 working days", …).
//
// A day is a working day when it is a Monday to Friday in the
// Europe/Amsterdam time zone and not one of the national holidays returned
// by [Holidays]. All functions look at the civil date of their arguments in
// Europe/Amsterdam, whatever location the given time.Time carries.
//
// The package is pure: holidays are computed, never typed in per year, and
// nothing depends on the machine's local time zone.
package workdays

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	// Embed the time zone database so that Europe/Amsterdam can always be
	// loaded, also on hosts or containers without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// Holiday is a Dutch national holiday (feestdag) on a civil date.
type Holiday struct {
	// Date is midnight at the start of the holiday in Europe/Amsterdam.
	Date time.Time
	// Name is the Dutch name shown in the UI, e.g. "Tweede paasdag".
	Name string
}

// Dutch holiday names.
const (
	NameNewYear       = "Nieuwjaarsdag"
	NameEasterMonday  = "Tweede paasdag"
	NameKingsDay      = "Koningsdag"
	NameQueensDay     = "Koninginnedag"
	NameLiberationDay = "Bevrijdingsdag"
	NameAscensionDay  = "Hemelvaartsdag"
	NameWhitMonday    = "Tweede pinksterdag"
	NameChristmas     = "Eerste kerstdag"
	NameBoxingDay     = "Tweede kerstdag"
)

var location = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		// Cannot happen: time/tzdata is embedded above.
		panic(fmt.Sprintf("workdays: load Europe/Amsterdam: %v", err))
	}
	return loc
})

// Location returns the Europe/Amsterdam location in which all civil dates of
// this package are evaluated.
func Location() *time.Location { return location() }

// date is a civil (calendar) date without a time or location.
type date struct {
	year  int
	month time.Month
	day   int
}

// civil returns the civil date of t in Europe/Amsterdam.
func civil(t time.Time) date {
	y, m, d := t.In(Location()).Date()
	return date{y, m, d}
}

// addDays returns the civil date n days after d (before d when n < 0).
func (d date) addDays(n int) date {
	y, m, dd := time.Date(d.year, d.month, d.day+n, 12, 0, 0, 0, time.UTC).Date()
	return date{y, m, dd}
}

func (d date) weekday() time.Weekday {
	return time.Date(d.year, d.month, d.day, 12, 0, 0, 0, time.UTC).Weekday()
}

func (d date) before(e date) bool {
	if d.year != e.year {
		return d.year < e.year
	}
	if d.month != e.month {
		return d.month < e.month
	}
	return d.day < e.day
}

// start returns the instant at which d begins in Europe/Amsterdam. Dutch DST
// transitions happen at 02:00/03:00, so midnight always exists exactly once.
func (d date) start() time.Time {
	return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, Location())
}

type holiday struct {
	date date
	name string
}

// Easter returns the civil date of Gregorian Easter Sunday in year, computed
// with the anonymous Gregorian algorithm (Meeus/Jones/Butcher). The result is
// midnight at the start of that day in Europe/Amsterdam.
func Easter(year int) time.Time { return easter(year).start() }

func easter(year int) date {
	a := year % 19
	b := year / 100
	c := year % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date{year, time.Month(month), day}
}

// holidaysOf returns the holidays of year in date order. Ascension Day
// falls between 30 April and 3 June, so it can come before Liberation Day
// (e.g. 1 May 2008) or coincide with it (5 May 2016); coinciding holidays
// are both listed, in the order below.
func holidaysOf(year int) [8]holiday {
	e := easter(year)
	hs := [8]holiday{
		{date{year, time.January, 1}, NameNewYear},
		{e.addDays(1), NameEasterMonday},
		monarchsDay(year),
		{date{year, time.May, 5}, NameLiberationDay},
		{e.addDays(39), NameAscensionDay},
		{e.addDays(50), NameWhitMonday},
		{date{year, time.December, 25}, NameChristmas},
		{date{year, time.December, 26}, NameBoxingDay},
	}
	slices.SortStableFunc(hs[:], func(a, b holiday) int {
		switch {
		case a.date.before(b.date):
			return -1
		case b.date.before(a.date):
			return 1
		}
		return 0
	})
	return hs
}

// monarchsDay returns King's Day (from 2014) or Queen's Day (before 2014).
//
// King's Day is 27 April, or 26 April when 27 April is a Sunday. Before 2014
// this package uses one simple rule for Queen's Day: 30 April, or 29 April
// when 30 April is a Sunday. That matches 1980–2013; earlier history (31
// August before 1949, moving to 1 May in some years) is not modelled, since
// Schakel has no deadlines that old.
func monarchsDay(year int) holiday {
	if year >= 2014 {
		d := date{year, time.April, 27}
		if d.weekday() == time.Sunday {
			d = d.addDays(-1)
		}
		return holiday{d, NameKingsDay}
	}
	d := date{year, time.April, 30}
	if d.weekday() == time.Sunday {
		d = d.addDays(-1)
	}
	return holiday{d, NameQueensDay}
}

// Holidays returns the Dutch national holidays of year in date order:
// Nieuwjaarsdag (1 January), Tweede paasdag (Easter Monday), Koningsdag
// (see below), Bevrijdingsdag (5 May), Hemelvaartsdag (Easter + 39 days),
// Tweede pinksterdag (Easter + 50 days), Eerste kerstdag (25 December) and
// Tweede kerstdag (26 December). Good Friday is not a national holiday.
//
// Koningsdag is 27 April, or 26 April when 27 April is a Sunday. For years
// before 2014 the holiday is Koninginnedag, simplified to 30 April, or 29
// April when 30 April is a Sunday.
//
// Bevrijdingsdag is treated as a holiday every year. Many collective labour
// agreements (cao's) give a day off only every fifth year (2025, 2030, …);
// Schakel deliberately chooses every year, so norms never count 5 May as a
// working day.
//
// When two holidays fall on the same date (Hemelvaartsdag on 5 May), both
// are listed. Dates are midnight at the start of the day in Europe/Amsterdam.
func Holidays(year int) []Holiday {
	hs := holidaysOf(year)
	out := make([]Holiday, len(hs))
	for i, h := range hs {
		out[i] = Holiday{Date: h.date.start(), Name: h.name}
	}
	return out
}

func holidayName(d date) (string, bool) {
	var names []string
	for _, h := range holidaysOf(d.year) {
		if h.date == d {
			names = append(names, h.name)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	return strings.Join(names, " en "), true
}

// HolidayName reports whether the civil date of t in Europe/Amsterdam is a
// national holiday, and its Dutch name. When two holidays coincide the
// names are joined with " en ", e.g. "Bevrijdingsdag en Hemelvaartsdag".
func HolidayName(t time.Time) (string, bool) {
	return holidayName(civil(t))
}

func isWorkingDay(d date) bool {
	switch d.weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	for _, h := range holidaysOf(d.year) {
		if h.date == d {
			return false
		}
	}
	return true
}

// IsWorkingDay reports whether the civil date of t in Europe/Amsterdam is a
// working day: Monday to Friday and not a national holiday.
func IsWorkingDay(t time.Time) bool { return isWorkingDay(civil(t)) }

// AddWorkingDays returns the deadline for "within n working days after
// receipt" of something received at t.
//
// Counting starts on the day after the civil date of t (Europe/Amsterdam):
// the first working day after the receipt date is day 1, the next working
// day is day 2, and so on. The time of day of t does not matter, nor does it
// matter whether the receipt day itself is a working day: a report received
// on Saturday (or on a holiday) has the following Monday (or the first
// working day after the holiday) as day 1.
//
// The result is the END of the n-th working day, returned as the instant at
// which the following civil day begins (00:00 Europe/Amsterdam). A deadline
// is therefore met when the work is done strictly before the returned time.
// For n == 0 the result is the end of the receipt day itself.
//
// AddWorkingDays panics if n is negative.
func AddWorkingDays(t time.Time, n int) time.Time {
	if n < 0 {
		panic(fmt.Sprintf("workdays: AddWorkingDays with negative n %d", n))
	}
	d := civil(t)
	for count := 0; count < n; {
		d = d.addDays(1)
		if isWorkingDay(d) {
			count++
		}
	}
	return d.addDays(1).start()
}

// WorkingDaysBetween returns the number of working days whose civil date (in
// Europe/Amsterdam) is strictly after the civil date of from and on or
// before the civil date of to. It returns 0 when to's date is not after
// from's date.
//
// It is the inverse of [AddWorkingDays]: for n >= 0,
// WorkingDaysBetween(t, AddWorkingDays(t, n).Add(-time.Nanosecond)) == n.
func WorkingDaysBetween(from, to time.Time) int {
	f, e := civil(from), civil(to)
	if !f.before(e) {
		return 0
	}
	n := 0
	for d := f.addDays(1); !e.before(d); d = d.addDays(1) {
		if isWorkingDay(d) {
			n++
		}
	}
	return n
}
