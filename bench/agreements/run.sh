#!/usr/bin/env bash
# Benchmark of agreements-service: GET by id and a filtered search under concurrent load (wrk), side by side with
# pgbench -S (select-only) against the same PostgreSQL in the same run, as the ceiling, and with the smallest Quarkus
# REST application that reads one row by key over JDBC (bench/agreements/bare-jdbc, built in the same run), as the
# floor of what any endpoint of this stack costs.
# Needs: wrk, pgbench, psql, PostgreSQL server binaries (Debian: apt-get install -y wrk postgresql postgresql-client),
# and the built service (./mvnw -B -q -DskipTests install -pl agreements-service -am).
# Usage: bench/agreements/run.sh [concurrency=16] [seconds=20]
set -euo pipefail
C=${1:-16}
D=${2:-20}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/agreements-service/target/quarkus-app/quarkus-run.jar
. "$ROOT/bench/lib/pg.sh"
PGPORT=${BENCH_PG_PORT:-55432}
HTTP_PORT=${BENCH_HTTP_PORT:-18081}
BARE_PORT=${BENCH_BARE_PORT:-18082}
WORK=$(mktemp -d /tmp/bench-agreements.XXXXXX)
chmod 755 "$WORK"
. "$ROOT/bench/lib/tools.sh"; bench_tools wrk
for tool in wrk pgbench psql curl; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
pg_require_server
[ -f "$JAR" ] || { echo "build the service first: $JAR missing" >&2; exit 2; }

echo "== building the bare Quarkus REST + JDBC application"
(cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests package -f bench/agreements/bare-jdbc/pom.xml) > "$WORK/bare-build.log" 2>&1 \
  || { tail -30 "$WORK/bare-build.log"; exit 1; }
BARE_JAR=$HERE/bare-jdbc/target/quarkus-app/quarkus-run.jar

pg_run_as_postgres
SVC_PID=""
BARE_PID=""
cleanup() {
  [ -n "$BARE_PID" ] && kill "$BARE_PID" 2>/dev/null && wait "$BARE_PID" 2>/dev/null || true
  pg_cleanup_after_service
}
trap cleanup EXIT

echo "== PostgreSQL ($PGBIN) on port $PGPORT"
pg_start "-c shared_buffers=256MB -c max_connections=200 -c fsync=off"
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
psql -q -c "create database agreements" -c "create database pgbench"

# every /api call needs a bearer token: a key pair made for this run, the service told to trust it (no provider)
. "$HERE/token.sh"
bench_token "$WORK"

echo "== agreements-service on port $HTTP_PORT"
AGREEMENTS_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/agreements KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
  java $BENCH_OIDC_OPTS ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port=$HTTP_PORT -Dmfs.agreements.commodities.enabled=false -Dquarkus.log.level=WARN \
  -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR -Dquarkus.datasource.jdbc.max-size=${BENCH_POOL:-8} \
  -jar "$JAR" >"$WORK/service.log" 2>&1 &
SVC_PID=$!
BASE=http://127.0.0.1:$HTTP_PORT
for _ in $(seq 1 120); do curl -fs -H "$AUTH" "$BASE/api/v1/agreements?size=1" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs -H "$AUTH" "$BASE/api/v1/agreements?size=1" >/dev/null || { tail -50 "$WORK/service.log"; exit 1; }

