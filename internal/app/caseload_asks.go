package app

import (
	"time"

	"schakel"
	"schakel/internal/askalong"
	"schakel/internal/storage"
)

// AskCounts is asking the team along and quick questions this month, for
// a worker or a team (issue 14, item 5): asks made, joins accepted,
// questions answered, and the median time from an ask to its acceptance
// or answer over the asks taken (nil when none was taken).
type AskCounts struct {
	Asked         int  `json:"asked"`
	Accepted      int  `json:"accepted"`
	Answered      int  `json:"answered"`
	MedianMinutes *int `json:"median_minutes_to_answer"`
	waits         []time.Duration
}

// add counts o in, and the median over both.
func (c *AskCounts) add(o AskCounts) {
	c.Asked, c.Accepted, c.Answered = c.Asked+o.Asked, c.Accepted+o.Accepted, c.Answered+o.Answered
	c.waits = append(c.waits, o.waits...)
	c.MedianMinutes = nil
	if m, ok := askalong.Median(c.waits); ok {
		minutes := int(m.Round(time.Minute) / time.Minute)
		c.MedianMinutes = &minutes
	}
}

// askCountsOf is one worker's counts.
func askCountsOf(f storage.AskFigures, id int64) AskCounts {
	var taken AskCounts
	for _, t := range f.Taken[id] {
		if t.Kind == schakel.AskJoin {
			taken.Accepted++
		} else {
			taken.Answered++
		}
		taken.waits = append(taken.waits, t.Wait)
	}
	out := AskCounts{Asked: f.Asked[id]}
	out.add(taken)
	return out
}

// sumAsks adds up members' counts: a team's median is over every ask its
// members took, not a median of medians.
func sumAsks(members []MemberLoad) AskCounts {
	var out AskCounts
	for _, m := range members {
		out.add(m.Asks)
	}
	return out
}

// teamAsks puts the asks of this month on a team's board: per member and
// for the team.
func teamAsks(tx *storage.Tx, b *TeamBoard, from, to time.Time) error {
	f, err := tx.TeamAskFigures(b.TeamID, from, to)
	for i := range b.Members {
		b.Members[i].Asks = askCountsOf(f, b.Members[i].ProfessionalID)
	}
	b.Asks = sumAsks(b.Members)
	return err
}
