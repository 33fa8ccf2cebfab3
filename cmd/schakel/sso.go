package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"schakel"
	"schakel/internal/app"
	"schakel/internal/sso"
	"schakel/internal/storage"
)

// runSSO manages organisations' own login (single sign-on with OpenID
// Connect) on the command line; the administrator's screen is
// /beheer/inloggen. Schakel itself acts, and every change is audited.
func runSSO(ctx context.Context, args []string, out, errOut io.Writer) error {
	const usage = "Usage: schakel sso set|show|remove [flags]\n\nManage an organisation's identity provider. Run 'schakel sso <command> -h' for its flags."
	description, ok := map[string]string{
		"set": "Register or replace an organisation's OpenID Connect provider. The client secret is never given here: --secret-ref says\n" +
			"where the server reads it (env:" + sso.EnvPrefix + "<NAME>, or file:<name> in --oidc-secrets-dir of serve).",
		"show":   "Print an organisation's provider as JSON.",
		"remove": "Stop single sign-on for an organisation; sessions that began at its provider end.",
	}[first(args)]
	if !ok {
		if len(args) > 0 && isHelp(args[0]) {
			fmt.Fprintln(out, usage)
			return nil
		}
		fmt.Fprintln(errOut, usage)
		return errUsage
	}
	fs := newFlagSet("sso "+args[0], description)
	db := dbFlag(fs)
	org := fs.String("org", "", "organisation: its id or exact name")
	var p schakel.IdentityProvider
	var match, domains string
	if args[0] == "set" {
		fs.StringVar(&p.Issuer, "issuer", "", "the provider's issuer address (https://…)")
		fs.StringVar(&p.ClientID, "client-id", "", "the client id the provider gave Schakel")
		fs.StringVar(&p.SecretRef, "secret-ref", "", "where the client secret is read: env:"+sso.EnvPrefix+"<NAME> or file:<name>")
		fs.StringVar(&p.Claim, "claim", "email", "the ID-token claim to match on")
		fs.StringVar(&match, "match-on", "email", "what the claim carries: email or employee_number")
		fs.StringVar(&domains, "domains", "", "comma-separated e-mail domains whose people log in there")
	}
	return withStore(ctx, fs, db, args[1:], out, errOut, func(store *storage.DB) error {
		orgID, err := findOrganisation(ctx, store, *org)
		if err != nil {
			return err
		}
		system := schakel.SystemActor("schakel sso " + args[0])
		switch args[0] {
		case "set":
			p.OrganisationID, p.MatchOn, p.Domains = orgID, schakel.IdentityMatch(match), sso.SplitDomains(domains)
			if err := app.New(store).SetIdentityProvider(ctx, system, &p); err != nil {
				return describe(err)
			}
			fmt.Fprintf(out, "organisation %d logs in at %s for %s\n", orgID, p.Issuer, strings.Join(p.Domains, ", "))
		case "show":
			p, err := app.New(store).IdentityProviderOf(ctx, system, orgID)
			if err != nil {
				return describe(err)
			}
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(p)
		case "remove":
			if err := app.New(store).RemoveIdentityProvider(ctx, system, orgID); err != nil {
				return describe(err)
			}
			fmt.Fprintf(out, "organisation %d logs in with passwords again\n", orgID)
		}
		return nil
	})
}

func first(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// findOrganisation returns the id of the organisation named by id or
// exact name.
func findOrganisation(ctx context.Context, store *storage.DB, name string) (int64, error) {
	orgs, err := store.Organisations(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range orgs {
		if o.Name == name || fmt.Sprint(o.ID) == name {
			return o.ID, nil
		}
	}
	return 0, fmt.Errorf("no organisation %q: give its id or exact name (--org)", name)
}
