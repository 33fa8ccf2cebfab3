package plan

import "schakel"

// RoleAtTable is the role an organisation takes in a case when its
// invitee accepts a consultation on it, so that the people at the table
// can act without first adding themselves: Veilig Thuis holds regie when
// nobody does (after its intake it coordinates), else advises;
// jeugdbescherming, the shelter, the local team, debt counselling and
// care providers carry out help; the Raad advises until it decides (its
// decision changes its role); police, municipality and court advise.
func RoleAtTable(k schakel.OrganisationKind, regieHeld bool) schakel.ParticipationRole {
	switch k {
	case schakel.VeiligThuis:
		if !regieHeld {
			return schakel.RoleRegie
		}
		return schakel.RoleAdvies
	case schakel.Jeugdbescherming, schakel.BlijfGroep, schakel.Wijkteam, schakel.Schuldhulp, schakel.Zorgaanbieder:
		return schakel.RoleUitvoering
	default:
		return schakel.RoleAdvies
	}
}
