package workdays

import (
	"math/rand/v2"
	"testing"
	"time"
)

// ams returns the instant of the given wall-clock time in Europe/Amsterdam.
func ams(t *testing.T, y int, m time.Month, d, hh, mm int) time.Time {
	t.Helper()
	return time.Date(y, m, d, hh, mm, 0, 0, Location())
}

// day returns midnight at the start of the civil date in Europe/Amsterdam.
func day(t *testing.T, y int, m time.Month, d int) time.Time {
	t.Helper()
	return ams(t, y, m, d, 0, 0)
}

func assertTime(t *testing.T, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("got %s, want %s", got.In(Location()).Format(time.RFC3339), want.In(Location()).Format(time.RFC3339))
	}
}

func TestLocation(t *testing.T) {
	loc := Location()
	if loc == nil || loc.String() != "Europe/Amsterdam" {
		t.Fatalf("Location() = %v, want Europe/Amsterdam", loc)
	}
	if Location() != loc {
		t.Error("Location() should return the same *time.Location every call")
	}
	// Winter is UTC+1, summer UTC+2.
	if _, off := time.Date(2025, 1, 15, 12, 0, 0, 0, loc).Zone(); off != 3600 {
		t.Errorf("January offset = %d, want 3600", off)
	}
	if _, off := time.Date(2025, 7, 15, 12, 0, 0, 0, loc).Zone(); off != 7200 {
		t.Errorf("July offset = %d, want 7200", off)
	}
}

func TestEaster(t *testing.T) {
	tests := []struct {
		year  int
		month time.Month
		day   int
	}{
		{1818, time.March, 22}, // earliest possible date
		{1943, time.April, 25}, // latest possible date
		{2000, time.April, 23},
		{2008, time.March, 23},
		{2011, time.April, 24},
		{2016, time.March, 27},
		{2019, time.April, 21},
		{2024, time.March, 31},
		{2025, time.April, 20},
		{2026, time.April, 5},
		{2027, time.March, 28},
		{2038, time.April, 25},
		{2285, time.March, 22},
	}
	for _, tt := range tests {
		t.Run(time.Date(tt.year, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"), func(t *testing.T) {
			assertTime(t, Easter(tt.year), day(t, tt.year, tt.month, tt.day))
		})
	}
}

func TestEasterIsSundayInRange(t *testing.T) {
	for year := 1583; year <= 3000; year++ {
		e := Easter(year).In(Location())
		if e.Weekday() != time.Sunday {
			t.Fatalf("Easter %d = %s is a %s", year, e.Format(time.DateOnly), e.Weekday())
		}
		earliest, latest := day(t, year, time.March, 22), day(t, year, time.April, 25)
		if e.Before(earliest) || e.After(latest) {
			t.Fatalf("Easter %d = %s outside 22 March–25 April", year, e.Format(time.DateOnly))
		}
	}
}

