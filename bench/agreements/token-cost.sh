#!/usr/bin/env bash
# What verifying the bearer token costs: GET /api/v1/agreements/{id} with a token (RS256 signature, iss, aud, exp
# checked, roles and the visibility rule applied) against the same request on the build before identity existed
# (no token, no checks), side by side in one run against one PostgreSQL, alternating so machine noise hits both.
# Needs what run.sh needs plus openssl and git. The baseline is built from BENCH_BASELINE_REF (default: the parent of
# the "identity foundation:" commit) into a temporary folder with the wrapper.
# Usage: bench/agreements/token-cost.sh [concurrency=16] [seconds=15] [rounds=2]
set -euo pipefail
C=${1:-16}
D=${2:-15}
ROUNDS=${3:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/agreements-service/target/quarkus-app/quarkus-run.jar
PGBIN=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PGPORT=${BENCH_PG_PORT:-55433}
PORT_WITH=${BENCH_PORT_WITH:-18085}
PORT_WITHOUT=${BENCH_PORT_WITHOUT:-18086}
N=${BENCH_AGREEMENTS:-300}
WORK=$(mktemp -d /tmp/bench-token.XXXXXX)
chmod 755 "$WORK"
for tool in wrk psql curl openssl git; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
[ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (set BENCH_PG_BIN)" >&2; exit 2; }
[ -f "$JAR" ] || { echo "build the service first: $JAR missing" >&2; exit 2; }
REF=${BENCH_BASELINE_REF:-$(git -C "$ROOT" log --format=%H -1 --grep='^identity foundation:')^}

AS=""
if [ "$(id -u)" = 0 ]; then AS="runuser -u postgres --"; chown postgres "$WORK"; fi
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  $AS "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== baseline: agreements-service at $(git -C "$ROOT" rev-parse --short "$REF") (before identity)"
mkdir -p "$WORK/base"
git -C "$ROOT" archive "$REF" | tar -x -C "$WORK/base"
(cd "$WORK/base" && ./mvnw -B -q -ntp -DskipTests package -pl agreements-service -am >"$WORK/base-build.log" 2>&1) \
  || { tail -30 "$WORK/base-build.log"; exit 1; }
BASE_JAR=$WORK/base/agreements-service/target/quarkus-app/quarkus-run.jar

. "$HERE/token.sh"
bench_token "$WORK"

echo "== PostgreSQL ($PGBIN) on port $PGPORT"
$AS "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null
$AS "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-p $PGPORT -k $WORK -c shared_buffers=256MB -c max_connections=200 -c fsync=off" -l "$WORK/pg.log" -w start >/dev/null
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
psql -q -c "create database with_token" -c "create database without_token"

start() { # name port jar db extra-opts...
  local name=$1 port=$2 jar=$3 db=$4; shift 4
  AGREEMENTS_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/$db KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
    java "$@" -Dquarkus.http.port=$port -Dmfs.agreements.commodities.enabled=false -Dquarkus.log.level=WARN \
    -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR -Dquarkus.datasource.jdbc.max-size=${BENCH_POOL:-20} \
    -jar "$jar" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
# shellcheck disable=SC2086
start with "$PORT_WITH" "$JAR" with_token $BENCH_OIDC_OPTS
start without "$PORT_WITHOUT" "$BASE_JAR" without_token
ready() { for _ in $(seq 1 240); do curl -fs "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }
ready -H "$AUTH" "http://127.0.0.1:$PORT_WITH/api/v1/agreements?size=1" || { tail -40 "$WORK/with.log"; exit 1; }
ready "http://127.0.0.1:$PORT_WITHOUT/api/v1/agreements?size=1" || { tail -40 "$WORK/without.log"; exit 1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_WITH/api/v1/agreements?size=1")
[ "$code" = 401 ] || { echo "the verifying service answered $code without a token, expected 401" >&2; exit 1; }

echo "== seed: $N agreements in each"
for db in with_token without_token; do
  psql -q -d $db -c "insert into commodity (code, name, updated_at) values ('cobalt','Cobalt',now()),('coltan','Coltan',now()),('gold','Gold',now())"
done
seed() { # port header-or-empty ids-file
  local hdr=()
  [ -n "$2" ] && hdr=(-H "$2")
  for i in $(seq 1 "$N"); do
    body="{\"title\":\"Bench agreement $i\",\"type\":\"MINERALS_FOR_SECURITY\",\"parties\":[{\"country\":\"CD\",\"role\":\"RESOURCE_HOLDER\"},{\"country\":\"US\",\"role\":\"INVESTOR_PARTNER\"}],\"summary\":\"Critical minerals partnership number $i\",\"coveredMinerals\":[\"cobalt\",\"coltan\"],\"components\":[{\"type\":\"MINERAL_ACCESS\",\"description\":\"Access\",\"implementationMethod\":\"Joint committee\"}]}"
    curl -fs "${hdr[@]}" -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$1/api/v1/agreements" \
      | sed -E 's/^\{"id":"([^"]+)".*/\1/'
    echo
  done | sed '/^$/d' > "$3"
}
seed "$PORT_WITH" "$AUTH" "$WORK/ids-with.txt"
seed "$PORT_WITHOUT" "" "$WORK/ids-without.txt"
psql -q -d with_token -c "vacuum analyze"; psql -q -d without_token -c "vacuum analyze"
for f in with without; do
  cat > "$WORK/$f.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids-$f.txt") do ids[#ids + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/agreements/" .. ids[(n % #ids) + 1])
end
LUA
done

echo "== warm-up"
wrk -H "$AUTH" -t2 -c"$C" -d5s -s "$WORK/with.lua" "http://127.0.0.1:$PORT_WITH" >/dev/null
wrk -t2 -c"$C" -d5s -s "$WORK/without.lua" "http://127.0.0.1:$PORT_WITHOUT" >/dev/null

echo "== measure: GET by id, concurrency $C, $D s each, $ROUNDS rounds alternating"
rps() { sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p' "$1"; }
W=(); O=()
for r in $(seq 1 "$ROUNDS"); do
  wrk -H "$AUTH" -t2 -c"$C" -d"${D}s" --latency -s "$WORK/with.lua" "http://127.0.0.1:$PORT_WITH" > "$WORK/with-$r.txt"
  wrk -t2 -c"$C" -d"${D}s" --latency -s "$WORK/without.lua" "http://127.0.0.1:$PORT_WITHOUT" > "$WORK/without-$r.txt"
  W+=("$(rps "$WORK/with-$r.txt")"); O+=("$(rps "$WORK/without-$r.txt")")
  printf 'round %d: with token %8.0f/s (p99 %s)   without %8.0f/s (p99 %s)\n' "$r" "${W[-1]}" \
    "$(awk '/ 99%/{print $2}' "$WORK/with-$r.txt")" "${O[-1]}" "$(awk '/ 99%/{print $2}' "$WORK/without-$r.txt")"
  grep -hE "Non-2xx|Socket errors" "$WORK/with-$r.txt" "$WORK/without-$r.txt" && { echo "wrk reported errors" >&2; exit 1; } || true
done
awk -v w="${W[*]}" -v o="${O[*]}" 'BEGIN{
  n = split(w, a, " "); split(o, b, " "); sw = 0; so = 0
  for (i = 1; i <= n; i++) { sw += a[i]; so += b[i] }
  printf "mean: with token %.0f/s, without %.0f/s: token verification costs %.1f %% of throughput (target < 10 %%): %s\n",
    sw / n, so / n, 100 * (1 - sw / so), (1 - sw / so < 0.10 ? "MET" : "NOT MET") }'
if [ -n "${BENCH_RESULTS:-}" ]; then
  awk -v w="${W[*]}" -v o="${O[*]}" -v c="$C" 'BEGIN{
    n = split(w, a, " "); split(o, b, " "); sw = 0; so = 0
    for (i = 1; i <= n; i++) { sw += a[i]; so += b[i] }
    printf "agreements GET by id with token verification, c=%d\t%.0f\treq/s\tsame request before identity (no token)\t%.0f\t%.1f %% cost\t< 10 %% cost\t%s\n",
      c, sw / n, so / n, 100 * (1 - sw / so), (1 - sw / so < 0.10 ? "met" : "not met") }' >> "$BENCH_RESULTS"
fi
