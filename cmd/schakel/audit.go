package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"time"
)

type verifyFailed struct{ err error }

func (v verifyFailed) Error() string { return v.err.Error() }
func (v verifyFailed) ExitCode() int { return 3 }

func runAudit(ctx context.Context, args []string, out, errOut io.Writer) error {
	const usage = "Usage: schakel audit verify|head|seal [--db …]\n\n" +
		"  verify  check the hash chain of the audit trail (and anchors kept outside)\n" +
		"  head    print the newest sealed entry as seq:hash, to keep outside the database\n" +
		"  seal    chain the entries not yet sealed (serve does this every second)\n\n" +
		"Run 'schakel audit verify -h' for its flags."
	if len(args) > 0 && isHelp(args[0]) {
		fmt.Fprintln(out, usage)
		return nil
	}
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return auditVerify(ctx, args[1:], out, errOut)
		case "head":
			return auditHead(ctx, args[1:], out, errOut)
		case "seal":
			return auditSeal(ctx, args[1:], out, errOut)
		}
	}
	fmt.Fprintln(errOut, usage)
	return errUsage
}

func auditHead(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("audit head", "Print the newest sealed audit entry as seq:hash. Keep it where the database's administrators\n"+
		"cannot change it (another system, a write-once store, a signed report); 'schakel audit verify\n"+
		"--anchor seq:hash' then catches a trail that was rewritten up to that entry.")
	db := dbFlag(fs)
	return withStore(ctx, fs, db, args, out, errOut, func(store *storage.DB) error {
		a, err := store.AuditHead(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, a)
		return nil
	})
}

func auditSeal(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("audit seal", "Chain the audit entries not yet sealed into the hash chain and print the new head.\n"+
		"serve does this every second; this is for a database no serve process runs on. Safe to run\n"+
		"next to serve: one sealer works at a time.")
	db := dbFlag(fs)
	return withStore(ctx, fs, db, args, out, errOut, func(store *storage.DB) error {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		res, err := store.SealAudit(ctx)
		if err != nil {
			return err
		}
		head, err := store.AuditHead(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "sealed %d entries (%d void: numbers of rolled-back transactions); head %s\n", res.Sealed, res.Voided, head)
		return nil
	})
}

func auditVerify(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("audit verify", "Check the hash chain of the audit trail. Exits 3 and names the first broken entry\nwhen an entry was changed or removed.")
	db := dbFlag(fs)
	var anchors []audit.Anchor
	fs.Func("anchor", "an entry's seq:hash kept outside (from 'schakel audit head'); repeatable", func(s string) error {
		a, err := audit.ParseAnchor(s)
		anchors = append(anchors, a)
		return err
	})
	return withStore(ctx, fs, db, args, out, errOut, func(store *storage.DB) error {
		st, err := store.VerifyAuditTrail(ctx, anchors...)
		var br *audit.Break
		if errors.As(err, &br) {
			return verifyFailed{fmt.Errorf("audit trail broken at entry %d: %s (%d entries before it are intact)", br.Seq, br.Reason, st.Sealed)}
		} else if err != nil {
			return err
		}
		msg := fmt.Sprintf("audit trail intact: %d entries", st.Sealed)
		if len(anchors) > 0 {
			msg += fmt.Sprintf(", %d anchors match", len(anchors))
		}
		fmt.Fprintln(out, msg)
		writeUnsealed(out, st, time.Now())
		return nil
	})
}

// writeUnsealed says how many entries verify found unsealed, and how old
// the oldest is. Not a break: entries are sealed within seconds while
// serve runs ('schakel audit seal' otherwise); until then they are
// outside what the chain proves.
func writeUnsealed(out io.Writer, st storage.AuditTrailState, now time.Time) {
	switch {
	case st.Unsealed == 0:
	case st.OldestUnsealed.IsZero():
		// The sealer sealed them between verify's two reads.
		fmt.Fprintf(out, "%d entries were not yet sealed when verification began and are sealed now (run verify again to check them)\n", st.Unsealed)
	default:
		age := max(now.Sub(st.OldestUnsealed), 0).Round(time.Second)
		fmt.Fprintf(out, "%d entries not yet sealed, oldest %d s (serve seals them; or run 'schakel audit seal')\n", st.Unsealed, int64(age.Seconds()))
	}
}