func TestHolidays(t *testing.T) {
	type h struct {
		date string
		name string
	}
	tests := []struct {
		name string
		year int
		want []h
	}{
		{"2025 King's Day moved from Sunday to Saturday", 2025, []h{
			{"2025-01-01", "Nieuwjaarsdag"},
			{"2025-04-21", "Tweede paasdag"},
			{"2025-04-26", "Koningsdag"},
			{"2025-05-05", "Bevrijdingsdag"},
			{"2025-05-29", "Hemelvaartsdag"},
			{"2025-06-09", "Tweede pinksterdag"},
			{"2025-12-25", "Eerste kerstdag"},
			{"2025-12-26", "Tweede kerstdag"},
		}},
		{"2026 King's Day on 27 April", 2026, []h{
			{"2026-01-01", "Nieuwjaarsdag"},
			{"2026-04-06", "Tweede paasdag"},
			{"2026-04-27", "Koningsdag"},
			{"2026-05-05", "Bevrijdingsdag"},
			{"2026-05-14", "Hemelvaartsdag"},
			{"2026-05-25", "Tweede pinksterdag"},
			{"2026-12-25", "Eerste kerstdag"},
			{"2026-12-26", "Tweede kerstdag"},
		}},
		{"2014 first King's Day, moved from Sunday", 2014, []h{
			{"2014-01-01", "Nieuwjaarsdag"},
			{"2014-04-21", "Tweede paasdag"},
			{"2014-04-26", "Koningsdag"},
			{"2014-05-05", "Bevrijdingsdag"},
			{"2014-05-29", "Hemelvaartsdag"},
			{"2014-06-09", "Tweede pinksterdag"},
			{"2014-12-25", "Eerste kerstdag"},
			{"2014-12-26", "Tweede kerstdag"},
		}},
		{"2016 Ascension on Liberation Day", 2016, []h{
			{"2016-01-01", "Nieuwjaarsdag"},
			{"2016-03-28", "Tweede paasdag"},
			{"2016-04-27", "Koningsdag"},
			{"2016-05-05", "Bevrijdingsdag"},
			{"2016-05-05", "Hemelvaartsdag"},
			{"2016-05-16", "Tweede pinksterdag"},
			{"2016-12-25", "Eerste kerstdag"},
			{"2016-12-26", "Tweede kerstdag"},
		}},
		{"2006 Queen's Day moved from Sunday", 2006, []h{
			{"2006-01-01", "Nieuwjaarsdag"},
			{"2006-04-17", "Tweede paasdag"},
			{"2006-04-29", "Koninginnedag"},
			{"2006-05-05", "Bevrijdingsdag"},
			{"2006-05-25", "Hemelvaartsdag"},
			{"2006-06-05", "Tweede pinksterdag"},
			{"2006-12-25", "Eerste kerstdag"},
			{"2006-12-26", "Tweede kerstdag"},
		}},
		{"2008 Ascension on 1 May", 2008, []h{
			{"2008-01-01", "Nieuwjaarsdag"},
			{"2008-03-24", "Tweede paasdag"},
			{"2008-04-30", "Koninginnedag"},
			{"2008-05-01", "Hemelvaartsdag"},
			{"2008-05-05", "Bevrijdingsdag"},
			{"2008-05-12", "Tweede pinksterdag"},
			{"2008-12-25", "Eerste kerstdag"},
			{"2008-12-26", "Tweede kerstdag"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Holidays(tt.year)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d holidays, want %d: %v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Date.Format(time.DateOnly) != w.date || g.Name != w.name {
					t.Errorf("holiday %d = %s %q, want %s %q", i, g.Date.Format(time.DateOnly), g.Name, w.date, w.name)
				}
				if g.Date.Location() != Location() || g.Date.Hour() != 0 || g.Date.Minute() != 0 {
					t.Errorf("holiday %d date %v is not midnight in Europe/Amsterdam", i, g.Date)
				}
			}
		})
	}
}

func TestHolidaysSortedAndInYear(t *testing.T) {
	for year := 1900; year <= 2200; year++ {
		hs := Holidays(year)
		for i, h := range hs {
			if h.Date.Year() != year {
				t.Fatalf("%d: holiday %q in year %d", year, h.Name, h.Date.Year())
			}
			if i > 0 && h.Date.Before(hs[i-1].Date) {
				t.Fatalf("%d: %q (%s) before %q (%s)", year, h.Name, h.Date.Format(time.DateOnly), hs[i-1].Name, hs[i-1].Date.Format(time.DateOnly))
			}
		}
	}
}

func TestHolidayName(t *testing.T) {
	tests := []struct {
		name     string
		at       time.Time
		wantName string
		wantOK   bool
	}{
		{"Easter Monday morning", ams(t, 2025, time.April, 21, 9, 0), "Tweede paasdag", true},
		{"Easter Sunday is a weekend day, not a listed holiday", ams(t, 2025, time.April, 20, 9, 0), "", false},
		{"Good Friday is not a holiday", ams(t, 2025, time.April, 18, 9, 0), "", false},
		{"King's Day 2025 on Saturday", ams(t, 2025, time.April, 26, 12, 0), "Koningsdag", true},
		{"27 April 2025 is just a Sunday", ams(t, 2025, time.April, 27, 12, 0), "", false},
		{"coinciding holidays joined", ams(t, 2016, time.May, 5, 12, 0), "Bevrijdingsdag en Hemelvaartsdag", true},
		{"last minute of Christmas", ams(t, 2025, time.December, 25, 23, 59), "Eerste kerstdag", true},
		{"UTC evening already Boxing Day in Amsterdam", time.Date(2025, 12, 25, 23, 30, 0, 0, time.UTC), "Tweede kerstdag", true},
		{"UTC evening of Boxing Day is 27 December in Amsterdam", time.Date(2025, 12, 26, 23, 30, 0, 0, time.UTC), "", false},
		{"23:00 UTC on 31 December is New Year in Amsterdam", time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), "Nieuwjaarsdag", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, ok := HolidayName(tt.at)
			if name != tt.wantName || ok != tt.wantOK {
				t.Errorf("HolidayName(%s) = %q, %v; want %q, %v", tt.at.Format(time.RFC3339), name, ok, tt.wantName, tt.wantOK)
			}
		})
	}
}

