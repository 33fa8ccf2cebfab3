package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moduleRoot is the module's root as seen from this package's directory.
const moduleRoot = "../.."

func TestUnauditedSourceReplacesOnlyAppCase(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(moduleRoot, caseFile))
	if err != nil {
		t.Fatal(err)
	}
	changed, err := unauditedSource(src)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(src, []byte("func (a *App) Case("))
	if start < 0 {
		t.Fatalf("%s no longer declares func (a *App) Case(: the test's anchor needs updating", caseFile)
	}
	if !bytes.Equal(changed[:start], src[:start]) {
		t.Error("the copy differs before App.Case")
	}
	body := string(changed[start:])
	body = body[:strings.Index(body, "\n}\n")+3]
	for _, gone := range []string{"ReadAudited", "guardCase"} {
		if strings.Contains(body, gone) {
			t.Errorf("the copy's App.Case still calls %s:\n%s", gone, body)
		}
	}
	if !strings.Contains(body, "a.db.View(") || !strings.Contains(body, "tx.LoadCase(id)") {
		t.Errorf("the copy's App.Case does not read the case bare:\n%s", body)
	}
	rest := changed[start+len(body):]
	if !bytes.HasSuffix(src, rest) {
		t.Error("the copy differs after App.Case")
	}
}

func TestUnauditedSourceRefusesAFileWithoutAppCase(t *testing.T) {
	for name, src := range map[string]string{
		"no Case":          "package app\n\nfunc (a *App) Cases() {}\n",
		"Case of another":  "package app\n\nfunc (o *Other) Case() {}\n",
		"Case by value":    "package app\n\nfunc (a App) Case() {}\n",
		"Case as function": "package app\n\nfunc Case() {}\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := unauditedSource([]byte(src)); err == nil {
				t.Error("a file without (*App).Case gave a copy")
			}
		})
	}
}

// TestUnauditedOverlayCompiles builds the application package with the
// overlay, as the load test's binary is built, so that a change to the
// rest of the file that the replacement body does not fit fails here and
// not in the middle of a benchmark run.
func TestUnauditedOverlayCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a package")
	}
	overlay, err := unauditedOverlay(moduleRoot, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-overlay="+overlay, "./internal/app")
	cmd.Dir = moduleRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build with the overlay: %v\n%s", err, out)
	}
}
