#!/usr/bin/env bash
# Startup time and resident memory of each service and the gateway, beside a bare Quarkus REST application (one JSON
# resource, bench/startup/bare) built with the same Quarkus platform in the same run. Every JVM gets the local stack's
# flags (deploy/local StackConfig: -Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1) unless
# BENCH_JAVA_OPTS says otherwise; services use a throw-away PostgreSQL (Debian binaries, fsync=off), Kafka is
# unreachable (the outbox keeps events; startup must not wait for the broker) and bearer tokens are verified against a
# key made for this run (bench/agreements/token.sh), so no provider is contacted.
# Startup = wall time from the JVM's launch to the first 200 of its liveness URL (bare: GET /hello); median of
# ROUNDS launches, alternating applications. Memory = VmRSS after 5 s of wrk on that URL (c=4).
# Needs: wrk, psql, curl, openssl, PostgreSQL server binaries; builds the suite's jars when missing.
# With BENCH_RESULTS=FILE, one tab-separated line per metric is appended to FILE (bench/run-all reads them).
# Usage: bench/startup/run.sh [rounds=3]
set -euo pipefail
ROUNDS=${1:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/bench/lib/pg.sh"
PGPORT=${BENCH_PG_PORT:-55434}
PORT=${BENCH_HTTP_PORT:-18090}
JAVA_OPTS=${BENCH_JAVA_OPTS:--Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
. "$ROOT/bench/lib/tools.sh"; bench_tools wrk
for tool in wrk psql curl openssl; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
pg_require_server
WORK=$(mktemp -d /tmp/bench-startup.XXXXXX)
chmod 755 "$WORK"
pg_run_as_postgres
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  pg_stop_and_remove_work
}
trap cleanup EXIT

jar() { echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; }
missing=()
for m in agreements-service minerals-service security-cooperation-service gateway; do
  [ -f "$(jar $m)" ] || missing+=("$m")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== building ${missing[*]}"
  (cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests package -pl "$(IFS=,; echo "${missing[*]}")" -am)
fi
echo "== building the bare Quarkus REST application"
(cd "$ROOT" && ./mvnw -B -q -ntp -DskipTests package -f bench/startup/bare/pom.xml)
BARE=$HERE/bare/target/quarkus-app/quarkus-run.jar

echo "== PostgreSQL ($PGBIN) on port $PGPORT"
pg_start "-c fsync=off"
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
psql -q -c "create database agreements" -c "create database minerals" -c "create database security_cooperation"
. "$ROOT/bench/agreements/token.sh"
bench_token "$WORK"

DB=jdbc:postgresql://127.0.0.1:$PGPORT
export AGREEMENTS_DB_URL=$DB/agreements MINERALS_DB_URL=$DB/minerals SECURITY_COOPERATION_DB_URL=$DB/security_cooperation
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9
# name | jar | liveness URL path | extra options
APPS=(
  "bare Quarkus REST|$BARE|/hello|"
  "agreements-service|$(jar agreements-service)|/q/health/live|$BENCH_OIDC_OPTS -Dmfs.agreements.commodities.enabled=false"
  "minerals-service|$(jar minerals-service)|/q/health/live|$BENCH_OIDC_OPTS"
  "security-cooperation-service|$(jar security-cooperation-service)|/q/health/live|$BENCH_OIDC_OPTS -Dmfs.security.consumers.enabled=false"
  "gateway|$(jar gateway)|/q/health/live|$BENCH_OIDC_OPTS"
)

# launch NAME JAR PATH OPTS: prints the milliseconds to the first 200 (and leaves the app running as APP_PID)
launch() {
  local start now
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  java $JAVA_OPTS $4 -Dquarkus.http.port=$PORT -Dquarkus.log.level=WARN -Dquarkus.log.category.\"org.apache.kafka\".level=OFF \
    -jar "$2" >"$WORK/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 6000); do
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT$3"; then
      now=$(date +%s%N); echo $(( (now - start) / 1000000 )); return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.01
  done
  echo "$1 did not start:" >&2; tail -30 "$WORK/app.log" >&2; return 1
}
stop() { kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true; APP_PID=""; }

declare -A MS RSS
for r in $(seq 1 "$ROUNDS"); do
  for app in "${APPS[@]}"; do
    IFS='|' read -r name jarfile path opts <<<"$app"
    launch "$name" "$jarfile" "$path" "$opts" > "$WORK/ms"   # not in $(...): APP_PID must be set in this shell
    ms=$(cat "$WORK/ms")
    MS[$name]="${MS[$name]:-} $ms"
    if [ "$r" = 1 ]; then
      wrk -t1 -c4 -d5s "http://127.0.0.1:$PORT$path" >/dev/null
      RSS[$name]=$(awk '/VmRSS/{print $2}' "/proc/$APP_PID/status")
    fi
    stop
  done
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
BARE_MS=$(echo "${MS[bare Quarkus REST]}" | median)
BARE_RSS=${RSS[bare Quarkus REST]}
printf '\n%-30s %12s %10s %12s %10s\n' "JVM flags: $JAVA_OPTS" "" "" "" ""
printf '%-30s %12s %10s %12s %10s\n' "application" "startup ms" "vs bare" "RSS MiB" "vs bare"
for app in "${APPS[@]}"; do
  IFS='|' read -r name _ <<<"$app"
  ms=$(echo "${MS[$name]}" | median)
  awk -v n="$name" -v ms="$ms" -v bms="$BARE_MS" -v rss="${RSS[$name]}" -v brss="$BARE_RSS" 'BEGIN{
    printf "%-30s %12d %9.1fx %12.0f %9.1fx\n", n, ms, ms/bms, rss/1024, rss/brss }'
  if [ -n "${BENCH_RESULTS:-}" ] && [ "$name" != "bare Quarkus REST" ]; then
    awk -v n="$name" -v ms="$ms" -v bms="$BARE_MS" -v rss="${RSS[$name]}" -v brss="$BARE_RSS" 'BEGIN{
      printf "%s startup\t%d\tms\tbare Quarkus REST\t%d\t%.1fx\treported\t-\n", n, ms, bms, ms/bms;
      printf "%s resident memory\t%.0f\tMiB\tbare Quarkus REST\t%.0f\t%.1fx\treported\t-\n", n, rss/1024, brss/1024, rss/brss }' >> "$BENCH_RESULTS"
  fi
done
