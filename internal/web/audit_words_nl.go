package web

// The access log in Dutch words: one table of events, bases and resources
// for the privacy officer's trail, and the short sentences (B1) of "wie
// heeft mijn dossier bekeken", which a parent or a child of 12 reads.

import (
	"strconv"
	"strings"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/chain"
)

// auditEventNL says what happened, as a column value.
var auditEventNL = map[string]string{
	audit.EventRead:   "Bekeken",
	audit.EventSearch: "Gezocht",
	audit.EventCreate: "Vastgelegd",
	audit.EventUpdate: "Gewijzigd",
	audit.EventExport: "Geëxporteerd",
	audit.EventDelete: "Verwijderd",
	audit.EventLogin:  "Inloggen",
	audit.EventLogout: "Uitloggen",
}

// auditBasisNL says why access was given.
var auditBasisNL = map[string]string{
	audit.BasisParticipation:     "De organisatie werkt mee aan de casus",
	audit.BasisDuty:              "Uitgenodigd voor een overleg over de casus",
	audit.BasisEmergency:         "Noodtoegang",
	audit.BasisRole:              "Hoort bij de rol van de medewerker",
	audit.BasisSelf:              "Eigen gegevens of eigen werk",
	audit.BasisOwnRecord:         "Wat de eigen organisatie vastlegde, na het uitstappen",
	audit.BasisSystem:            "Schakel zelf (beheer op de server of een geplande taak)",
	audit.BasisReview:            "Lid van de plaatsingstafel (alleen het korte overzicht)",
	audit.BasisTask:              "Ondersteuner met een opgepakte taak (alleen de taak)",
	audit.BasisParentalAuthority: "Ouder met gezag, kind jonger dan 16",
	audit.BasisChildConsent:      "Het kind (16+) gaf toestemming",
	audit.BasisNone:              "Het mocht niet",
}

// auditResourceNL names what was reached; the id follows it.
var auditResourceNL = map[string]string{
	"family_session":         "Inloggen als gezinslid",
	"family_account":         "Account van een gezinslid",
	"family_view":            "Eigen gezinsomgeving, casus",
	"family_consent":         "Toestemming van een kind (16+)",
	"family_request":         "Verhaal of verzoek van een gezinslid, casus",
	"case":                   "Casus",
	"report":                 "Melding",
	"consultation":           "Overleg",
	"plan":                   "Plan van aanpak van casus",
	"plan_action":            "Actie in een plan",
	"family_copy_mark":       "Markering ‘niet delen met’ in de kopie voor ouders",
	"family_match":           "Mogelijke match van twee gezinnen",
	"family_totp":            "App voor inlogcodes van gezinslid",
	"family_recovery_codes":  "Herstelcodes van gezinslid",
	"family_login_challenge": "Tweede stap bij inloggen van een gezinslid",
	"family_api_token":       "Sleutel van een gezinslid voor een eigen app",
	"family_meeting":         "Gepland gesprek met het gezin (agenda)",
	"person_match":           "Zoeken of een gezin al bekend is",
	"person_accesses":        "Overzicht ‘wie keek in het dossier’ van gezinslid",
	"worklist":               "Werklijst",
	"notification":           "Bericht in de werklijst",
	"colleague_request":      "Verzoek aan een collega",
	"colleague_ask":          "Vraag aan het team of een collega",
	"colleague_asks":         "Eigen vragen aan collega's",
	"support_task":           "Ondersteuningstaak",
	"support_tasks":          "Ondersteuningstaken van team of medewerker",
	"network":                "Netwerk plaatsingstafel van regio",
	"network_member":         "Deelname aan het netwerk van medewerker",
	"placement_review":       "Plaatsingstafel",
	"review_patterns":        "Patronen van de plaatsingstafels, regio",
	"review_library":         "Voorbeeldenbank van de plaatsingstafels, regio",
	"care_request":           "Zorgvraag",
	"care_profile":           "Aanbod van een zorgaanbieder",
	"intake_draft":           "Concept van een melding",
	"intake_form":            "Meldingsformulier",
	"professional":           "Medewerker",
	"organisation":           "Organisatie",
	"region":                 "Regio",
	"duty_shift":             "Piketdienst van",
	"session":                "Inlogsessie",
	"login_challenge":        "Inloggen: tweede stap gevraagd",
	"totp_factor":            "App voor inlogcodes van medewerker",
	"recovery_codes":         "Herstelcodes van medewerker",
	"passkey":                "Passkey van medewerker",
	"sessions":               "Inlogsessies van de medewerkers van organisatie",
	"membership":             "Controle wie er nog werkt, organisatie",
	"membership_round":       "Ronde van de controle wie er nog werkt",
	"membership_suspension":  "Pauze van een account (niet op tijd bevestigd), medewerker",
	"identity_provider":      "Inlogdienst van organisatie",
	"professional_identity":  "Koppeling met de inlogdienst van medewerker",
	"api_token":              "API-sleutel",
	"audit_trail":            "Toegangslogboek van",
	"event_log":              "Export van het gebeurtenissenlogboek als",
	"norm":                   "Norm",
	"cohort":                 "Cohort",
	"team":                   "Team",
	"team_caseload":          "Teambord van team",
	"case_holder":            "Casushouders van casus",
	"caseload":               "Caseload van medewerker",
	"caseload_weights":       "Caseloadgewichten van organisatie",
	"caseload_norm":          "Caseloadnorm van soort organisatie",
	"caseload_override":      "Toewijzing boven de caseloadnorm",
	"caseload_week":          "Caseload van de week",
	"organisation_caseload":  "Caseloads van organisatie",
	"screen":                 "Pagina",
	// Step-up: showing a second factor again, and the risky acts a
	// refusal names (with the address asked for).
	"step_up":          "Opnieuw bevestigd met een tweede factor",
	"emergency_access": "Noodtoegang, gevraagd via",
	"export":           "Export, gevraagd via",
	"roles":            "Wijziging van rollen, gevraagd via",
	"organisations":    "Wijziging van organisaties, gevraagd via",
}

