#!/usr/bin/env bash
# Benchmark of security-cooperation-service: p50 latency of the totals-by-category and the monthly-incident-aggregate
# endpoints with 100,000 disbursements and 50,000 incidents loaded, each beside the same SQL run raw (pgbench, one
# client) against the same PostgreSQL in the same run. Targets: each endpoint's p50 under 50 ms.
# Needs: wrk, pgbench, psql, curl, PostgreSQL server binaries (Debian: apt-get install -y wrk postgresql postgresql-client),
# and the built service (./mvnw -B -ntp package -DskipTests -pl security-cooperation-service -am).
# Usage: bench/security/run.sh [seconds=15]
# Auth: the service verifies an admin token signed with a key pair made for this run (bench/agreements/token.sh);
# an admin without a partner country sees PUBLIC programmes only, as the raw SQL below.
# With BENCH_RESULTS=FILE, one tab-separated line per metric is appended to FILE (bench/run-all reads them).
set -euo pipefail
D=${1:-15}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR=$ROOT/security-cooperation-service/target/quarkus-app/quarkus-run.jar
. "$ROOT/bench/lib/pg.sh"
PGPORT=${BENCH_PG_PORT:-55433}
HTTP_PORT=${BENCH_HTTP_PORT:-18083}
WORK=$(mktemp -d /tmp/bench-security.XXXXXX)
chmod 755 "$WORK"
. "$ROOT/bench/lib/tools.sh"; bench_tools wrk
for tool in wrk pgbench psql curl; do command -v $tool >/dev/null || { echo "missing $tool" >&2; exit 2; }; done
pg_require_server
[ -f "$JAR" ] || { echo "build the service first: $JAR missing" >&2; exit 2; }

pg_run_as_postgres
SVC_PID=""
trap pg_cleanup_after_service EXIT

echo "== PostgreSQL ($PGBIN) on port $PGPORT"
pg_start "-c shared_buffers=256MB -c max_connections=100 -c fsync=off"
export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
psql -q -c "create database security_cooperation"
. "$HERE/../agreements/token.sh"
bench_token "$WORK"
AUTH=(-H "$AUTH")

echo "== security-cooperation-service on port $HTTP_PORT"
SECURITY_COOPERATION_DB_URL=jdbc:postgresql://127.0.0.1:$PGPORT/security_cooperation KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 \
  java $BENCH_OIDC_OPTS -Dquarkus.http.port=$HTTP_PORT -Dmfs.security.consumers.enabled=false -Dquarkus.log.level=WARN \
  -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR -jar "$JAR" >"$WORK/service.log" 2>&1 &
SVC_PID=$!
BASE=http://127.0.0.1:$HTTP_PORT/api/v1/security-cooperation
for _ in $(seq 1 120); do curl -sS --fail-with-body "${AUTH[@]}" "$BASE/programmes?size=1" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sS --fail-with-body "${AUTH[@]}" "$BASE/programmes?size=1" >/dev/null || { tail -50 "$WORK/service.log"; exit 1; }

