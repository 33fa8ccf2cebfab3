// Command gen_audit_v1 writes a real audit trail with the code of the
// commit it lives in (before audit format version 2) and dumps it as JSON
// for TestAuditTrailWrittenBeforeFormatVersion2. It is kept only in the
// commit that added the fixture: run later, it would write the new format.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/demo"
	"schakel/internal/storage"
)

type dump struct {
	Note    string        `json:"note"`
	Entries []audit.Entry `json:"entries"`
	Head    audit.Anchor  `json:"head"`
}

func main() {
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(out string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gen-audit-v1")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := storage.Open(ctx, filepath.Join(dir, "schakel.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	now := time.Now()
	if _, err := demo.Load(ctx, db, now); err != nil {
		return err
	}
	// Professional work: reports, ratings, consultations, plans, all
	// audited with persons.
	if err := demo.LoadCases(ctx, db, now); err != nil {
		return err
	}
	// The command line (a nil actor today): a token created and revoked.
	sanne, err := db.ProfessionalByEmail(ctx, demo.Accounts()[0].Email)
	if err != nil {
		return err
	}
	if err := db.Update(ctx, func(tx *storage.Tx) error {
		id, err := tx.CreateToken(sanne.ID, "koppeling", "hash-of-a-synthetic-token")
		if err != nil {
			return err
		}
		return tx.RevokeToken(id)
	}); err != nil {
		return err
	}
	// A failed login: no one logged in, only the client's facts.
	if _, err := db.RecordLoginFailure(ctx, sanne.ID, storage.LoginPolicy{MaxFailures: 5, LockFor: time.Minute}, "192.0.2.7"); err != nil {
		return err
	}
	// A refusal: the first account asks who looked at a person's file,
	// which only a privacy officer may.
	actor := &schakel.Actor{Professional: &sanne, ClientAddr: "192.0.2.8", Workstation: "gen_audit_v1", EmergencyReason: "een reden van meer dan twintig tekens"}
	if _, err := db.PersonAccessLog(ctx, actor, 1); schakel.ErrorCode(err) != schakel.EFORBIDDEN {
		return fmt.Errorf("want a refusal, got %v", err)
	}
	if n, err := db.VerifyAudit(ctx); err != nil {
		return fmt.Errorf("the fresh trail does not verify after %d entries: %w", n, err)
	}
	head, err := db.AuditHead(ctx)
	if err != nil {
		return err
	}
	entries, err := readTrail(filepath.Join(dir, "schakel.db"))
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(dump{
		Note:    "Audit trail written by Schakel before audit format version 2 (every entry is version 1). Synthetic demo data. Never edit: TestAuditTrailWrittenBeforeFormatVersion2 verifies it as it was written.",
		Entries: entries, Head: head,
	}, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(out, append(b, '\n'), 0o644)
}

// readTrail reads every entry as stored, in sequence order.
func readTrail(path string) ([]audit.Entry, error) {
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT seq, at, event, outcome, user_id, user_name, on_behalf_of, organisation_id, role,
		access_basis, emergency, emergency_reason, client_addr, workstation, resource_type, resource_id,
		persons, detail, prev_hash, hash FROM audit_log ORDER BY seq`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []audit.Entry
	for rows.Next() {
		var e audit.Entry
		var user, org sql.NullInt64
		var persons string
		if err := rows.Scan(&e.Seq, &e.At, &e.Event, &e.Outcome, &user, &e.UserName, &e.OnBehalfOf, &org, &e.Role,
			&e.AccessBasis, &e.Emergency, &e.EmergencyReason, &e.ClientAddr, &e.Workstation, &e.ResourceType,
			&e.ResourceID, &persons, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.UserID, e.OrganisationID = user.Int64, org.Int64
		e.Persons = audit.ParsePersons(persons)
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
