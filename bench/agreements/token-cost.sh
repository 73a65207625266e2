#!/usr/bin/env bash
# What verifying the bearer token costs: GET /api/v1/agreements/{id} with the same token against three builds of the
# same source, side by side in one run on one PostgreSQL, rounds alternating so machine noise hits all of them:
#   with       the product as shipped: RS256 signature, iss, aud, exp checked (once per token, then remembered);
#   full       the product with the verified-token memory off (mfs.security.verified-tokens.max-age=PT0S): every
#              request's token parsed and its signature checked;
#   without    the baseline: this source with no-verification/NoTokenVerification.java added, which hands every
#              request with an Authorization header the identity of the first verified token without looking at
#              its token; roles, visibility and the resource run exactly as in the product.
# The target (< 10 % cost) is "with" against "without"; "full" is reported beside it.
# Needs what run.sh needs plus openssl and git; the baseline is built offline from HEAD into a temporary folder.
# Usage: bench/agreements/token-cost.sh [concurrency=16] [seconds=15] [rounds=2] [warm-up rounds of 10 s per series=8]
#   (BENCH_WARMUP_ROUNDS sets the last when it is not given;
#   BENCH_TOKEN_FULL=0 leaves out the "full" series, as bench/run-all does to stay short)
set -euo pipefail
C=${1:-16}
D=${2:-15}
ROUNDS=${3:-2}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/agreements-service/target/quarkus-app/quarkus-run.jar
. "$ROOT/bench/lib/pg.sh"
PGPORT=${BENCH_PG_PORT:-55433}
N=${BENCH_AGREEMENTS:-300}
WORK=$(mktemp -d /tmp/bench-token.XXXXXX)
chmod 755 "$WORK"
. "$ROOT/bench/lib/tools.sh"; bench_tools wrk
for tool in wrk psql curl openssl git; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
pg_require_server
[ -f "$JAR" ] || { echo "build the service first: $JAR missing" >&2; exit 2; }

pg_run_as_postgres
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  pg_stop_and_remove_work
}
trap cleanup EXIT

echo "== baseline: agreements-service at $(git -C "$ROOT" rev-parse --short HEAD) without token verification"
mkdir -p "$WORK/base"
git -C "$ROOT" archive HEAD | tar -x -C "$WORK/base"
mkdir -p "$WORK/base/agreements-service/src/main/java/org/mfs/bench"
cp "$HERE/no-verification/NoTokenVerification.java" "$WORK/base/agreements-service/src/main/java/org/mfs/bench/"
(cd "$WORK/base" && ./mvnw -B -q -ntp -Dmaven.test.skip=true package -pl agreements-service -am >"$WORK/base-build.log" 2>&1) \
  || { tail -30 "$WORK/base-build.log"; exit 1; }
BASE_JAR=$WORK/base/agreements-service/target/quarkus-app/quarkus-run.jar

. "$HERE/token.sh"
bench_token "$WORK"

echo "== PostgreSQL ($PGBIN) on port $PGPORT"
pg_start "-c shared_buffers=256MB -c max_connections=200 -c fsync=off"
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
psql -q -c "create database agreements"

