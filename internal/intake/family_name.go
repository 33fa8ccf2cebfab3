package intake

import "strings"

// FamilyNames lists the distinct family names typed in a report, children
// first, as "Jansen / de Vries"; "" when none is typed yet. A draft is
// named after it, so that "Concept 1" becomes "Gezin Jansen".
func (r Report) FamilyNames() string {
	var names []string
	seen := map[string]bool{}
	for _, p := range append(append([]Person{}, r.Children...), r.Adults...) {
		n := strings.Join(strings.Fields(p.FamilyName), " ")
		if n != "" && !seen[strings.ToLower(n)] {
			seen[strings.ToLower(n)] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, " / ")
}
