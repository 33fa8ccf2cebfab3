package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"schakel"
	"schakel/internal/app"
	"schakel/internal/auth"
	"schakel/internal/chain"
	"schakel/internal/passwordpolicy"
	"schakel/internal/storage"
	"strings"
	"text/tabwriter"
)

func runUser(ctx context.Context, args []string, out, errOut io.Writer) error {
	const usage = "Usage: schakel user add|list|disable [flags]\n\nManage accounts. Run 'schakel user <command> -h' for its flags."
	if len(args) == 0 {
		fmt.Fprintln(errOut, usage)
		return errUsage
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], out, errOut)
	case "list":
		return userList(ctx, args[1:], out, errOut)
	case "disable":
		return userDisable(ctx, args[1:], out, errOut)
	}
	if isHelp(args[0]) {
		fmt.Fprintln(out, usage)
		return nil
	}
	fmt.Fprintf(errOut, "unknown user command %q: use add, list or disable\n", args[0])
	return errUsage
}

func userAdd(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("user add", "Add an account. The password is read from SCHAKEL_PASSWORD or, if unset, from the first line of standard input.")
	db := dbFlag(fs)
	email := fs.String("email", "", "e-mail address (login name)")
	name := fs.String("name", "", "full name")
	orgName := fs.String("org", "", "organisation: its id or exact name")
	orgKind := fs.String("org-kind", "", "create the organisation --org with this kind if it does not exist yet (for the first account): "+joinKinds())
	region := fs.String("region", "", "region of an organisation created with --org-kind; may be left out when the database holds one region")
	roles := fs.String("roles", "", "comma-separated roles: "+joinRoles())
	exps := fs.String("expertises", "", "comma-separated expertises")
	team := fs.String("team", "", "team name")
	employeeNumber := fs.String("employee-number", "", "the organisation's employee number, when its identity provider names people by it (schakel sso)")
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	password, err := readPassword()
	if err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db, chain.Rules{})
	if err != nil {
		return err
	}
	defer store.Close()
	orgID, regionID, err := userOrganisation(ctx, store, *orgName, *orgKind, strings.TrimSpace(*region))
	if err != nil {
		return err
	}
	in := schakel.ProfessionalInput{OrganisationID: orgID, Email: *email, Name: *name, Team: *team, EmployeeNumber: *employeeNumber}
	for _, r := range splitList(*roles) {
		in.Roles = append(in.Roles, schakel.Role(r))
	}
	for _, e := range splitList(*exps) {
		in.Expertises = append(in.Expertises, schakel.Expertise(e))
	}
	if in.PasswordHash, err = auth.HashPassword(password, auth.DefaultParams); err != nil {
		return err
	}
	newOrg := schakel.Organisation{RegionID: regionID, Name: *orgName, Kind: schakel.OrganisationKind(*orgKind)}
	id, created, err := addUser(ctx, store, in, newOrg, strings.TrimSpace(*region))
	if err != nil {
		return describe(err)
	}
	if created != nil {
		fmt.Fprintf(out, "created organisation %s (%s, id %d)\n", created.Name, created.Kind, created.ID)
	}
	fmt.Fprintf(out, "added %s (id %d)\n", storage.NormalizeEmail(*email), id)
	return nil
}

// readPassword reads the new account's password from SCHAKEL_PASSWORD or
// the first line of standard input, and checks it against the policy.
func readPassword() (string, error) {
	password := os.Getenv("SCHAKEL_PASSWORD")
	if password == "" {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		password = strings.TrimRight(line, "\r\n")
	}
	if refused := passwordpolicy.Check(password); refused != nil {
		// The policy's words are Dutch, as on the admin screen; the code is
		// the same stable one the API gives.
		return "", fmt.Errorf("password refused (%s): %s", refused.Code, refused.Message)
	}
	return password, nil
}

