package storage_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"schakel"
	"schakel/internal/audit"
	"schakel/internal/auth"
	"schakel/internal/storage"
)

// TestSessionsAndTokensBelongToAPrincipal checks that sessions and tokens
// record their principal, that the schema keeps a row's professional and
// principal consistent, and that a session or token of another principal
// kind never resolves to a professional.
func TestSessionsAndTokensBelongToAPrincipal(t *testing.T) {
	fxEachRaw(t, func(t *testing.T, env fxEnv) {
		ctx := context.Background()
		db := env.db
		worker := fxPro(t, db, fxOrg(t, db, schakel.VeiligThuis), schakel.RoleCaseWorker)
		if err := db.CreateSession(ctx, fxActor(worker), "hash-pro", time.Hour); err != nil {
			t.Fatal(err)
		}
		if err := db.Update(ctx, func(tx *storage.Tx) error {
			_, err := tx.CreateToken(worker.ID, "koppeling", auth.HashSecret("skt_principal"))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"sessions", "api_tokens"} {
			var kind string
			var id int64
			if err := env.raw.QueryRow(`SELECT principal_kind, principal_id FROM `+table).Scan(&kind, &id); err != nil {
				t.Fatal(err)
			}
			if kind != "professional" || id != worker.ID {
				t.Errorf("%s: principal %s %d, want professional %d", table, kind, id, worker.ID)
			}
		}
		now := time.Now().UTC()
		// A family member's session has no professional; rows that mix
		// the two are refused by the schema.
		fxRawExec(t, env, `INSERT INTO sessions (id_hash, professional_id, principal_kind, principal_id, created_at, last_seen_at, expires_at)
			VALUES ('hash-family', NULL, 'family_member', 77, ?, ?, ?)`, now, now, now.Add(time.Hour))
		for name, q := range map[string]string{
			"professional without professional": `VALUES ('bad-1', NULL, 'professional', 77, ?, ?, ?)`,
			"family member with a professional": `VALUES ('bad-2', ` + strconv.FormatInt(worker.ID, 10) + `, 'family_member', 77, ?, ?, ?)`,
			"professional of another id":        `VALUES ('bad-3', ` + strconv.FormatInt(worker.ID, 10) + `, 'professional', 77, ?, ?, ?)`,
			"unknown kind":                      `VALUES ('bad-4', NULL, 'robot', 77, ?, ?, ?)`,
		} {
			_, err := env.raw.Exec(fxRebind(env.engine, `INSERT INTO sessions (id_hash, professional_id, principal_kind, principal_id, created_at, last_seen_at, expires_at) `+q),
				now, now, now.Add(time.Hour))
			if err == nil {
				t.Errorf("%s: the schema accepted the session", name)
			}
		}
		if _, err := db.SessionProfessional(ctx, "hash-family", time.Hour); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			t.Fatalf("a family member's session resolved to a professional: %v", err)
		}
		if p, err := db.SessionProfessional(ctx, "hash-pro", time.Hour); err != nil || p.ID != worker.ID {
			t.Fatalf("the professional's session: %v, %v", p.ID, err)
		}
		fxRawExec(t, env, `INSERT INTO api_tokens (professional_id, principal_kind, principal_id, name, token_hash, created_at)
			VALUES (NULL, 'system', 0, 'nachtelijke taak', ?, ?)`, auth.HashSecret("skt_system"), now)
		if _, _, err := db.TokenProfessional(ctx, auth.HashSecret("skt_system")); schakel.ErrorCode(err) != schakel.EUNAUTHENTICATED {
			t.Fatalf("a system token resolved to a professional: %v", err)
		}
		// The command line created the token: the system's entry.
		var kind, who, basis string
		if err := env.raw.QueryRow(`SELECT principal_kind, on_behalf_of, access_basis FROM audit_log WHERE resource_type = 'api_token'`).
			Scan(&kind, &who, &basis); err != nil {
			t.Fatal(err)
		}
		if kind != "system" || who != "schakel token create" || basis != audit.BasisSystem {
			t.Errorf("token creation audited as %s / %s / %s, want the system", kind, who, basis)
		}
	})
}