SERIES=(with full without)
[ "${BENCH_TOKEN_FULL:-1}" = 0 ] && SERIES=(with without)
declare -A PORT=([with]=${BENCH_PORT_WITH:-18085} [full]=${BENCH_PORT_FULL:-18087} [without]=${BENCH_PORT_WITHOUT:-18086})
start() { # series jar extra-opts...
  local name=$1 jar=$2; shift 2
  AGREEMENTS_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/agreements KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
    java "$@" -Dquarkus.http.port=${PORT[$name]} -Dmfs.agreements.commodities.enabled=false -Dquarkus.log.level=WARN \
    -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR -Dquarkus.datasource.jdbc.max-size=${BENCH_POOL:-8} \
    -jar "$jar" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
# shellcheck disable=SC2086
start with "$JAR" $BENCH_OIDC_OPTS
ready() { for _ in $(seq 1 240); do curl -fs "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done; return 1; }
ready -H "$AUTH" "http://127.0.0.1:${PORT[with]}/api/v1/agreements?size=1" || { tail -40 "$WORK/with.log"; exit 1; }
# the schema is in place: the others start on the same database
# shellcheck disable=SC2086
[ ${#SERIES[@]} = 3 ] && start full "$JAR" $BENCH_OIDC_OPTS -Dmfs.security.verified-tokens.max-age=PT0S
# shellcheck disable=SC2086
start without "$BASE_JAR" $BENCH_OIDC_OPTS
for s in "${SERIES[@]:1}"; do
  ready -H "$AUTH" "http://127.0.0.1:${PORT[$s]}/api/v1/agreements?size=1" || { tail -40 "$WORK/$s.log"; exit 1; }
done
for s in "${SERIES[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[$s]}/api/v1/agreements?size=1")
  [ "$code" = 401 ] || { echo "$s answered $code without a token, expected 401" >&2; exit 1; }
done

echo "== seed: $N agreements"
psql -q -d agreements -c "insert into commodity (code, name, updated_at) values ('cobalt','Cobalt',now()),('coltan','Coltan',now()),('gold','Gold',now())"
for i in $(seq 1 "$N"); do
  body="{\"title\":\"Bench agreement $i\",\"type\":\"MINERALS_FOR_SECURITY\",\"parties\":[{\"country\":\"CD\",\"role\":\"RESOURCE_HOLDER\"},{\"country\":\"US\",\"role\":\"INVESTOR_PARTNER\"}],\"summary\":\"Critical minerals partnership number $i\",\"coveredMinerals\":[\"cobalt\",\"coltan\"],\"components\":[{\"type\":\"MINERAL_ACCESS\",\"description\":\"Access\",\"implementationMethod\":\"Joint committee\"}]}"
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:${PORT[with]}/api/v1/agreements" \
    | sed -E 's/^\{"id":"([^"]+)".*/\1/'
  echo
done | sed '/^$/d' > "$WORK/ids.txt"
psql -q -d agreements -c "vacuum analyze"
# every series answers the same agreement with the same body (the baseline really serves the request)
one=$(head -1 "$WORK/ids.txt")
for s in "${SERIES[@]}"; do curl -fs -H "$AUTH" "http://127.0.0.1:${PORT[$s]}/api/v1/agreements/$one" > "$WORK/one-$s.json"; done
for s in "${SERIES[@]:1}"; do
  cmp -s "$WORK/one-with.json" "$WORK/one-$s.json" || { echo "$s answered GET by id differently from with" >&2; exit 1; }
done

# each JVM compiles its hot path while it is warmed up: 8 x 10 s each, alternating (with 5 s, and still with 3 x 10 s,
# the three JVMs on two cores were still compiling during the measurement and each round was faster than the last)
WARMUP=${4:-${BENCH_WARMUP_ROUNDS:-8}}
echo "== warm-up: $WARMUP x 10 s each"
for _ in $(seq 1 "$WARMUP"); do
  for s in "${SERIES[@]}"; do wrk -H "$AUTH" -t2 -c"$C" -d10s -s "$ROOT/bench/lib/by-id.lua" "http://127.0.0.1:${PORT[$s]}" -- "$WORK/ids.txt" >/dev/null; done
done

echo "== measure: GET by id, concurrency $C, $D s each, $ROUNDS rounds alternating"
rps() { sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p' "$1"; }
declare -A SUM=([with]=0 [full]=0 [without]=0)
for r in $(seq 1 "$ROUNDS"); do
  line="round $r:"
  for k in $(seq 0 $(( ${#SERIES[@]} - 1 ))); do
    s=${SERIES[$(( (k + r) % ${#SERIES[@]} ))]} # the order rotates each round, so no series always follows the same one
    wrk -H "$AUTH" -t2 -c"$C" -d"${D}s" --latency -s "$ROOT/bench/lib/by-id.lua" "http://127.0.0.1:${PORT[$s]}" -- "$WORK/ids.txt" > "$WORK/$s-$r.txt"
    grep -hE "Non-2xx|Socket errors" "$WORK/$s-$r.txt" && { echo "wrk reported errors ($s)" >&2; exit 1; }
    v=$(rps "$WORK/$s-$r.txt"); SUM[$s]=$(awk -v a="${SUM[$s]}" -v b="$v" 'BEGIN{print a + b}')
    line="$line  $s $(printf '%.0f' "$v")/s (p99 $(awk '/ 99%/{print $2}' "$WORK/$s-$r.txt"))"
  done
  echo "$line"
done
W=$(awk -v a="${SUM[with]}" -v n="$ROUNDS" 'BEGIN{print a / n}')
F=$(awk -v a="${SUM[full]}" -v n="$ROUNDS" 'BEGIN{print a / n}')
O=$(awk -v a="${SUM[without]}" -v n="$ROUNDS" 'BEGIN{print a / n}')
# f = 0: the "full" series was left out (BENCH_TOKEN_FULL=0)
awk -v w="$W" -v f="$F" -v o="$O" 'BEGIN{
  printf "mean: with token %.0f/s, without verification %.0f/s", w, o
  if (f > 0) printf ", every token verified %.0f/s", f
  printf "\ntoken verification costs %.1f %% of throughput (target < 10 %%): %s", 100 * (1 - w / o), (1 - w / o < 0.10 ? "MET" : "NOT MET")
  if (f > 0) printf "; with the memory off %.1f %%", 100 * (1 - f / o)
  printf "\n" }'
if [ -n "${BENCH_RESULTS:-}" ]; then
  awk -v w="$W" -v f="$F" -v o="$O" -v c="$C" 'BEGIN{
    printf "agreements GET by id with token verification, c=%d\t%.0f\treq/s\tsame build without token verification\t%.0f\t%.1f %% cost\t< 10 %% cost\t%s\n",
      c, w, o, 100 * (1 - w / o), (1 - w / o < 0.10 ? "met" : "not met")
    if (f > 0) printf "agreements GET by id, every token verified (memory off), c=%d\t%.0f\treq/s\tsame build without token verification\t%.0f\t%.1f %% cost\t\t\n",
      c, f, o, 100 * (1 - f / o) }' >> "$BENCH_RESULTS"
fi