func TestIsWorkingDay(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"ordinary Wednesday", ams(t, 2025, time.June, 11, 10, 0), true},
		{"Saturday", ams(t, 2025, time.June, 14, 10, 0), false},
		{"Sunday", ams(t, 2025, time.June, 15, 10, 0), false},
		{"Good Friday", ams(t, 2025, time.April, 18, 10, 0), true},
		{"Easter Monday", ams(t, 2025, time.April, 21, 10, 0), false},
		{"King's Day on Monday", ams(t, 2026, time.April, 27, 10, 0), false},
		{"Liberation Day on Monday", ams(t, 2025, time.May, 5, 10, 0), false},
		{"Liberation Day in a non-lustrum year", ams(t, 2026, time.May, 5, 10, 0), false},
		{"Ascension Day", ams(t, 2025, time.May, 29, 10, 0), false},
		{"Friday after Ascension", ams(t, 2025, time.May, 30, 10, 0), true},
		{"Whit Monday", ams(t, 2025, time.June, 9, 10, 0), false},
		{"Christmas on Thursday", ams(t, 2025, time.December, 25, 10, 0), false},
		{"Boxing Day on Friday", ams(t, 2025, time.December, 26, 10, 0), false},
		{"Monday after Christmas on weekend is a working day", ams(t, 2021, time.December, 27, 10, 0), true},
		{"New Year's Day", ams(t, 2026, time.January, 1, 10, 0), false},
		{"Friday late in UTC is Saturday in Amsterdam", time.Date(2025, 6, 13, 22, 30, 0, 0, time.UTC), false},
		{"Sunday late in UTC is Monday in Amsterdam", time.Date(2025, 6, 15, 22, 30, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsWorkingDay(tt.at); got != tt.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.at.Format(time.RFC3339), got, tt.want)
			}
		})
	}
}

