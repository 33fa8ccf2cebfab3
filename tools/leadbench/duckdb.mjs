// The reference a data analyst would use instead of Schakel's lead-time
// call: DuckDB over the exported CSV event log. It pairs the events into
// phase runs with the same rules as internal/chain (Compute), computes per
// phase and for the whole chain count, median, p80, p90 (quantile_cont, the
// same interpolation as Schakel) and the share within the norm (with the
// Dutch working-day calendar of internal/workdays), compares the figures
// with Schakel's answers, and times itself.
//
//   node duckdb.mjs --csv events.csv --norms norms.json --query 'from=…&to=…&region=…' --schakel answer.json [--query … --schakel …] [--runs 5]
//
// Prints one JSON line per query: {query, cold_ms, warm_ms: [...], load_ms, rows, phases: [...], max_diff}.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = { queries: [], answers: [] };
for (let i = 0; i < args.length; i += 2) {
	const k = args[i], v = args[i + 1];
	if (k === '--csv') opt.csv = v;
	else if (k === '--norms') opt.norms = v;
	else if (k === '--query') opt.queries.push(v);
	else if (k === '--schakel') opt.answers.push(v);
	else if (k === '--runs') opt.runs = Number(v);
	else throw new Error('unknown argument ' + k);
}
opt.runs ??= 5;

// The phases of internal/chain, in the same order.
const phases = [
	['red_consultation', 'rated', 'consultation_held', 'red', 'alternate'],
	['safety_assessment', 'report_received', 'safety_assessment_done', null, 'perref'],
	['vt_investigation', 'investigation_started', 'investigation_ended', null, 'alternate'],
	['raad_start', 'raad_requested', 'raad_investigation_started', null, 'alternate'],
	['raad_investigation', 'raad_investigation_started', 'raad_investigation_ended', null, 'alternate'],
	['court', 'court_petition', 'court_order', null, 'alternate'],
	['guardian_contact', 'court_order', 'guardian_started', null, 'once'],
	['guardian_plan', 'court_order', 'plan_made', null, 'once'],
	['guardian_help', 'court_order', 'help_started', null, 'once'],
	['chain', 'report_received', 'guardian_started', null, 'once'],
];

// Dutch national holidays as internal/workdays computes them.
function easter(y) {
	const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
	const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
	return new Date(Date.UTC(y, month - 1, day));
}
const iso = (d) => d.toISOString().slice(0, 10);
const plus = (d, n) => new Date(d.getTime() + n * 86400000);
const holidays = [];
for (let y = 1990; y <= 2060; y++) {
	const e = easter(y);
	let king = y >= 2014 ? new Date(Date.UTC(y, 3, 27)) : new Date(Date.UTC(y, 3, 30));
	if (king.getUTCDay() === 0) king = plus(king, -1);
	holidays.push(iso(new Date(Date.UTC(y, 0, 1))), iso(plus(e, 1)), iso(king), iso(new Date(Date.UTC(y, 4, 5))),
		iso(plus(e, 39)), iso(plus(e, 50)), iso(new Date(Date.UTC(y, 11, 25))), iso(new Date(Date.UTC(y, 11, 26))));
}

const normsDoc = JSON.parse(readFileSync(opt.norms, 'utf8'));
const norm = Object.fromEntries(normsDoc.norms.map((n) => [n.id, n]));

// nrm: the norm of each phase; the deadline of working-day norms comes
// from the calendar by a join (a correlated lookup would be planned as a
// cross product).
async function normTable(con) {
	const rows = phases.map(([c]) => norm[c]).filter((n) => n && n.amount).map((n) => `('${n.id}', '${n.unit}', ${n.amount})`);
	await con.run(`CREATE OR REPLACE TEMP TABLE nrm(phase VARCHAR, unit VARCHAR, amount INTEGER)`);
	if (rows.length) await con.run(`INSERT INTO nrm VALUES ${rows.join(', ')}`);
}

