#!/usr/bin/env bash
# minerals-service benchmark, every figure beside a baseline measured in the same run on the same PostgreSQL:
#   (a) 1,000,000 normalized rows through the REST upload  vs  a plain COPY of the same file (target <= 5x)
#   (b) the re-import of the same file (changes nothing)   vs  the same COPY               (target <= 3x)
#   the floor: the stored facts COPYed into statistic's keys, checks and foreign keys (and without the foreign keys)
#       vs  the same COPY, and the import vs that floor (reported)
#   (c) shares+HHI and the disruption scenario              vs  GET /q/health/live and psql "select 1"; shares+HHI
#       also vs the service's own statement, prepared in psql with the same parameters (reported)
# Needs: java 17+, curl, psql, openssl and PostgreSQL server binaries (Debian: apt-get install -y postgresql
# postgresql-client curl openssl), and the built service jar (built here with ./mvnw if missing). No Maven plugin
# is called beyond the ordinary build, so it runs from a fresh clone.
# BENCH_RESULTS=file appends one tab-separated line per metric:
#   metric, value, unit, baseline name, baseline value, ratio, target, met|not met
# BENCH_JAR=path measures another build of the service (e.g. the previous commit's) with the same harness.
# BENCH_PG_OPTS adds PostgreSQL server options (e.g. "-c log_min_duration_statement=100"); BENCH_PG_LOG=file keeps
# the server's log there (to time the import's statements one by one).
# Usage: bench/minerals/run.sh [rows=1000000] [queries=300]   (queries=0: the imports only)
set -euo pipefail
ROWS=${1:-1000000}
QUERIES=${2:-300}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=${BENCH_JAR:-$ROOT/minerals-service/target/quarkus-app/quarkus-run.jar}
. "$ROOT/bench/lib/pg.sh"
PGPORT=${BENCH_PG_PORT:-55482}
HTTP_PORT=${BENCH_HTTP_PORT:-18082}
for tool in java curl psql openssl; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
pg_require_server
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install -pl minerals-service -am)
fi
WORK=$(mktemp -d /tmp/bench-minerals.XXXXXX)
chmod 755 "$WORK"
pg_run_as_postgres
SVC_PID=""
cleanup() {
  if [ -n "$SVC_PID" ]; then kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; fi
  if [ -n "${BENCH_PG_LOG:-}" ]; then cp "$WORK/pg.log" "$BENCH_PG_LOG" 2>/dev/null || true; fi
  pg_stop_and_remove_work
}
trap cleanup EXIT

echo "== PostgreSQL ($PGBIN) on port $PGPORT, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
pg_start "-c shared_buffers=256MB -c max_connections=100 -c fsync=off ${BENCH_PG_OPTS:-}" -t 120 || { tail -20 "$WORK/pg.log" >&2; exit 1; }
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres PGOPTIONS="-c client_min_messages=warning"
psql -q -c "create database minerals"

# every /api call needs a bearer token: a key pair made for this run, the service told to trust it (no provider)
. "$ROOT/bench/agreements/token.sh"
bench_token "$WORK"

echo "== minerals-service on port $HTTP_PORT"
MINERALS_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/minerals MINERALS_DB_USER=postgres MINERALS_DB_PASSWORD=x \
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
  java -Xmx1g ${BENCH_JAVA_OPTS:-} $BENCH_OIDC_OPTS -Dquarkus.http.port=$HTTP_PORT -Dmfs.outbox.relay-enabled=false -Dquarkus.log.level=WARN \
  -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR -jar "$JAR" >"$WORK/service.log" 2>&1 &
SVC_PID=$!
BASE=http://127.0.0.1:$HTTP_PORT
t0=$(date +%s%N)
for _ in $(seq 1 240); do curl -fs -H "$AUTH" "$BASE/api/v1/minerals/commodities/cobalt" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs -H "$AUTH" "$BASE/api/v1/minerals/commodities/cobalt" >/dev/null || { tail -50 "$WORK/service.log"; exit 1; }
echo "   ready in $(( ($(date +%s%N) - t0) / 1000000 )) ms (USGS MCS 2025 file and demo sites loaded at startup)"

# 20 synthetic commodities for the synthetic rows
for c in $(seq -w 1 20); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$AUTH" -H 'Content-Type: application/json' -X POST "$BASE/api/v1/minerals/commodities" \
    -d "{\"code\": \"bench-$c\", \"name\": \"Bench commodity $c\", \"category\": \"OTHER\", \"unit\": \"t\", \"unitBasis\": \"metric tons, synthetic benchmark data\", \"hsCodes\": [], \"listings\": []}")
  [ "$code" = 201 ] || [ "$code" = 409 ] || { echo "creating bench-$c: $code" >&2; exit 1; }
