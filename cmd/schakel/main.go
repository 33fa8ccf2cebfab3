// Command schakel runs Schakel, the shared workplace of a region's
// child-safety chain, and its tools.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, out, errOut io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server (HTML screens, JSON API, metrics)", runServe},
		{"migrate", "bring the database schema up to date", runMigrate},
		{"demo", "load the demo region into an empty database", runDemo},
		{"user", "manage accounts: add, list, disable", runUser},
		{"token", "manage API tokens: create, list, revoke", runToken},
		{"sso", "an organisation's own login (OpenID Connect): set, show, remove", runSSO},
		{"audit", "check the audit trail: verify, head", runAudit},
		{"version", "print the version", func(ctx context.Context, args []string, out, errOut io.Writer) error {
			fs := newFlagSet("version", "Print the version of schakel.")
			if err := parseFlags(fs, args, out, errOut); err != nil {
				return err
			}
			fmt.Fprintln(out, "schakel", version)
			return nil
		}},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: schakel <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'schakel <command> -h' for the flags of a command. Every flag can also be set\nwith an environment variable: --db is SCHAKEL_DB, --idle-timeout is SCHAKEL_IDLE_TIMEOUT.")
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	if len(args) == 0 {
		usage(errOut)
		return 2
	}
	if isHelp(args[0]) {
		usage(out)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:], out, errOut)
			switch {
			case err == nil:
				return 0
			case errors.Is(err, flag.ErrHelp):
				return 0
			case errors.Is(err, errUsage):
				return 2
			default:
				fmt.Fprintln(errOut, "schakel "+c.name+":", err)
				var ec exitCoder
				if errors.As(err, &ec) {
					return ec.ExitCode()
				}
				return 1
			}
		}
	}
	fmt.Fprintf(errOut, "schakel: unknown command %q\n\n", args[0])
	usage(errOut)
	return 2
}

type exitCoder interface{ ExitCode() int }

var errUsage = errors.New("usage")

// newFlagSet returns a flag set whose -h prints a description first.
func newFlagSet(name, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: schakel %s [flags]\n\n%s\n\nFlags:\n", name, description)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args. Asked for with -h, the usage goes to out and
// the command exits 0; a bad flag or a stray argument prints the error and
// the usage to errOut and exits 2.
func parseFlags(fs *flag.FlagSet, args []string, out, errOut io.Writer) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(errOut)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(out)
		fs.Usage()
		return err
	case err != nil:
		fmt.Fprintf(errOut, "schakel %s: %v\n", fs.Name(), err)
		fs.Usage()
		return errUsage
	case fs.NArg() > 0:
		fmt.Fprintf(errOut, "schakel %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// isHelp reports whether arg asks for help.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help" || arg == "help"
}

// env returns SCHAKEL_<NAME> for a flag name, or def. Flags given on the
// command line still win because they are parsed after the defaults.
func env(flagName, def string) string {
	key := "SCHAKEL_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", env("db", "schakel.db"), "database: an SQLite file path, or postgres://user@host/db (env SCHAKEL_DB)")
}

func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: use debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: use text or json", format)
}
