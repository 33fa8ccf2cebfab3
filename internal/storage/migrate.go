package storage

import (
	"context"
	"database/sql/driver"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// provider is goose's view of this engine's migration folder on the
// database's write pool.
func (db *DB) provider() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect.engine)
	if err != nil {
		return nil, err
	}
	d := goose.DialectSQLite3
	if db.dialect.engine == Postgres {
		d = goose.DialectPostgres
	}
	return goose.NewProvider(d, db.write, sub, goose.WithDisableGlobalRegistry(true))
}

// SchemaVersions returns the database's migration level and the newest one
// this binary knows.
func (db *DB) SchemaVersions(ctx context.Context) (current, known int64, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, 0, err
	}
	for _, s := range p.ListSources() {
		known = max(known, s.Version)
	}
	current, err = p.GetDBVersion(ctx)
	return current, known, err
}

// Migrate upgrades the schema and returns the versions applied. A database
// from a newer Schakel is refused rather than touched.
func (db *DB) Migrate(ctx context.Context) ([]int64, error) {
	unlock, err := db.lockMigrations(ctx)
	if err != nil {
		return nil, fmt.Errorf("lock the schema for migration: %w", err)
	}
	defer unlock()
	current, known, err := db.SchemaVersions(ctx)
	if err != nil {
		return nil, fmt.Errorf("read schema version: %w", err)
	}
	if current > known {
		return nil, fmt.Errorf("the database schema is at version %d but this schakel binary only knows up to %d: "+
			"run a newer schakel, or restore a backup made for this version", current, known)
	}
	p, err := db.provider()
	if err != nil {
		return nil, err
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var applied []int64
	for _, r := range res {
		applied = append(applied, r.Source.Version)
	}
	return applied, nil
}

// lockMigrations makes servers that start side by side on one PostgreSQL
// schema migrate one after the other instead of racing each other: a
// session advisory lock, per schema, held on a connection of its own while
// the versions are checked and the migrations run.
func (db *DB) lockMigrations(ctx context.Context) (unlock func(), err error) {
	if db.dialect.engine != Postgres {
		return func() {}, nil
	}
	const key = `hashtext(current_schema() || '.schakel.migrate')`
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`); err != nil {
		conn.Close()
		return nil, err
	}
	return func() {
		if _, err := conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(`+key+`)`); err != nil {
			// Never hand a connection that may still hold the lock back
			// to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}, nil
}
