#!/usr/bin/env bash
# Lead-time benchmark of Schakel against DuckDB, on loopback only.
#
# Per engine (SQLite always; PostgreSQL when LEADBENCH_POSTGRES holds a DSN of
# a server where a throw-away database may be created and dropped):
#   1. `schakel demo --families N --years Y`: time to generate, database size;
#   2. `schakel serve` on 127.0.0.1:0 with an API token of a team lead;
#   3. GET /api/v1/leadtimes and GET /dashboard, R requests each, one at a
#      time, for three filters (national all years, national last 12 months,
#      the demo region all years): p50 and p99 (tools/loadtest);
#   4. GET /api/v1/eventlog.csv: the pseudonymised event log;
#   5. DuckDB (npm @duckdb/node-api, installed in a temporary directory) over
#      that CSV: the same figures, cold (read the CSV and compute, as a
#      one-off query) and warm (CSV loaded once), compared with Schakel's
#      answers (tools/leadbench/duckdb.mjs).
# Everything it starts is stopped, the temporary files and the PostgreSQL
# database are removed when it ends.
#
#   tools/leadbench/run.sh [FAMILIES] [YEARS]          default 1000000 10
#   LEADBENCH_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' tools/leadbench/run.sh 1000000
#
# Environment: LEADBENCH_PG_FAMILIES (N on PostgreSQL; default FAMILIES),
# LEADBENCH_REQUESTS (default 30), LEADBENCH_DUCKDB_RUNS (default 3),
# LEADBENCH_ENGINES (default "sqlite postgres"), LEADBENCH_KEEP=1 keeps the
# temporary directory (with the databases and the CSV) for a look afterwards.
set -euo pipefail

cd "$(dirname "$0")/../.."
root=$PWD
families=${1:-1000000}
years=${2:-10}
pg_families=${LEADBENCH_PG_FAMILIES:-$families}
requests=${LEADBENCH_REQUESTS:-30}
druns=${LEADBENCH_DUCKDB_RUNS:-3}
engines=${LEADBENCH_ENGINES:-sqlite postgres}
duckdb_version=1.5.6-r.1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/schakel-leadbench.XXXXXX")
server_pid=""
pg_db=""

