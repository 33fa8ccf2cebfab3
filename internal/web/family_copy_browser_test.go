package web_test

import (
	"strings"
	"testing"

	"schakel/internal/browsertest"
	"schakel/internal/storage/storagetest"
)

// TestBrowserFamilyCopy prepares a family copy in Chromium at desktop and
// phone width: a hard family text is warned about, an agreement is marked
// "niet delen met" the father, his copy says "Nog niet bevestigd" until it
// is confirmed and never holds where the mother and child stay. Every page
// fits the width (no sideways scrolling) and passes axe-core.
func TestBrowserFamilyCopy(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	caseID, _, father, act := violentCase(t, ts)
	ctx := browsertest.New(t)
	browserLogin(t, ctx, ts.URL, vtIntake)
	browserStepUp(t, ctx, ts, vtIntake)
	page := ts.URL + "/casussen/" + itoa(caseID) + "/voor-ouders"
	fathers := page + "?voor=" + itoa(father)
	check := func(name string, width int64) {
		t.Helper()
		if w := browsertest.ScrollWidth(t, ctx); w > width {
			t.Errorf("%s at %d px is %d px wide", name, width, w)
		}
		browsertest.Axe(t, ctx, name)
		browsertest.Screenshot(t, ctx, "family-copy-"+name+".png")
	}
	text := func(sel string) string { t.Helper(); return browsertest.Text(t, ctx, sel) }

	for _, size := range []struct {
		name          string
		width, height int64
	}{{"desktop", 1280, 900}, {"phone", 390, 844}} {
		browsertest.Viewport(t, ctx, size.width, size.height)
		browsertest.Navigate(t, ctx, page)
		if !strings.Contains(text("main"), "Maak de kopie per ouder") {
			t.Errorf("%s: no choice of parent in a violent case", size.name)
		}
		check("choose-"+size.name, size.width)
	}

	browsertest.Navigate(t, ctx, fathers)
	aid := itoa(act.ID)
	browsertest.Fill(t, ctx, "#gezinstekst-"+aid, shelter+" Multidisciplinaire risicotaxatieprocedures intensiveren.")
	if st := browsertest.Submit(t, ctx, "form[action*='/acties/"+aid+"/gezinstekst'] button[type=submit]"); st != 200 {
		t.Fatalf("family text: %d", st)
	}
	if !strings.Contains(text("#actie-"+aid), "Moeilijk te lezen") {
		t.Error("no readability warning beside the hard sentence")
	}
	check("warning-phone", 390)
	browsertest.Fill(t, ctx, "#markering-soort-"+aid, "withhold")
	browsertest.Fill(t, ctx, "#markering-persoon-"+aid, itoa(father))
	if st := browsertest.Submit(t, ctx, "form[action*='/acties/"+aid+"/niet-delen'] button[type=submit]"); st != 200 {
		t.Fatalf("mark: %d", st)
	}
	if !strings.Contains(text("#nog-niet-bevestigd"), "Nog niet bevestigd") {
		t.Error("the father's copy does not say it is not confirmed yet")
	}
	if copyPart := text("article"); strings.Contains(copyPart[:strings.Index(copyPart, "Kopie voorbereiden")], "Schiedam") {
		t.Error("the father's copy holds where the mother and child stay")
	}
	check("father-phone", 390)
	if st := browsertest.Submit(t, ctx, "#nog-niet-bevestigd button[type=submit]"); st != 200 {
		t.Fatalf("confirm: %d", st)
	}
	if !strings.Contains(text("main"), "Bevestigd door") {
		t.Error("no confirmation shown after confirming")
	}
	browsertest.Viewport(t, ctx, 1280, 900)
	check("father-confirmed-desktop", 1280)
}
