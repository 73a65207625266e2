#!/usr/bin/env bash
# The gateway's cost: the same GET by id direct to agreements-service, through the gateway (with the local stack's
# JVM flags and with the Kubernetes chart's JVM settings), and through nginx (one worker, keepalive to the service) as the reference
# proxy in the same position; side by side in one run, rounds alternated, wrk at the same concurrency.
# Needs: wrk, nginx, curl, psql and PostgreSQL server binaries (Debian: apt-get install -y wrk nginx postgresql
# postgresql-client) and the built jars: ./mvnw -B package -DskipTests -pl agreements-service,gateway -am
# Usage: bench/gateway/run.sh [concurrency=16] [seconds per measurement=15] [rounds=3] [warm-up rounds]
#   BENCH_OLD_GATEWAY_JAR=<jar>  also runs the concurrency check (below) against that gateway build, e.g. the one
#                    before ADR 11, to compare
#   BENCH_WARMUP_ROUNDS=N  least warm-up rounds before measuring (10 s per gateway; the first also direct and nginx) when not given as argument
#                    (default 4); more follow while a JVM's JIT compiler is busy, up to BENCH_WARMUP_MAX_ROUNDS (6)
#   BENCH_GATEWAY_CHECK=0  skips the concurrency check (it prints 5xx counts, not figures of the table; bench/run-all)
#   BENCH_PROFILE=1  also records a JFR profile of the gateway (chart JVM settings) during one extra measurement and prints
#                    where its CPU time goes
set -euo pipefail
C=${1:-16}
D=${2:-15}
R=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# BENCH_SVC_JAR / BENCH_GW_JAR: run copies instead (so a build in the worktree cannot replace the jars mid-run)
SVC_JAR=${BENCH_SVC_JAR:-$ROOT/agreements-service/target/quarkus-app/quarkus-run.jar}
GW_JAR=${BENCH_GW_JAR:-$ROOT/gateway/target/quarkus-app/quarkus-run.jar}
. "$ROOT/bench/lib/pg.sh"
PGPORT=${BENCH_PG_PORT:-55442}
SVC_PORT=${BENCH_SVC_PORT:-18281}
GW_STACK_PORT=${BENCH_GW_STACK_PORT:-18280}
GW_JIT_PORT=${BENCH_GW_JIT_PORT:-18290}
NGINX_PORT=${BENCH_NGINX_PORT:-18282}
# the local stack's flags (deploy/run-local, MFS_SERVICE_JAVA_OPTS) and the defaults a container gets
STACK_OPTS=${BENCH_STACK_OPTS:--Xms32m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
# the Kubernetes chart's settings (deploy/helm/mfs/values.yaml: javaToolOptions, and the gateway's limits of 1 CPU and
# 384 MiB, emulated here: a JVM sized for this 24 GiB host would pick G1 with an 18 GiB heap, whose pauses on a busy
# machine outlast the 1 s response timeout and open the breaker; in the chart's container the JVM picks Serial GC)
JIT_OPTS=${BENCH_JIT_OPTS:--XX:ActiveProcessorCount=1 -XX:MaxRAM=384m -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError}
WORK=$(mktemp -d /tmp/bench-gateway.XXXXXX)
chmod 755 "$WORK"
. "$ROOT/bench/lib/tools.sh"; bench_tools wrk nginx
for tool in wrk nginx curl psql; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
pg_require_server
for jar in "$SVC_JAR" "$GW_JAR"; do [ -f "$jar" ] || { echo "build first: $jar missing" >&2; exit 2; }; done

pg_run_as_postgres
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop_and_remove_work
}
trap cleanup EXIT
wait_for() { for _ in $(seq 1 240); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not ready: $1" >&2; return 1; }

echo "== PostgreSQL ($PGBIN) on port $PGPORT"
pg_start "-c shared_buffers=128MB -c max_connections=100 -c fsync=off"
PGHOST=127.0.0.1 PGUSER=postgres psql -p "$PGPORT" -q -c "create database agreements"

# Bearer tokens (the suite requires one on /api/**): a throw-away RSA key; the service and the gateways verify the
# bench's token with its public key (no identity provider is contacted), so token verification stays in the measure
command -v openssl >/dev/null || { echo "missing openssl" >&2; exit 2; }
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
PUBLIC_KEY=$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)
ISSUER=https://issuer.bench.mfs.invalid/realms/mfs
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
NOW=$(date +%s)
JWT_HEADER=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
JWT_CLAIMS=$(printf '{"iss":"%s","sub":"bench-admin","aud":"mfs-api","iat":%d,"exp":%d,"preferred_username":"bench-admin","typ":"Bearer","realm_access":{"roles":["admin"]}}' \
  "$ISSUER" "$NOW" $((NOW + 7200)) | b64url)