function filterSQL(q) {
	const p = new URLSearchParams(q);
	const conds = [];
	if (p.get('from')) conds.push(`r.end_ts >= timezone('Europe/Amsterdam', TIMESTAMP '${p.get('from')} 00:00:00')`);
	if (p.get('to')) conds.push(`r.end_ts < timezone('Europe/Amsterdam', TIMESTAMP '${p.get('to')} 00:00:00' + INTERVAL 1 DAY)`);
	if (p.get('region')) conds.push(`r.region_id = ${Number(p.get('region'))}`);
	if (p.get('municipality')) conds.push(`r.municipality = '${p.get('municipality').replaceAll("'", "''")}'`);
	return conds.length ? ' AND ' + conds.join(' AND ') : '';
}

// The phase runs (start, end) derived from the events, built as tables so
// that DuckDB plans each step with hash joins and windows.
async function buildRuns(con, source) {
	const phaseValues = phases.map(([c, s, e, col, kind]) => `('${c}', '${s}', '${e}', ${col ? `'${col}'` : 'NULL'}, '${kind}')`).join(', ');
	await con.run(`CREATE OR REPLACE TEMP TABLE ph(phase VARCHAR, s_type VARCHAR, e_type VARCHAR, s_color VARCHAR, kind VARCHAR)`);
	await con.run(`INSERT INTO ph VALUES ${phaseValues}`);
	await con.run(`CREATE OR REPLACE TEMP TABLE ev AS ${source}`);
	await con.run(`CREATE OR REPLACE TEMP TABLE tok AS
		SELECT p.phase, p.kind, e.case_id, e.rn, e.ts, 'S' AS k, e.region_id, e.municipality FROM ev e JOIN ph p ON e.activity = p.s_type AND (p.s_color IS NULL OR e.color = p.s_color)
		UNION ALL SELECT p.phase, p.kind, e.case_id, e.rn, e.ts, 'E', e.region_id, e.municipality FROM ev e JOIN ph p ON e.activity = p.e_type
		UNION ALL SELECT p.phase, p.kind, e.case_id, e.rn, e.ts, 'C', e.region_id, e.municipality FROM ev e CROSS JOIN ph p WHERE e.activity = 'closed'`);
	await con.run(`CREATE OR REPLACE TEMP TABLE runs AS
	-- Alternating phases: a start counts when no run is open, an end when one is.
	WITH alt AS (
		SELECT *, lag(k) OVER (PARTITION BY phase, case_id ORDER BY ts, rn) AS prev FROM tok WHERE kind = 'alternate'
	), alt_acc AS (
		SELECT *, lead(k) OVER w AS nk, lead(ts) OVER w AS nts FROM alt
		WHERE (k = 'S' AND (prev IS NULL OR prev <> 'S')) OR (k = 'E' AND prev = 'S') OR k = 'C'
		WINDOW w AS (PARTITION BY phase, case_id ORDER BY ts, rn)
	),
	-- Once per case: the first start, then the first end after it, unless the case closed first.
	once_first AS (
		SELECT phase, case_id, min(rn) AS srn FROM tok WHERE kind = 'once' AND k = 'S' GROUP BY ALL
	), once_next AS (
		SELECT t.phase, t.case_id, arg_min(t.k, t.rn) AS nk, arg_min(t.ts, t.rn) AS nts
		FROM tok t JOIN once_first f ON f.phase = t.phase AND f.case_id = t.case_id
		WHERE t.kind = 'once' AND t.rn > f.srn AND t.k IN ('E', 'C') GROUP BY ALL
	),
	-- One run per report; the k-th assessment ends the k-th report's run.
	ref AS (
		SELECT *, row_number() OVER (PARTITION BY phase, case_id, k ORDER BY ts, rn) AS i FROM tok WHERE kind = 'perref' AND k IN ('S', 'E')
	)
	SELECT phase, region_id, municipality, ts AS start_ts, CASE WHEN nk = 'E' THEN nts END AS end_ts FROM alt_acc WHERE k = 'S'
	UNION ALL
	SELECT s.phase, s.region_id, s.municipality, s.ts, CASE WHEN n.nk = 'E' THEN n.nts END
	FROM once_first f JOIN tok s ON s.phase = f.phase AND s.case_id = f.case_id AND s.rn = f.srn
	LEFT JOIN once_next n ON n.phase = f.phase AND n.case_id = f.case_id
	UNION ALL
	SELECT s.phase, s.region_id, s.municipality, s.ts, e.ts
	FROM ref s LEFT JOIN ref e ON e.phase = s.phase AND e.case_id = s.case_id AND e.i = s.i AND e.k = 'E'
	WHERE s.k = 'S'`);
}

