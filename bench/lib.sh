# Shared by the bench scripts: boots the built distribution (embedded H2) in a scratch folder on
# port 8181 and stops it on exit. Source it, then call boot_calmdesk; $home is the Karaf folder.
# BENCH_DB=postgres runs it on PostgreSQL instead: a throwaway cluster of this machine's version
# with the stock configuration (autovacuum on, as in production; the shared cluster at
# 127.0.0.1:5432 runs with autovacuum off, and a webhook queue or event log without vacuum measures
# its dead rows), on a free port exported as PGPORT for the scripts' psql, dropped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${BENCH_DIST:-$(ls karaf-assembly/target/calmdesk-karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)}"
if [ -z "$dist" ]; then
  mvn -B -ntp -q install -DskipTests
  dist=$(ls karaf-assembly/target/calmdesk-karaf-assembly-*.tar.gz | head -1)
fi
work=$(mktemp -d); home=""; pid=""; pg_db=""; pg_cluster=""
cleanup() {
  [ -n "$home" ] && "$home/bin/stop" >/dev/null 2>&1 || true
  [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  [ -n "$pg_cluster" ] && pg_dropcluster --stop "$pg_version" "$pg_cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}

# A PostgreSQL cluster of its own for this run (see above).
start_postgres() {
  pg_version=$(ls /etc/postgresql | sort -V | tail -1); pg_cluster="calmdesk_bench_$$"; PGPORT=5460
  while pg_lsclusters -h | awk '{print $3}' | grep -qx "$PGPORT" || ss -ltn | grep -q ":$PGPORT "; do PGPORT=$((PGPORT + 1)); done
  export PGPORT
  pg_createcluster -q "$pg_version" "$pg_cluster" -p "$PGPORT" -- --auth=trust >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$pg_version" "$pg_cluster" start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PGPORT" && break; sleep 0.5; done
}
trap cleanup EXIT
trap "exit 1" INT TERM # a killed bench drops its cluster and stops its node too

unpack_calmdesk() {
  if curl -s -o /dev/null -m 1 http://127.0.0.1:8181/; then
    echo "Something already listens on 8181; stop it first." >&2; exit 1
  fi
  tar xzf "$dist" -C "$work"; home=$(ls -d "$work"/*/)
  if [ "${BENCH_DB:-h2}" = postgres ]; then
    [ -n "$pg_cluster" ] || start_postgres
    pg_db="calmdesk_bench"
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $pg_db" -c "CREATE DATABASE $pg_db"
    sed -i "s|^osgi.jdbc.driver.class *=.*|osgi.jdbc.driver.class = org.postgresql.Driver|;
            s|^url *=.*|url = jdbc:postgresql://127.0.0.1:$PGPORT/$pg_db|;
            s|^user *=.*|user = postgres|; s|^password *=.*|password =|" "$home/etc/org.ops4j.datasource-calmdesk.cfg"
    echo "database: PostgreSQL $pg_version, throwaway cluster on port $PGPORT (stock settings: autovacuum $(psql -tA -h 127.0.0.1 -U postgres -d postgres -c 'SHOW autovacuum'))"
  fi
}

# Unpacks (unless unpack_calmdesk ran, to edit etc/ first) and starts Calmdesk.
boot_calmdesk() {
  [ -n "$home" ] || unpack_calmdesk
  local start; start=$(date +%s%N)
  "$home/bin/karaf" server > "$work/karaf.out" 2>&1 & pid=$!
  until curl -s -o /dev/null -m 1 -w '%{http_code}' http://127.0.0.1:8181/api/v1/health | grep -q 200; do
    sleep 0.2; kill -0 "$pid" || { cat "$work/karaf.out"; exit 1; }
  done
  # Every module publishes its endpoints a moment after health answers: ready means all of them serve.
  until curl -s -o /dev/null -m 1 -w '%{http_code}' http://127.0.0.1:8181/api/v1/health/ready | grep -q 200; do sleep 0.2; done
  echo "boot to first 200 on /health: $(( ($(date +%s%N) - start) / 1000000 )) ms"
}

# The node's JVM itself, not the bin/karaf script that launched it.
node_jvm() { pgrep -f "karaf.home=${home%/}" | head -1; }

rss_mb() {
  echo "$(( $(ps -o rss= -p "$(node_jvm)") / 1024 ))"
}
