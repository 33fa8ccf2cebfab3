// Package crisismeter holds Schakel's traffic-light rating of a report
// (melding): red for acute unsafety, orange for structural unsafety, green
// otherwise.
//
// No public definition of a crisismeter exists, so the rules are ours and
// deliberately transparent: a rating is proposed from the indicators a
// professional ticks on the intake form plus the number of earlier reports on
// the family, every proposal lists all the reasons that produced it, and a
// professional may change the colour only with a written reason. Lowering a
// red rating additionally needs a second professional.
//
// The package is pure: no I/O, no clock, no storage.
package crisismeter

import (
	"errors"
	"fmt"
	"unicode"
)

// Color is a crisismeter colour. The string values are stable and may be
// stored and sent over the API as they are.
type Color string

// The three colours.
const (
	Green  Color = "green"
	Orange Color = "orange"
	Red    Color = "red"
)

// Valid reports whether c is one of Green, Orange or Red.
func (c Color) Valid() bool {
	switch c {
	case Green, Orange, Red:
		return true
	}
	return false
}

// Rank orders the colours by urgency: green 0, orange 1, red 2. An invalid
// colour ranks -1.
func (c Color) Rank() int {
	switch c {
	case Green:
		return 0
	case Orange:
		return 1
	case Red:
		return 2
	}
	return -1
}

// Dutch returns the Dutch name of the colour for screens: "groen", "oranje"
// or "rood"; "onbekend" for an invalid colour.
func (c Color) Dutch() string {
	switch c {
	case Green:
		return "groen"
	case Orange:
		return "oranje"
	case Red:
		return "rood"
	}
	return "onbekend"
}

// Indicator codes that a professional can tick. The codes are stable: they are
// stored with the rating and used in the API.
const (
	// Red: acute unsafety.
	InjuryNeedsMedicalCare      = "injury_needs_medical_care"
	InjuryChildUnderOne         = "injury_child_under_one"
	SexualAbuseSuspectHasAccess = "sexual_abuse_suspect_has_access"
	ThreatToLife                = "threat_to_life"
	NoSafeCaregiver             = "no_safe_caregiver"
	HonourRelatedThreat         = "honour_related_threat"
	AcuteSuicidality            = "acute_suicidality"
	ChildAfraidToGoHome         = "child_afraid_to_go_home"

	// Orange: structural unsafety.
	RepeatedViolence          = "repeated_violence"
	ChronicNeglect            = "chronic_neglect"
	WitnessedDomesticViolence = "witnessed_domestic_violence"
	ParentalProblems          = "parental_problems"
	AvoidsHelp                = "avoids_help"
	SeriousDebtsOrHousingRisk = "serious_debts_or_housing_risk"
)

// Reason codes that are not selectable indicators but are derived by Propose.
const (
	// ReasonEarlierReports is the orange reason produced when
	// Input.EarlierReports24Months is above zero. It cannot be ticked.
	ReasonEarlierReports = "earlier_reports_24_months"
	// ReasonNoIndicators is the single reason of a green proposal.
	ReasonNoIndicators = "no_indicators"
)

// Indicator is one tickable signal on the intake form.
// The JSON names are those of GET /api/v1/intake/form.
type Indicator struct {
	Code  string `json:"code"`
	Color Color  `json:"color"`
	// Label is a short Dutch text at B1 level, shown next to the checkbox and
	// used as the reason text.
	Label string `json:"label"`
	// Help is one Dutch sentence explaining when to tick the indicator.
	Help string `json:"help"`
}

