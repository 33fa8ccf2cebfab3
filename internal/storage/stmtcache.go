package storage

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
)

// SQLite parses every statement text it is given: without a cache, a third
// of the intake's CPU went to sqlite3Prepare. stmtCacheConnector gives every
// SQLite connection a cache of prepared statements keyed by their text, so
// that each statement is parsed once per connection and then only bound and
// stepped. (PostgreSQL needs none of this here: pgx keeps a cache of
// prepared statements per connection itself, 512 by default.)
//
// A cached statement serves one caller at a time: while the rows of a query
// are open, the same text on the same connection (a nested loop running the
// same query) is prepared afresh and finalised after use, as without a
// cache.
type stmtCacheConnector struct {
	driver.Connector
	size  int // statements kept per connection, least recently used evicted
	trace *statementTrace
}

func (c stmtCacheConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	cc, ok := conn.(stmtCacheBase)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("statement cache: the driver connection %T lacks the context methods", conn)
	}
	return &cachingConn{stmtCacheBase: cc, size: c.size, trace: c.trace, stmts: map[string]*list.Element{}, lru: list.New()}, nil
}

// stmtCacheBase is what the cache needs of the driver's connection; the
// SQLite driver implements all of it.
type stmtCacheBase interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachingConn is one connection with its statements. database/sql uses a
// connection from one goroutine at a time; the mutex covers a Rows closed
// by database/sql's context watcher.
type cachingConn struct {
	stmtCacheBase
	size  int
	trace *statementTrace
	mu    sync.Mutex
	stmts map[string]*list.Element // of *cachedStmt
	lru   *list.List               // front: most recently used
}

type cachedStmt struct {
	query   string
	stmt    driver.Stmt
	busy    bool // rows of it are open
	evicted bool // out of the cache: close when no longer busy
}

type stmtContext interface {
	driver.StmtExecContext
	driver.StmtQueryContext
}

// acquire returns the cached statement for query, preparing it on a miss,
// or nil when it is busy: the caller then runs the text unprepared.
func (c *cachingConn) acquire(ctx context.Context, query string) (*cachedStmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.stmts[query]; ok {
		cs := el.Value.(*cachedStmt)
		if cs.busy {
			return nil, nil
		}
		c.lru.MoveToFront(el)
		cs.busy = true
		return cs, nil
	}
	st, err := c.stmtCacheBase.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if _, ok := st.(stmtContext); !ok {
		st.Close()
		return nil, nil
	}
	cs := &cachedStmt{query: query, stmt: st, busy: true}
	c.stmts[query] = c.lru.PushFront(cs)
	for c.lru.Len() > c.size {
		c.evict(c.lru.Back())
	}
	return cs, nil
}

// evict drops el from the cache; a busy statement is closed by release.
func (c *cachingConn) evict(el *list.Element) {
	cs := el.Value.(*cachedStmt)
	c.lru.Remove(el)
	delete(c.stmts, cs.query)
	cs.evicted = true
	if !cs.busy {
		cs.stmt.Close()
	}
}

func (c *cachingConn) release(cs *cachedStmt) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	cs.busy = false
	if cs.evicted {
		return cs.stmt.Close()
	}
	return nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	c.trace.saw(query, args)
	cs, err := c.acquire(ctx, query)
	if err != nil || cs == nil {
		if err != nil {
			return nil, err
		}
		return c.stmtCacheBase.ExecContext(ctx, query, args)
	}
	res, err := cs.stmt.(stmtContext).ExecContext(ctx, args)
	return res, errors.Join(err, c.release(cs))
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	c.trace.saw(query, args)
	cs, err := c.acquire(ctx, query)
	if err != nil || cs == nil {
		if err != nil {
			return nil, err
		}
		return c.stmtCacheBase.QueryContext(ctx, query, args)
	}
	rows, err := cs.stmt.(stmtContext).QueryContext(ctx, args)
	if err != nil {
		return nil, errors.Join(err, c.release(cs))
	}
	return &cachedRows{Rows: rows, release: func() error { return c.release(cs) }}, nil
}

// Close finalises the cached statements, then closes the connection.
func (c *cachingConn) Close() error {
	c.mu.Lock()
	var errs []error
	for el := c.lru.Front(); el != nil; el = el.Next() {
		errs = append(errs, el.Value.(*cachedStmt).stmt.Close())
	}
	c.stmts, c.lru = map[string]*list.Element{}, list.New()
	c.mu.Unlock()
	return errors.Join(append(errs, c.stmtCacheBase.Close())...)
}

// cachedRows hands the statement back when the rows are closed.
type cachedRows struct {
	driver.Rows
	once    sync.Once
	release func() error
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.once.Do(func() { err = errors.Join(err, r.release()) })
	return err
}

// The column type methods database/sql's ColumnTypes asks for, passed on
// when the driver's rows have them.

func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	if x, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return x.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *cachedRows) ColumnTypeNullable(i int) (nullable, ok bool) {
	if x, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return x.ColumnTypeNullable(i)
	}
	return false, false
}