JWT_SIGNATURE=$(printf '%s.%s' "$JWT_HEADER" "$JWT_CLAIMS" | openssl dgst -sha256 -sign "$WORK/key.pem" | b64url)
TOKEN="$JWT_HEADER.$JWT_CLAIMS.$JWT_SIGNATURE"
AUTH="Authorization: Bearer $TOKEN"
OIDC_OPTS="-Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key=$PUBLIC_KEY -Dquarkus.oidc.token.issuer=$ISSUER -Dquarkus.oidc.token.audience=mfs-api"

echo "== agreements-service on port $SVC_PORT (default JIT flags)"
# shellcheck disable=SC2086
AGREEMENTS_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/agreements KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
  java $OIDC_OPTS -Dquarkus.http.port=$SVC_PORT -Dmfs.agreements.commodities.enabled=false -Dquarkus.log.level=WARN \
  -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR -jar "$SVC_JAR" >"$WORK/service.log" 2>&1 &
SVC_PID=$!
PIDS+=($SVC_PID)
DIRECT=http://127.0.0.1:$SVC_PORT
wait_for "$DIRECT/q/health/ready" || { tail -40 "$WORK/service.log"; exit 1; }

gateway() { # name port java-opts
  # rate limiting off: wrk is one caller sending thousands of requests a second
  # shellcheck disable=SC2086
  AGREEMENTS_URL=$DIRECT java $3 $OIDC_OPTS -Dquarkus.http.port=$2 -Dmfs.gateway.rate-limit.enabled=false -Dquarkus.log.level=WARN \
    -jar "$GW_JAR" >"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  echo "$!" > "$WORK/$1.pid"
}
echo "== gateway on port $GW_STACK_PORT ($STACK_OPTS) and on port $GW_JIT_PORT ($JIT_OPTS)"
gateway gateway-stack "$GW_STACK_PORT" "$STACK_OPTS"
gateway gateway-jit "$GW_JIT_PORT" "$JIT_OPTS"