echo "== seed: commodities (read model) and 500 agreements through the API"
psql -q -d agreements -c "insert into commodity (code, name, updated_at) values ('cobalt','Cobalt',now()),('coltan','Coltan',now()),('gold','Gold',now()),('copper','Copper',now()),('lithium','Lithium',now())"
PARTNERS=(US FR DE JP GB KR IN CN AE SA)
HOSTS=(CD ZM AO UA CL AR ID PH ZA NA)
MINERALS=('"cobalt","coltan"' '"copper"' '"gold"' '"lithium","cobalt"' '"coltan","gold","copper"')
: > "$WORK/ids.txt"
for i in $(seq 1 500); do
  h=${HOSTS[$((i % 10))]}; p=${PARTNERS[$((i / 10 % 10))]}; m=${MINERALS[$((i % 5))]}
  body="{\"title\":\"Bench agreement $i $h-$p\",\"type\":\"MINERALS_FOR_SECURITY\",\"parties\":[{\"country\":\"$h\",\"role\":\"RESOURCE_HOLDER\"},{\"country\":\"$p\",\"role\":\"INVESTOR_PARTNER\"}],\"summary\":\"Critical minerals partnership number $i with infrastructure and security cooperation\",\"coveredMinerals\":[$m],\"components\":[{\"type\":\"MINERAL_ACCESS\",\"description\":\"Access\",\"implementationMethod\":\"Joint committee\"}]}"
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/agreements" | sed -E 's/^\{"id":"([^"]+)".*/\1/' >> "$WORK/ids.txt"
  echo >> "$WORK/ids.txt"
done
sed -i '/^$/d' "$WORK/ids.txt"
for id in $(head -150 "$WORK/ids.txt"); do
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d '{"to":"UNDER_NEGOTIATION","on":"2025-01-10"}' "$BASE/api/v1/agreements/$id/transitions" >/dev/null
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d '{"to":"SIGNED","on":"2025-06-27"}' "$BASE/api/v1/agreements/$id/transitions" >/dev/null
done
psql -q -d agreements -c "vacuum analyze"
echo "   $(wc -l < "$WORK/ids.txt") agreements, $(psql -Atq -d agreements -c "select count(*) from agreement where status='SIGNED'") signed"

SEARCH="/api/v1/agreements?party=CD&mineral=cobalt&status=SIGNED&sort=-signedOn,title&size=20"
curl -fs -H "$AUTH" "$BASE$SEARCH" -o "$WORK/search.json"; head -c 200 "$WORK/search.json"; echo

echo "== pgbench -i (scale 10)"
pgbench -q -i -s 10 pgbench >/dev/null 2>&1

echo "== bare Quarkus REST + JDBC on port $BARE_PORT, reading pgbench_accounts"
java ${BENCH_JAVA_OPTS:-} -Dquarkus.http.port=$BARE_PORT -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:$PGPORT/pgbench \
  -Dquarkus.datasource.jdbc.max-size=${BENCH_POOL:-8} -Dquarkus.log.level=WARN -jar "$BARE_JAR" >"$WORK/bare.log" 2>&1 &
BARE_PID=$!
BARE=http://127.0.0.1:$BARE_PORT
for _ in $(seq 1 120); do curl -fs "$BARE/accounts/1" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BARE/accounts/1" || { tail -30 "$WORK/bare.log"; exit 1; }
echo
# the JVMs compile their hot paths while they are warmed up: rounds of 10 s of each request, alternating, at least
# BENCH_WARMUP_ROUNDS (3) and then more, at most BENCH_WARMUP_MAX_ROUNDS (6), until neither JVM's JIT compiler took
# 10 % of its CPU in the last round (with 5 s, GET by id measured at less than half of what the same service serves
# warm in bench/gateway; after a fixed 3 rounds the service's compiler was still at 20-30 %, 2026-11-30)
. "$ROOT/bench/lib/jit.sh"
WARMUP=${BENCH_WARMUP_ROUNDS:-3}
MAX_WARMUP=${BENCH_WARMUP_MAX_ROUNDS:-6}
echo "== warm-up: $WARMUP to $MAX_WARMUP rounds of 10 s of each request, until both JIT compilers take under 10 % of their JVM's CPU"
warm_reads() {
  wrk -H "$AUTH" -t2 -c"$C" -d10s -s "$ROOT/bench/lib/by-id.lua" "$BASE" -- "$WORK/ids.txt" >/dev/null
  wrk -H "$AUTH" -t2 -c"$C" -d10s "$BASE$SEARCH" >/dev/null
  wrk -t2 -c"$C" -d10s -s "$ROOT/bench/lib/by-key.lua" "$BARE" >/dev/null
}
jit_warm_up "$WARMUP" "$MAX_WARMUP" warm_reads service="$SVC_PID" bare="$BARE_PID"
[ -n "${BENCH_RESULTS:-}" ] && printf 'agreements read benchmark warm-up\t%d\trounds of 10 s per request\tJIT compilers still at 10 %% or more\t%s\t\treported\t-\n' \
  "$JIT_ROUNDS" "${JIT_BUSY:- none}" >> "$BENCH_RESULTS"
pgbench -S -M prepared -c "$C" -j 2 -T 5 pgbench >/dev/null 2>&1

echo "== measure: concurrency $C, $D s each, alternating"
PG1=$(pgbench -S -M prepared -c "$C" -j 2 -T "$D" pgbench 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
GET=$(wrk -H "$AUTH" -t2 -c"$C" -d"${D}s" --latency -s "$ROOT/bench/lib/by-id.lua" "$BASE" -- "$WORK/ids.txt" | tee "$WORK/get.txt" | sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p')
SRCH=$(wrk -H "$AUTH" -t2 -c"$C" -d"${D}s" --latency "$BASE$SEARCH" | tee "$WORK/search.txt" | sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p')
BKEY=$(wrk -t2 -c"$C" -d"${D}s" --latency -s "$ROOT/bench/lib/by-key.lua" "$BARE" | tee "$WORK/bare.txt" | sed -nE 's/^Requests\/sec: *([0-9.]+)/\1/p')
PG2=$(pgbench -S -M prepared -c "$C" -j 2 -T "$D" pgbench 2>/dev/null | sed -nE 's/^tps = ([0-9.]+).*/\1/p' | head -1)
ERRS=$(grep -hE "Non-2xx|Socket errors" "$WORK/get.txt" "$WORK/search.txt" "$WORK/bare.txt" || true)
P99G=$(awk '/ 99%/{print $2}' "$WORK/get.txt"); P99S=$(awk '/ 99%/{print $2}' "$WORK/search.txt")
P99B=$(awk '/ 99%/{print $2}' "$WORK/bare.txt")
PG=$(awk -v a="$PG1" -v b="$PG2" 'BEGIN{printf "%.0f", (a+b)/2}')
printf '\n%-44s %10s\n' "measurement (concurrency $C, ${D}s)" "per second"
printf '%-44s %10.0f\n' "pgbench -S (select-only), run 1" "$PG1"
printf '%-44s %10.0f\n' "pgbench -S (select-only), run 2" "$PG2"
printf '%-44s %10.0f   p99 %s\n' "GET /api/v1/agreements/{id}" "$GET" "$P99G"
printf '%-44s %10.0f   p99 %s\n' "GET search (party+mineral+status, sorted)" "$SRCH" "$P99S"
printf '%-44s %10.0f   p99 %s\n' "bare Quarkus REST + JDBC, GET one row by key" "$BKEY" "$P99B"
awk -v g="$GET" -v s="$SRCH" -v p="$PG" -v b="$BKEY" 'BEGIN{
  printf "GET by id / pgbench -S = %.1f %% (target >= 35 %%): %s\n", 100*g/p, (g/p >= 0.35 ? "MET" : "NOT MET");
  printf "search    / pgbench -S = %.1f %% (target >= 10 %%): %s\n", 100*s/p, (s/p >= 0.10 ? "MET" : "NOT MET");
  printf "bare REST + JDBC / pgbench -S = %.1f %%; GET by id / bare REST + JDBC = %.1f %%\n", 100*b/p, 100*g/b }'
if [ -n "${BENCH_RESULTS:-}" ] && [ -z "$ERRS" ]; then
  awk -v g="$GET" -v s="$SRCH" -v p="$PG" -v b="$BKEY" -v c="$C" 'BEGIN{
    printf "agreements GET by id, c=%d\t%.0f\treq/s\tpgbench -S\t%.0f\t%.1f %%\t>= 35 %%\t%s\n", c, g, p, 100*g/p, (g/p >= 0.35 ? "met" : "not met");
    printf "agreements filtered search, c=%d\t%.0f\treq/s\tpgbench -S\t%.0f\t%.1f %%\t>= 10 %%\t%s\n", c, s, p, 100*s/p, (s/p >= 0.10 ? "met" : "not met");
    printf "bare Quarkus REST + JDBC, GET one row by key, c=%d\t%.0f\treq/s\tpgbench -S\t%.0f\t%.1f %%\treported\t-\n", c, b, p, 100*b/p;
    printf "agreements GET by id against bare Quarkus REST + JDBC, c=%d\t%.0f\treq/s\tbare Quarkus REST + JDBC\t%.0f\t%.1f %%\treported\t-\n", c, g, b, 100*g/b }' >> "$BENCH_RESULTS"
fi
[ -z "$ERRS" ] || { echo "wrk reported errors:"; echo "$ERRS"; }
