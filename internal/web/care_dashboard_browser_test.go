package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"schakel/internal/browsertest"
	"schakel/internal/demo"
	"schakel/internal/storage/storagetest"
)

// TestBrowserCareDashboard opens the care part of the chain dashboard on a
// small generated history at desktop and phone width: its five parts are
// there with figures, the per-municipality tables open, the section does
// not reach past the screen, and the page is axe-clean.
func TestBrowserCareDashboard(t *testing.T) {
	ts := startServer(t, storagetest.Engines()[0])
	ctx := browsertest.New(t)
	st, err := demo.LoadNational(context.Background(), ts.DB, demo.NationalOptions{Families: 4000, Years: 3, Seed: 7, Now: ts.Clock.Now()})
	if err != nil || st.CareRequests < 20 {
		t.Fatalf("generate history: %v, %d care requests", err, st.CareRequests)
	}
	browserLogin(t, ctx, ts.URL, vtTeamLead)
	for _, size := range screenSizes[:2] {
		browsertest.Viewport(t, ctx, size.width, size.height)
		if st := browsertest.Navigate(t, ctx, ts.URL+"/dashboard"); st != 200 {
			t.Fatalf("%s: dashboard %d", size.name, st)
		}
		for _, h := range []string{"#kop-zorg-wacht", "#kop-zorg-aanbieder", "#kop-zorg-index", "#kop-zorg-geenplek", "#kop-zorg-maatregel"} {
			if !browsertest.Exists(t, ctx, h) {
				t.Errorf("%s: no %s", size.name, h)
			}
		}
		section := browsertest.Text(t, ctx, "section[aria-labelledby=kop-zorg]")
		for _, want := range []string{"Kompas Jeugdzorg", "Veiligheid thuis", "geen aanbieder", "Binnen 3 maanden gestart"} {
			if !strings.Contains(section, want) {
				t.Errorf("%s: the care section lacks %q", size.name, want)
			}
		}
		for _, sel := range []string{"#kop-zorg-index ~ details summary", "#kop-zorg-geenplek ~ details summary"} {
			browsertest.Click(t, ctx, sel)
		}
		right, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('section[aria-labelledby=kop-zorg]').getBoundingClientRect().right`))
		if err != nil || right > float64(size.width)+0.5 {
			t.Errorf("%s: the care section reaches %v px (%v)", size.name, right, err)
		}
		browsertest.Axe(t, ctx, "dashboard with care ("+size.name+")")
		sectionShot(t, ctx, fmt.Sprintf("care_dashboard_%s.png", size.name))
	}
}

// sectionShot writes a screenshot of the care section alone into
// SCHAKEL_SCREENSHOTS (nothing when unset).
func sectionShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("SCHAKEL_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`section[aria-labelledby=kop-zorg]`)))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name), png, 0o644)
	}
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
	}
}
