package web

// Dutch words for the codes the screens show.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/attendees"
	"schakel/internal/crisismeter"
	"schakel/internal/intake"
)

func optionLabel(opts []intake.Option, code string) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Label
		}
	}
	return code
}

// canReport tells whether a professional may file reports, to show or hide
// the intake screens; storage decides again on every report.
func canReport(p *schakel.Professional) bool {
	if p == nil {
		return false
	}
	return access.Decide(access.SubjectOf(p), access.Report, access.Write, access.Context{}).Allowed
}

// colorNL is the lower-case Dutch colour word ("rood"), for sentences.
func colorNL(c string) string {
	if c == "" {
		return "nog geen kleur"
	}
	return crisismeter.Color(c).Dutch()
}

// colorName is the colour word for a badge ("Rood").
func colorName(c string) string {
	s := colorNL(c)
	if c == "" {
		return "Nog geen kleur"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func colorClass(c string) string {
	if crisismeter.Color(c).Valid() {
		return "color-" + c
	}
	return "color-none"
}

func indicatorNL(code string) string {
	if ind, ok := crisismeter.Lookup(code); ok {
		return ind.Label
	}
	if code == crisismeter.ReasonEarlierReports {
		return "Eerdere meldingen over dit gezin in de afgelopen 24 maanden"
	}
	return code
}

func relationNL(code string) string {
	for _, list := range [][]intake.Option{intake.ChildRelations, intake.AdultRelations} {
		for _, o := range list {
			if o.Code == code {
				return o.Label
			}
		}
	}
	return code
}

// needNL turns a stored need ("role:lawyer") into Dutch ("een jurist").
func needNL(code string) string {
	kind, value, ok := strings.Cut(code, ":")
	if !ok {
		return code
	}
	return attendees.Need{Kind: kind, Value: value}.Dutch()
}

func participationRoleNL(r schakel.ParticipationRole) string {
	switch r {
	case schakel.RoleRegie:
		return "Regie (coördineert de casus)"
	case schakel.RoleUitvoering:
		return "Uitvoering van hulp"
	case schakel.RoleOnderzoek:
		return "Onderzoek"
	case schakel.RoleAdvies:
		return "Advies"
	case schakel.RoleBesluit:
		return "Besluit"
	}
	return string(r)
}

func ratingStatusNL(s string) string {
	switch s {
	case schakel.RatingProposed:
		return "Voorstel, nog niet bevestigd"
	case schakel.RatingConfirmed:
		return "Bevestigd"
	case schakel.RatingPendingSecond:
		return "Wacht op een tweede professional"
	case schakel.RatingRejected:
		return "Afgewezen"
	case "superseded":
		return "Vervangen door een latere keuze"
	}
	return s
}

var matchReasons = map[string]string{
	"bsn_equal":                    "zelfde BSN",
	"bsn_different":                "ander BSN",
	"birth_date_equal":             "zelfde geboortedatum",
	"birth_date_day_month_swapped": "dag en maand van de geboortedatum omgedraaid",
	"birth_date_one_digit_off":     "geboortedatum wijkt 1 cijfer af",
	"birth_date_digits_transposed": "twee cijfers van de geboortedatum omgedraaid",
	"birth_date_different":         "andere geboortedatum",
	"birth_date_missing":           "geboortedatum onbekend",
	"names_swapped":                "voor- en achternaam omgedraaid",
	"family_name_equal":            "zelfde achternaam",
	"family_name_partial":          "achternaam lijkt gedeeltelijk",
	"family_name_typo":             "achternaam met een typefout",
	"family_name_different":        "andere achternaam",
	"family_name_missing":          "achternaam onbekend",
	"given_name_equal":             "zelfde voornaam",
	"given_name_partial":           "voornaam lijkt gedeeltelijk",
	"given_name_typo":              "voornaam met een typefout",
	"given_name_different":         "andere voornaam",
	"given_name_missing":           "voornaam onbekend",
}

func matchReasonNL(code string) string {
	if s, ok := matchReasons[code]; ok {
		return s
	}
	return strings.ReplaceAll(code, "_", " ")
}

func consultKindNL(kind string) string {
	switch kind {
	case schakel.ConsultCrisis:
		return "Crisisoverleg (Samen in Crisis)"
	case schakel.ConsultMDO:
		return "Multidisciplinair overleg (MDO)"
	case schakel.ConsultPlacementReview:
		return "Plaatsingstafel (alternatieven voor uithuisplaatsing)"
	case schakel.ConsultCaseConference:
		return "Casusoverleg"
	}
	return "Overleg"
}

func consultStatusNL(s string) string {
	switch s {
	case "planned":
		return "Gepland"
	case "held":
		return "Gehouden"
	case "cancelled":
		return "Afgezegd"
	}
	return s
}

// durationNL says how long d is in plain Dutch: "3 uur 20 min", "2 dagen".
func durationNL(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "minder dan 1 min"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d/time.Minute))
	case d < 24*time.Hour:
		h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
		if m == 0 {
			return fmt.Sprintf("%d uur", h)
		}
		return fmt.Sprintf("%d uur %d min", h, m)
	case d < 48*time.Hour:
		h := int((d - 24*time.Hour) / time.Hour)
		if h == 0 {
			return "1 dag"
		}
		return fmt.Sprintf("1 dag %d uur", h)
	}
	return fmt.Sprintf("%d dagen", int(d/(24*time.Hour)))
}

// dueNL is the time left until due ("nog 3 uur 20 min") or how late it is
// ("2 dagen te laat").
func dueNL(now, due time.Time) string {
	if d := due.Sub(now); d >= 0 {
		return "nog " + durationNL(d)
	}
	return durationNL(now.Sub(due)) + " te laat"
}

// daysNL says a lead time in Dutch: "3,5 uur", "4,2 dagen", "63 dagen".
func daysNL(d float64) string {
	switch {
	case d < 1:
		return strings.ReplaceAll(strconv.FormatFloat(d*24, 'f', 1, 64), ".", ",") + " uur"
	case d < 10:
		return strings.ReplaceAll(strconv.FormatFloat(d, 'f', 1, 64), ".", ",") + " dagen"
	}
	return strconv.FormatFloat(d, 'f', 0, 64) + " dagen"
}