echo "== nginx on port $NGINX_PORT (1 worker, keepalive 32 to the service)"
mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # temporary files under the run's folder too: nginx unpacked from Debian's package (bench/lib/tools.sh) has no
  # /var/lib/nginx
  client_body_temp_path $WORK/nginx/tmp/body; proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi; uwsgi_temp_path $WORK/nginx/tmp/uwsgi; scgi_temp_path $WORK/nginx/tmp/scgi;
  upstream agreements { server 127.0.0.1:$SVC_PORT; keepalive 32; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /api/ {
      proxy_pass http://agreements;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$http_host;
    }
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
for port in $GW_STACK_PORT $GW_JIT_PORT; do
  wait_for "http://127.0.0.1:$port/q/health/ready" || { tail -40 "$WORK"/gateway-*.log; exit 1; }
done

echo "== seed: 200 agreements through the API"
: > "$WORK/ids.txt"
PARTNERS=(US FR DE JP GB KR IN CN AE SA)
HOSTS=(CD ZM AO UA CL AR ID PH ZA NA)
for i in $(seq 1 200); do
  h=${HOSTS[$((i % 10))]}; p=${PARTNERS[$((i / 10 % 10))]}
  body="{\"title\":\"Bench agreement $i $h-$p\",\"type\":\"MINERALS_FOR_SECURITY\",\"parties\":[{\"country\":\"$h\",\"role\":\"RESOURCE_HOLDER\"},{\"country\":\"$p\",\"role\":\"INVESTOR_PARTNER\"}],\"summary\":\"Critical minerals partnership number $i\"}"
  curl -fs -H "$AUTH" -H 'Content-Type: application/json' -d "$body" "$DIRECT/api/v1/agreements" | sed -E 's/^\{"id":"([^"]+)".*/\1/' >> "$WORK/ids.txt"
  echo >> "$WORK/ids.txt"
done
sed -i '/^$/d' "$WORK/ids.txt"
ID=$(head -1 "$WORK/ids.txt")
for base in "$DIRECT" "http://127.0.0.1:$GW_STACK_PORT" "http://127.0.0.1:$GW_JIT_PORT" "http://127.0.0.1:$NGINX_PORT"; do
  curl -fs -H "$AUTH" -o /dev/null "$base/api/v1/agreements/$ID" || { echo "GET by id fails through $base" >&2; exit 1; }
done

TARGETS=(direct gateway-stack gateway-jit nginx)
declare -A URL=([direct]=$DIRECT [gateway-stack]=http://127.0.0.1:$GW_STACK_PORT
                [gateway-jit]=http://127.0.0.1:$GW_JIT_PORT [nginx]=http://127.0.0.1:$NGINX_PORT)
# wrk latency to milliseconds
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.3f", v}'; }
# throughput counts successful answers only: a fast 503 (an open breaker) or 504 is not served work
measure() { # target seconds -> "rps-of-2xx p50 p99 errors"
  local out
  out=$(wrk -t2 -c"$C" -d"$2s" --latency -H "$AUTH" -s "$ROOT/bench/lib/by-id.lua" "${URL[$1]}" -- "$WORK/ids.txt")
  local rps p50 p99 non2xx sock requests
  requests=$(echo "$out" | sed -nE 's/^ *([0-9]+) requests in.*/\1/p')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}' | to_ms)
  p99=$(echo "$out" | awk '$1=="99%"{print $2}' | to_ms)
  non2xx=$(echo "$out" | sed -nE 's/.*Non-2xx or 3xx responses: *([0-9]+).*/\1/p')
  sock=$(echo "$out" | sed -nE 's/.*Socket errors: (.*)/\1/p')
  rps=$(echo "$out" | awk -v n="$requests" -v bad="${non2xx:-0}" '/^Requests\/sec:/ { printf "%.2f", $2 * (n - bad) / n }')
  echo "$rps $p50 $p99 ${non2xx:-0} ${sock:+socket-errors}"
}

# the JVMs compile their hot paths while they are warmed up: at least WARMUP rounds of 10 s per gateway, then more
# (at most BENCH_WARMUP_MAX_ROUNDS, default 6) until no JVM's JIT compiler took 10 % of its CPU in the last round.
# Measured 2026-11-30: the same gateway build gave 43 % of direct after 3 rounds in bench/run-all and 57 % after
# twice that warm-up minutes earlier; the gateway with the chart's settings has one CPU, so one compiler thread.
. "$ROOT/bench/lib/jit.sh"
WARMUP=${4:-${BENCH_WARMUP_ROUNDS:-4}}
MAX_WARMUP=${BENCH_WARMUP_MAX_ROUNDS:-6}
echo "== warm-up: $WARMUP to $MAX_WARMUP rounds of 10 s per gateway, until every JVM's JIT compiler takes under 10 % of its CPU"
# every target in the first round, then the two gateways only: their requests also warm the service behind them (its
# direct path differs only in the headers it gets), and nginx has no JIT compiler to wait for
warm_gateways() {
  local warm=(gateway-stack gateway-jit) t
  [ "$1" = 0 ] && warm=("${TARGETS[@]}")
  for t in "${warm[@]}"; do measure "$t" 10 >/dev/null; done
}
jit_warm_up "$WARMUP" "$MAX_WARMUP" warm_gateways direct="$SVC_PID" gateway-stack="$(cat "$WORK/gateway-stack.pid")" \
  gateway-jit="$(cat "$WORK/gateway-jit.pid")"
[ -n "${BENCH_RESULTS:-}" ] && printf 'gateway benchmark warm-up\t%d\trounds of 10 s per gateway\tJIT compilers still at 10 %% or more\t%s\t\treported\t-\n' \
  "$JIT_ROUNDS" "${JIT_BUSY:- none}" >> "$BENCH_RESULTS"

echo "== measure: concurrency $C, $D s each, $R rounds, order rotated each round"
: > "$WORK/results.txt"
for r in $(seq 1 "$R"); do
  for k in 0 1 2 3; do
    t=${TARGETS[$(( (k + r) % 4 ))]}
    line=$(measure "$t" "$D")
    echo "$t $line" >> "$WORK/results.txt"
    printf '   round %d %-14s %s\n' "$r" "$t" "$line"
  done
done

echo
printf '%-44s %10s %9s %9s %10s %11s\n' "GET /api/v1/agreements/{id} (c=$C, median of $R)" "req/s" "p50 ms" "p99 ms" "vs direct" "added p50"
awk -v c="$C" '
  { n[$1]++; rps[$1, n[$1]] = $2; p50[$1, n[$1]] = $3; p99[$1, n[$1]] = $4; err[$1] += $5 }
  function median(arr, t, k,   i, j, tmp, v) { for (i = 1; i <= k; i++) v[i] = arr[t, i];
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (v[j] < v[i]) { tmp = v[i]; v[i] = v[j]; v[j] = tmp }
    return (k % 2) ? v[(k + 1) / 2] : (v[k / 2] + v[k / 2 + 1]) / 2 }
  END {
    split("direct nginx gateway-stack gateway-jit", order, " ")
    label["direct"] = "direct to agreements-service"; label["nginx"] = "nginx (1 worker, keepalive)"
    label["gateway-stack"] = "gateway, local-stack JVM flags"; label["gateway-jit"] = "gateway, chart JVM settings"
    d = median(rps, "direct", n["direct"]); d50 = median(p50, "direct", n["direct"])
    for (i = 1; i <= 4; i++) { t = order[i]; k = n[t]
      m = median(rps, t, k); m50 = median(p50, t, k); m99 = median(p99, t, k)
      printf "%-44s %10.0f %9.2f %9.2f %9.1f%% %+10.2f ms%s\n", label[t], m, m50, m99, 100 * m / d, m50 - d50,
        (err[t] > 0 ? "  (" err[t] " non-2xx)" : "") }
    g = median(rps, "gateway-jit", n["gateway-jit"]); g50 = median(p50, "gateway-jit", n["gateway-jit"])
    printf "target (chart JVM settings): >= 85 %% of direct throughput: %s (%.1f %%); <= 1 ms added median: %s (%+.2f ms)\n",
      (g / d >= 0.85 ? "MET" : "NOT MET"), 100 * g / d, (g50 - d50 <= 1 ? "MET" : "NOT MET"), g50 - d50
    if (results != "") {
      ng = median(rps, "nginx", n["nginx"]); gs = median(rps, "gateway-stack", n["gateway-stack"])
      printf "gateway GET by id, chart JVM settings, c=%d\t%.0f\treq/s\tdirect to agreements-service\t%.0f\t%.1f %%\t>= 85 %%\t%s\n", c, g, d, 100 * g / d, (g / d >= 0.85 ? "met" : "not met") >> results
      printf "gateway added median latency, chart JVM settings\t%.2f\tms\tdirect p50\t%.2f\t%+.2f ms\t<= +1 ms\t%s\n", g50, d50, g50 - d50, (g50 - d50 <= 1 ? "met" : "not met") >> results
      printf "gateway GET by id, local-stack JVM flags, c=%d\t%.0f\treq/s\tdirect to agreements-service\t%.0f\t%.1f %%\treported\t-\n", c, gs, d, 100 * gs / d >> results
      printf "nginx GET by id (reference proxy), c=%d\t%.0f\treq/s\tdirect to agreements-service\t%.0f\t%.1f %%\treported\t-\n", c, ng, d, 100 * ng / d >> results
    } }
' results="${BENCH_RESULTS:-}" "$WORK/results.txt"

if [ "${BENCH_GATEWAY_CHECK:-1}" = 1 ]; then # BENCH_GATEWAY_CHECK=0 skips it (bench/run-all: not in its table)
echo
echo "== concurrency check: 50 connections, 3 GET by id to 1 POST create, 30 s; 5xx counted per answer"
cat > "$WORK/mixed.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; s5xx = 0; s502 = 0 end
local body = '{"title":"Concurrency check","type":"MINERALS_FOR_SECURITY","parties":[{"country":"CD","role":"RESOURCE_HOLDER"},{"country":"US","role":"INVESTOR_PARTNER"}]}'
function request()
  n = n + 1
  if n % 4 == 0 then
    return wrk.format("POST", "/api/v1/agreements", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $TOKEN"}, body)
  end
  return wrk.format("GET", "/api/v1/agreements/" .. ids[(n % #ids) + 1])
end
function response(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1 end
  if status == 502 then s502 = s502 + 1 end
end
function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + t:get("s5xx"); b = b + t:get("s502") end
  io.write(string.format("CHECK requests=%d 5xx=%d 502=%d socket-errors=%d\n", summary.requests, a, b,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
check() { # label url
  printf '   %-34s %s\n' "$1" "$(wrk -t2 -c50 -d30s -H "$AUTH" -s "$WORK/mixed.lua" "$2" | sed -nE 's/^CHECK //p')"
}
check "direct" "$DIRECT"
check "gateway (chart JVM settings)" "http://127.0.0.1:$GW_JIT_PORT"
if [ -n "${BENCH_OLD_GATEWAY_JAR:-}" ]; then
  OLD_PORT=$((GW_JIT_PORT + 1))
  # shellcheck disable=SC2086
  AGREEMENTS_URL=$DIRECT java $JIT_OPTS $OIDC_OPTS -Dquarkus.http.port=$OLD_PORT -Dquarkus.log.level=WARN \
    -jar "$BENCH_OLD_GATEWAY_JAR" >"$WORK/gateway-old.log" 2>&1 &
  PIDS+=($!)
  wait_for "http://127.0.0.1:$OLD_PORT/q/health/ready"
  wrk -t2 -c"$C" -d10s -H "$AUTH" -s "$ROOT/bench/lib/by-id.lua" "http://127.0.0.1:$OLD_PORT" -- "$WORK/ids.txt" >/dev/null
  check "gateway before ADR 11 (old jar)" "http://127.0.0.1:$OLD_PORT"
  check "gateway (chart JVM settings), again" "http://127.0.0.1:$GW_JIT_PORT"
fi
fi

if [ "${BENCH_PROFILE:-0}" = 1 ]; then
  echo
  echo "== profile: JFR of the gateway (chart JVM settings) during $D s of the same load"
  GW_PID=$(cat "$WORK/gateway-jit.pid")
  jcmd "$GW_PID" JFR.start name=bench settings=profile filename="$WORK/gw.jfr" >/dev/null
  measure gateway-jit "$D" >/dev/null
  jcmd "$GW_PID" JFR.stop name=bench >/dev/null
  jfr print --events jdk.ExecutionSample --stack-depth 1 "$WORK/gw.jfr" > "$WORK/samples.txt"
  total=$(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt" || true)
  echo "   $total CPU samples; top frames (self time):"
  grep -A2 'stackTrace = \[' "$WORK/samples.txt" | grep -vE 'stackTrace|^--|^\s*\]|^\s*\.\.\.\s*$' | sed -E 's/^\s+//; s/line:.*//' \
    | sort | uniq -c | sort -rn | head -20 | awk -v t="$total" '{c=$1; $1=""; printf "   %5.1f %% %s\n", 100*c/t, $0}'
  echo "   by package (self time):"
  grep -A2 'stackTrace = \[' "$WORK/samples.txt" | grep -vE 'stackTrace|^--|^\s*\]|^\s*\.\.\.\s*$' | sed -E 's/^\s+//; s/\.[A-Za-z0-9_$]+\.[A-Za-z0-9_$<>]+\(.*//' \
    | awk -F. '{print $1"."$2"."$3}' | sort | uniq -c | sort -rn | head -12 | awk -v t="$total" '{printf "   %5.1f %% %s\n", 100*$1/t, $2}'
fi
