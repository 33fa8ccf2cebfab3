package storage

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestScanRawAsAssignJSON: a cell stored straight from its text is what
// the general decoding (jsonScalar, assignJSON) stores, value and error.
func TestScanRawAsAssignJSON(t *testing.T) {
	dests := map[string]func() any{
		"string": func() any { return new(string) }, "int64": func() any { return new(int64) }, "int": func() any { return new(int) },
		"NullString": func() any { return new(sql.NullString) }, "NullInt64": func() any { return new(sql.NullInt64) },
		"Time": func() any { return new(time.Time) }, "NullTime": func() any { return new(sql.NullTime) },
	}
	cells := []string{`"abc"`, `"a\"b"`, `""`, `12`, `-7`, `0`, `1.5`, `123456789012345678901`, `null`, `true`,
		`"2026-11-23 10:00:00+00:00"`, `"2026-11-23T10:00:00.123456+01:00"`, `"2026-11-23"`, `"é"`}
	for name, mk := range dests {
		t.Run(name, func(t *testing.T) {
			for _, cell := range cells {
				got, want := mk(), mk()
				gotErr := scanCell(got, json.RawMessage(cell))
				wantErr := func() error {
					v, err := jsonScalar(json.RawMessage(cell))
					if err != nil {
						return err
					}
					return assignJSON(want, v)
				}()
				if (gotErr == nil) != (wantErr == nil) {
					t.Errorf("%s: error %v, want %v", cell, gotErr, wantErr)
					continue
				}
				if gotErr == nil && !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %#v, want %#v", cell, reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem())
				}
			}
		})
	}
}

func TestChildrenIn(t *testing.T) {
	ps := parents{from: "c.id FROM consultations c", where: "c.case_id = ?", args: []any{int64(7)}}
	batched := &Tx{batch: &readBatch{}}
	for _, tc := range []struct {
		name    string
		tx      *Tx
		pending bool
		ids     []any
		filter  string
		want    string
		args    []any
		ok      bool
	}{
		{"direct: the ids", &Tx{}, false, []any{int64(1), int64(2)}, "", "x.cid IN (?,?)", []any{int64(1), int64(2)}, true},
		{"direct: none", &Tx{}, false, nil, "", "", nil, false},
		{"batched, pending: the parents' condition", batched, true, nil, "", "x.cid IN (SELECT c.id FROM consultations c WHERE c.case_id = ?)", []any{int64(7)}, true},
		{"batched, read: the same statement", batched, false, []any{int64(1)}, "c.sequence > 0", "x.cid IN (SELECT c.id FROM consultations c WHERE (c.case_id = ?) AND c.sequence > 0)", []any{int64(7)}, true},
		{"batched, read, none", batched, false, nil, "c.sequence > 0", "", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ps
			p.pending = tc.pending
			got, args, ok := tc.tx.childrenIn("x.cid", p, tc.ids, tc.filter)
			if got != tc.want || ok != tc.ok || !reflect.DeepEqual(args, tc.args) {
				t.Errorf("childrenIn = %q %v %v, want %q %v %v", got, args, ok, tc.want, tc.args, tc.ok)
			}
		})
	}
}