cleanup() {
	if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if [[ -n "$pg_db" ]]; then
		psql "$LEADBENCH_POSTGRES" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 ||
			echo "run.sh: could not drop database $pg_db" >&2
	fi
	if [[ "${LEADBENCH_KEEP:-}" == 1 ]]; then
		echo "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== building schakel and the load generator"
go build -o "$tmp/schakel" ./cmd/schakel
go build -o "$tmp/loadtest" ./tools/loadtest

echo "== installing DuckDB (npm @duckdb/node-api $duckdb_version) in $tmp/duckdb"
mkdir -p "$tmp/duckdb"
cp tools/leadbench/duckdb.mjs "$tmp/duckdb/"
(cd "$tmp/duckdb" && printf '{"name":"leadbench","private":true,"type":"module"}\n' >package.json &&
	npm install --no-audit --no-fund --silent "@duckdb/node-api@$duckdb_version" >/dev/null)

now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

summary="$tmp/summary.txt"
: >"$summary"
say() { echo "$*" | tee -a "$summary"; }

# filters: name and query string. The last 12 months end today.
today=$(date +%F)
year_ago=$(date -d "$today -1 year +1 day" +%F)
filters=(
	"national, all years|"
	"national, last 12 months|from=$year_ago&to=$today"
	"demo region, all years|region=1"
)

# run_engine NAME DB N
run_engine() {
	local name=$1 db=$2 n=$3 out="$tmp/$1"
	mkdir -p "$out"
	say ""
	say "## $name: $n families over $years years"
	local t0 t1
	t0=$(now_ms)
	"$tmp/schakel" demo --db "$db" --families "$n" --years "$years" >"$out/demo.out" 2>"$out/demo.err"
	t1=$(now_ms)
	say "generate: $(secs $((t1 - t0))) s — $(cat "$out/demo.out" | head -n1)"
	local size
	if [[ $name == sqlite ]]; then
		size=$( (stat -c %s "$db" "$db-wal" 2>/dev/null || true) | awk '{ s += $1 } END { print s + 0 }')
	else
		size=$(psql "$db" -qAtX -c "SELECT pg_database_size(current_database())")
	fi
	say "database size: $(awk -v b="$size" 'BEGIN { printf "%.0f MB", b / 1e6 }')"

	"$tmp/schakel" token create --db "$db" --email linda.vt@schakel.example >"$out/token.out"
	grep -o 'skt_[A-Za-z0-9_-]*' "$out/token.out" | head -n1 >"$out/token"

	"$tmp/schakel" serve --db "$db" --addr 127.0.0.1:0 --log-level warn >"$out/serve.out" 2>"$out/serve.err" &
	server_pid=$!
	local url="" i
	for i in $(seq 1 600); do
		url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/serve.out" 2>/dev/null | head -n1 || true)
		if [[ -n "$url" ]] && curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
			break
		fi
		if ! kill -0 "$server_pid" 2>/dev/null; then
			echo "run.sh: schakel serve ($name) stopped:" >&2
			cat "$out/serve.err" >&2
			return 1
		fi
		sleep 0.2
	done
	local auth="Authorization: Bearer $(cat "$out/token")"
	curl -fsS -H "$auth" "$url/api/v1/norms" >"$out/norms.json"

	say ""
	say "| filter | leadtimes p50 | p99 | dashboard p50 | p99 |"
	say "|---|---|---|---|---|"
	local f label q k ddargs=()
	k=0
	for f in "${filters[@]}"; do
		label=${f%%|*}
		q=${f#*|}
		# One warm-up request, then R timed ones.
		curl -fsS -H "$auth" "$url/api/v1/leadtimes?$q" >"$out/answer$k.json"
		"$tmp/loadtest" -url "$url" -token-file "$out/token" -c 1 -n "$requests" -path "/api/v1/leadtimes?$q" >"$out/lt$k.txt"
		local dq="$q"
		[[ "$q" == *region=* ]] || dq="region=0&$q"
		[[ "$q" == *from=* ]] || dq="$dq&from=&to="
		curl -fsS -o /dev/null -H "$auth" "$url/dashboard?$dq"
		"$tmp/loadtest" -url "$url" -token-file "$out/token" -c 1 -n "$requests" -path "/dashboard?$dq" >"$out/db$k.txt"
		say "| $label | $(awk '$1=="p50"{print $2" "$3}' "$out/lt$k.txt") | $(awk '$1=="p99"{print $2" "$3}' "$out/lt$k.txt") | $(awk '$1=="p50"{print $2" "$3}' "$out/db$k.txt") | $(awk '$1=="p99"{print $2" "$3}' "$out/db$k.txt") |"
		ddargs+=(--query "$q" --schakel "$out/answer$k.json")
		k=$((k + 1))
	done

	t0=$(now_ms)
	curl -fsS -H "$auth" "$url/api/v1/eventlog.csv" -o "$out/events.csv"
	t1=$(now_ms)
	say ""
	say "event log export: $(secs $((t1 - t0))) s, $(($(wc -l <"$out/events.csv") - 1)) events, $(du -m "$out/events.csv" | cut -f1) MB CSV"
	kill "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
	server_pid=""

	say ""
	say "DuckDB over the CSV (same figures; cold = read the CSV and compute; warm = CSV loaded once, then pair events into runs and compute; stats only = runs kept too):"
	say "| filter | cold | CSV load | warm p50 | stats only p50 | largest difference from Schakel |"
	say "|---|---|---|---|---|---|"
	(cd "$tmp/duckdb" && node duckdb.mjs --csv "$out/events.csv" --norms "$out/norms.json" --runs "$druns" "${ddargs[@]}") >"$out/duckdb.jsonl"
	local labels=()
	for f in "${filters[@]}"; do labels+=("${f%%|*}"); done
	node -e '
		const fs = require("fs");
		const labels = process.argv.slice(1);
		const lines = fs.readFileSync(0, "utf8").trim().split("\n").map(JSON.parse);
		lines.forEach((d, i) => console.log(`| ${labels[i]} | ${d.cold_ms} ms | ${d.load_ms} ms | ${d.warm_p50_ms} ms | ${d.stats_only_p50_ms} ms | ${d.max_diff} (counts, days, shares) |`));
		console.log("");
		console.log("Schakel / DuckDB, national all years (count, median, p80, p90 in days, share within the norm):");
		for (const p of lines[0].phases) {
			const s = p.schakel, d = p.duckdb;
			console.log(`  ${p.phase}: ${s.count} / ${d.count}, ${s.median} / ${d.median}, ${s.p80} / ${d.p80}, ${s.p90} / ${d.p90}, ${s.within} / ${d.within}`);
		}' "${labels[@]}" <"$out/duckdb.jsonl" | tee -a "$summary"
	rm -f "$out/events.csv"
}

command -v node >/dev/null && command -v npm >/dev/null || { echo "run.sh needs node and npm (for DuckDB)" >&2; exit 1; }

for engine in $engines; do
	case $engine in
	sqlite)
		run_engine sqlite "$tmp/sqlite.db" "$families"
		rm -f "$tmp/sqlite.db" "$tmp/sqlite.db-wal" "$tmp/sqlite.db-shm"
		;;
	postgres)
		if [[ -z "${LEADBENCH_POSTGRES:-}" ]]; then
			say ""
			say "## postgres: skipped (set LEADBENCH_POSTGRES)"
			continue
		fi
		pg_db="leadbench_$$_$RANDOM"
		psql "$LEADBENCH_POSTGRES" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $pg_db" >/dev/null
		pg_dsn=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$LEADBENCH_POSTGRES" "$pg_db")
		run_engine postgres "$pg_dsn" "$pg_families"
		psql "$LEADBENCH_POSTGRES" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null
		pg_db=""
		;;
	esac
done

echo ""
echo "== summary"
cat "$summary"
