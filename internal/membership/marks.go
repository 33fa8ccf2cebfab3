package membership

// Mark is an administrator's answer for one account in a round.
type Mark string

// The marks.
const (
	StillHere Mark = "confirmed" // "werkt hier nog"
	Left      Mark = "left"      // "werkt hier niet meer": the account is disabled
)

// Valid reports whether m is a known mark.
func (m Mark) Valid() bool { return m == StillHere || m == Left }

// MarkFacts is what deciding one mark needs.
type MarkFacts struct {
	ActorID      int64
	TargetID     int64
	TargetAdmin  bool // the account is an administrator's
	TargetActive bool
	ActiveAdmins int // active administrators of the organisation now
}

// Refusal says why a mark cannot be set: a stable code and Dutch words.
type Refusal struct {
	Code, Message string
}

// CheckMark decides whether an administrator may set a mark:
//   - nobody confirms themselves, except the organisation's only active
//     administrator (there is no one else to do it);
//   - nobody marks themselves as gone (that would disable one's own
//     account), and the last active administrator is never marked gone;
//   - an account that is not active (disabled or suspended) is not
//     confirmed: it is re-activated first.
func CheckMark(m Mark, f MarkFacts) *Refusal {
	switch {
	case !m.Valid():
		return &Refusal{"unknown_mark", "Kies 'werkt hier nog' of 'werkt hier niet meer'."}
	case m == StillHere && !f.TargetActive:
		return &Refusal{"not_active", "Dit account staat uit of is gepauzeerd. Zet het eerst weer aan."}
	case m == StillHere && f.ActorID == f.TargetID && f.ActiveAdmins > 1:
		return &Refusal{"self_confirm", "U kunt uzelf niet bevestigen. Een andere beheerder van uw organisatie doet dat."}
	case m == Left && f.ActorID == f.TargetID:
		return &Refusal{"self_left", "U kunt uzelf niet als vertrokken melden. Een andere beheerder doet dat."}
	case m == Left && f.TargetAdmin && f.TargetActive && f.ActiveAdmins <= 1:
		return &Refusal{"last_admin", "Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder."}
	}
	return nil
}
