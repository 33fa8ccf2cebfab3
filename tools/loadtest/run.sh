#!/usr/bin/env bash
# Load test of Schakel: builds schakel, starts `schakel serve --demo` on a
# fresh SQLite file (and, when SCHAKEL_LOAD_POSTGRES holds a PostgreSQL DSN,
# on a fresh database created there and dropped afterwards), creates an API
# token, and runs the load generator against GET /api/v1/me. Per engine it
# prints the start-up time (process start until /healthz answers), memory
# (VmRSS after start, VmHWM = peak after the load) and the load figures.
#
#   tools/loadtest/run.sh
#   SCHAKEL_LOAD_POSTGRES='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' tools/loadtest/run.sh
#
# Environment: LOAD_CLIENTS (default 50), LOAD_DURATION (default 10s),
# LOAD_PATH (default /api/v1/me), LOAD_EMAIL (default sanne.vt@schakel.example),
# INTAKE_CLIENTS (default 20), INTAKE_DURATION (default 10s): after the GET
# load, reports are filed through the whole intake, one in five red.
set -euo pipefail

cd "$(dirname "$0")/../.."

clients=${LOAD_CLIENTS:-50}
duration=${LOAD_DURATION:-10s}
path=${LOAD_PATH:-/api/v1/me}
email=${LOAD_EMAIL:-sanne.vt@schakel.example}
intake_clients=${INTAKE_CLIENTS:-20}
intake_duration=${INTAKE_DURATION:-10s}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/schakel-load.XXXXXX")
server_pid=""
load_pid=""
pg_db=""
failed=0

cleanup() {
	local pid
	for pid in $load_pid $server_pid; do
		if kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	if [[ -n "$pg_db" ]]; then
		psql "$SCHAKEL_LOAD_POSTGRES" -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 ||
			echo "run.sh: could not drop database $pg_db" >&2
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "building schakel and the load generator…"
go build -o "$tmp/schakel" ./cmd/schakel
go build -o "$tmp/loadtest" ./tools/loadtest

now_ms() { date +%s%3N; }

# run_engine NAME DB: start the server on DB, measure, load, stop.
run_engine() {
	local name=$1 db=$2 out="$tmp/$1"
	mkdir -p "$out"
	local t0 t1 url=""
	t0=$(now_ms)
	"$tmp/schakel" serve --demo --db "$db" --addr 127.0.0.1:0 --log-level warn >"$out/serve.out" 2>"$out/serve.err" &
	server_pid=$!
	while :; do
		if ! kill -0 "$server_pid" 2>/dev/null; then
			echo "run.sh: schakel serve ($name) exited during start-up:" >&2
			cat "$out/serve.err" >&2
			server_pid=""
			return 1
		fi
		if [[ -z "$url" ]]; then
			url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/serve.out" 2>/dev/null | head -n1 || true)
		fi
		if [[ -n "$url" ]] && curl -fsS -o /dev/null --max-time 1 "$url/healthz" 2>/dev/null; then
			break
		fi
		if (($(now_ms) - t0 > 60000)); then
			echo "run.sh: schakel serve ($name) did not answer /healthz within 60 s" >&2
			return 1
		fi
		sleep 0.005
	done
	t1=$(now_ms)
	local rss_start
	rss_start=$(awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status")

	"$tmp/schakel" token create --email "$email" --db "$db" >"$out/token"

	# In the background, so that a signal to this script is handled at once
	# (bash runs traps only between foreground commands; `wait` is
	# interruptible).
	local status=0
	"$tmp/loadtest" -url "$url" -token-file "$out/token" -c "$clients" -d "$duration" -path "$path" >"$out/load.txt" &
	load_pid=$!
	wait "$load_pid" || status=$?
	load_pid=""
	# The whole intake: POST /api/v1/reports from $intake_clients clients,
	# one in five red (a crisis consultation with invitations, in the same
	# transaction).
	local istatus=0
	"$tmp/loadtest" -url "$url" -token-file "$out/token" -c "$intake_clients" -d "$intake_duration" -method POST \
		-path /api/v1/reports -body-file tools/loadtest/report.json -red-every 5 >"$out/intake.txt" &
	load_pid=$!
	wait "$load_pid" || istatus=$?
	load_pid=""
	local hwm
	hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$server_pid/status")

	kill "$server_pid"
	wait "$server_pid" 2>/dev/null || true
	server_pid=""

	echo
	echo "== $name =="
	printf 'start-up    %d ms (process start until /healthz answers; includes migrations and loading the demo)\n' $((t1 - t0))
	printf 'memory      %.1f MiB after start, %.1f MiB peak (VmHWM)\n' "$(echo "$rss_start / 1024" | bc -l)" "$(echo "$hwm / 1024" | bc -l)"
	cat "$out/load.txt"
	echo "-- intake: POST /api/v1/reports --"
	cat "$out/intake.txt"
	if ((istatus != 0)); then
		echo "run.sh: the intake load reported failures on $name" >&2
		failed=1
	fi
	if ((status != 0)); then
		echo "run.sh: the load generator reported failures on $name" >&2
		failed=1
	fi
}

echo "load: $clients clients, $duration, GET $path as $email"

run_engine sqlite "$tmp/schakel.db"

if [[ -n "${SCHAKEL_LOAD_POSTGRES:-}" ]]; then
	pg_db="schakel_load_$(date +%s)_$$"
	psql "$SCHAKEL_LOAD_POSTGRES" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $pg_db" >/dev/null
	base=${SCHAKEL_LOAD_POSTGRES%%\?*}
	query=${SCHAKEL_LOAD_POSTGRES#"$base"}
	run_engine postgres "${base%/*}/$pg_db$query"
fi

exit "$failed"
