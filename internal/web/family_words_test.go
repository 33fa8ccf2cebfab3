package web_test

import (
	"regexp"
	"strings"
	"testing"

	"schakel"
	"schakel/internal/access"
	"schakel/internal/app"
	"schakel/internal/familycopy"
	"schakel/internal/web"
)

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// familyFixedTexts are the fixed texts a family member reads: the Dutch
// family catalogue (every text of the family templates and of the Go code
// of their screens goes through it; TestFamilyCatalogueKeysUsed), the
// app's login errors, and every reason the family rules give.
func familyFixedTexts(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	out["app:bad-activation"] = app.ErrBadActivation.Message
	out["app:bad-activation-field"] = app.ErrBadActivation.Fields[0].Message
	out["app:bad-login"] = schakel.ErrorMessage(app.ErrBadFamilyLogin)
	for k, v := range web.FamilyTextsForTest() {
		v = strings.ReplaceAll(v, "{roles}", "")
		v = placeholder.ReplaceAllString(v, "Eva") // a short word for a name or a date
		// The access log tells "<who> <what>": a subject is scored with a
		// short predicate, a predicate with the shortest subject.
		switch {
		case strings.HasPrefix(k, "nl:access.who."):
			v += " keek."
		case strings.HasPrefix(k, "nl:access.what."), strings.HasPrefix(k, "nl:access.tried."):
			v = "Ze " + v
		}
		out[k] = v
	}
	// Every reason the family rules give, over the test family.
	kids := []access.FamilyPerson{{ID: 1, Child: true, Age: 11}, {ID: 2, Child: true, Age: 12}, {ID: 3, Child: true, Age: 17}, {ID: 4, Child: true, Age: -1}}
	adults := []access.FamilyPerson{{ID: 5, Authority: true}, {ID: 6}, {ID: 7, Authority: true}}
	all := append(kids, adults...)
	for _, v := range all {
		for _, withheld := range []bool{false, true} {
			for id, d := range access.ScopeOf(v, all, nil, withheld).Parts {
				if d.Reason != "" {
					out["access:"+d.Reason[:min(20, len(d.Reason))]+itoa(id)] = d.Reason
				}
			}
		}
		if d := access.MayInvite(v); d.Reason != "" {
			out["invite:"+d.Reason[:20]] = d.Reason
		}
	}
	return out
}

// TestFamilyTextsReadable checks every fixed text of the family's screens
// with the Dutch Flesch–Douma score of internal/familycopy: no sentence
// may be hard (below 45) or longer than 20 words. The score is made for
// running text: a label or heading of one to three words ("Gebruikersnaam",
// "Uw geboortedatum") scores on one long word alone, so those are counted
// and logged but not judged. The scores are logged.
func TestFamilyTextsReadable(t *testing.T) {
	texts := familyFixedTexts(t)
	if len(texts) < 40 {
		t.Fatalf("only %d texts found", len(texts))
	}
	total, n := 0.0, 0
	lowest, lowestText := 100.0, ""
	labels := 0
	for where, text := range texts {
		if len(familycopy.Words(text)) < 4 {
			labels++
			continue
		}
		for _, w := range familycopy.Check(text) {
			t.Errorf("%s: %q scores %.1f (%d words): %s", where, w.Sentence, w.Score, w.Words, w.Message)
		}
		for _, s := range familycopy.Sentences(text) {
			words := familycopy.Words(s)
			syl := 0
			for _, w := range words {
				syl += familycopy.Syllables(w)
			}
			score := familycopy.FleschDouma(1, len(words), syl)
			total, n = total+score, n+1
			if score < lowest {
				lowest, lowestText = score, s
			}
		}
	}
	t.Logf("family texts: %d sentences, mean Flesch–Douma %.1f, lowest %.1f (%q); %d labels and headings of 1-3 words not scored",
		n, total/float64(n), lowest, lowestText, labels)
}