// indicators is the canonical list; red first, then orange, each in the order
// of the design notes. Propose sorts its reasons by this order.
var indicators = []Indicator{
	{InjuryNeedsMedicalCare, Red,
		"Letsel waarvoor medische zorg nodig is",
		"Kies dit als een kind of volwassene zo gewond is dat een arts of ziekenhuis moet kijken of behandelen."},
	{InjuryChildUnderOne, Red,
		"Letsel bij een kind jonger dan 1 jaar",
		"Kies dit bij elk letsel bij een baby jonger dan 1 jaar, ook als het klein lijkt, zoals een blauwe plek."},
	{SexualAbuseSuspectHasAccess, Red,
		"Vermoeden van seksueel misbruik, en de verdachte kan nog bij het kind komen",
		"Kies dit als er een vermoeden van seksueel misbruik is en de verdachte nog contact met het kind heeft of kan krijgen."},
	{ThreatToLife, Red,
		"Levensbedreiging, wapens of wurging",
		"Kies dit als iemand met de dood is bedreigd, als er een wapen is gebruikt of getoond, of als iemand is gewurgd."},
	{NoSafeCaregiver, Red,
		"Er is nu geen ouder of verzorger die veilig voor het kind kan zorgen",
		"Kies dit als geen verzorger nu veilig kan zorgen, bijvoorbeeld door drank of drugs, een psychose, afwezigheid of een arrestatie."},
	{HonourRelatedThreat, Red,
		"Acute dreiging van eergerelateerd geweld",
		"Kies dit als iemand nu gevaar loopt omdat de familie vindt dat de eer is geschonden, bijvoorbeeld bij dreiging met uithuwelijking of achterlating."},
	{AcuteSuicidality, Red,
		"Acuut gevaar voor zelfdoding",
		"Kies dit als een kind of ouder nu plannen of gedachten heeft om een einde aan het leven te maken."},
	{ChildAfraidToGoHome, Red,
		"Het kind is bang om naar huis te gaan",
		"Kies dit als het kind zegt of laat merken dat het bang is om naar huis te gaan."},
	{RepeatedViolence, Orange,
		"Het geweld gebeurt vaker",
		"Kies dit als er al eerder geweld in het gezin is geweest en het steeds terugkomt."},
	{ChronicNeglect, Orange,
		"Het kind wordt langere tijd verwaarloosd",
		"Kies dit als het kind al langer niet genoeg eten, kleding, hygiëne, medische zorg of aandacht krijgt."},
	{WitnessedDomesticViolence, Orange,
		"Het kind is getuige van huiselijk geweld",
		"Kies dit als het kind geweld tussen ouders of andere huisgenoten ziet of hoort."},
	{ParentalProblems, Orange,
		"Problemen van de ouder schaden de zorg voor het kind",
		"Kies dit als verslaving, een psychische ziekte of een verstandelijke beperking van een ouder de zorg voor het kind schaadt."},
	{AvoidsHelp, Orange,
		"Het gezin houdt hulp af",
		"Kies dit als het gezin hulp weigert, afspraken steeds niet nakomt of hulpverleners buiten de deur houdt."},
	{SeriousDebtsOrHousingRisk, Orange,
		"Ernstige schulden of het gezin dreigt de woning kwijt te raken",
		"Kies dit bij grote geldproblemen, zoals een dreigende huisuitzetting, afsluiting van gas, water of licht, of beslag op het inkomen."},
}

// order maps a selectable indicator code to its position in indicators.
var order = func() map[string]int {
	m := make(map[string]int, len(indicators))
	for i, ind := range indicators {
		m[ind.Code] = i
	}
	return m
}()

// Indicators returns all selectable indicators in a stable order: the red ones
// first, then the orange ones. The derived ReasonEarlierReports is not part of
// the list. The returned slice is a copy.
func Indicators() []Indicator {
	out := make([]Indicator, len(indicators))
	copy(out, indicators)
	return out
}

// Lookup returns the selectable indicator with the given code.
func Lookup(code string) (Indicator, bool) {
	i, ok := order[code]
	if !ok {
		return Indicator{}, false
	}
	return indicators[i], true
}

// CourtMeasureLikely reports whether the ticked indicators make a child
// protection measure by the court likely, so a jurist should join the crisis
// consultation: no safe caregiver, a threat to life, or a family that avoids
// help. Unknown codes are ignored.
func CourtMeasureLikely(codes []string) bool {
	for _, c := range codes {
		switch c {
		case NoSafeCaregiver, ThreatToLife, AvoidsHelp:
			return true
		}
	}
	return false
}

// Reason is one ground for a proposed colour, with its Dutch text for screens.
// Color says which colour the reason supports, so a red proposal can show
// its red reasons apart from the orange ones that also matter for the
// consultation.
type Reason struct {
	Code  string `json:"code"`
	Text  string `json:"text"`
	Color Color  `json:"color"`
}

// Input is what the rules look at.
type Input struct {
	// Indicators holds the ticked indicator codes; duplicates are allowed.
	Indicators []string
	// EarlierReports24Months is the number of earlier reports on the same
	// family in the last 24 months, as counted by matching. It must not be
	// negative.
	EarlierReports24Months int
}

// Proposal is the colour proposed by the rules with every reason that
// produced it.
type Proposal struct {
	Color   Color
	Reasons []Reason
}

// ErrUnknownIndicator is matched by errors.Is for every
// *UnknownIndicatorError.
var ErrUnknownIndicator = errors.New("crisismeter: unknown indicator")

// ErrNegativeEarlierReports is returned by Propose when
// Input.EarlierReports24Months is negative.
var ErrNegativeEarlierReports = errors.New("crisismeter: negative number of earlier reports")

// UnknownIndicatorError reports an indicator code that is not selectable.
// Index is the position in Input.Indicators so a caller can name the field,
// for example "indicators[3]".
type UnknownIndicatorError struct {
	Index int
	Code  string
}

func (e *UnknownIndicatorError) Error() string {
	return fmt.Sprintf("crisismeter: unknown indicator %q at index %d", e.Code, e.Index)
}