// userOrganisation finds the organisation --org names (by id or exact
// name). Without one, --org-kind must say to create it, in --region or the
// database's only region (regionID; 0 when --region names a new one).
func userOrganisation(ctx context.Context, store *storage.DB, orgName, orgKind, region string) (orgID, regionID int64, err error) {
	orgs, err := store.Organisations(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, o := range orgs {
		if o.Name == orgName || fmt.Sprint(o.ID) == orgName {
			orgID = o.ID
		}
	}
	if orgID == 0 && orgKind == "" {
		return 0, 0, fmt.Errorf("no organisation %q; name an existing one, or add --org-kind to create it", orgName)
	}
	if orgID == 0 && region == "" {
		regions, err := store.Regions(ctx)
		if err != nil {
			return 0, 0, err
		}
		if len(regions) != 1 {
			return 0, 0, fmt.Errorf("the database holds %d regions: name the region of the new organisation with --region", len(regions))
		}
		regionID = regions[0].ID
	}
	return orgID, regionID, nil
}

// addUser adds the account in one transaction; the first account of an
// organisation creates it (and its region when new) in the same
// transaction, so that a refused account leaves no organisation.
func addUser(ctx context.Context, store *storage.DB, in schakel.ProfessionalInput, org schakel.Organisation, region string) (id int64, created *schakel.Organisation, err error) {
	system := schakel.SystemActor("schakel user add")
	err = store.Update(ctx, func(tx *storage.Tx) error {
		created = nil
		in := in // a retried transaction starts from the input again
		if in.OrganisationID == 0 {
			o := org
			if o.RegionID == 0 {
				rid, err := tx.CreateRegion(region)
				if err != nil {
					return err
				}
				o.RegionID = rid
			}
			if err := app.CreateOrganisationIn(tx, system, &o); err != nil {
				return err
			}
			created, in.OrganisationID = &o, o.ID
		}
		var err error
		id, err = app.CreateProfessionalIn(tx, system, in)
		return err
	})
	return id, created, err
}

func joinKinds() string {
	var s []string
	for _, k := range schakel.OrganisationKinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func joinRoles() string {
	var s []string
	for _, r := range schakel.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

func userList(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("user list", "List accounts.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON: id, email, name, organisation kind and roles")
	return withStore(ctx, fs, db, args, out, errOut, func(store *storage.DB) error {
		ps, err := store.ListProfessionals(ctx, storage.ProfessionalFilter{})
		if err != nil {
			return err
		}
		if *asJSON {
			type row struct {
				ID               int64                    `json:"id"`
				Email            string                   `json:"email"`
				Name             string                   `json:"name"`
				Organisation     string                   `json:"organisation"`
				OrganisationKind schakel.OrganisationKind `json:"organisation_kind"`
				Roles            []schakel.Role           `json:"roles"`
				Active           bool                     `json:"active"`
			}
			rows := []row{}
			for _, p := range ps {
				rows = append(rows, row{p.ID, p.Email, p.Name, p.Organisation.Name, p.Organisation.Kind, p.Roles, p.Active})
			}
			enc := json.NewEncoder(out)
			enc.SetIndent("", "  ")
			return enc.Encode(rows)
		}
		tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tORGANISATION\tROLES\tACTIVE")
		for _, p := range ps {
			var roles []string
			for _, r := range p.Roles {
				roles = append(roles, string(r))
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%v\n", p.ID, p.Email, p.Name, p.Organisation.Name, strings.Join(roles, ","), p.Active)
		}
		return tw.Flush()
	})
}

func userDisable(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("user disable", "Disable an account: it can no longer log in, and its sessions and API tokens end at once.")
	db := dbFlag(fs)
	email := fs.String("email", "", "e-mail address of the account")
	return withStore(ctx, fs, db, args, out, errOut, func(store *storage.DB) error {
		p, err := store.ProfessionalByEmail(ctx, *email)
		if err != nil {
			return fmt.Errorf("no account with e-mail address %q", *email)
		}
		if err := store.Update(ctx, func(tx *storage.Tx) error {
			return app.SetProfessionalActiveIn(tx, schakel.SystemActor("schakel user disable"), p.ID, false)
		}); err != nil {
			return err
		}
		fmt.Fprintf(out, "disabled %s\n", p.Email)
		return nil
	})
}