done
CSV=$WORK/statistics.csv
java "$HERE/Bench.java" generate "$CSV" "$ROWS"
chmod 644 "$CSV"

# seconds of a plain COPY of the file (client-side, as the upload is), timed by psql itself
copy_seconds() {
  psql -q -c "drop table if exists bench_copy_baseline" \
    -c "create table bench_copy_baseline (commodity text, country text, year int, measure text, value numeric, unit text, edition text)"
  psql -q -c '\timing on' -c "\\copy bench_copy_baseline from '$CSV' (format csv, header true)" \
    | awk '/^Time:/ { printf "%.3f\n", $2 / 1000 }'
  psql -q -c "drop table bench_copy_baseline"
}
# seconds of one upload of the file; prints the report (without the list of skips) to stderr
upload_seconds() {
  local expect=$1 out code secs
  out=$(curl -s -o "$WORK/report.json" -w '%{http_code} %{time_total}' -H "$AUTH" -H 'Content-Type: text/csv' \
    --data-binary @"$CSV" "$BASE/api/v1/minerals/statistics/imports")
  code=${out% *}; secs=${out#* }
  sed -e 's/"skipped":\[[^]]*\],\?//' -e 's/"sha256":"[0-9a-f]*",//' "$WORK/report.json" | cut -c1-400 >&2; echo >&2
  [ "$code" = "$expect" ] || { echo "upload answered $code, expected $expect" >&2; exit 1; }
  echo "$secs"
}
# seconds of the floor of an import that inserts into a table that already has statistic's keys and constraints (the
# row-by-row route; a new edition now takes another, ADR 0103 night amendment): the facts the first import stored,
# as stored (ids, no parsing, no staging, no merge; the columns the file gives, the others their defaults), COPYed
# straight into a table with statistic's columns, primary key, indexes, checks and foreign keys (read from the
# catalogue, so the floor follows the schema); with "nofk", the same without the foreign keys (what they cost:
# PostgreSQL checks them row by row)
floor_seconds() {
  local contypes="'f'"
  [ "${1:-}" = nofk ] && contypes="''"
  psql -q -d minerals >/dev/null <<SQL
drop table if exists bench_floor;
create table bench_floor (like statistic including all);
select format('alter table bench_floor add %s', pg_get_constraintdef(oid)) from pg_constraint
 where conrelid = 'statistic'::regclass and contype in ($contypes)
\\gexec
SQL
  psql -q -d minerals -c '\timing on' -c "\\copy bench_floor ($FACT) from '$WORK/stored.csv' (format csv)" \
    | awk '/^Time:/ { printf "%.3f\n", $2 / 1000 }'
  psql -q -d minerals -c "drop table bench_floor"
}
# the mean of the COPY just before and just after, so that both sides see the same minute of a noisy machine
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (a + b) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
met() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t ? "met" : "not met") }'; }
report() { # metric value baseline-name baseline [target] [unit, s by default]: without a target, only reported
  local r verdict unit=${6:-s}; r=$(ratio "$2" "$4")
  if [ -n "${5:-}" ]; then verdict="target <= $5x: $(met "$r" "$5")"; else verdict="reported"; fi
  printf '%-44s %8.2f %-2s  %-16s %6.2f %-2s  ratio %5.1fx   %s\n' "$1" "$2" "$unit" "$3" "$4" "$unit" "$r" "$verdict"
  if [ -n "${BENCH_RESULTS:-}" ]; then
    if [ -n "${5:-}" ]; then verdict="<= $5x\t$(met "$r" "$5")"; else verdict="reported\t-"; fi
    printf '%s\t%.2f\t%s\t%s\t%.2f\t%sx\t%b\n' "$1" "$2" "$unit" "$3" "$4" "$r" "$verdict" >>"$BENCH_RESULTS"
  fi
}
# the value at percentile $2 of the sorted numbers in file $1
pctile() {
  local n; n=$(wc -l <"$1")
  sed -n "$(awk -v n="$n" -v p="$2" 'BEGIN { i = int(n * p / 100 + 0.999); print (i < 1 ? 1 : i) }')p" "$1"
}

