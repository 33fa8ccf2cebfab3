-- +goose Up
-- audit_persons is an index of audit_log.persons (the hashed field), written
-- in the same transaction that appends the entry (audit_flush.go), so its seq
-- always names an entry, and entries are never removed (append-only
-- triggers). The foreign key proved nothing more and cost a lookup per person
-- named on every audited read and write (issue 11). The table is rebuilt
-- without it (SQLite cannot drop a constraint), and WITHOUT ROWID: its key
-- is the whole row, so each person named is one b-tree insert instead of two.
CREATE TABLE audit_persons_new (
    person_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    PRIMARY KEY (person_id, seq)
) WITHOUT ROWID;
INSERT INTO audit_persons_new (person_id, seq) SELECT person_id, seq FROM audit_persons;
DROP TABLE audit_persons;
ALTER TABLE audit_persons_new RENAME TO audit_persons;

-- +goose Down
CREATE TABLE audit_persons_old (
    person_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL REFERENCES audit_log(seq),
    PRIMARY KEY (person_id, seq)
);
INSERT INTO audit_persons_old (person_id, seq) SELECT person_id, seq FROM audit_persons;
DROP TABLE audit_persons;
ALTER TABLE audit_persons_old RENAME TO audit_persons;