echo "== seed: 40 programmes with FY2025/FY2026 budgets in USD and EUR through the API"
CATS=(TRAINING EQUIPMENT INTELLIGENCE_SHARING JOINT_OPERATIONS LAW_ENFORCEMENT_CAPACITY BORDER_SECURITY ANTI_SMUGGLING GOVERNANCE)
PROVIDERS=(US FR GB BE)
for i in $(seq 1 40); do
  c=${CATS[$((i % 8))]}; p=${PROVIDERS[$((i % 4))]}
  id=$(curl -sS --fail-with-body "${AUTH[@]}" -H 'Content-Type: application/json' -d "{\"title\":\"Bench programme $i\",\"providerCountry\":\"$p\",\"recipientCountry\":\"CD\",\"category\":\"$c\"}" "$BASE/programmes" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
  curl -sS --fail-with-body "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"to":"ACTIVE"}' "$BASE/programmes/$id/transitions" >/dev/null
  for fy in 2025 2026; do for cur in USD EUR; do
    curl -sS --fail-with-body "${AUTH[@]}" -H 'Content-Type: application/json' -d "{\"fiscalYear\":$fy,\"amount\":{\"amount\":900000000.00,\"currency\":\"$cur\"},\"source\":{\"title\":\"bench\",\"reference\":\"B\"}}" "$BASE/programmes/$id/budgets" >/dev/null
  done; done
done
echo "== seed: 100,000 disbursements and 50,000 incidents (SQL, as the service stores them)"
psql -q -d security_cooperation <<'SQL'
insert into disbursement (id, programme_id, budget_line_id, fiscal_year, disbursed_on, amount, currency, purpose, source, created_at)
select gen_random_uuid(), b.programme_id, b.id, b.fiscal_year, make_date(b.fiscal_year, 1 + (g % 12), 1 + (g % 28)),
       round((100 + (g * 37) % 9000)::numeric, 2), b.currency, 'bench tranche ' || g, '{"title":"bench","reference":"B"}', now()
from generate_series(1, 100000) g
join lateral (select * from budget_line order by id offset (g % 160) limit 1) b on true;
update budget_line b set disbursed = s.total from (select budget_line_id, sum(amount) total from disbursement group by 1) s
where s.budget_line_id = b.id;
insert into incident (id, occurred_on, country, region, latitude, longitude, type, commodity, quantity, unit, description, source, created_at)
select gen_random_uuid(), date '2022-01-01' + (g % 1460), 'CD',
       (array['North Kivu','South Kivu','Ituri','Maniema','Tanganyika','Haut-Katanga','Lualaba','Tshopo'])[1 + g % 8],
       -4 + (g % 800) / 100.0, 26 + (g % 500) / 100.0,
       (array['ATTACK_ON_MINE_SITE','ILLEGAL_MINING','SMUGGLING_SEIZURE','BORDER_INTERCEPTION','ARMED_GROUP_TAXATION'])[1 + g % 5],
       (array['gold','coltan','cobalt','tin'])[1 + g % 4], case when g % 3 = 0 then (g % 50) + 0.5 end,
       case when g % 3 = 0 then 'kg' end, '', '{"title":"bench","reference":"B"}', now()
from generate_series(1, 50000) g;
-- the monthly roll-up the service keeps in each incident's transaction
insert into incident_month (month, country, region, type, commodity, unit, incidents, quantified, quantity)
select date_trunc('month', occurred_on)::date, country, region, type, coalesce(commodity, ''), coalesce(unit, ''),
       count(*), count(quantity), coalesce(sum(quantity), 0)
from incident group by 1, 2, 3, 4, 5, 6
on conflict (month, country, region, type, commodity, unit) do update set incidents = incident_month.incidents + excluded.incidents,
    quantified = incident_month.quantified + excluded.quantified, quantity = incident_month.quantity + excluded.quantity;
vacuum analyze;
SQL
echo "   $(psql -Atq -d security_cooperation -c 'select count(*) from disbursement') disbursements, $(psql -Atq -d security_cooperation -c 'select count(*) from incident') incidents"

TOTALS="/totals?groupBy=category"
MONTHLY="/incidents/monthly?groupBy=region,type,commodity"
# the SQL the service runs for these two requests (a caller without partner country sees PUBLIC programmes)
cat > "$WORK/totals.sql" <<'SQL'
select p.category as k, null as label, b.currency, sum(b.amount) as budgeted, sum(b.disbursed) as disbursed, count(distinct p.id) as programmes from budget_line b join programme p on p.id = b.programme_id where (p.classification = 'PUBLIC') group by p.category, b.currency order by 1, 3;
SQL
cat > "$WORK/monthly.sql" <<'SQL'
select to_char(m.month, 'YYYY-MM') as month, m.country, m.region, m.type, nullif(m.commodity, '') as commodity, nullif(m.unit, '') as unit, case when m.quantified > 0 then m.quantity end as quantity, m.incidents as incidents from incident_month m where true order by m.month, m.country, m.region, m.type, m.commodity, m.unit;
SQL
# what the monthly aggregate would cost over the 50,000 incidents instead of the roll-up
cat > "$WORK/monthly-from-incidents.sql" <<'SQL'
select to_char(date_trunc('month', i.occurred_on), 'YYYY-MM') as month, i.country, i.region, i.type, i.commodity, i.unit, sum(i.quantity) as quantity, count(*) as incidents from incident i where true group by date_trunc('month', i.occurred_on), i.country, i.region, i.type, i.commodity, i.unit order by date_trunc('month', i.occurred_on), i.country, i.region, i.type, i.commodity nulls first, i.unit nulls first;
SQL
# what totals would cost if summed from the disbursements instead of the budget lines' running sums
cat > "$WORK/totals-from-disbursements.sql" <<'SQL'
select p.category, d.currency, sum(d.amount) from disbursement d join programme p on p.id = d.programme_id where p.classification = 'PUBLIC' group by 1, 2 order by 1, 2;
SQL
echo "   totals rows: $(curl -sS --fail-with-body "${AUTH[@]}" "$BASE$TOTALS" | grep -o '"key"' | wc -l), monthly rows: $(curl -sS --fail-with-body "${AUTH[@]}" "$BASE$MONTHLY" | grep -o '"month"' | wc -l)"

WRK_AUTH=("${AUTH[@]}")
p50_http() { wrk -t1 -c1 -d"${D}s" --latency "${WRK_AUTH[@]}" "$BASE$1" | awk '/ 50%/{v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}'; }
p50_sql() {
  (cd "$WORK" && rm -f pgbench_log.* && pgbench -n -c1 -j1 -T "$D" -M prepared -f "$1" -l security_cooperation >/dev/null 2>&1)
  cat "$WORK"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END{printf "%.2f", a[int((NR+1)/2)]/1000}'
}
echo "== warm-up"
wrk -t1 -c1 -d3s "${WRK_AUTH[@]}" "$BASE$TOTALS" >/dev/null; wrk -t1 -c1 -d3s "${WRK_AUTH[@]}" "$BASE$MONTHLY" >/dev/null
echo "== measure: one client, ${D} s each"
T_HTTP=$(p50_http "$TOTALS"); T_SQL=$(p50_sql "$WORK/totals.sql"); T_RAW=$(p50_sql "$WORK/totals-from-disbursements.sql")
M_HTTP=$(p50_http "$MONTHLY"); M_SQL=$(p50_sql "$WORK/monthly.sql"); M_RAW=$(p50_sql "$WORK/monthly-from-incidents.sql")
printf '\n%-58s %10s\n' "p50 latency, one client (${D} s each)" "ms"
printf '%-58s %10s\n' "GET /totals?groupBy=category" "$T_HTTP"
printf '%-58s %10s\n' "  same SQL raw (pgbench)" "$T_SQL"
printf '%-58s %10s\n' "  summing the 100,000 disbursements instead (pgbench)" "$T_RAW"
printf '%-58s %10s\n' "GET /incidents/monthly?groupBy=region,type,commodity" "$M_HTTP"
printf '%-58s %10s\n' "  same SQL raw (pgbench)" "$M_SQL"
printf '%-58s %10s\n' "  grouping the 50,000 incidents instead (pgbench)" "$M_RAW"
awk -v t="$T_HTTP" -v m="$M_HTTP" -v ts="$T_SQL" -v ms="$M_SQL" 'BEGIN{
  printf "totals  p50 %.2f ms (%.1fx the raw SQL): target < 50 ms %s\n", t, t/ts, (t < 50 ? "MET" : "NOT MET");
  printf "monthly p50 %.2f ms (%.1fx the raw SQL): target < 50 ms %s\n", m, m/ms, (m < 50 ? "MET" : "NOT MET") }'
if [ -n "${BENCH_RESULTS:-}" ]; then
  awk -v t="$T_HTTP" -v m="$M_HTTP" -v ts="$T_SQL" -v ms="$M_SQL" 'BEGIN{
    printf "security totals by category, p50\t%.2f\tms\tsame SQL raw (pgbench)\t%.2f\t%.1fx\t< 50 ms\t%s\n", t, ts, t/ts, (t < 50 ? "met" : "not met");
    printf "security monthly incidents by region,type,commodity, p50\t%.2f\tms\tsame SQL raw (pgbench)\t%.2f\t%.1fx\t< 50 ms\t%s\n", m, ms, m/ms, (m < 50 ? "met" : "not met") }' >> "$BENCH_RESULTS"
fi
