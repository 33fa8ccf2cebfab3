package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"schakel"
	"schakel/internal/chain"
	"schakel/internal/demo"
	"schakel/internal/storage"
	"strings"
	"time"
)

func runMigrate(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("migrate", "Bring the database schema up to date. A database made by a newer schakel is refused.")
	db := dbFlag(fs)
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.OpenNoMigrate(ctx, *db, chain.Rules{})
	if err != nil {
		return err
	}
	defer store.Close()
	applied, err := store.Migrate(ctx)
	if err != nil {
		return err
	}
	current, _, err := store.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(out, "schema is up to date at version %d\n", current)
	} else {
		fmt.Fprintf(out, "applied migrations %v; schema is at version %d\n", applied, current)
	}
	return nil
}

func runDemo(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("demo", "Load the demo region (organisations, professionals, piket roster) into an empty database.\n"+
		"With --families, also generate a synthetic national chain history (see demo_history.go).")
	db := dbFlag(fs)
	families := fs.Int("families", 0, "generate a synthetic chain history of this many families (e.g. 1000000, about the country's volume over 10 years)")
	years := fs.Int("years", 10, "the history spans this many years up to now (with --families)")
	seed := fs.Uint64("seed", 1, "random seed of the generated history (with --families)")
	return withStore(ctx, fs, db, args, out, errOut, func(store *storage.DB) error {
		if *families != 0 {
			return runDemoHistory(ctx, store, *families, *years, *seed, out, errOut)
		}
		loaded, err := demo.Load(ctx, store, time.Now())
		if err != nil {
			return err
		}
		if !loaded {
			fmt.Fprintln(out, "the demo region is already loaded")
			return nil
		}
		if err := demo.LoadCases(ctx, store, time.Now()); err != nil {
			return fmt.Errorf("load demo families: %w", err)
		}
		fmt.Fprintf(out, "loaded %s with %d accounts (password %q) and three families with work to do\n", demo.RegionName, len(demo.Accounts()), demo.Password)
		return nil
	})
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// describe turns a validation error into one line per field. Internal
// errors are returned as they are: on the command line the operator needs
// the cause, not the screens' generic message.
func describe(err error) error {
	if schakel.ErrorCode(err) == schakel.EINTERNAL {
		return err
	}
	fields := schakel.FieldErrors(err)
	if len(fields) == 0 {
		return errors.New(schakel.ErrorMessage(err))
	}
	var b strings.Builder
	b.WriteString(schakel.ErrorMessage(err))
	for _, f := range fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Message)
	}
	return errors.New(b.String())
}

func describeErr(err error) error {
	if err == nil {
		return nil
	}
	return describe(err)
}

// withStore parses args into fs, then runs do on the database --db names
// and closes it. Bad flags are refused before any database is opened (or
// created).
func withStore(ctx context.Context, fs *flag.FlagSet, db *string, args []string, out, errOut io.Writer, do func(*storage.DB) error) error {
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db, chain.Rules{})
	if err != nil {
		return err
	}
	defer store.Close()
	return do(store)
}
