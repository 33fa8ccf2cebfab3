package main

import (
	"context"
	"fmt"
	"io"
	"schakel/internal/auth"
	"schakel/internal/storage"
	"time"
)

func runToken(ctx context.Context, args []string, out, errOut io.Writer) error {
	const usage = "Usage: schakel token create|list|revoke [flags]\n\nManage API tokens. Run 'schakel token <command> -h' for its flags."
	if len(args) == 0 {
		fmt.Fprintln(errOut, usage)
		return errUsage
	}
	description, ok := map[string]string{
		"create": "Create an API token for an account and print it on one line. Only its hash is stored: keep it safe.",
		"list":   "List an account's API tokens (never the tokens themselves).",
		"revoke": "Revoke an API token by its id.",
	}[args[0]]
	if !ok {
		// Decided before any database is opened (or created).
		if isHelp(args[0]) {
			fmt.Fprintln(out, usage)
			return nil
		}
		fmt.Fprintf(errOut, "unknown token command %q: use create, list or revoke\n", args[0])
		return errUsage
	}
	fs := newFlagSet("token "+args[0], description)
	db := dbFlag(fs)
	email := fs.String("email", "", "e-mail address of the account")
	name := fs.String("name", "api", "a name for the token, recorded as 'on whose behalf' in the audit trail")
	id := fs.Int64("id", 0, "token id (revoke)")
	return withStore(ctx, fs, db, args[1:], out, errOut, func(store *storage.DB) error {
		switch args[0] {
		case "create", "list":
			p, err := store.ProfessionalByEmail(ctx, *email)
			if err != nil {
				return fmt.Errorf("no account with e-mail address %q", *email)
			}
			if args[0] == "list" {
				toks, err := store.Tokens(ctx, p.ID)
				if err != nil {
					return err
				}
				for _, t := range toks {
					state := "active"
					if t.RevokedAt != nil {
						state = "revoked " + t.RevokedAt.Format(time.RFC3339)
					}
					fmt.Fprintf(out, "%d\t%s\t%s\t%s\n", t.ID, t.Name, t.CreatedAt.Format(time.RFC3339), state)
				}
				return nil
			}
			if !p.Active {
				return fmt.Errorf("account %s is disabled", p.Email)
			}
			secret, err := auth.NewSecret("skt_")
			if err != nil {
				return err
			}
			if err := store.Update(ctx, func(tx *storage.Tx) error {
				_, err := tx.CreateToken(p.ID, *name, auth.HashSecret(secret))
				return err
			}); err != nil {
				return err
			}
			fmt.Fprintln(out, secret)
			return nil
		}
		// revoke
		if err := store.Update(ctx, func(tx *storage.Tx) error { return describeErr(tx.RevokeToken(*id)) }); err != nil {
			return err
		}
		fmt.Fprintf(out, "revoked token %d\n", *id)
		return nil
	})
}
