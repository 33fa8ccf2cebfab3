// Package supportwork holds the rules of support work on request (issue
// 14, item 4) that need no storage: what a valid task is, and how many
// hours a task may have saved. Who may do what is decided in
// internal/access.
package supportwork

import (
	"math"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// TaskInput is a task as the case holder posts it.
type TaskInput struct {
	Kind         string `json:"kind"`
	DueOn        string `json:"due_on"` // a date, 2006-01-02, in the region's time zone
	Brief        string `json:"brief"`  // what the helper needs to know
	ShareAddress bool   `json:"share_address"`
}

// Task is a checked task: the kind, the due date as the start of that day
// and the brief without surrounding spaces.
type Task struct {
	Kind         string
	DueOn        time.Time
	Brief        string
	ShareAddress bool
}

// MaxAhead is how far ahead a task may be due.
const MaxAhead = 366 * 24 * time.Hour

// MaxHours is the most hours one task may have saved.
const MaxHours = 40

// Validate checks a task at now (loc is the region's time zone): a known
// kind, a due date from today to a year ahead, a brief, and the address
// only for a home visit or transport. Every wrong field is named.
func Validate(in TaskInput, now time.Time, loc *time.Location) (Task, error) {
	var v schakel.Validation
	out := Task{Kind: in.Kind, Brief: strings.TrimSpace(in.Brief), ShareAddress: in.ShareAddress}
	if !slices.Contains(schakel.TaskKinds, in.Kind) {
		v.Add("kind", "invalid", "Kies wat voor taak het is.")
	}
	due, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(in.DueOn), loc)
	today := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, loc)
	switch {
	case strings.TrimSpace(in.DueOn) == "":
		v.Add("due_on", "required", "Vul in wanneer de taak klaar moet zijn.")
	case err != nil:
		v.Add("due_on", "invalid", "Vul een datum in, bijvoorbeeld 2026-12-10.")
	case due.Before(today):
		v.Add("due_on", "past", "Deze datum is al voorbij. Kies vandaag of later.")
	case due.Sub(today) > MaxAhead:
		v.Add("due_on", "too_far", "Kies een datum binnen een jaar.")
	}
	out.DueOn = due.UTC()
	if out.Brief == "" {
		v.Add("brief", "required", "Schrijf op wat de ondersteuner moet weten om de taak te doen.")
	} else {
		textlimit.Check(&v, "brief", out.Brief, textlimit.Text)
	}
	if in.ShareAddress && !schakel.TaskNeedsAddress(in.Kind) {
		v.Add("share_address", "not_needed", "Het adres van het gezin geeft u alleen mee bij een huisbezoek of vervoer.")
	}
	return out, v.Err()
}

// ValidateHours checks the hours a done task saved its case holder: a
// number from 0 to 40, given.
func ValidateHours(hours *float64) (float64, error) {
	var v schakel.Validation
	switch {
	case hours == nil:
		v.Add("hours_saved", "required", "Vul in hoeveel uur de taak de casushouder bespaarde (0 mag).")
	case math.IsNaN(*hours) || math.IsInf(*hours, 0):
		v.Add("hours_saved", "invalid", "Vul een getal in, bijvoorbeeld 1,5.")
	case *hours < 0:
		v.Add("hours_saved", "negative", "Het aantal uur kan niet negatief zijn.")
	case *hours > MaxHours:
		v.Add("hours_saved", "too_many", "Hoogstens 40 uur per taak.")
	default:
		return math.Round(*hours*4) / 4, nil
	}
	return 0, v.Err()
}
