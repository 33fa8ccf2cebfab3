package storage

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"schakel"
)

// CreateRegion adds a region, or returns the existing one with that name.
func (tx *Tx) CreateRegion(name string) (int64, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM regions WHERE name = ?`, name).Scan(&id)
	if err == nil {
		return id, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return tx.insert(`INSERT INTO regions (name) VALUES (?)`, name)
}

// Regions lists the regions.
func (db *DB) Regions(ctx context.Context) ([]schakel.Region, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, name FROM regions ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schakel.Region
	for rows.Next() {
		var r schakel.Region
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// InsertOrganisation writes an organisation of a region; a name the
// region already uses is a conflict at the field.
func (tx *Tx) InsertOrganisation(regionID int64, name string, kind schakel.OrganisationKind) (int64, error) {
	id, err := tx.insert(`INSERT INTO organisations (region_id, name, kind, created_at) VALUES (?, ?, ?, ?)`,
		regionID, name, string(kind), tx.now)
	if isUniqueViolation(err) {
		return 0, &schakel.Error{Code: schakel.ECONFLICT, Message: "Er bestaat al een organisatie met deze naam in de regio.",
			Fields: []schakel.FieldError{{Field: "name", Code: "taken", Message: "Deze naam is al in gebruik."}}}
	}
	return id, err
}

// OrganisationExists reports whether an organisation exists.
func (tx *Tx) OrganisationExists(id int64) (bool, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM organisations WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// Organisations lists all organisations.
func (db *DB) Organisations(ctx context.Context) ([]schakel.Organisation, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, region_id, name, kind FROM organisations ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schakel.Organisation
	for rows.Next() {
		var o schakel.Organisation
		if err := rows.Scan(&o.ID, &o.RegionID, &o.Name, &o.Kind); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Organisation returns one organisation.
func (db *DB) Organisation(ctx context.Context, id int64) (schakel.Organisation, error) {
	var o schakel.Organisation
	err := db.read.QueryRowContext(ctx, db.dialect.rebind(`SELECT id, region_id, name, kind FROM organisations WHERE id = ?`), id).
		Scan(&o.ID, &o.RegionID, &o.Name, &o.Kind)
	if errors.Is(err, sql.ErrNoRows) {
		return o, notFound("Organisatie")
	}
	return o, err
}

// NormalizeEmail lowercases and trims an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// InsertProfessional writes an account with its roles and expertises; an
// e-mail address in use is a conflict at the field.
func (tx *Tx) InsertProfessional(in schakel.ProfessionalInput) (int64, error) {
	id, err := tx.insert(`INSERT INTO professionals (organisation_id, email, name, team, phone, employee_number, password_hash, active, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)`, in.OrganisationID, in.Email, in.Name, in.Team, in.Phone, in.EmployeeNumber, in.PasswordHash, tx.now, tx.now)
	if isUniqueViolation(err) {
		return 0, &schakel.Error{Code: schakel.ECONFLICT, Message: "Er bestaat al een account met dit e-mailadres.",
			Fields: []schakel.FieldError{{Field: "email", Code: "taken", Message: "Dit e-mailadres is al in gebruik."}}}
	} else if err != nil {
		return 0, err
	}
	return id, tx.setRolesAndExpertises(id, in.Roles, in.Expertises)
}

func (tx *Tx) setRolesAndExpertises(id int64, roles []schakel.Role, exps []schakel.Expertise) error {
	if _, err := tx.exec(`DELETE FROM professional_roles WHERE professional_id = ?`, id); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM professional_expertises WHERE professional_id = ?`, id); err != nil {
		return err
	}
	for _, r := range roles {
		if _, err := tx.exec(`INSERT INTO professional_roles (professional_id, role) VALUES (?, ?)`, id, string(r)); err != nil {
			return err
		}
	}
	for _, e := range exps {
		if _, err := tx.exec(`INSERT INTO professional_expertises (professional_id, expertise) VALUES (?, ?)`, id, string(e)); err != nil {
			return err
		}
	}
	return nil
}

// SaveProfessional writes an account's name, team, phone, employee
// number, roles and expertises.
func (tx *Tx) SaveProfessional(id int64, in schakel.ProfessionalInput) error {
	if _, err := tx.exec(`UPDATE professionals SET name = ?, team = ?, phone = ?, employee_number = ?, updated_at = ? WHERE id = ?`,
		in.Name, in.Team, in.Phone, in.EmployeeNumber, tx.now, id); err != nil {
		return err
	}
	return tx.setRolesAndExpertises(id, in.Roles, in.Expertises)
}