func TestChristmasOnWeekend(t *testing.T) {
	// 2021: Christmas on Saturday, Boxing Day on Sunday. No substitute days in
	// the Netherlands, so the week around it has its normal working days.
	tests := []struct {
		name string
		from time.Time
		to   time.Time
		want int
	}{
		{"2021 Christmas Sat/Sun: Fri 24 to Fri 31 Dec", day(t, 2021, time.December, 24), day(t, 2021, time.December, 31), 5},
		{"2022 Christmas Sun/Mon: Fri 23 to Fri 30 Dec", day(t, 2022, time.December, 23), day(t, 2022, time.December, 30), 4},
		{"2027 Christmas Sat/Sun: Fri 24 to Fri 31 Dec", day(t, 2027, time.December, 24), day(t, 2027, time.December, 31), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WorkingDaysBetween(tt.from, tt.to); got != tt.want {
				t.Errorf("WorkingDaysBetween = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestAddWorkingDays(t *testing.T) {
	tests := []struct {
		name     string
		received time.Time
		n        int
		want     time.Time
	}{
		{"n=0 is end of receipt day", ams(t, 2025, time.June, 11, 9, 0), 0, day(t, 2025, time.June, 12)},
		{"n=0 on a Saturday is end of that Saturday", ams(t, 2025, time.June, 14, 9, 0), 0, day(t, 2025, time.June, 15)},
		{"n=1 on a Wednesday", ams(t, 2025, time.June, 11, 23, 59), 1, day(t, 2025, time.June, 13)},
		{"n=5 on a Monday", ams(t, 2025, time.June, 2, 8, 0), 5, day(t, 2025, time.June, 11)}, // Whit Monday 9 June skipped
		{"Friday n=1 skips the weekend", ams(t, 2025, time.March, 7, 16, 0), 1, day(t, 2025, time.March, 11)},
		{"received on Saturday: Monday is day 1", ams(t, 2025, time.March, 8, 11, 0), 1, day(t, 2025, time.March, 11)},
		{"received on Saturday: 5 days ends Friday", ams(t, 2025, time.March, 8, 11, 0), 5, day(t, 2025, time.March, 15)},
		{"received on Sunday: Monday is day 1", ams(t, 2025, time.March, 9, 11, 0), 1, day(t, 2025, time.March, 11)},
		{"received on Easter Monday", ams(t, 2025, time.April, 21, 14, 0), 1, day(t, 2025, time.April, 23)},
		{"received on King's Day (Monday)", ams(t, 2026, time.April, 27, 14, 0), 1, day(t, 2026, time.April, 29)},
		{"across Easter: Thursday before, 5 days", ams(t, 2025, time.April, 17, 10, 0), 5, day(t, 2025, time.April, 26)},
		{"across Easter 2024 (March)", ams(t, 2024, time.March, 28, 10, 0), 5, day(t, 2024, time.April, 6)},
		{"across Liberation Day on Monday", ams(t, 2025, time.May, 2, 10, 0), 1, day(t, 2025, time.May, 7)},
		{"across Ascension Day", ams(t, 2025, time.May, 26, 10, 0), 5, day(t, 2025, time.June, 4)},
		{"across Christmas and New Year", ams(t, 2025, time.December, 24, 10, 0), 5, day(t, 2026, time.January, 6)},
		{"received on New Year's Eve", ams(t, 2025, time.December, 31, 23, 0), 1, day(t, 2026, time.January, 3)},
		{"10 working days over Christmas 2021 weekend", ams(t, 2021, time.December, 20, 10, 0), 10, day(t, 2022, time.January, 4)},
		{"UTC time that is Saturday in Amsterdam counts as Saturday", time.Date(2025, 3, 7, 23, 30, 0, 0, time.UTC), 1, day(t, 2025, time.March, 11)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AddWorkingDays(tt.received, tt.n)
			assertTime(t, got, tt.want)
			if got.Location() != Location() {
				t.Errorf("result location = %v, want Europe/Amsterdam", got.Location())
			}
		})
	}
}

func TestAddWorkingDaysDST(t *testing.T) {
	// Summer time starts on the last Sunday of March (30 March 2025, 02:00 →
	// 03:00) and ends on the last Sunday of October (26 October 2025,
	// 03:00 → 02:00). Deadlines are midnights, which always exist.
	tests := []struct {
		name     string
		received time.Time
		n        int
		wantUTC  time.Time
	}{
		{"Friday before spring change, n=1", ams(t, 2025, time.March, 28, 15, 0), 1, time.Date(2025, 3, 31, 22, 0, 0, 0, time.UTC)},
		{"Saturday before spring change, n=0", ams(t, 2025, time.March, 29, 23, 30), 0, time.Date(2025, 3, 29, 23, 0, 0, 0, time.UTC)},
		{"on the 23-hour Sunday, n=0", ams(t, 2025, time.March, 30, 1, 30), 0, time.Date(2025, 3, 30, 22, 0, 0, 0, time.UTC)},
		{"after the change on that Sunday, n=1", ams(t, 2025, time.March, 30, 3, 30), 1, time.Date(2025, 3, 31, 22, 0, 0, 0, time.UTC)},
		{"Friday before autumn change, n=1", ams(t, 2025, time.October, 24, 15, 0), 1, time.Date(2025, 10, 27, 23, 0, 0, 0, time.UTC)},
		{"on the 25-hour Sunday, n=0", ams(t, 2025, time.October, 26, 12, 0), 0, time.Date(2025, 10, 26, 23, 0, 0, 0, time.UTC)},
		{"second 02:30 on the 25-hour Sunday, n=1", time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC), 1, time.Date(2025, 10, 27, 23, 0, 0, 0, time.UTC)},
		{"Wednesday before autumn change, n=5", ams(t, 2025, time.October, 22, 9, 0), 5, time.Date(2025, 10, 29, 23, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertTime(t, AddWorkingDays(tt.received, tt.n), tt.wantUTC)
		})
	}
}

func TestAddWorkingDaysNegativePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("AddWorkingDays with n < 0 did not panic")
		}
	}()
	AddWorkingDays(time.Now(), -1)
}