function statsSQL(q) {
	return `
WITH r0 AS (
	SELECT r.phase, r.start_ts, r.end_ts, timezone('Europe/Amsterdam', r.start_ts) AS sl, CAST(timezone('Europe/Amsterdam', r.start_ts) AS DATE) AS sd
	FROM runs r WHERE r.end_ts IS NOT NULL${filterSQL(q)}
), r1 AS (
	SELECT r0.*, n.unit, n.amount, c.ord FROM r0 LEFT JOIN nrm n ON n.phase = r0.phase LEFT JOIN cal c ON c.d = r0.sd
), d AS (
	SELECT r1.phase, r1.start_ts, r1.end_ts,
		CASE r1.unit
		WHEN 'hours' THEN r1.end_ts <= r1.start_ts + to_hours(r1.amount)
		WHEN 'days' THEN r1.end_ts <= timezone('Europe/Amsterdam', r1.sl + to_days(r1.amount))
		WHEN 'weeks' THEN r1.end_ts <= timezone('Europe/Amsterdam', r1.sl + to_days(7 * r1.amount))
		WHEN 'months' THEN r1.end_ts <= timezone('Europe/Amsterdam', r1.sl + to_months(r1.amount))
		WHEN 'working_days' THEN CAST(timezone('Europe/Amsterdam', r1.end_ts) AS DATE) <= w.d
		END AS within
	FROM r1 LEFT JOIN wdate w ON w.ord = r1.ord + r1.amount
)
SELECT phase, count(*) AS n,
	quantile_cont(floor((epoch(end_ts) - epoch(start_ts)) / 60) / 1440.0, [0.5, 0.8, 0.9]) AS q,
	avg(within::INTEGER) AS within
FROM d GROUP BY phase ORDER BY phase`;
}

const csvSource = `SELECT row_number() OVER () AS rn, case_id, activity, "timestamp" AS ts, region_id, municipality, color
	FROM read_csv('${opt.csv}', header = true, columns = {'case_id': 'VARCHAR', 'activity': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ',
	'organisation_kind': 'VARCHAR', 'organisation_id': 'BIGINT', 'region_id': 'BIGINT', 'municipality': 'VARCHAR', 'measure': 'VARCHAR',
	'ends_at': 'TIMESTAMPTZ', 'color': 'VARCHAR', 'jw_message': 'VARCHAR', 'jw_assignment': 'VARCHAR', 'jw_product_categories': 'VARCHAR',
	'jw_urgency': 'VARCHAR', 'jw_provider_id': 'BIGINT', 'jw_start_date': 'DATE', 'jw_end_reason': 'VARCHAR'})`;

async function calendar(con) {
	await con.run(`SET TimeZone = 'UTC'`);
	await con.run(`CREATE OR REPLACE TABLE hol AS SELECT CAST(unnest([${holidays.map((h) => `'${h}'`).join(',')}]) AS DATE) AS d`);
	await con.run(`CREATE OR REPLACE TABLE cal AS SELECT d, sum(CASE WHEN dayofweek(d) IN (0, 6) OR d IN (SELECT d FROM hol) THEN 0 ELSE 1 END) OVER (ORDER BY d) AS ord,
		NOT (dayofweek(d) IN (0, 6) OR d IN (SELECT d FROM hol)) AS working FROM (SELECT CAST(range AS DATE) AS d FROM range(DATE '1995-01-01', DATE '2055-01-01', INTERVAL 1 DAY))`);
	await con.run(`CREATE OR REPLACE TABLE wdate AS SELECT ord, d FROM cal WHERE working`);
	await normTable(con);
}