// auditNames are the names the privacy officer may see: professionals and
// organisations. Persons of a family are shown by number only: the
// officer's role gives no access to case content (internal/access).
type auditNames struct {
	professionals map[int64]string
	organisations map[int64]string
}

func wordOr(table map[string]string, code string) string {
	if w, ok := table[code]; ok {
		return w
	}
	return "Onbekend (" + code + ")"
}

// resource names what an entry reached: "Casus 4", "Medewerker Mohamed El
// Idrissi", "Norm: Onderzoek Veilig Thuis".
func (n auditNames) resource(e audit.Entry) string {
	noun := wordOr(auditResourceNL, e.ResourceType)
	var name string
	if id, err := strconv.ParseInt(e.ResourceID, 10, 64); err == nil {
		switch e.ResourceType {
		case "professional", "duty_shift":
			name = n.professionals[id]
		case "organisation", "audit_trail":
			name = n.organisations[id]
		}
	}
	if e.ResourceType == "norm" {
		if p, ok := chain.PhaseByCode(e.ResourceID); ok {
			return noun + ": " + p.Label
		}
	}
	switch {
	case name != "":
		return noun + " " + name
	case e.ResourceID != "":
		return noun + " " + e.ResourceID
	}
	return noun
}

// who names the person (or Schakel itself) behind an entry.
func (n auditNames) who(e audit.Entry) string {
	if e.PrincipalKind == string(schakel.PrincipalSystem) {
		return "Schakel zelf"
	}
	if e.UserName == "" {
		return "Onbekend: niemand was ingelogd"
	}
	return e.UserName
}

// roles puts a stored role list ("intake,case_worker") in words.
func rolesNL(stored string) string {
	if stored == "" {
		return ""
	}
	var out []string
	for _, r := range strings.Split(stored, ",") {
		if w := schakel.Role(r).Dutch(); w != "" {
			out = append(out, w)
		}
	}
	return strings.Join(out, ", ")
}

// viaNL says through what someone acted: an API key, a command on the
// server, or a loader that entered data on their account.
func viaNL(e audit.Entry) string {
	switch {
	case e.OnBehalfOf == "":
		return ""
	case strings.HasPrefix(e.OnBehalfOf, "api-token:"):
		return "via de API-sleutel “" + strings.TrimPrefix(e.OnBehalfOf, "api-token:") + "”"
	case e.PrincipalKind == string(schakel.PrincipalSystem):
		return "opdracht op de server: " + e.OnBehalfOf
	}
	return "ingevoerd via: " + e.OnBehalfOf
}
