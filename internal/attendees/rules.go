package attendees

import (
	"slices"
	"strconv"
	"strings"

	"schakel/internal/crisismeter"
	"schakel/internal/intake"
)

// Urgency says when a need must be at the table.
const (
	// Urgent needs are filled at the crisis table itself, even at night.
	Urgent = "urgent"
	// CanFollow needs wait for the follow-up MDO within 5 working days;
	// the crisis table records them so that MDO can pick them up.
	CanFollow = "can_follow"
)

// Required is a need with the rule behind it, so the table can be
// defended: which indicator, concern, answer or fact asked for it, in
// Dutch for the screen and as codes for the record.
type Required struct {
	Need
	Rules   []string // e.g. "indicator:threat_to_life", "concern:financial_problems", "answer:unopened_post_or_debts", "reporter:police", "red", "intake"
	Reason  string   // Dutch, B1: why this family needs it
	Urgency string   // Urgent or CanFollow
}

// Request holds what is known about a red case that decides who is needed.
type Request struct {
	Concerns      []string        // concern categories of every report
	Indicators    []string        // crisismeter indicator codes of every report
	ReporterKinds []string        // who reported: professional, police, citizen, anonymous
	Worries       []intake.Option // worrying finance answers (intake.WorryingAnswers)
	IntakeWorker  int64           // the professional who took the report; 0 when Schakel itself did
}

// trigger is one fact of the request that asks for a need.
type trigger struct{ rule, text string }

// Needs returns what a crisis table on the request needs, in a fixed order
// without duplicates, each with its rule and urgency:
//
//   - Veilig Thuis, jeugdbescherming, the Raad and a confidential doctor at
//     every red table (urgent);
//   - the intake worker who took the report: they know the facts (urgent);
//   - the police when they reported, or when the suspect may come back: a
//     threat to life, weapons or strangulation, or a sexual-abuse suspect
//     who can still reach the child (urgent);
//   - the shelter (Blijf Groep) when a parent needs a safe place tonight:
//     violence between the adults together with a threat to life or an
//     honour-related threat (urgent);
//   - a lawyer when a court measure is likely (urgent);
//   - experts in sexual or honour-related violence (urgent);
//   - debt counselling for money worries (can follow: debts are real, but
//     they do not decide whether a child sleeps safely tonight).
func Needs(r Request) []Required {
	ind := func(codes ...string) []trigger { return indicatorTriggers(r.Indicators, codes) }
	con := func(codes ...string) []trigger { return concernTriggers(r.Concerns, codes) }
	red := []trigger{{"red", "Elke rode melding komt aan de crisistafel"}}
	out := []Required{
		required(Need{KindOrganisation, OrgVeiligThuis}, Urgent, red, "Veilig Thuis beoordeelt de veiligheid"),
		required(Need{KindOrganisation, OrgJeugdbescherming}, Urgent, red, "de jeugdbescherming kan meteen hulp of een maatregel uitvoeren"),
		required(Need{KindOrganisation, OrgRaad}, Urgent, red, "de Raad beslist of een onderzoek of een verzoek aan de rechter nodig is"),
		required(Need{KindRole, RoleConfidentialDoctor}, Urgent, red, "een arts beoordeelt letsel en gevaar"),
	}
	if r.IntakeWorker != 0 {
		out = append(out, required(Need{KindPerson, strconv.FormatInt(r.IntakeWorker, 10)}, Urgent,
			[]trigger{{"intake", "Nam de melding aan"}}, "kent de feiten en zit altijd aan tafel"))
	}
	police := slices.Concat(reporterTriggers(r.ReporterKinds, "police", "De politie deed de melding"),
		ind(crisismeter.ThreatToLife, crisismeter.SexualAbuseSuspectHasAccess))
	out = appendIf(out, Need{KindOrganisation, OrgPolitie}, Urgent, police, "de politie kan de pleger weghouden als die terugkomt")
	var shelter []trigger
	if slices.Contains(r.Concerns, "domestic_violence") {
		if threat := ind(crisismeter.ThreatToLife, crisismeter.HonourRelatedThreat); len(threat) > 0 {
			shelter = append(con("domestic_violence"), threat...)
		}
	}
	out = appendIf(out, Need{KindOrganisation, OrgBlijfGroep}, Urgent, shelter, "een ouder heeft vannacht een veilige plek nodig")
	var court []trigger
	for _, t := range ind(crisismeter.NoSafeCaregiver, crisismeter.ThreatToLife, crisismeter.AvoidsHelp) {
		if crisismeter.CourtMeasureLikely([]string{strings.TrimPrefix(t.rule, "indicator:")}) {
			court = append(court, t)
		}
	}
	out = appendIf(out, Need{KindRole, RoleLawyer}, Urgent, court, "een maatregel van de rechter is waarschijnlijk")
	out = appendIf(out, Need{KindExpertise, ExpertiseSexualViolence}, Urgent,
		slices.Concat(con(ConcernSexualAbuse), ind(IndicatorSexualAbuseSuspectHasAccess)), "het gesprek met kind en ouders vraagt kennis van seksueel geweld")
	out = appendIf(out, Need{KindExpertise, ExpertiseHonourRelatedViolence}, Urgent,
		slices.Concat(con(ConcernHonourRelatedViolence), ind(IndicatorHonourRelatedThreat)), "de veiligheid vraagt kennis van eergerelateerd geweld")
	var debts []trigger
	for _, w := range r.Worries {
		debts = append(debts, trigger{"answer:" + w.Code, w.Label})
	}
	debts = slices.Concat(con(ConcernFinancialProblems), ind(IndicatorSeriousDebtsOrHousingRisk), debts)
	return appendIf(out, Need{KindExpertise, ExpertiseDebtCounselling}, CanFollow, debts,
		"geldzorgen tellen mee, maar beslissen niet over de veiligheid vannacht; dit komt in het vervolgoverleg")
}

