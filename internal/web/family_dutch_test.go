package web_test

import "regexp"

// shownAppKey is an authenticator app's key as the second step shows it
// (totp.Grouped: groups of four capital base32 letters). Its random
// letters can spell a Dutch word ("OQUW F7C2" holds "uw "), so the Dutch
// checks leave it out before they look.
var shownAppKey = regexp.MustCompile(`\b(?:[A-Z2-7]{4} ){3,}[A-Z2-7]{1,4}\b`)

// dutchFixedWords are words and phrases of the family's fixed Dutch texts
// that an English family screen or answer must not hold (lower case). The
// test fixtures write the professionals' texts with none of them.
var dutchFixedWords = []string{
	"vóór of op", "besloten op", "houdt het overzicht", "helpt uw gezin", "onderzoekt", "geeft advies", "neemt een besluit",
	"voor u als ouders", "voor uw kind", "mensen om u heen", "praten weer samen", "kijken samen met u", "de hulp gaat door",
	"januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", " tot ",
	"uw ", " u ", " je ", "niet ", " het ", " een ", " en ", " van ", " kunt ", "gezin", "contactpersoon",
	"vul ", "kies ", "schrijf ", "hoogstens", "tekens", "klopt niet", "bestaat niet", "geen toegang", "niet gevonden", "probeer",
	"inloggen", "wachtwoord", "gebruikersnaam", "terug naar", "mijn werk",
}