func TestWorkingDaysBetween(t *testing.T) {
	tests := []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"same instant", ams(t, 2025, time.June, 11, 9, 0), ams(t, 2025, time.June, 11, 9, 0), 0},
		{"same day, later time", ams(t, 2025, time.June, 11, 9, 0), ams(t, 2025, time.June, 11, 17, 0), 0},
		{"to before from", ams(t, 2025, time.June, 12, 9, 0), ams(t, 2025, time.June, 11, 9, 0), 0},
		{"next working day", ams(t, 2025, time.June, 11, 23, 0), ams(t, 2025, time.June, 12, 0, 0), 1},
		{"Friday to Monday", ams(t, 2025, time.June, 13, 9, 0), ams(t, 2025, time.June, 16, 9, 0), 1},
		{"Friday to Sunday", ams(t, 2025, time.June, 13, 9, 0), ams(t, 2025, time.June, 15, 9, 0), 0},
		{"Saturday to next Friday", ams(t, 2025, time.June, 14, 9, 0), ams(t, 2025, time.June, 20, 9, 0), 5},
		{"across Easter", ams(t, 2025, time.April, 17, 9, 0), ams(t, 2025, time.April, 25, 9, 0), 5},
		{"across Christmas and New Year", ams(t, 2025, time.December, 24, 9, 0), ams(t, 2026, time.January, 5, 9, 0), 5},
		{"whole year 2025", ams(t, 2024, time.December, 31, 12, 0), ams(t, 2025, time.December, 31, 12, 0), 254},
		{"whole year 2026", ams(t, 2025, time.December, 31, 12, 0), ams(t, 2026, time.December, 31, 12, 0), 254},
		{"times in other zones use the Amsterdam date", time.Date(2025, 6, 13, 22, 30, 0, 0, time.UTC), time.Date(2025, 6, 15, 22, 30, 0, 0, time.UTC), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WorkingDaysBetween(tt.from, tt.to); got != tt.want {
				t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from.Format(time.RFC3339), tt.to.Format(time.RFC3339), got, tt.want)
			}
		})
	}
}

// randomInstant returns a uniformly random instant in 1990–2100.
func randomInstant(t *testing.T, r *rand.Rand) time.Time {
	t.Helper()
	lo := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	return time.Unix(lo+r.Int64N(hi-lo), r.Int64N(int64(time.Second))).UTC()
}

// checkAddWorkingDays checks the invariants that tie AddWorkingDays to the
// rest of the package for one receipt time and n.
func checkAddWorkingDays(t *testing.T, received time.Time, n int) {
	t.Helper()
	deadline := AddWorkingDays(received, n)
	last := deadline.Add(-time.Nanosecond) // last instant before the deadline
	if got := WorkingDaysBetween(received, last); got != n {
		t.Fatalf("received %s, n=%d: deadline %s, WorkingDaysBetween = %d",
			received.Format(time.RFC3339Nano), n, deadline.Format(time.RFC3339), got)
	}
	if !deadline.After(received) {
		t.Fatalf("received %s, n=%d: deadline %s not after receipt", received.Format(time.RFC3339Nano), n, deadline.Format(time.RFC3339))
	}
	local := deadline.In(Location())
	if local.Hour() != 0 || local.Minute() != 0 || local.Second() != 0 || local.Nanosecond() != 0 {
		t.Fatalf("received %s, n=%d: deadline %s is not midnight in Amsterdam", received.Format(time.RFC3339Nano), n, local.Format(time.RFC3339Nano))
	}
	if n > 0 && !IsWorkingDay(last) {
		t.Fatalf("received %s, n=%d: last day %s is not a working day", received.Format(time.RFC3339Nano), n, last.In(Location()).Format(time.DateOnly))
	}
	if n == 0 && civil(last) != civil(received) {
		t.Fatalf("received %s, n=0: deadline %s is not the end of the receipt day", received.Format(time.RFC3339Nano), deadline.Format(time.RFC3339))
	}
}

func TestAddWorkingDaysProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(20250520, 11))
	iterations := 3000
	if testing.Short() {
		iterations = 300
	}
	for range iterations {
		checkAddWorkingDays(t, randomInstant(t, r), r.IntN(70))
	}
}

func FuzzAddWorkingDays(f *testing.F) {
	f.Add(time.Date(2025, 4, 17, 10, 0, 0, 0, time.UTC).Unix(), uint8(5))
	f.Add(time.Date(2025, 12, 24, 10, 0, 0, 0, time.UTC).Unix(), uint8(5))
	f.Add(time.Date(2025, 3, 29, 23, 30, 0, 0, time.UTC).Unix(), uint8(0))
	f.Add(time.Date(2025, 10, 26, 1, 30, 0, 0, time.UTC).Unix(), uint8(1))
	f.Add(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix(), uint8(255))
	lo := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2101, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	f.Fuzz(func(t *testing.T, unix int64, n uint8) {
		if unix < lo || unix >= hi {
			t.Skip("outside 1990–2100")
		}
		checkAddWorkingDays(t, time.Unix(unix, 0), int(n))
	})
}
