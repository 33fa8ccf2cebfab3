package storage

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// aggregated is jsonAggregate worked out once per statement text and
// engine (up to 4,096): the texts are the package's own, few and read again
// and again, and rewriting them at every read of a case was a quarter of
// the processor time GET /api/v1/cases/{id} took in this process (issue 11).
func aggregated(q, engine string) (string, bool) {
	a := aggregates.get(aggregateKey{q, engine}, func() aggregate {
		wrapped, ok := jsonAggregate(q, engine)
		return aggregate{wrapped, ok}
	})
	return a.wrapped, a.ok
}

type aggregateKey struct{ q, engine string }

type aggregate struct {
	wrapped string
	ok      bool
}

var aggregates = kept[aggregateKey, aggregate]{limit: 4096}

// jsonAggregate turns "SELECT cols FROM … ORDER BY …" into a scalar
// subquery giving its rows as one JSON array of arrays, in order. It
// declines statements whose rows cannot be aggregated as they stand
// (UNION, GROUP BY, DISTINCT, LIMIT, aggregates, a parameter in ORDER BY).
func jsonAggregate(q, engine string) (string, bool) {
	s := strings.Join(strings.Fields(q), " ")
	if !strings.HasPrefix(strings.ToUpper(s), "SELECT ") {
		return "", false
	}
	s = s[len("SELECT "):]
	top := topLevelUpper(s)
	for _, no := range []string{" UNION ", " GROUP BY ", " LIMIT ", " HAVING ", " OFFSET ", " FOR UPDATE"} {
		if strings.Contains(top, no) {
			return "", false
		}
	}
	if strings.HasPrefix(top, "DISTINCT ") {
		return "", false
	}
	from := strings.Index(top, " FROM ")
	if from < 0 {
		return "", false
	}
	cols, rest, order := s[:from], s[from:], ""
	if o := strings.LastIndex(top, " ORDER BY "); o > from {
		rest, order = s[from:o], s[o+len(" ORDER BY "):]
		if strings.Contains(order, "?") {
			return "", false
		}
	}
	if strings.Contains(topLevelUpper(cols), " AS ") || hasAggregate(cols) {
		return "", false
	}
	if order != "" {
		order = " ORDER BY " + order
	}
	if engine == Postgres {
		return "COALESCE((SELECT json_agg(json_build_array(" + cols + ")" + order + ")" + rest + "), '[]'::json)::text", true
	}
	return "(SELECT json_group_array(json_array(" + cols + ")" + order + ")" + rest + ")", true
}

// hasAggregate reports whether the columns aggregate (one row per
// statement), which cannot be aggregated again.
func hasAggregate(cols string) bool {
	u := strings.ToUpper(cols)
	for _, f := range []string{"COUNT(", "SUM(", "MIN(", "MAX(", "AVG(", "STRING_AGG(", "GROUP_CONCAT("} {
		if strings.Contains(u, f) {
			return true
		}
	}
	return false
}

// topLevelUpper is s in upper case with everything inside parentheses or
// quotes blanked, so that keywords found in it are the statement's own.
func topLevelUpper(s string) string {
	b := []byte(strings.ToUpper(s))
	depth, quoted := 0, false
	for i, c := range b {
		switch {
		case quoted:
			quoted = c != '\''
		case c == '\'':
			quoted = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0:
			continue
		}
		b[i] = '_'
	}
	return string(b)
}

// jsonScalar reads one JSON value of a batched row: nil, a bool, a
// string or a json.Number. Strings without escapes are taken as they are.
func jsonScalar(raw json.RawMessage) (any, error) {
	switch {
	case len(raw) == 0:
		return nil, fmt.Errorf("empty JSON value")
	case raw[0] == '"':
		if !bytes.ContainsRune(raw, '\\') {
			return string(raw[1 : len(raw)-1]), nil
		}
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case string(raw) == "null":
		return nil, nil
	case string(raw) == "true", string(raw) == "false":
		return raw[0] == 't', nil
	}
	return json.Number(raw), nil
}

// assignJSON stores one JSON value of a batched row in dest, as
// database/sql would store the column's value: numbers, strings, booleans
// (SQLite gives 0 or 1), times (as each engine writes them in JSON) and
// NULL into sql.Null* and other Scanners.
func assignJSON(dest any, v any) error {
	switch d := dest.(type) { // the common cases without reflection
	case *string:
		if x, ok := v.(string); ok {
			*d = x
			return nil
		}
	case *int64:
		if x, ok := v.(json.Number); ok {
			n, err := x.Int64()
			*d = n
			return err
		}
	case *sql.NullString:
		switch x := v.(type) {
		case nil:
			*d = sql.NullString{}
			return nil
		case string:
			*d = sql.NullString{String: x, Valid: true}
			return nil
		}
	}
	if t, ok := dest.(*time.Time); ok {
		parsed, err := parseJSONTimeValue(v)
		*t = parsed
		return err
	}
	if nt, ok := dest.(*sql.NullTime); ok {
		if v == nil {
			*nt = sql.NullTime{}
			return nil
		}
		parsed, err := parseJSONTimeValue(v)
		*nt = sql.NullTime{Time: parsed, Valid: err == nil}
		return err
	}
	if sc, ok := dest.(sql.Scanner); ok {
		switch x := v.(type) {
		case json.Number:
			if i, err := x.Int64(); err == nil {
				return sc.Scan(i)
			}
			f, err := x.Float64()
			if err != nil {
				return err
			}
			return sc.Scan(f)
		default:
			return sc.Scan(x)
		}
	}
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("destination %T is not a pointer", dest)
	}
	return assignValue(rv.Elem(), v)
}

func assignValue(e reflect.Value, v any) error {
	if v == nil {
		return fmt.Errorf("NULL into %s", e.Type())
	}
	switch e.Kind() {
	case reflect.String:
		switch x := v.(type) {
		case string:
			e.SetString(x)
		case json.Number:
			e.SetString(x.String())
		default:
			return fmt.Errorf("%T into %s", v, e.Type())
		}
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Int16, reflect.Int8:
		n, err := strconv.ParseInt(fmt.Sprint(v), 10, 64)
		if err != nil {
			return err
		}
		e.SetInt(n)
	case reflect.Float64, reflect.Float32:
		f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		if err != nil {
			return err
		}
		e.SetFloat(f)
	case reflect.Bool:
		switch x := v.(type) {
		case bool:
			e.SetBool(x)
		case json.Number:
			e.SetBool(x.String() != "0")
		default:
			return fmt.Errorf("%T into bool", v)
		}
	case reflect.Slice:
		s, ok := v.(string)
		if !ok || e.Type().Elem().Kind() != reflect.Uint8 {
			return fmt.Errorf("%T into %s", v, e.Type())
		}
		e.SetBytes([]byte(s))
	default:
		return fmt.Errorf("%T into %s", v, e.Type())
	}
	return nil
}

// jsonTimeLayouts: SQLite's text (the driver's "sqlite" time format) and
// PostgreSQL's JSON rendering of timestamptz, timestamp and date.
var jsonTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

func parseJSONTimeValue(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("%T is not a time", v)
	}
	return parseJSONTime(s)
}

func parseJSONTime(s string) (time.Time, error) {
	layouts := jsonTimeLayouts
	switch { // the likely layout first, by its shape
	case len(s) > 10 && s[10] == 'T':
		layouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"}
	case len(s) == 10:
		layouts = []string{"2006-01-02"}
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time", s)
}
