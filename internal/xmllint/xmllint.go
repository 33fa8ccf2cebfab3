// Package xmllint validates XML against an XML Schema with libxml2's
// xmllint, for tests: Go has no XML Schema validator of its own, and
// xmllint is what users of an export run themselves.
//
// Tests skip when xmllint is not installed, unless SCHAKEL_REQUIRE_XMLLINT
// is set (CI sets it), so that a missing tool never passes unnoticed there.
package xmllint

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// XESSchema is the path of the IEEE 1849-2016 XES schema, relative to the
// repository root (see its README for the source).
const XESSchema = "internal/chain/testdata/xes-ieee-1849-2016.xsd"

// Path returns xmllint's path, skipping t when it is missing and not
// required.
func Path(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err == nil {
		return p
	}
	if os.Getenv("SCHAKEL_REQUIRE_XMLLINT") != "" {
		t.Fatalf("xmllint is required (SCHAKEL_REQUIRE_XMLLINT is set) but not installed: apt-get install libxml2-utils")
	}
	t.Skip("xmllint not installed (apt-get install libxml2-utils); set SCHAKEL_REQUIRE_XMLLINT=1 to fail instead")
	return ""
}

// Check validates doc against the schema file and returns xmllint's
// complaint, or nil when doc is valid.
func Check(t testing.TB, schema string, doc []byte) error {
	t.Helper()
	bin := Path(t)
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, "--noout", "--nonet", "--schema", schema, f)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return errors.New(out.String())
	} else if err != nil {
		t.Fatalf("run xmllint: %v", err)
	}
	return nil
}

// RepoFile returns the absolute path of a file given relative to the
// repository root, from a test running in any package directory.
func RepoFile(t testing.TB, rel string) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the test's directory")
		}
		dir = parent
	}
}