// SaveProfessionalActive enables or disables an account. Disabling ends
// all its sessions and revokes its API tokens at once.
func (tx *Tx) SaveProfessionalActive(id int64, active bool) error {
	if _, err := tx.exec(`UPDATE professionals SET active = ?, updated_at = ? WHERE id = ?`, active, tx.now, id); err != nil {
		return err
	}
	if active {
		return nil
	}
	return tx.endProfessionalAccess(id)
}

// endProfessionalAccess ends a professional's sessions and revokes their
// API tokens. Tokens are found by principal, the one index api_tokens has
// on whose they are (professional_id equals principal_id for a
// professional's token, by a constraint).
func (tx *Tx) endProfessionalAccess(id int64) error {
	if _, err := tx.exec(`DELETE FROM sessions WHERE professional_id = ?`, id); err != nil {
		return err
	}
	_, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE principal_kind = 'professional' AND principal_id = ? AND revoked_at IS NULL`, tx.now, id)
	return err
}

// SetPassword stores a new password hash.
func (tx *Tx) SetPassword(id int64, hash string) error {
	res, err := tx.exec(`UPDATE professionals SET password_hash = ?, updated_at = ? WHERE id = ?`, hash, tx.now, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return notFound("Medewerker")
	}
	return nil
}

// professionalSelect reads professionals with their organisation, roles
// and expertises in one statement: every authenticated request loads its
// professional, and three round trips (the roles and expertises apart)
// were most of that. Roles and expertises are known identifiers (Valid
// before they are stored), so a comma separates them safely.
const professionalSelect = `SELECT ` + professionalColumns + `
	FROM professionals p JOIN organisations o ON o.id = p.organisation_id`

// professionalColumns are what scanProfessional reads, of professionals p
// joined with their organisation o.
const professionalColumns = `p.id, p.email, p.name, p.team, p.phone, p.employee_number, p.active, p.created_at,
	o.id, o.region_id, o.name, o.kind,
	COALESCE((SELECT string_agg(r.role, ',' ORDER BY r.role) FROM professional_roles r WHERE r.professional_id = p.id), ''),
	COALESCE((SELECT string_agg(e.expertise, ',' ORDER BY e.expertise) FROM professional_expertises e WHERE e.professional_id = p.id), '')`

// scanProfessional scans professionalColumns and then the columns after
// them into extra.
func scanProfessional(row interface{ Scan(...any) error }, extra ...any) (schakel.Professional, error) {
	var p schakel.Professional
	var roles, expertises string
	dest := append([]any{&p.ID, &p.Email, &p.Name, &p.Team, &p.Phone, &p.EmployeeNumber, &p.Active, &p.CreatedAt,
		&p.Organisation.ID, &p.Organisation.RegionID, &p.Organisation.Name, &p.Organisation.Kind, &roles, &expertises}, extra...)
	if err := row.Scan(dest...); err != nil {
		return p, err
	}
	p.CreatedAt = p.CreatedAt.UTC()
	p.Roles, p.Expertises = splitList[schakel.Role](roles), splitList[schakel.Expertise](expertises)
	return p, nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func (db *DB) queryProfessionals(ctx context.Context, q querier, where string, args ...any) ([]schakel.Professional, error) {
	stmt := professionalSelect
	if where != "" {
		stmt += " WHERE " + where
	}
	stmt += " ORDER BY o.name, p.name, p.id"
	rows, err := q.QueryContext(ctx, db.dialect.rebind(stmt), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []schakel.Professional
	for rows.Next() {
		p, err := scanProfessional(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// splitList is splitCSV into a list of a string type (roles, expertises).
func splitList[T ~string](s string) []T {
	parts := splitCSV(s)
	out := make([]T, len(parts))
	for i, p := range parts {
		out[i] = T(p)
	}
	return out
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// txQuerier adapts a Tx to the querier interface (its statements are
// rebound by queryProfessionals already).
type txQuerier struct{ tx *Tx }

func (q txQuerier) QueryContext(ctx context.Context, s string, args ...any) (*sql.Rows, error) {
	if err := q.tx.mayRun(false); err != nil {
		return nil, err
	}
	return q.tx.tx.QueryContext(ctx, s, args...)
}

func (tx *Tx) professional(where string, args ...any) (schakel.Professional, error) {
	ps, err := tx.db.queryProfessionals(tx.ctx, txQuerier{tx}, where, args...)
	if err != nil {
		return schakel.Professional{}, err
	}
	if len(ps) == 0 {
		return schakel.Professional{}, notFound("Medewerker")
	}
	return ps[0], nil
}

// Professional returns one professional.
func (db *DB) Professional(ctx context.Context, id int64) (schakel.Professional, error) {
	ps, err := db.queryProfessionals(ctx, db.read, `p.id = ?`, id)
	if err != nil {
		return schakel.Professional{}, err
	}
	if len(ps) == 0 {
		return schakel.Professional{}, notFound("Medewerker")
	}
	return ps[0], nil
}

// ProfessionalByEmail returns the professional with this e-mail address.
func (db *DB) ProfessionalByEmail(ctx context.Context, email string) (schakel.Professional, error) {
	ps, err := db.queryProfessionals(ctx, db.read, `p.email = ?`, NormalizeEmail(email))
	if err != nil {
		return schakel.Professional{}, err
	}
	if len(ps) == 0 {
		return schakel.Professional{}, notFound("Medewerker")
	}
	return ps[0], nil
}

// ProfessionalFilter narrows ListProfessionals.
type ProfessionalFilter struct {
	OrganisationID int64
	ActiveOnly     bool
}

// ListProfessionals lists professionals.
func (db *DB) ListProfessionals(ctx context.Context, f ProfessionalFilter) ([]schakel.Professional, error) {
	var where []string
	var args []any
	if f.OrganisationID != 0 {
		where, args = append(where, "p.organisation_id = ?"), append(args, f.OrganisationID)
	}
	if f.ActiveOnly {
		where = append(where, "p.active = TRUE")
	}
	return db.queryProfessionals(ctx, db.read, strings.Join(where, " AND "), args...)
}

// InsertDutyShift puts a professional on the on-duty roster.
func (tx *Tx) InsertDutyShift(professionalID int64, start, end time.Time) (int64, error) {
	return tx.insert(`INSERT INTO duty_shifts (professional_id, starts_at, ends_at) VALUES (?, ?, ?)`,
		professionalID, start.UTC(), end.UTC())
}

// DutyEntry is a roster line with the professional's name.
type DutyEntry struct {
	schakel.DutyShift
	Name         string
	Organisation string
	Kind         schakel.OrganisationKind
}

// DutyRoster lists the shifts overlapping [from, to).
func (db *DB) DutyRoster(ctx context.Context, from, to time.Time) ([]DutyEntry, error) {
	rows, err := db.read.QueryContext(ctx, db.dialect.rebind(`SELECT d.id, d.professional_id, d.starts_at, d.ends_at, p.name, o.name, o.kind
		FROM duty_shifts d JOIN professionals p ON p.id = d.professional_id JOIN organisations o ON o.id = p.organisation_id
		WHERE d.starts_at < ? AND d.ends_at > ? ORDER BY d.starts_at, o.name, p.name`), to.UTC(), from.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DutyEntry
	for rows.Next() {
		var e DutyEntry
		if err := rows.Scan(&e.ID, &e.ProfessionalID, &e.Start, &e.End, &e.Name, &e.Organisation, &e.Kind); err != nil {
			return nil, err
		}
		e.Start, e.End = e.Start.UTC(), e.End.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// EmployeeNumberFree refuses an employee number another professional of
// the organisation has: an identity provider's claim must point at one
// person.
func (tx *Tx) EmployeeNumberFree(orgID, self int64, number string) error {
	if number == "" {
		return nil
	}
	var n int
	if err := tx.queryRow(`SELECT COUNT(*) FROM professionals WHERE organisation_id = ? AND employee_number = ? AND id <> ?`, orgID, number, self).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &schakel.Error{Code: schakel.ECONFLICT, Message: "Een andere medewerker van de organisatie heeft dit personeelsnummer al.",
			Fields: []schakel.FieldError{{Field: "employee_number", Code: "taken", Message: "Dit personeelsnummer is al in gebruik."}}}
	}
	return nil
}
