package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// envReader reads flag defaults from the environment (SCHAKEL_<FLAG>) and
// keeps every value that does not parse, so that serve refuses to start
// with a clear message instead of silently running with the built-in
// default (SCHAKEL_SECURE_COOKIES=yes must not mean "no").
type envReader struct {
	errs []error
}

// bad records an environment value that is not of the flag's type.
func (e *envReader) bad(flagName, value, want string) {
	key := "SCHAKEL_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
	e.errs = append(e.errs, fmt.Errorf("%s=%q is not %s", key, value, want))
}

// bool is SCHAKEL_<NAME> as a boolean; false when unset.
func (e *envReader) bool(name string) bool {
	raw := env(name, "false")
	v, err := strconv.ParseBool(raw)
	if err != nil {
		e.bad(name, raw, "a boolean (true or false)")
		return false
	}
	return v
}

// int is SCHAKEL_<NAME> as a whole number; def when unset.
func (e *envReader) int(name string, def int) int {
	raw := env(name, strconv.Itoa(def))
	v, err := strconv.Atoi(raw)
	if err != nil {
		e.bad(name, raw, "a whole number")
		return def
	}
	return v
}

// duration is SCHAKEL_<NAME> as a duration (90s, 15m, 2h); def when unset.
func (e *envReader) duration(name string, def time.Duration) time.Duration {
	raw := env(name, def.String())
	v, err := time.ParseDuration(raw)
	if err != nil {
		e.bad(name, raw, "a duration such as 90s, 15m or 2h")
		return def
	}
	return v
}

// err is every value that did not parse, or nil.
func (e *envReader) err() error { return errors.Join(e.errs...) }
