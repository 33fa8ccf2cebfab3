package storage

import (
	"hash/maphash"
	"slices"
	"strings"
)

// Statement texts assembled from pieces, kept. A batched read (batch.go)
// joins some thirty statements, and on PostgreSQL puts its audit entry's
// writes in front (commit_writes.go): some 15 KB of text, joined anew and
// copied two or three times for every read of a case, though the same page
// asks for the same statements every time. That was a third of what a
// read of a case allocated; the joined text is now made once per distinct
// list of pieces.

// joinedTexts is bounded: lists that vary per call (a count of rows in
// them) are joined every time once it is full. A read of a case has a
// handful of distinct lists; at some 15-30 KB a text, the bound keeps the
// worst case under 8 MB.
var joinedTexts = kept[uint64, joinedText]{limit: 256}

var joinedSeed = maphash.MakeSeed()

type joinedText struct {
	pieces []string
	text   string
}

// joined returns the pieces joined. A kept text is only returned for the
// very same pieces: a hash shared by two lists is a collision, and the
// text is then joined again.
func joined(pieces []string) string {
	kept := joinedTexts.get(piecesHash(pieces), func() joinedText {
		return joinedText{slices.Clone(pieces), strings.Join(pieces, "")}
	})
	if !slices.Equal(kept.pieces, pieces) {
		return strings.Join(pieces, "")
	}
	return kept.text
}

// piecesHash is the key of a list of pieces in joinedTexts; each piece is
// ended by a zero byte, so that lists joining to the same text differ.
func piecesHash(pieces []string) uint64 {
	var h maphash.Hash
	h.SetSeed(joinedSeed)
	for _, p := range pieces {
		h.WriteString(p)
		h.WriteByte(0)
	}
	return h.Sum64()
}
