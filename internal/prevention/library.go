package prevention

import (
	"regexp"
	"strings"

	"schakel"
	"schakel/internal/textlimit"
)

// LibraryEntry is a review as the network's case library keeps it: no
// names, no places, no dates finer than a month (issue 16, item 7).
type LibraryEntry struct {
	Summary string
	Lessons string
}

// exactDate finds a date finer than a month: 3-12-2026, 3/12, 3 december.
var exactDate = regexp.MustCompile(`(?i)\b\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?\b|\b\d{1,2}\s+(jan(uari)?|feb(ruari)?|maart|mrt|apr(il)?|mei|jun[i]?|jul[i]?|aug(ustus)?|sep(t(ember)?)?|okt(ober)?|nov(ember)?|dec(ember)?)\b`)

// ValidateLibrary refuses a library entry without a summary, or with a
// name or place of the family (terms: ForbiddenTerms of every name, the
// addresses, postcodes and municipalities) or an exact date in it. The
// message names what to take out, to the member who typed it.
func ValidateLibrary(e LibraryEntry, terms []string) error {
	var v schakel.Validation
	if strings.TrimSpace(e.Summary) == "" {
		v.Add("summary", "required", "Beschrijf kort de situatie en wat de plaatsingstafel koos, zonder namen of plaatsen.")
	}
	for _, f := range []struct{ name, text string }{{"summary", e.Summary}, {"lessons", e.Lessons}} {
		if !textlimit.Check(&v, f.name, f.text, textlimit.Text) {
			continue
		}
		if found := Contains(f.text, terms); len(found) > 0 {
			v.Add(f.name, "identifying", "Haal weg wat het gezin herkenbaar maakt: "+strings.Join(found, ", ")+".")
		}
		if d := exactDate.FindString(f.text); d != "" {
			v.Add(f.name, "exact_date", "Noem geen datum, hoogstens de maand: haal "+d+" weg.")
		}
	}
	return v.Err()
}
