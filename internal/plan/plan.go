// Package plan holds the rules of the joint workspace on a case, free of
// HTTP and SQL: what makes an action valid, when a plan may be agreed, when
// an organisation may leave a case, the safety scale, shared findings,
// family conversations, the Raad's decision, roles and regie, colleague
// requests, and the phase a case is in. Storage gathers the facts, calls
// these rules inside its transaction and writes only what they allow.
//
// Every function returns a *schakel.Error: EINVALID with field names for
// bad input, ECONFLICT for a request that clashes with the case's state.
package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"schakel"
	"schakel/internal/textlimit"
)

// Limits on free text (see package textlimit).
const (
	MaxTitle     = textlimit.Line
	MaxText      = textlimit.Text
	MinReason    = 10 // a reason, handover or next steps needs at least this many characters
	MaxAgenda    = 30
	MaxAgendaLen = textlimit.Agenda
	DateLayout   = "2006-01-02"
)

// Date is a calendar date (no time of day), as due and review dates are.
type Date struct{ time.Time }

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return Date{}, false
	}
	return Date{t}, true
}

// DateOf is the calendar date of t in loc.
func DateOf(t time.Time, loc *time.Location) Date {
	l := t.In(loc)
	return Date{time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)}
}

// String is YYYY-MM-DD.
func (d Date) String() string { return d.Format(DateLayout) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time.Before(e.Time) }

// runes counts the characters of s without surrounding space, as a limit
// counts them (textlimit.Len).
func runes(s string) int { return textlimit.Len(strings.TrimSpace(s)) }

// ---------------------------------------------------------------------------
// Actions.

// ActionInput is a new action as the API receives it.
type ActionInput struct {
	Title               string  `json:"title"`
	OwnerOrganisationID int64   `json:"owner_organisation_id"`
	OwnerProfessionalID int64   `json:"owner_professional_id"`
	DueDate             string  `json:"due_date"`
	For                 *string `json:"for"`
	Kind                string  `json:"kind"`
	ExpectedVersion     int64   `json:"version,omitempty"`
}

// Facts are what storage knows when it checks an action or a change.
type Facts struct {
	Today Date
	// Organisations that take part in the case now.
	OnCase map[int64]bool
	// For each active professional asked about: their organisation.
	ProfessionalOrg map[int64]int64
}

// Kinds, For values and statuses that are valid.
var (
	ActionKinds    = []string{schakel.ActionTask, schakel.ActionSafetyAgreement, schakel.ActionGoal}
	ForValues      = []string{schakel.ForParents, schakel.ForChild, schakel.ForNetwork}
	ActionStatuses = []string{schakel.ActionOpen, schakel.ActionDone, schakel.ActionCancelled}
)

// ValidateAction checks a new action: a title, a known kind and target, a
// due date that is not in the past, and an owner organisation on the case
// with an owner person who works there. It returns the parsed due date.
func ValidateAction(in ActionInput, f Facts) (Date, error) {
	var v schakel.Validation
	switch n := runes(in.Title); {
	case n == 0:
		v.Add("title", "required", "Schrijf op wat er moet gebeuren.")
	case n > MaxTitle:
		v.Add("title", "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxTitle, n))
	}
	if !slices.Contains(ActionKinds, in.Kind) {
		v.Add("kind", "unknown", "Kies actie, veiligheidsafspraak of doel.")
	}
	if in.For != nil && !slices.Contains(ForValues, *in.For) {
		v.Add("for", "unknown", "Kies ouders, kind, netwerk of niemand in het bijzonder.")
	}
	due := checkDueDate(&v, "due_date", in.DueDate, f.Today)
	checkOwner(&v, in.OwnerOrganisationID, in.OwnerProfessionalID, f)
	return due, v.Err()
}

func checkDueDate(v *schakel.Validation, field, s string, today Date) Date {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "required", "Vul een datum in.")
		return Date{}
	}
	d, ok := ParseDate(s)
	if !ok {
		v.Add(field, "format", "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2026-12-01.")
		return Date{}
	}
	if d.Before(today) {
		v.Add(field, "in_past", fmt.Sprintf("Deze datum is voorbij. Kies vandaag (%s) of later.", today.Format("02-01-2006")))
	}
	return d
}

