package web

import "net/http"

// loginProblemPage is a page for a login at an organisation's provider
// that did not succeed: what happened and what to do, in plain Dutch.
type loginProblemPage struct {
	Status         int
	Title, Message string
	Advice         string
}

var (
	problemExpired = loginProblemPage{Status: http.StatusBadRequest, Title: "Deze inlogpoging is verlopen",
		Message: "Het inloggen via uw organisatie duurde te lang, is al afgerond, of is in een ander venster begonnen.",
		Advice:  "Begin opnieuw met inloggen."}
	problemCancelled = loginProblemPage{Status: http.StatusUnauthorized, Title: "Inloggen afgebroken",
		Message: "De inlogdienst van uw organisatie heeft het inloggen afgebroken of geweigerd.",
		Advice:  "Probeer het opnieuw. Lukt het weer niet, neem dan contact op met de servicedesk van uw organisatie."}
	problemRefused = loginProblemPage{Status: http.StatusUnauthorized, Title: "Inloggen is niet gelukt",
		Message: "Schakel kon niet controleren dat u het bent: het antwoord van de inlogdienst van uw organisatie klopte niet.",
		Advice:  "Begin opnieuw met inloggen. Gebeurt dit vaker, meld het dan bij uw beheerder. Wij hebben deze poging vastgelegd."}
	problemUnavailable = loginProblemPage{Status: http.StatusServiceUnavailable, Title: "De inlogdienst van uw organisatie reageert niet",
		Message: "Schakel kan de inlogdienst van uw organisatie nu niet bereiken, of die antwoordt te langzaam.",
		Advice:  "Probeer het over een paar minuten opnieuw. Lukt het dan nog niet, neem contact op met de servicedesk van uw organisatie. Bij spoed: bel de collega met piketdienst."}
	problemSetup = loginProblemPage{Status: http.StatusServiceUnavailable, Title: "Inloggen via uw organisatie is niet goed ingesteld",
		Message: "Schakel mist een gegeven om met de inlogdienst van uw organisatie te praten.",
		Advice:  "Neem contact op met uw beheerder. Wij hebben dit vastgelegd."}
	problemUnknown = loginProblemPage{Status: http.StatusForbidden, Title: "U heeft nog geen account in Schakel",
		Message: "U bent ingelogd bij uw organisatie, maar in Schakel is nog geen account voor u. Uw beheerder moet u eerst toevoegen.",
		Advice:  "Uw beheerder heeft hierover een bericht gekregen in de werklijst. Probeer het opnieuw als uw beheerder laat weten dat uw account klaar is."}
	problemTaken = loginProblemPage{Status: http.StatusForbidden, Title: "Uw account is al gekoppeld",
		Message: "Uw account in Schakel hoort al bij een ander account van de inlogdienst van uw organisatie.",
		Advice:  "Neem contact op met uw beheerder. Uw beheerder heeft hierover een bericht gekregen in de werklijst."}
	problemDisabled = loginProblemPage{Status: http.StatusForbidden, Title: "Dit account is uitgezet",
		Message: "U bent ingelogd bij uw organisatie, maar uw account in Schakel is uitgezet.",
		Advice:  "Neem contact op met uw beheerder als u denkt dat dit niet klopt."}
	problemSuspended = loginProblemPage{Status: http.StatusForbidden, Title: "Uw account is gepauzeerd",
		Message: "U bent ingelogd bij uw organisatie, maar uw account in Schakel is gepauzeerd. Uw beheerder heeft niet op tijd bevestigd dat u nog bij uw organisatie werkt.",
		Advice:  "Vraag uw beheerder om uw account weer aan te zetten. Daarna kunt u meteen weer inloggen."}
)

func (s *Server) loginProblem(w http.ResponseWriter, r *http.Request, p loginProblemPage) {
	s.render(w, r, p.Status, "login_problem.html", map[string]any{"Problem": p})
}

// redirectOut sends the browser to an identity provider (another site)
// with a page that refreshes to it at once and links to it: a form may not
// be redirected to another site (Content-Security-Policy form-action
// 'self'), a page may navigate there. Works without JavaScript.
func (s *Server) redirectOut(w http.ResponseWriter, r *http.Request, target, title, message, link string) {
	s.render(w, r, http.StatusOK, "login_redirect.html", map[string]any{"URL": target, "Title": title, "Message": message, "Link": link,
		"Refresh": "0;url=" + target})
}
