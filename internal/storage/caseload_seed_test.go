package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// SeedCaseloads fills an organisation with teams, workers and cases with
// case holders and court orders, for the team board benchmark: workers
// are spread over the teams, the organisation takes part in every case,
// every case but every fiftieth has a first holder (those wait for one),
// every fifth a second, every other case a running supervision order. It
// returns the teams.
func (db *DB) SeedCaseloads(ctx context.Context, orgID, regionID int64, teams, workers, cases int) ([]int64, error) {
	now := time.Now().UTC()
	var teamIDs, workerIDs []int64
	err := db.Update(ctx, func(tx *Tx) error {
		for i := range teams {
			id, err := tx.insert(`INSERT INTO teams (organisation_id, name, created_at) VALUES (?, ?, ?)`, orgID, fmt.Sprintf("Bankteam %03d", i), now)
			if err != nil {
				return err
			}
			teamIDs = append(teamIDs, id)
		}
		for i := range workers {
			id, err := tx.insert(`INSERT INTO professionals (organisation_id, email, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
				orgID, fmt.Sprintf("bank%04d@bank.example", i), fmt.Sprintf("Bankmedewerker %04d", i), now, now)
			if err != nil {
				return err
			}
			workerIDs = append(workerIDs, id)
			if _, err := tx.exec(`INSERT INTO team_members (team_id, professional_id, hours_per_week, started_on) VALUES (?, ?, ?, ?)`,
				teamIDs[i%teams], id, 24+i%13, now.AddDate(0, -i%24, 0)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	const batch = 250
	for done := 0; done < cases; done += batch {
		err := db.Update(ctx, func(tx *Tx) error {
			for i := done; i < min(done+batch, cases); i++ {
				if err := tx.seedHeldCase(i, regionID, orgID, workerIDs, now); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	// The rows were written around the use cases: fill the kept waiting
	// list as the bulk load does. A live database has planner statistics
	// (autovacuum); a bulk load outruns it, and the planner would plan
	// for empty tables.
	err = db.Update(ctx, func(tx *Tx) error {
		if err := rebuildHolderWaiting(func(q string) error { _, err := tx.exec(q); return err }); err != nil {
			return err
		}
		if db.dialect.engine == Postgres {
			_, err := tx.exec(`ANALYZE participations, cases, chain_events, case_holders, persons, team_members, teams, organisations, holder_waiting`)
			return err
		}
		_, err := tx.exec(`ANALYZE`)
		return err
	})
	return teamIDs, err
}

// seedHeldCase writes case number i with its family, children, holders
// and (for every other case) a running supervision order.
func (tx *Tx) seedHeldCase(i int, regionID, orgID int64, workers []int64, now time.Time) error {
	fam, err := tx.insert(`INSERT INTO families (region_id, municipality, created_at) VALUES (?, 'Rotterdam', ?)`, regionID, now)
	if err != nil {
		return err
	}
	children := 1 + i%3
	rows := strings.TrimSuffix(strings.Repeat(`(?, 'child', 'Kind', 'Bank', ?),`, children), ",")
	args := make([]any, 0, 2*children)
	for range children {
		args = append(args, fam, now)
	}
	if _, err := tx.exec(`INSERT INTO persons (family_id, kind, given_names, family_name, created_at) VALUES `+rows, args...); err != nil {
		return err
	}
	color := []string{"red", "orange", "green", "green"}[i%4]
	caseID, err := tx.insert(`INSERT INTO cases (family_id, region_id, color, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`, fam, regionID, color, now, now)
	if err != nil {
		return err
	}
	if _, err := tx.exec(`INSERT INTO participations (case_id, organisation_id, role, joined_at) VALUES (?, ?, 'uitvoering', ?)`, caseID, orgID, now); err != nil {
		return err
	}
	holders := []int64{workers[i%len(workers)]}
	switch {
	case i%50 == 0:
		holders = nil
	case i%5 == 0:
		holders = append(holders, workers[(i+1)%len(workers)])
	}
	for n, w := range holders {
		pos := []string{"first", "second"}[n]
		if _, err := tx.exec(`INSERT INTO case_holders (case_id, organisation_id, professional_id, position, assigned_at, assigned_by, reason) VALUES (?, ?, ?, ?, ?, ?, 'bank')`,
			caseID, orgID, w, pos, now, w); err != nil {
			return err
		}
	}
	if i%2 == 0 {
		_, err = tx.exec(`INSERT INTO chain_events (case_id, type, at, ends_at, details, organisation_id, source, region_id, month, created_at)
			VALUES (?, 'court_order', ?, ?, '{"measure":"supervision"}', ?, 'demo', ?, ?, ?)`,
			caseID, now.AddDate(0, -1, 0), now.AddDate(0, 11, 0), orgID, regionID, now.Year()*100+int(now.Month()), now)
	}
	return err
}