func checkOwner(v *schakel.Validation, orgID, proID int64, f Facts) {
	switch {
	case orgID <= 0:
		v.Add("owner_organisation_id", "required", "Kies de organisatie die de actie uitvoert.")
	case !f.OnCase[orgID]:
		v.Add("owner_organisation_id", "not_on_case", "Deze organisatie doet niet (meer) mee aan de casus. Voeg haar eerst toe, of kies een andere.")
	}
	switch org, ok := f.ProfessionalOrg[proID]; {
	case proID <= 0:
		v.Add("owner_professional_id", "required", "Kies wie de actie uitvoert.")
	case !ok:
		v.Add("owner_professional_id", "unknown", "Deze medewerker bestaat niet of is niet actief.")
	case orgID > 0 && org != orgID:
		v.Add("owner_professional_id", "not_in_organisation", "Deze medewerker werkt niet bij de gekozen organisatie.")
	}
}

// ActionChange is a change of an existing action: a new status, owner or
// due date. Nil fields stay as they are.
type ActionChange struct {
	Status              *string `json:"status"`
	OwnerOrganisationID *int64  `json:"owner_organisation_id"`
	OwnerProfessionalID *int64  `json:"owner_professional_id"`
	DueDate             *string `json:"due_date"`
	Version             int64   `json:"version"`
}

// CurrentAction is what an action is now, as far as a change cares.
type CurrentAction struct {
	Status              string
	OwnerOrganisationID int64
	OwnerProfessionalID int64
}

// ValidateChange checks a change: at least one field, a known status, a
// closed action is not reopened or changed, a new owner on the case, a new
// due date not in the past.
func ValidateChange(cur CurrentAction, ch ActionChange, f Facts) (due *Date, err error) {
	var v schakel.Validation
	if ch.Status == nil && ch.OwnerOrganisationID == nil && ch.OwnerProfessionalID == nil && ch.DueDate == nil {
		v.Add("status", "required", "Geef aan wat er verandert: status, eigenaar of datum.")
		return nil, v.Err()
	}
	if cur.Status != schakel.ActionOpen {
		return nil, schakel.Errorf(schakel.ECONFLICT, "Deze actie is al afgerond of vervallen en kan niet meer veranderen.")
	}
	if ch.Status != nil && !slices.Contains(ActionStatuses, *ch.Status) {
		v.Add("status", "unknown", "Kies open, afgerond of vervallen.")
	}
	if ch.OwnerOrganisationID != nil || ch.OwnerProfessionalID != nil {
		org, pro := cur.OwnerOrganisationID, cur.OwnerProfessionalID
		if ch.OwnerOrganisationID != nil {
			org = *ch.OwnerOrganisationID
		}
		if ch.OwnerProfessionalID != nil {
			pro = *ch.OwnerProfessionalID
		}
		checkOwner(&v, org, pro, f)
	}
	if ch.DueDate != nil {
		d := checkDueDate(&v, "due_date", *ch.DueDate, f.Today)
		due = &d
	}
	return due, v.Err()
}

// Overdue reports whether an open action's due date has passed.
func Overdue(status string, due, today Date) bool {
	return status == schakel.ActionOpen && due.Before(today)
}

// ---------------------------------------------------------------------------
// Agreeing the plan.

// Talkers says who is set to talk with the parents and with the child:
// the owners of actions (not cancelled) for them.
func Talkers(actions []schakel.Action) (parents, child []schakel.Contact) {
	for _, a := range actions {
		if a.Status == schakel.ActionCancelled || a.For == nil || a.OwnerProfessional.ID == 0 {
			continue
		}
		add := func(list []schakel.Contact) []schakel.Contact {
			if slices.ContainsFunc(list, func(c schakel.Contact) bool { return c.ID == a.OwnerProfessional.ID }) {
				return list
			}
			return append(list, a.OwnerProfessional)
		}
		switch *a.For {
		case schakel.ForParents:
			parents = add(parents)
		case schakel.ForChild:
			child = add(child)
		}
	}
	return parents, child
}

// Missing lists what still blocks agreement: "talks_with_parents" and
// "talks_with_child" when nobody is set to talk with them.
func Missing(actions []schakel.Action) []string {
	p, c := Talkers(actions)
	out := []string{}
	if len(p) == 0 {
		out = append(out, "talks_with_parents")
	}
	if len(c) == 0 {
		out = append(out, "talks_with_child")
	}
	return out
}

// AgreeInput is the request to agree a plan.
type AgreeInput struct {
	ConsultationID int64  `json:"consultation_id"`
	ReviewDate     string `json:"review_date"`
	Version        int64  `json:"version"`
	// RegieConsent says who of the organisation with regie agreed, when
	// someone of another organisation records the plan.
	RegieConsent string `json:"regie_consent,omitempty"`
	// DryRun checks everything and writes nothing: the screen's
	// confirmation step shows what would be agreed only when it may be.
	DryRun bool `json:"-"`
}

