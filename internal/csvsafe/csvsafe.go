// Package csvsafe writes CSV that a spreadsheet opens as data, never as
// formulas: every CSV Schakel hands out goes through it.
//
// A cell that starts with '=', '+', '-', '@', a tab or a carriage return
// is read by Excel, LibreOffice and Google Sheets as a formula (CSV or
// formula injection: `=HYPERLINK(...)` sends data away, `@SUM(...)` runs a
// function). OWASP's rule is applied: such a cell gets a single quote in
// front, which spreadsheets show as text and which a reader of the raw
// file recognises.
//
// Numbers stay numbers: a column declared numeric keeps a cell that is a
// plain decimal number (`-12`, `+3.5`) as it is, so that a negative amount
// is still a number in the spreadsheet; anything else in that column is
// neutralised like text. Text columns are always neutralised, even when a
// cell happens to look like a negative number, because a text column holds
// what people typed.
package csvsafe

import (
	"encoding/csv"
	"io"
	"regexp"
)

// Cell returns s safe for a text cell.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// plainNumber is a decimal number without exponent, hex or spaces: what a
// spreadsheet reads as a number and nothing else.
var plainNumber = regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`)

// NumberCell returns s unchanged when it is a plain decimal number, and
// neutralised like text otherwise.
func NumberCell(s string) string {
	if plainNumber.MatchString(s) {
		return s
	}
	return Cell(s)
}

// Writer is a csv.Writer that neutralises every cell.
type Writer struct {
	w       *csv.Writer
	numeric []bool
	buf     []string
}

// NewWriter writes CSV to w; the columns at the numeric indexes hold
// numbers (see NumberCell), all others text (see Cell).
func NewWriter(w io.Writer, numeric ...int) *Writer {
	x := &Writer{w: csv.NewWriter(w)}
	for _, i := range numeric {
		for len(x.numeric) <= i {
			x.numeric = append(x.numeric, false)
		}
		x.numeric[i] = true
	}
	return x
}

// Write writes one record, every cell neutralised. The record itself is
// not changed.
func (x *Writer) Write(record []string) error {
	x.buf = append(x.buf[:0], record...)
	for i, s := range x.buf {
		if i < len(x.numeric) && x.numeric[i] {
			x.buf[i] = NumberCell(s)
		} else {
			x.buf[i] = Cell(s)
		}
	}
	return x.w.Write(x.buf)
}

// Flush writes buffered data to the underlying writer.
func (x *Writer) Flush() { x.w.Flush() }

// Error reports an error of an earlier Write or Flush.
func (x *Writer) Error() error { return x.w.Error() }
