package familytext

import (
	"strconv"
	"time"
)

// Date says a day in the language: "14 december 2026", "14 December 2026".
func (l *Lang) Date(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return l.T("date.day", "d", t.Day(), "month", l.T("month."+strconv.Itoa(int(t.Month()))), "year", t.Year())
}

// Moment says a moment with its weekday: "maandag 14 december 2026, 10:30".
func (l *Lang) Moment(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return l.T("date.moment", "weekday", l.T("weekday."+strconv.Itoa(int(t.Weekday()))), "date", l.Date(t, loc), "time", t.Format("15:04"))
}

// Span says a conversation's time: "maandag 14 december 2026, 10:30 tot 11:30".
func (l *Lang) Span(start, end time.Time, loc *time.Location) string {
	return l.T("date.span", "moment", l.Moment(start, loc), "end", end.In(loc).Format("15:04"))
}