// AgreeFacts are the case's facts when a plan is agreed.
type AgreeFacts struct {
	Today        Date
	AlreadyAgree bool
	AgreedOn     time.Time
	Actions      []schakel.Action
	// The consultation named in the request: whether it is on this case,
	// and its status.
	ConsultationOnCase bool
	ConsultationStatus string
	// HoldsRegie: the organisation of whoever records the plan holds regie.
	HoldsRegie bool
}

// CheckAgree applies the agree rule: a plan is agreed once, at a
// consultation on the case that was held (its attendance recorded), by the
// organisation with regie or with its recorded consent, with a review date
// after today, and only when someone is set to talk with the parents and
// someone with the child.
func CheckAgree(in AgreeInput, f AgreeFacts) (Date, error) {
	if f.AlreadyAgree {
		return Date{}, schakel.Errorf(schakel.ECONFLICT, "Dit plan is al vastgesteld op %s. Leg een verandering vast met een evaluatie.",
			f.AgreedOn.Format("02-01-2006"))
	}
	var v schakel.Validation
	if in.Version <= 0 {
		v.Add("version", "required", "Geef de versie van de casus mee die u zag, zodat niemands wijziging verloren gaat.")
	}
	switch {
	case in.ConsultationID <= 0:
		v.Add("consultation_id", "required", "Kies het overleg waarin het plan is vastgesteld.")
	case !f.ConsultationOnCase:
		v.Add("consultation_id", "not_on_case", "Dit overleg hoort niet bij deze casus.")
	case f.ConsultationStatus == "cancelled":
		v.Add("consultation_id", "cancelled", "Dit overleg is afgezegd.")
	case f.ConsultationStatus != "held":
		v.Add("consultation_id", "not_held", "Dit overleg is nog niet gehouden. Leg eerst in het overleg vast wie er waren; daarna stelt u het plan vast.")
	}
	switch n := runes(in.RegieConsent); {
	case !f.HoldsRegie && n == 0:
		v.Add("regie_consent", "required", "Alleen de organisatie met de regie stelt het plan vast. Schrijf op wie van die organisatie instemde, of vraag haar het plan vast te stellen.")
	case n > textlimit.Line:
		v.Add("regie_consent", "too_long", fmt.Sprintf("Hoogstens %d tekens.", textlimit.Line))
	}
	review := checkReviewDate(&v, "review_date", in.ReviewDate, f.Today)
	for _, m := range Missing(f.Actions) {
		switch m {
		case "talks_with_parents":
			v.Add(m, "missing", "Niemand is aangewezen om met de ouders te praten. Voeg een actie voor de ouders toe, met een eigenaar.")
		case "talks_with_child":
			v.Add(m, "missing", "Niemand is aangewezen om met het kind te praten. Voeg een actie voor het kind toe, met een eigenaar.")
		}
	}
	return review, v.Err()
}

func checkReviewDate(v *schakel.Validation, field, s string, today Date) Date {
	if strings.TrimSpace(s) == "" {
		v.Add(field, "required", "Vul de datum van de evaluatie in.")
		return Date{}
	}
	d, ok := ParseDate(s)
	if !ok {
		v.Add(field, "format", "Vul een datum in als jjjj-mm-dd, bijvoorbeeld 2027-01-15.")
		return Date{}
	}
	if !today.Before(d) {
		v.Add(field, "not_future", "De evaluatie ligt na vandaag.")
	} else if d.After(today.AddDate(1, 0, 0)) {
		v.Add(field, "too_far", "Evalueer het plan binnen een jaar.")
	}
	return d
}

// ReviewInput is a check-plan-do review of an agreed plan.
type ReviewInput struct {
	ConsultationID int64  `json:"consultation_id,omitempty"`
	Checked        string `json:"checked"`
	Changed        string `json:"changed"`
	Why            string `json:"why"`
	NextReviewDate string `json:"next_review_date"`
	Version        int64  `json:"version,omitempty"`
}

// CheckReview: the plan must be agreed; what was checked, what changed and
// why are written down; the next review lies after today.
func CheckReview(in ReviewInput, agreed bool, today Date) (Date, error) {
	if !agreed {
		return Date{}, schakel.Errorf(schakel.ECONFLICT, "Het plan is nog niet vastgesteld. Stel het eerst vast in een overleg.")
	}
	var v schakel.Validation
	text(&v, "checked", in.Checked, "Schrijf op wat u heeft nagekeken.")
	text(&v, "changed", in.Changed, "Schrijf op wat er verandert (of: niets).")
	text(&v, "why", in.Why, "Schrijf op waarom.")
	d := checkReviewDate(&v, "next_review_date", in.NextReviewDate, today)
	return d, v.Err()
}

