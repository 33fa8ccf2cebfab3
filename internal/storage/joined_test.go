package storage

import "testing"

func TestJoinedKeepsOnlyTheSamePieces(t *testing.T) {
	a := []string{"SELECT ", "(SELECT 1)", ",\n", "(SELECT 2)"}
	if got, want := joined(a), "SELECT (SELECT 1),\n(SELECT 2)"; got != want {
		t.Fatalf("joined %q, want %q", got, want)
	}
	if got := joined(a); got != "SELECT (SELECT 1),\n(SELECT 2)" {
		t.Fatalf("joined again %q", got)
	}
	// A list whose hash is kept for other pieces (a collision, made here
	// by keeping a wrong entry under its hash) is joined anew.
	b := []string{"SELECT ", "(SELECT 3)"}
	joinedTexts.m.Store(piecesHash(b), joinedText{pieces: []string{"SELECT ", "(SELECT 4)"}, text: "SELECT (SELECT 4)"})
	if got, want := joined(b), "SELECT (SELECT 3)"; got != want {
		t.Errorf("joined %q under a hash kept for other pieces, want %q", got, want)
	}
	// Pieces that join to the same text but differ are not the same list.
	c := []string{"SELECT (SELECT 1)", ",\n(SELECT 2)"}
	if got, want := joined(c), "SELECT (SELECT 1),\n(SELECT 2)"; got != want {
		t.Errorf("joined %q, want %q", got, want)
	}
}
