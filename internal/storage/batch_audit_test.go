package storage_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"schakel/internal/app"
	"schakel/internal/audit"
	"schakel/internal/storage"
	"schakel/internal/storage/storagetest"
)

// TestReadCarriesItsAudit: a read of a case writes its audit entry in the
// same transaction, on PostgreSQL in the read's own statement (guard and
// read: two statements, no statement at commit), and a read whose entry
// cannot be written returns nothing.
func TestReadCarriesItsAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		actor := demoWorld(t, db)
		res, err := app.New(db).CreateReport(ctx, actor, benchReport(1, true), "")
		if err != nil {
			t.Fatal(err)
		}
		before, err := db.AuditEntriesFrom(ctx, 0)
		if err != nil {
			t.Fatal(err)
		}
		var statements []string
		db.RecordStatements(func(q string, _ []any) { statements = append(statements, q) })
		c, err := app.New(db).Case(ctx, actor, res.CaseID)
		db.RecordStatements(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Reports) != 1 {
			t.Fatalf("the case has %d reports, want 1", len(c.Reports))
		}
		if db.Engine() == storage.Postgres {
			if len(statements) != 2 || !strings.HasPrefix(statements[1], "WITH audit_entries_0 AS (INSERT INTO audit_log") {
				t.Errorf("the read ran %d statements, want the guard and the read with its audit entry:\n%s",
					len(statements), strings.Join(statements, "\n---\n"))
			}
		}
		after, err := db.AuditEntriesFrom(ctx, before[len(before)-1].Seq+1)
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != 1 || after[0].Event != audit.EventRead || after[0].ResourceID != fmt.Sprint(res.CaseID) || len(after[0].Persons) != 2 {
			t.Fatalf("entries after the read: %+v, want one read of case %d naming its two persons", after, res.CaseID)
		}

		refuseReadEntries(t, db)
		if c, err := app.New(db).Case(ctx, actor, res.CaseID); err == nil || c.ID != 0 {
			t.Errorf("a read whose audit entry fails: case %d, error %v; want no case and an error", c.ID, err)
		}
		if again, err := db.AuditEntriesFrom(ctx, after[0].Seq+1); err != nil || len(again) != 0 {
			t.Errorf("entries after the failed read: %d (%v), want none", len(again), err)
		}
	})
}

// refuseReadEntries makes the database refuse every new audit entry of a
// read, as a full disk or a broken trail would.
func refuseReadEntries(t *testing.T, db *storage.DB) {
	t.Helper()
	stmts := map[string][]string{
		storage.SQLite: {`CREATE TRIGGER refuse_reads BEFORE INSERT ON audit_log WHEN NEW.event = 'read'
			BEGIN SELECT RAISE(ABORT, 'read entries refused'); END`},
		storage.Postgres: {`CREATE FUNCTION refuse_reads() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN IF NEW.event = 'read' THEN RAISE EXCEPTION 'read entries refused'; END IF; RETURN NEW; END $$`,
			`CREATE TRIGGER refuse_reads BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_reads()`},
	}[db.Engine()]
	err := db.Update(context.Background(), func(tx *storage.Tx) error {
		for _, q := range stmts {
			if err := tx.ExecForTest(q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