async function compute(con, source, q) {
	await buildRuns(con, source);
	const res = await con.runAndReadAll(statsSQL(q));
	return res.getRowObjectsJS();
}

const big = (v) => JSON.stringify(v, (k, x) => (typeof x === 'bigint' ? Number(x) : x));
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

for (let i = 0; i < opt.queries.length; i++) {
	const q = opt.queries[i];
	// Cold: a fresh DuckDB reads the CSV and computes, as an analyst's one-off query would.
	let t = process.hrtime.bigint();
	let inst = await DuckDBInstance.create(':memory:');
	let con = await inst.connect();
	await calendar(con);
	const cold = await compute(con, csvSource, q);
	const coldMs = ms(t);
	// Warm: the CSV loaded once into DuckDB, then the query alone.
	t = process.hrtime.bigint();
	await con.run(`CREATE OR REPLACE TABLE events AS ${csvSource}`);
	const loadMs = ms(t);
	const warm = [];
	let rows;
	for (let k = 0; k < opt.runs; k++) {
		t = process.hrtime.bigint();
		rows = await compute(con, 'SELECT * FROM events', q);
		warm.push(ms(t));
	}
	// Kindest to DuckDB: the runs kept from the last query (what Schakel keeps
	// in case_phases), only the statistics computed again.
	const statsOnly = [];
	for (let k = 0; k < opt.runs; k++) {
		t = process.hrtime.bigint();
		await con.runAndReadAll(statsSQL(q));
		statsOnly.push(ms(t));
	}
	const n = (await con.runAndReadAll('SELECT count(*) AS n FROM events')).getRowObjectsJS()[0].n;
	// Compare with Schakel's answer.
	const ans = JSON.parse(readFileSync(opt.answers[i], 'utf8'));
	const byPhase = Object.fromEntries([...ans.phases, ans.chain].map((p) => [p.phase, p]));
	let maxDiff = 0;
	const out = [];
	for (const r of rows) {
		const s = byPhase[r.phase] || {};
		const d = [r.q[0] - (s.median_days ?? NaN), r.q[1] - (s.p80_days ?? NaN), r.q[2] - (s.p90_days ?? NaN)].map(Math.abs);
		const countDiff = Number(r.n) - (s.count ?? 0);
		const withinDiff = r.within == null && s.within_norm == null ? 0 : Math.abs((r.within ?? NaN) - (s.within_norm ?? NaN));
		maxDiff = Math.max(maxDiff, ...d, Math.abs(countDiff), withinDiff > 0.00005 ? withinDiff : 0);
		out.push({ phase: r.phase, duckdb: { count: Number(r.n), median: +r.q[0].toFixed(3), p80: +r.q[1].toFixed(3), p90: +r.q[2].toFixed(3), within: r.within == null ? null : +r.within.toFixed(4) },
			schakel: { count: s.count, median: s.median_days, p80: s.p80_days, p90: s.p90_days, within: s.within_norm } });
	}
	console.log(JSON.stringify({ query: q, rows: Number(n), cold_ms: Math.round(coldMs), load_ms: Math.round(loadMs), warm_ms: warm.map(Math.round), warm_p50_ms: Math.round(median(warm)), stats_only_p50_ms: Math.round(median(statsOnly)),
		max_diff: +maxDiff.toFixed(4), cold_same_as_warm: big(cold) === big(rows), phases: out }));
	con.closeSync?.();
	inst.closeSync?.();
}
