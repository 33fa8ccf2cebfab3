package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"schakel/internal/app"
	"strings"
	"text/tabwriter"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/demo"
	"schakel/internal/passwordpolicy"
	"schakel/internal/storage"
)

func runMigrate(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("migrate", "Bring the database schema up to date. A database made by a newer schakel is refused.")
	db := dbFlag(fs)
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.OpenNoMigrate(ctx, *db)
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
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
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
}

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

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
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
	store, err := storage.Open(ctx, *db)
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

func userList(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("user list", "List accounts.")
	db := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON: id, email, name, organisation kind and roles")
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
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
}

func userDisable(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("user disable", "Disable an account: it can no longer log in, and its sessions and API tokens end at once.")
	db := dbFlag(fs)
	email := fs.String("email", "", "e-mail address of the account")
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
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
}

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
	if err := parseFlags(fs, args[1:], out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
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
}

func describeErr(err error) error {
	if err == nil {
		return nil
	}
	return describe(err)
}

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
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	a, err := store.AuditHead(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, a)
	return nil
}

func auditSeal(ctx context.Context, args []string, out, errOut io.Writer) error {
	fs := newFlagSet("audit seal", "Chain the audit entries not yet sealed into the hash chain and print the new head.\n"+
		"serve does this every second; this is for a database no serve process runs on. Safe to run\n"+
		"next to serve: one sealer works at a time.")
	db := dbFlag(fs)
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
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
	if err := parseFlags(fs, args, out, errOut); err != nil {
		return err
	}
	store, err := storage.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
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
	if st.Unsealed > 0 {
		// Not a break: entries are sealed within seconds while serve runs
		// ('schakel audit seal' otherwise). Until then they are outside
		// what the chain proves.
		age := max(time.Since(st.OldestUnsealed), 0).Round(time.Second)
		fmt.Fprintf(out, "%d entries not yet sealed, oldest %d s (serve seals them; or run 'schakel audit seal')\n", st.Unsealed, int64(age.Seconds()))
	}
	return nil
}