func text(v *schakel.Validation, field, s, required string) {
	switch n := runes(s); {
	case n == 0:
		v.Add(field, "required", required)
	case n > MaxText:
		v.Add(field, "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxText, n))
	}
}

func reason(v *schakel.Validation, field, s, what string) {
	switch n := runes(s); {
	case n < MinReason:
		v.Add(field, "required", fmt.Sprintf("%s Minstens %d tekens.", what, MinReason))
	case n > MaxText:
		v.Add(field, "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxText, n))
	}
}

// ---------------------------------------------------------------------------
// Findings, safety scale, conversations.

// ValidateFinding checks a shared finding: one of the three columns and a text.
func ValidateFinding(column, body string) error {
	var v schakel.Validation
	if !slices.Contains(schakel.FindingColumns, column) {
		v.Add("column", "unknown", "Kies zorgen, wat goed gaat of wat er moet gebeuren.")
	}
	text(&v, "text", body, "Schrijf de bevinding op.")
	return v.Err()
}

// ScaleMin and ScaleMax bound the safety scale.
const (
	ScaleMin = 0
	ScaleMax = 10
)

// ValidateScale checks a safety scale: a value from 0 to 10 and a reason.
func ValidateScale(value *int, why string) error {
	var v schakel.Validation
	switch {
	case value == nil:
		v.Add("value", "required", "Kies een cijfer van 0 tot en met 10.")
	case *value < ScaleMin || *value > ScaleMax:
		v.Add("value", "out_of_range", fmt.Sprintf("Kies een cijfer van 0 tot en met 10. U koos %d.", *value))
	}
	reason(&v, "reason", why, "Schrijf op waarom u dit cijfer geeft.")
	return v.Err()
}

// ConversationInput is a conversation with the family to log.
type ConversationInput struct {
	HeldAt          string  `json:"held_at"` // RFC 3339
	Joint           bool    `json:"joint"`
	ProfessionalIDs []int64 `json:"professional_ids"`
	PersonIDs       []int64 `json:"person_ids"`
	Others          string  `json:"others"`
	Summary         string  `json:"summary"`
}

// ValidateConversation checks a conversation: when (not in the future),
// which professionals (two or more when joint), with whom in the family
// (persons on the case, or others such as network).
func ValidateConversation(in ConversationInput, now time.Time, casePersons map[int64]bool, activePros map[int64]bool) (time.Time, error) {
	var v schakel.Validation
	var at time.Time
	if strings.TrimSpace(in.HeldAt) == "" {
		v.Add("held_at", "required", "Vul in wanneer het gesprek was.")
	} else if t, err := time.Parse(time.RFC3339, strings.TrimSpace(in.HeldAt)); err != nil {
		v.Add("held_at", "format", "Vul een moment in, bijvoorbeeld 2026-11-23T14:30:00+01:00.")
	} else if t.After(now.Add(5 * time.Minute)) {
		v.Add("held_at", "in_future", "Een gesprek legt u vast nadat het is gevoerd.")
	} else {
		at = t.UTC().Truncate(time.Minute)
	}
	if len(in.ProfessionalIDs) == 0 {
		v.Add("professional_ids", "required", "Kies wie het gesprek voerde.")
	}
	for i, id := range in.ProfessionalIDs {
		if !activePros[id] {
			v.Add(fmt.Sprintf("professional_ids[%d]", i), "unknown", "Deze medewerker bestaat niet of is niet actief.")
		}
	}
	if in.Joint && len(uniq(in.ProfessionalIDs)) < 2 {
		v.Add("joint", "needs_two", "Een gezamenlijk gesprek voert u met minstens twee professionals.")
	}
	if len(in.PersonIDs) == 0 && runes(in.Others) == 0 {
		v.Add("person_ids", "required", "Kies met wie u sprak, of schrijf het op bij 'anderen'.")
	}
	for i, id := range in.PersonIDs {
		if !casePersons[id] {
			v.Add(fmt.Sprintf("person_ids[%d]", i), "not_on_case", "Deze persoon hoort niet bij deze casus.")
		}
	}
	if n := runes(in.Others); n > MaxTitle {
		v.Add("others", "too_long", fmt.Sprintf("Hoogstens %d tekens.", MaxTitle))
	}
	if n := runes(in.Summary); n > MaxText {
		v.Add("summary", "too_long", fmt.Sprintf("Hoogstens %d tekens.", MaxText))
	}
	return at, v.Err()
}

func uniq(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// SameConversation reports whether two logged conversations are the same
// one: the same minute with the same family members. The family tells its
// story once, so it is logged once.
func SameConversation(atA time.Time, personsA []int64, atB time.Time, personsB []int64) bool {
	return atA.Truncate(time.Minute).Equal(atB.Truncate(time.Minute)) && slices.Equal(uniq(personsA), uniq(personsB))
}

// ---------------------------------------------------------------------------
// The Raad's decision.

// DecisionKinds are the Raad's possible decisions: a request for an
// investigation, advice for voluntary help, an urgent request to the court,
// and the outcome of its own investigation.
var DecisionKinds = []string{schakel.DecisionInvestigateMeasure, schakel.DecisionNoMeasureVoluntaryHelp,
	schakel.DecisionUrgentSupervision, schakel.DecisionUrgentPlacement,
	schakel.DecisionOutcomeMeasure, schakel.DecisionOutcomeNoMeasure}

// InvestigationOpen reports whether the Raad's own investigation is open,
// given its decisions newest first: the newest request for an
// investigation has no outcome after it. Urgent requests to the court
// neither open nor close it.
func InvestigationOpen(kindsNewestFirst []string) bool {
	for _, k := range kindsNewestFirst {
		switch k {
		case schakel.DecisionInvestigateMeasure:
			return true
		case schakel.DecisionOutcomeMeasure, schakel.DecisionOutcomeNoMeasure:
			return false
		}
	}
	return false
}

// InvestigationOutcome reports whether kind is an outcome of an investigation.
func InvestigationOutcome(kind string) bool {
	return kind == schakel.DecisionOutcomeMeasure || kind == schakel.DecisionOutcomeNoMeasure
}

// ValidateDecision checks the Raad's decision: a known kind and a reason.
// Who may record it is decided by access (resource RaadDecision), before this.
func ValidateDecision(kind, why string) error {
	var v schakel.Validation
	if !slices.Contains(DecisionKinds, kind) {
		v.Add("kind", "unknown", "Kies een besluit: onderzoek, advies vrijwillige hulp, een spoedverzoek aan de rechter of de uitkomst van het onderzoek.")
	}
	reason(&v, "reason", why, "Schrijf op waarom de Raad zo besluit.")
	return v.Err()
}

// ---------------------------------------------------------------------------
// Roles, regie and exit.

// Roles lists every participation role.
var Roles = []schakel.ParticipationRole{schakel.RoleRegie, schakel.RoleUitvoering, schakel.RoleOnderzoek, schakel.RoleAdvies, schakel.RoleBesluit}

// CheckRole checks a role for an organisation of kind k that is not handed
// regie: regie only moves by an explicit handover, and only the Raad and the
// court decide.
func CheckRole(field string, role schakel.ParticipationRole, k schakel.OrganisationKind) error {
	var v schakel.Validation
	switch {
	case !slices.Contains(Roles, role):
		v.Add(field, "unknown", "Kies uitvoering, onderzoek, advies of besluit.")
	case role == schakel.RoleRegie:
		v.Add(field, "regie_by_handover", "De regie gaat alleen over met een overdracht door de organisatie die haar nu heeft.")
	case role == schakel.RoleBesluit && k != schakel.Raad && k != schakel.Rechtbank:
		v.Add(field, "besluit_only_raad", "Alleen de Raad voor de Kinderbescherming en de rechtbank hebben de rol besluit.")
	}
	return v.Err()
}

// RoleChange is a change of an organisation's role on a case.
type RoleChange struct {
	Role   schakel.ParticipationRole `json:"role"`
	Reason string                    `json:"reason"`
}

// CheckRoleChange: the organisation is on the case, does not hold regie
// (hand it over first), gets a valid other role, with a reason.
func CheckRoleChange(in RoleChange, current schakel.ParticipationRole, active bool, k schakel.OrganisationKind) error {
	if !active {
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie doet niet (meer) mee aan de casus.")
	}
	if current == schakel.RoleRegie {
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie heeft de regie. Draag de regie eerst over; dan kiest u een nieuwe rol.")
	}
	if err := CheckRole("role", in.Role, k); err != nil {
		return err
	}
	var v schakel.Validation
	if in.Role == current {
		v.Add("role", "unchanged", "De organisatie heeft deze rol al.")
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom de rol verandert.")
	return v.Err()
}

// Handover is an explicit handover of regie.
type Handover struct {
	ToOrganisationID int64                     `json:"organisation_id"`
	Reason           string                    `json:"reason"`
	FormerRole       schakel.ParticipationRole `json:"former_role"` // the role the former regie organisation keeps; default uitvoering
}

// HandoverFacts are the case's facts at a regie handover.
type HandoverFacts struct {
	ActorHoldsRegie bool
	RegieExists     bool
	ToActive        bool
	ToIsSelf        bool
	FromKind        schakel.OrganisationKind
}

// CheckHandover: one organisation holds regie at a time, and only it hands
// it over, to another organisation on the case, with a reason.
func CheckHandover(in *Handover, f HandoverFacts) error {
	if f.RegieExists && !f.ActorHoldsRegie {
		return schakel.Errorf(schakel.EFORBIDDEN, "Alleen de organisatie die de regie heeft, draagt haar over.")
	}
	if in.FormerRole == "" {
		in.FormerRole = schakel.RoleUitvoering
	}
	var v schakel.Validation
	switch {
	case in.ToOrganisationID <= 0:
		v.Add("organisation_id", "required", "Kies de organisatie die de regie overneemt.")
	case f.ToIsSelf:
		v.Add("organisation_id", "self", "Uw organisatie heeft de regie al. Kies een andere organisatie.")
	case !f.ToActive:
		v.Add("organisation_id", "not_on_case", "Deze organisatie doet niet (meer) mee aan de casus. Voeg haar eerst toe.")
	}
	if f.RegieExists {
		if err := CheckRole("former_role", in.FormerRole, f.FromKind); err != nil {
			v.Fields = append(v.Fields, schakel.FieldErrors(err)...)
		}
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom de regie overgaat.")
	return v.Err()
}

// ExitInput is an organisation's exit from a case.
type ExitInput struct {
	Handover  string `json:"handover"`
	NextSteps string `json:"next_steps"`
}

// ExitFacts are the case's facts when an organisation wants to leave.
type ExitFacts struct {
	Active      bool
	HoldsRegie  bool
	OpenActions int
	// InvestigationOpen: the organisation is the Raad and its own
	// investigation has no outcome yet (InvestigationOpen).
	InvestigationOpen bool
}

// CheckExit applies the exit rule: an organisation leaves only without
// open actions (reassign them first) and without regie (hand it over
// first), the Raad not while its own investigation is open (record the
// outcome first), and leaves a handover note and the next steps.
func CheckExit(in ExitInput, f ExitFacts) error {
	if !f.Active {
		return schakel.Errorf(schakel.ECONFLICT, "Deze organisatie doet niet (meer) mee aan de casus.")
	}
	var why []string
	if f.HoldsRegie {
		why = append(why, "uw organisatie heeft de regie: draag die eerst over")
	}
	if f.InvestigationOpen {
		why = append(why, "het onderzoek van de Raad loopt nog: leg eerst de uitkomst vast bij Besluit (kies \"Uitkomst van het onderzoek\")")
	}
	if f.OpenActions == 1 {
		why = append(why, "uw organisatie heeft nog 1 open actie: draag die over of rond haar af")
	} else if f.OpenActions > 1 {
		why = append(why, fmt.Sprintf("uw organisatie heeft nog %d open acties: draag die over of rond ze af", f.OpenActions))
	}
	if len(why) > 0 {
		msg := "U kunt nog niet uit deze casus stappen: " + strings.Join(why, "; ") + "."
		return &schakel.Error{Code: schakel.ECONFLICT, Message: msg}
	}
	var v schakel.Validation
	reason(&v, "handover", in.Handover, "Schrijf een overdracht: wat weet u, wat is gedaan, wie neemt het over?")
	reason(&v, "next_steps", in.NextSteps, "Schrijf de volgende stappen op: wat gebeurt er nu, door wie en wanneer?")
	return v.Err()
}

// ---------------------------------------------------------------------------
// Colleague requests.

// RequestInput asks a colleague along.
type RequestInput struct {
	ToProfessionalID int64  `json:"to_professional_id"`
	Kind             string `json:"kind"`
	At               string `json:"at"` // RFC 3339
	Message          string `json:"message"`
}

// ValidateRequest checks a colleague request: an active colleague who is
// not the asker, a kind, a moment not in the past, a message.
func ValidateRequest(in RequestInput, me int64, active bool, now time.Time) (time.Time, error) {
	var v schakel.Validation
	switch {
	case in.ToProfessionalID <= 0:
		v.Add("to_professional_id", "required", "Kies de collega die u wilt vragen.")
	case in.ToProfessionalID == me:
		v.Add("to_professional_id", "self", "U kunt uzelf niet vragen.")
	case !active:
		v.Add("to_professional_id", "unknown", "Deze collega bestaat niet of is niet actief.")
	}
	if in.Kind != schakel.RequestJoinConversation && in.Kind != schakel.RequestThinkAlong {
		v.Add("kind", "unknown", "Kies: meegaan naar een gesprek, of meedenken.")
	}
	var at time.Time
	if t, err := time.Parse(time.RFC3339, strings.TrimSpace(in.At)); err != nil {
		v.Add("at", "format", "Vul een moment in, bijvoorbeeld 2026-11-25T10:00:00+01:00.")
	} else if t.Before(now.Add(-5 * time.Minute)) {
		v.Add("at", "in_past", "Dit moment is voorbij.")
	} else {
		at = t.UTC()
	}
	text(&v, "message", in.Message, "Schrijf kort waar u hulp bij vraagt.")
	return at, v.Err()
}

// ---------------------------------------------------------------------------
// Consultations.

// ConsultationInput schedules a consultation with invited people.
type ConsultationInput struct {
	Kind        string   `json:"kind"`
	ScheduledAt string   `json:"scheduled_at"` // RFC 3339
	Title       string   `json:"title"`
	Agenda      []string `json:"agenda"`
	Invite      Invite   `json:"invite"`
	// Location is where and how it meets (ValidateNewConsultation).
	Location schakel.ConsultationLocation `json:"location"`
}

// Invite names whom to invite: people by name, or an organisation or an
// expertise for which Schakel picks an available person.
type Invite struct {
	ProfessionalIDs []int64  `json:"professional_ids"`
	OrganisationIDs []int64  `json:"organisation_ids"`
	Expertises      []string `json:"expertises"`
	Reason          string   `json:"reason,omitempty"`
}

// Empty reports whether nobody is asked for.
func (i Invite) Empty() bool {
	return len(i.ProfessionalIDs) == 0 && len(i.OrganisationIDs) == 0 && len(i.Expertises) == 0
}

// ValidateConsultation checks a new consultation.
func ValidateConsultation(in ConsultationInput, now time.Time) (time.Time, error) {
	var v schakel.Validation
	if !slices.Contains(schakel.ConsultationKinds, in.Kind) {
		v.Add("kind", "unknown", "Kies crisisoverleg, MDO, plaatsingstafel of casusoverleg.")
	}
	at := meetingMoment(&v, in.ScheduledAt, now)
	if n := runes(in.Title); n > MaxTitle {
		v.Add("title", "too_long", fmt.Sprintf("Hoogstens %d tekens.", MaxTitle))
	}
	if len(in.Agenda) > MaxAgenda {
		v.Add("agenda", "too_many", fmt.Sprintf("Hoogstens %d agendapunten.", MaxAgenda))
	}
	for i, a := range in.Agenda {
		agendaItem(&v, fmt.Sprintf("agenda[%d]", i), a)
	}
	checkInvite(&v, in.Invite, false)
	return at, v.Err()
}

// meetingMoment reads the moment of a consultation: RFC 3339, not past,
// within a year.
func meetingMoment(v *schakel.Validation, s string, now time.Time) time.Time {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
	switch {
	case err != nil:
		v.Add("scheduled_at", "format", "Vul een moment in, bijvoorbeeld 2026-11-25T10:00:00+01:00.")
	case t.Before(now.Add(-5 * time.Minute)):
		v.Add("scheduled_at", "in_past", "Dit moment is voorbij.")
	case t.After(now.AddDate(1, 0, 0)):
		v.Add("scheduled_at", "too_far", "Plan een overleg binnen een jaar.")
	default:
		return t.UTC()
	}
	return time.Time{}
}

// ConsultationChange moves a planned consultation to another moment
// (ScheduledAt), or cancels it; both say why, for the participants.
type ConsultationChange struct {
	ScheduledAt string `json:"scheduled_at"`
	Reason      string `json:"reason"`
}

// ValidateMove checks moving a consultation from its current moment.
func ValidateMove(in ConsultationChange, current, now time.Time) (time.Time, error) {
	var v schakel.Validation
	at := meetingMoment(&v, in.ScheduledAt, now)
	if !at.IsZero() && at.Equal(current) {
		v.Add("scheduled_at", "unchanged", "Het overleg staat al op dit moment. Kies een ander moment.")
	}
	reason(&v, "reason", in.Reason, "Schrijf op waarom het overleg verschuift; de genodigden lezen dit.")
	return at, v.Err()
}

// ValidateCancel checks cancelling a consultation. A crisis consultation
// of a red case stays: red goes to a joint consultation, so it can be moved
// but not cancelled until the colour is lowered.
func ValidateCancel(in ConsultationChange, kind string, caseRed bool) error {
	if kind == schakel.ConsultCrisis && caseRed {
		return schakel.Errorf(schakel.ECONFLICT, "Een rode casus houdt zijn crisisoverleg. Verplaats het overleg, of verlaag eerst de kleur (met een tweede professional).")
	}
	var v schakel.Validation
	reason(&v, "reason", in.Reason, "Schrijf op waarom het overleg niet doorgaat; de genodigden lezen dit.")
	return v.Err()
}

func checkInvite(v *schakel.Validation, in Invite, needReason bool) {
	if in.Empty() {
		v.Add("invite", "required", "Nodig minstens één persoon, organisatie of deskundigheid uit.")
	}
	for i, e := range in.Expertises {
		if !schakel.Expertise(e).Valid() {
			v.Add(fmt.Sprintf("invite.expertises[%d]", i), "unknown", "Onbekende deskundigheid.")
		}
	}
	if needReason {
		reason(v, "reason", in.Reason, "Schrijf op waarom deze deskundige erbij komt.")
	} else if n := runes(in.Reason); n > MaxText {
		v.Add("invite.reason", "too_long", fmt.Sprintf("Hoogstens %d tekens. U schreef er %d.", MaxText, n))
	}
}

// ValidateAddParticipant checks adding someone to a consultation or an
// expert to a case at any moment: whom, and why.
func ValidateAddParticipant(in Invite) error {
	var v schakel.Validation
	checkInvite(&v, in, true)
	return v.Err()
}

// ValidateAgendaItem checks one agenda point.
func ValidateAgendaItem(s string) error {
	var v schakel.Validation
	agendaItem(&v, "text", s)
	return v.Err()
}

// agendaItem checks one agenda point: 1 to MaxAgendaLen characters.
func agendaItem(v *schakel.Validation, field, s string) {
	switch n := runes(s); {
	case n == 0:
		v.Add(field, "required", fmt.Sprintf("Een agendapunt heeft 1 tot %d tekens.", MaxAgendaLen))
	case n > MaxAgendaLen:
		v.Add(field, "too_long", fmt.Sprintf("Een agendapunt heeft 1 tot %d tekens. U schreef er %d.", MaxAgendaLen, n))
	}
}

// ---------------------------------------------------------------------------
// Phase.

// PhaseFacts are the facts that decide a case's phase.
type PhaseFacts struct {
	CaseStatus    string // open, closed, merged
	CrisisPlanned bool   // a crisis consultation is planned
	Actions       int    // actions not cancelled
	PlanAgreed    bool
	ReviewOverdue bool
	RaadKinds     []string // the Raad's decisions, newest first
}

// Phases, in the order a case usually passes them.
var phaseDutch = map[string]string{
	"intake":             "Melding en veiligheidsbeoordeling",
	"crisis":             "Crisisoverleg gepland",
	"plan_draft":         "Plan van aanpak in de maak",
	"plan_running":       "Plan vastgesteld: uitvoeren en evalueren",
	"review_due":         "Evaluatie van het plan is te laat",
	"raad_investigation": "Raad onderzoekt een beschermingsmaatregel",
	"closed":             "Afgesloten",
}

// PhaseOf derives where a case stands. The rule is deliberately simple and
// visible: a closed case is closed; a Raad investigation outranks the plan;
// a late review outranks a running plan; then plan, crisis, intake.
func PhaseOf(f PhaseFacts) schakel.Phase {
	code := "intake"
	switch {
	case f.CaseStatus != "" && f.CaseStatus != "open":
		code = "closed"
	case InvestigationOpen(f.RaadKinds):
		code = "raad_investigation"
	case f.PlanAgreed && f.ReviewOverdue:
		code = "review_due"
	case f.PlanAgreed:
		code = "plan_running"
	case f.Actions > 0:
		code = "plan_draft"
	case f.CrisisPlanned:
		code = "crisis"
	}
	return schakel.Phase{Code: code, Dutch: phaseDutch[code]}
}