echo "== import (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
c1=$(copy_seconds)
imp=$(upload_seconds 201)
c2=$(copy_seconds)
echo "   COPY $c1 s, import $imp s, COPY $c2 s"
echo "== re-import (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
re=$(upload_seconds 200)
c3=$(copy_seconds)
echo "   re-import $re s, COPY $c3 s"
# the measured imports run the import's Java code (parsing, COPY text) while the JIT still compiles it, as the first
# import after a restart does; the same re-import twice more shows what is left once it is compiled (reported only,
# the targets stay on the figures above; ADR 0103, amendment of 2026-12-01)
upload_seconds 200 >/dev/null 2>&1
warm=$(upload_seconds 200)
c4=$(copy_seconds)
echo "   re-import with the import code compiled (third in a row) $warm s, COPY $c4 s"
psql -q -c "vacuum analyze statistic" -d minerals
stored=$(psql -At -d minerals -c "select count(*) from statistic")
echo "   COPY runs: $c1 s, $c2 s, $c3 s; statistic table: $stored rows"
echo "== floor: the stored rows COPYed into statistic's keys and constraints (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
FACT="commodity_id, measure, year, area, edition_id, value, unit" # what the file gives; the other columns take defaults
psql -q -d minerals -c "\\copy (select $FACT from statistic where commodity_id in
  (select id from commodity where code like 'bench-%')) to '$WORK/stored.csv' (format csv)"
f1=$(copy_seconds)
floor=$(floor_seconds)
nofk=$(floor_seconds nofk)
f2=$(copy_seconds)
echo "   COPY $f1 s, floor $floor s, floor without the foreign keys $nofk s, COPY $f2 s"

: >"$WORK/queries.txt"
if [ "$QUERIES" -gt 0 ]; then # queries=0 measures the imports only
  echo "== queries (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  # every statement logged while the requests run, to replay the service's own shares+HHI statement raw below
  psql -q -c "alter system set log_min_duration_statement = 0" -c "select pg_reload_conf()" >/dev/null
  java "$HERE/Bench.java" queries "$BASE" "$TOKEN" "$ROWS" "$QUERIES" | tee "$WORK/queries.txt"
  psql -q -c "alter system reset log_min_duration_statement" -c "select pg_reload_conf()" >/dev/null
  for _ in $(seq 1 "$QUERIES"); do echo 'select 1;'; done >"$WORK/select1.sql"
  psql -q -d minerals -c '\timing on' -f "$WORK/select1.sql" | awk '/^Time:/ { print $2 }' | sort -n >"$WORK/select1.txt"
  printf '%-40s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms\n' "  baseline: psql select 1" "$(pctile "$WORK/select1.txt" 50)" \
    "$(pctile "$WORK/select1.txt" 95)" "$(pctile "$WORK/select1.txt" 99)" | tee -a "$WORK/queries.txt"
  # the same SQL run raw: the service's statement, prepared in psql, with the parameters of each shares request
  java "$HERE/Bench.java" raw-shares "$WORK/pg.log" "$WORK/shares.sql" "$QUERIES"
  psql -q -d minerals -f "$WORK/shares.sql" | awk '/^Time:/ { print $2 }' | sort -n >"$WORK/shares-raw.txt"
  printf '%-40s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms\n' "  baseline: the same SQL in psql" \
    "$(pctile "$WORK/shares-raw.txt" 50)" "$(pctile "$WORK/shares-raw.txt" 95)" "$(pctile "$WORK/shares-raw.txt" 99)" \
    | tee -a "$WORK/queries.txt"
fi

echo
echo "== results (same machine, same PostgreSQL, same run; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
label=$(awk -v r="$ROWS" 'BEGIN { if (r % 1000000 == 0) printf "%dM", r / 1000000; else printf "%d", r }')
report "minerals import $label rows" "$imp" "COPY same file" "$(mean "$c1" "$c2")" 5
report "minerals re-import $label rows (no change)" "$re" "COPY same file" "$(mean "$c2" "$c3")" 3
report "minerals re-import $label rows (no change), import code compiled" "$warm" "COPY same file" "$(mean "$c3" "$c4")"
report "COPY of the stored rows into a table with statistic's keys and constraints, checked row by row" "$floor" "COPY same file" "$(mean "$f1" "$f2")"
report "the same, without its foreign keys" "$nofk" "COPY same file" "$(mean "$f1" "$f2")"
report "minerals import $label rows against that row-by-row floor" "$imp" "floor" "$floor"
if [ "$QUERIES" -gt 0 ]; then
  report "shares+HHI p50, one commodity-year" "$(awk '/^shares\+HHI, one commodity-year/ { print $5 }' "$WORK/queries.txt")" \
    "the same SQL raw" "$(pctile "$WORK/shares-raw.txt" 50)" "" ms
fi
grep -E '^(shares|disruption|  baseline)' "$WORK/queries.txt" || true
