package demo

import (
	"time"

	"schakel/internal/care"
	"schakel/internal/chain"
	"schakel/internal/storage"
	"schakel/internal/workdays"
)

// careAnswer draws whether and when a reached provider answers (see the
// assumptions in national_care.go); an answer after now is not given yet.
func (g *generator) careAnswer(r storage.BulkCareRequest, p careProvider) (storage.BulkCareAnswer, bool) {
	if g.careRng.Float64() >= 0.85 {
		return storage.BulkCareAnswer{}, false
	}
	median := 2.0
	if r.Urgency == "days" {
		median = 0.6
	}
	n := int(g.careLogn(median, 0.8))
	var at time.Time
	if n == 0 {
		at = r.CreatedAt.Add(time.Duration(1+g.careRng.IntN(240)) * time.Minute)
	} else {
		// Office hours on the n-th working day after the request.
		day := workdays.AddWorkingDays(r.CreatedAt, n).In(workdays.Location()).AddDate(0, 0, -1)
		at = day.Add(time.Duration(8*60+g.careRng.IntN(9*60)) * time.Minute).UTC()
	}
	if at.Unix()/60 > g.nowMin {
		return storage.BulkCareAnswer{}, false
	}
	a := storage.BulkCareAnswer{OrganisationID: p.profile.Organisation.ID, AnsweredBy: p.answers, At: at, Late: care.Late(at, r.Deadline)}
	if g.careRng.Float64() < 0.25 {
		a.NoCapacity = true
		a.ExpectedRoom = dateIn(at.AddDate(0, 0, 30+g.careRng.IntN(90)))
	} else {
		a.Approach = "Gegenereerde geschiedenis"
		a.EarliestStart = dateIn(at.Add(time.Duration(g.careLogn(21, 0.6)*24) * time.Hour))
	}
	return a, true
}

func dateIn(t time.Time) string { return t.In(workdays.Location()).Format(time.DateOnly) }

// careChoice chooses, with the family, the answer with room that starts
// first; answers that would come after the choice are never given (the
// live path refuses them). The care starts on or after the earliest start
// and the day after the choice, and sometimes ends; nothing after now,
// no start after closed and no end after endBy. It returns the minute of
// the last of its events (0: none).
func (g *generator) careChoice(c *caseSim, r *storage.BulkCareRequest, org, closed, endBy int64) int64 {
	best := -1
	for i, a := range r.Answers {
		if !a.NoCapacity && (best < 0 || a.EarliestStart < r.Answers[best].EarliestStart) {
			best = i
		}
	}
	if best < 0 || g.careRng.Float64() >= 0.9 {
		return 0
	}
	chosen := r.Answers[best]
	at := chosen.At.Add(time.Duration(g.careLogn(3, 0.6)*24) * time.Hour)
	if at.Unix()/60 > g.nowMin || at.Unix()/60 >= closed {
		return 0
	}
	kept := r.Answers[:0]
	for _, a := range r.Answers {
		if !a.At.After(at) {
			kept = append(kept, a)
		}
	}
	r.Answers = kept
	r.ChosenOrg, r.ChosenAt = chosen.OrganisationID, &at
	c.add(chain.CareAllocated, at.Unix()/60, org).CareRequestID = r.ID
	c.join(chosen.OrganisationID, "uitvoering", at.Unix()/60, nil)
	if g.careRng.Float64() >= 0.92 {
		return at.Unix() / 60
	}
	earliest, _ := care.Day(chosen.EarliestStart)
	dayAfter, _ := care.Day(dateIn(at.AddDate(0, 0, 1)))
	start, _ := care.Day(dateIn(maxTime(earliest, dayAfter).AddDate(0, 0, g.careRng.IntN(8)).In(workdays.Location())))
	if start.Unix()/60 > g.nowMin || start.Unix()/60 >= closed {
		return at.Unix() / 60
	}
	r.StartedAt = &start
	c.add(chain.CareStarted, start.Unix()/60, chosen.OrganisationID).CareRequestID = r.ID
	if g.careRng.Float64() >= 0.55 {
		return start.Unix() / 60
	}
	end, _ := care.Day(dateIn(start.Add(time.Duration(g.careLogn(120, 0.5)*24) * time.Hour)))
	if end.Unix()/60 > g.nowMin || end.Unix()/60 >= endBy {
		return start.Unix() / 60
	}
	r.EndedAt, r.EndReason = &end, g.careEndReason()
	c.add(chain.CareEnded, end.Unix()/60, chosen.OrganisationID).CareRequestID = r.ID
	return end.Unix() / 60
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (g *generator) careEndReason() string {
	u := g.careRng.Float64()
	for _, e := range careEndReasons {
		if u -= e.w; u < 0 {
			return e.code
		}
	}
	return careEndReasons[0].code
}