// Of returns the needs of the given urgency, as plain needs for Select.
func Of(rs []Required, urgency string) []Need {
	var out []Need
	for _, r := range rs {
		if r.Urgency == urgency {
			out = append(out, r.Need)
		}
	}
	return out
}

func appendIf(out []Required, n Need, urgency string, ts []trigger, why string) []Required {
	if len(ts) == 0 {
		return out
	}
	return append(out, required(n, urgency, ts, why))
}

// required builds a need whose reason names every fact that asked for it,
// then why that fact makes the need matter.
func required(n Need, urgency string, ts []trigger, why string) Required {
	r := Required{Need: n, Urgency: urgency}
	var texts []string
	seen := map[string]bool{}
	for _, t := range ts {
		if seen[t.rule] {
			continue
		}
		seen[t.rule] = true
		r.Rules = append(r.Rules, t.rule)
		texts = append(texts, strings.TrimSuffix(t.text, "."))
	}
	r.Reason = strings.Join(texts, "; ") + ": " + why + "."
	return r
}

func indicatorTriggers(have, codes []string) []trigger {
	var out []trigger
	for _, c := range codes {
		if slices.Contains(have, c) {
			label := c
			if ind, ok := crisismeter.Lookup(c); ok {
				label = ind.Label
			}
			out = append(out, trigger{"indicator:" + c, "Signaal “" + label + "”"})
		}
	}
	return out
}

func concernTriggers(have, codes []string) []trigger {
	var out []trigger
	for _, c := range codes {
		if slices.Contains(have, c) {
			label := c
			for _, o := range intake.Concerns {
				if o.Code == c {
					label = o.Label
				}
			}
			out = append(out, trigger{"concern:" + c, "Zorg “" + label + "”"})
		}
	}
	return out
}

func reporterTriggers(kinds []string, kind, text string) []trigger {
	if slices.Contains(kinds, kind) {
		return []trigger{{"reporter:" + kind, text}}
	}
	return nil
}
