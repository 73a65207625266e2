# A throw-away PostgreSQL for one benchmark run, the same in every bench/*/run.sh. Source it (". bench/lib/pg.sh")
# once ROOT is known; it sets PGBIN (BENCH_PG_BIN, else the newest /usr/lib/postgresql/*/bin). The functions use the
# script's WORK (its temporary folder; the cluster goes to $WORK/pg, its log to $WORK/pg.log, its socket to $WORK)
# and PGPORT, and set AS, the prefix that runs the server binaries as postgres when the script runs as root.

PGBIN=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}

# Exits 2 when there are no server binaries.
pg_require_server() {
  [ -x "$PGBIN/initdb" ] || { echo "no PostgreSQL server binaries (set BENCH_PG_BIN)" >&2; exit 2; }
}

# As root, the server runs as postgres (initdb refuses root), which must own WORK.
pg_run_as_postgres() {
  AS=""
  if [ "$(id -u)" = 0 ]; then AS="runuser -u postgres --"; chown postgres "$WORK"; fi
}

# Creates the cluster (trust authentication, superuser postgres) and starts it on PGPORT with the server options
# given in $1 (e.g. "-c fsync=off"); further arguments go to pg_ctl (e.g. -t 120). Returns pg_ctl's status.
pg_start() {
  local opts=$1
  shift
  $AS "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=trust >/dev/null || exit
  $AS "$PGBIN/pg_ctl" -D "$WORK/pg" -o "-p $PGPORT -k $WORK $opts" -l "$WORK/pg.log" "$@" -w start >/dev/null
}

# For the script's cleanup on exit, after its own processes are stopped: stops the server and removes WORK.
pg_stop_and_remove_work() {
  $AS "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}

# The whole cleanup of a script that runs one service (its pid in SVC_PID, empty until started): stops the service,
# then the server, and removes WORK. Install it with: trap pg_cleanup_after_service EXIT
pg_cleanup_after_service() {
  [ -n "$SVC_PID" ] && kill "$SVC_PID" 2>/dev/null && wait "$SVC_PID" 2>/dev/null || true
  pg_stop_and_remove_work
}
