package storage

import (
	"encoding/json"
	"fmt"
)

// splitJSONRows cuts a batched statement's JSON text, an array of arrays
// of scalars, into its cells without copying them: on a case page with
// hundreds of items encoding/json's general decoder took a third of the
// read. A cell that is not a scalar (an array or object) is an error.
func splitJSONRows(text []byte) ([][]json.RawMessage, error) {
	p := jsonCutter{b: text}
	var rows [][]json.RawMessage
	if err := p.expect('['); err != nil {
		return nil, err
	}
	if p.peek() == ']' {
		p.at++
		if p.peek() != 0 {
			return nil, fmt.Errorf("batched read: text after the rows at %d", p.at)
		}
		return rows, nil
	}
	width := 0 // the previous row's: every row of a statement has as many cells
	for {
		if err := p.expect('['); err != nil {
			return nil, err
		}
		row := make([]json.RawMessage, 0, width)
		for p.peek() != ']' {
			cell, err := p.scalar()
			if err != nil {
				return nil, err
			}
			row = append(row, cell)
			switch p.peek() {
			case ',':
				p.at++
				if p.peek() == ']' {
					return nil, fmt.Errorf("batched read: a trailing comma at %d", p.at)
				}
			case ']':
			default:
				return nil, fmt.Errorf("batched read: malformed JSON at %d", p.at)
			}
		}
		p.at++
		rows, width = append(rows, row), len(row)
		switch p.peek() {
		case ',':
			p.at++
		case ']':
			p.at++
			if p.peek() != 0 {
				return nil, fmt.Errorf("batched read: text after the rows at %d", p.at)
			}
			return rows, nil
		default:
			return nil, fmt.Errorf("batched read: malformed JSON at %d", p.at)
		}
	}
}

type jsonCutter struct {
	b  []byte
	at int
}

// peek skips white space and returns the next byte (0 at the end).
func (p *jsonCutter) peek() byte {
	for p.at < len(p.b) && (p.b[p.at] == ' ' || p.b[p.at] == '\n' || p.b[p.at] == '\t' || p.b[p.at] == '\r') {
		p.at++
	}
	if p.at == len(p.b) {
		return 0
	}
	return p.b[p.at]
}

func (p *jsonCutter) expect(c byte) error {
	if p.peek() != c {
		return fmt.Errorf("batched read: expected %q at %d", c, p.at)
	}
	p.at++
	return nil
}

func (p *jsonCutter) scalar() (json.RawMessage, error) {
	start := p.at
	if p.peek() == '"' {
		for p.at++; p.at < len(p.b); p.at++ {
			switch p.b[p.at] {
			case '\\':
				p.at++
			case '"':
				p.at++
				return p.b[start:p.at], nil
			}
		}
		return nil, fmt.Errorf("batched read: unterminated string at %d", start)
	}
	for p.at < len(p.b) && p.b[p.at] != ',' && p.b[p.at] != ']' && p.b[p.at] != ' ' {
		if p.b[p.at] == '[' || p.b[p.at] == '{' {
			return nil, fmt.Errorf("batched read: a nested value at %d", p.at)
		}
		p.at++
	}
	if p.at == start {
		return nil, fmt.Errorf("batched read: empty value at %d", start)
	}
	return p.b[start:p.at], nil
}