// Is makes errors.Is(err, ErrUnknownIndicator) true.
func (e *UnknownIndicatorError) Is(target error) bool { return target == ErrUnknownIndicator }

// Propose applies the rules:
//
//   - red when any red indicator is ticked;
//   - orange when any orange indicator is ticked or there were earlier
//     reports on the family in the last 24 months;
//   - green otherwise, with the single reason ReasonNoIndicators.
//
// The reasons are all the grounds that produced the colour; a red proposal
// also lists the orange grounds, after the red ones, because they matter for
// the crisis consultation. Reasons follow the order of Indicators, with
// ReasonEarlierReports last, whatever the input order; duplicates are
// collapsed. The first unknown code (including the derived
// ReasonEarlierReports, which cannot be ticked) is reported as an
// *UnknownIndicatorError.
func Propose(in Input) (Proposal, error) {
	if in.EarlierReports24Months < 0 {
		return Proposal{}, ErrNegativeEarlierReports
	}
	ticked := make([]bool, len(indicators))
	for i, code := range in.Indicators {
		pos, ok := order[code]
		if !ok {
			return Proposal{}, &UnknownIndicatorError{Index: i, Code: code}
		}
		ticked[pos] = true
	}

	p := Proposal{Color: Green}
	for pos, ind := range indicators {
		if !ticked[pos] {
			continue
		}
		p.Reasons = append(p.Reasons, Reason{Code: ind.Code, Text: ind.Label, Color: ind.Color})
		if ind.Color.Rank() > p.Color.Rank() {
			p.Color = ind.Color
		}
	}
	if n := in.EarlierReports24Months; n > 0 {
		p.Reasons = append(p.Reasons, Reason{Code: ReasonEarlierReports, Text: earlierReportsText(n), Color: Orange})
		if p.Color == Green {
			p.Color = Orange
		}
	}
	if len(p.Reasons) == 0 {
		p.Reasons = []Reason{{
			Code:  ReasonNoIndicators,
			Text:  "Geen signalen van acute of structurele onveiligheid aangevinkt",
			Color: Green,
		}}
	}
	return p, nil
}

func earlierReportsText(n int) string {
	if n == 1 {
		return "Er is 1 eerdere melding over dit gezin in de afgelopen 24 maanden"
	}
	return fmt.Sprintf("Er zijn %d eerdere meldingen over dit gezin in de afgelopen 24 maanden", n)
}

// Errors returned by CheckChange and CheckSecond. They are stable sentinels;
// compare with errors.Is.
var (
	ErrInvalidColor = errors.New("crisismeter: invalid colour")
	// ErrReasonRequired: changing the colour needs a written reason of at
	// least MinReasonChars non-space characters.
	ErrReasonRequired = errors.New("crisismeter: a written reason is required to change the colour")
	// ErrSameProfessional: the second professional who confirms lowering a
	// red rating must be someone else than the one who asked.
	ErrSameProfessional = errors.New("crisismeter: the second professional must be someone else")
	// ErrSecondProfessionalRequired: no second professional was given.
	ErrSecondProfessionalRequired = errors.New("crisismeter: a second professional is required")
)

// MinReasonChars is the minimum number of non-space characters in the reason
// for changing a colour.
const MinReasonChars = 10

// Change is a professional's decision on a rating: from the proposed (or
// current) colour to a new one.
type Change struct {
	From, To Color
	Reason   string
}

// CheckChange validates a change. Both colours must be valid
// (ErrInvalidColor). Confirming the same colour needs no reason; any other
// change needs a reason of at least MinReasonChars non-space characters
// (ErrReasonRequired). Whether a second professional is needed is a separate
// question, answered by NeedsSecondProfessional.
func CheckChange(c Change) error {
	if !c.From.Valid() || !c.To.Valid() {
		return ErrInvalidColor
	}
	if c.From == c.To {
		return nil
	}
	n := 0
	for _, r := range c.Reason {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	if n < MinReasonChars {
		return ErrReasonRequired
	}
	return nil
}

// NeedsSecondProfessional reports whether a change needs confirmation by a
// second professional: lowering red to orange or green.
func NeedsSecondProfessional(from, to Color) bool {
	return from == Red && (to == Orange || to == Green)
}

// CheckSecond validates the second professional (by user id) who confirms a
// change that NeedsSecondProfessional: it must be given
// (ErrSecondProfessionalRequired when confirmedBy is zero or negative) and
// must differ from the one who asked (ErrSameProfessional).
func CheckSecond(requestedBy, confirmedBy int64) error {
	if confirmedBy <= 0 {
		return ErrSecondProfessionalRequired
	}
	if requestedBy == confirmedBy {
		return ErrSameProfessional
	}
	return nil
}
