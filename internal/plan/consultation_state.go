package plan

import (
	"fmt"
	"slices"

	"schakel"
)

// The rules of a consultation's life after it is planned: what may still
// change, who was there, and when attendance can be recorded.

// WalkInReason marks a participant who attended without an invitation (no
// e-mail, no calendar invitation).
const WalkInReason = "Aanwezig zonder uitnodiging vooraf"

// AttendanceInput records who was there.
type AttendanceInput struct {
	Present []int64 `json:"present"`
	Absent  []int64 `json:"absent"`
}

// CheckNotCancelled refuses work on the agenda, the participants or the
// attendance of a cancelled consultation.
func CheckNotCancelled(status string) error {
	if status == schakel.ConsultationCancelled {
		return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is afgezegd.")
	}
	return nil
}

// CheckChangeable refuses moving or cancelling a consultation that was
// held or cancelled already.
func CheckChangeable(status string) error {
	switch status {
	case schakel.ConsultationHeld:
		return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is al gehouden. Plan zo nodig een nieuw overleg.")
	case schakel.ConsultationCancelled:
		return schakel.Errorf(schakel.ECONFLICT, "Dit overleg is al afgezegd. Plan zo nodig een nieuw overleg.")
	}
	return nil
}

// CheckAgendaRoom refuses a point on an agenda that is full.
func CheckAgendaRoom(points int) error {
	if points >= MaxAgenda {
		return schakel.Errorf(schakel.ECONFLICT, "De agenda heeft al %d punten.", MaxAgenda)
	}
	return nil
}

// ValidateAttendance checks who was there: at least one person present,
// nobody both present and absent, and everyone an active professional.
func ValidateAttendance(in AttendanceInput, active map[int64]bool) error {
	var v schakel.Validation
	if len(in.Present) == 0 {
		v.Add("present", "required", "Kies wie er aanwezig was.")
	}
	for i, id := range in.Absent {
		if slices.Contains(in.Present, id) {
			v.Add(fmt.Sprintf("absent[%d]", i), "both", "Iemand is aanwezig of afwezig, niet allebei.")
		}
	}
	for i, id := range in.Present {
		if !active[id] {
			v.Add(fmt.Sprintf("present[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
		}
	}
	for i, id := range in.Absent {
		if !active[id] {
			v.Add(fmt.Sprintf("absent[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
		}
	}
	return v.Err()
}
