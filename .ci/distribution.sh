# Shared by .ci/kill9 and .ci/db-outage: one Calmdesk distribution unpacked in a scratch folder on
# its own ports (HTTP 8581, SSH 8501, RMI 1501/44501), started, killed or stopped, and removed on
# exit. Source it after `cd` to the repository root; $home is the Karaf folder, $work the scratch one.
# CALMDESK_HTTP_PORT moves all of its ports (SSH and RMI follow it), for a script that may run beside another.
# A script with several distributions (.ci/cluster) sets $home and calls use_ports before each one.
dist="${CALMDESK_DIST:-$(ls karaf-assembly/target/calmdesk-karaf-assembly-*.tar.gz 2>/dev/null | head -1)}"
[ -n "$dist" ] || { echo "No distribution: build it first (mvn install -DskipTests)" >&2; exit 1; }

# use_ports HTTP_PORT: the ports of one distribution, all derived from its HTTP port, and its $base URL.
use_ports() {
  http_port=$1
  ssh_port=$((http_port - 80))
  rmi_registry_port=$((http_port - 7080))
  rmi_server_port=$((http_port + 35920))
  base="http://127.0.0.1:$http_port"
}
use_ports "${CALMDESK_HTTP_PORT:-8581}"
work=$(mktemp -d)
home="$work/calmdesk"
karaf_pid=""
cleanup_hooks=()

cleanup() {
  local hook
  if [ -n "$karaf_pid" ]; then
    "$home/bin/stop" >/dev/null 2>&1 || true
    for _ in $(seq 1 30); do kill -0 "$karaf_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$karaf_pid" 2>/dev/null || true
  fi
  for hook in "${cleanup_hooks[@]}"; do eval "$hook" || true; done
  rm -rf "$work"
}
trap cleanup EXIT

unpack_calmdesk() {
  if curl -s -o /dev/null -m 1 "$base/"; then
    echo "Something already listens on $http_port; stop it first." >&2; exit 1
  fi
  mkdir -p "$home"
  tar xzf "$dist" -C "$home" --strip-components=1
  sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $http_port/" "$home/etc/org.ops4j.pax.web.cfg"
  grep -q "^org.osgi.service.http.port" "$home/etc/org.ops4j.pax.web.cfg" \
    || echo "org.osgi.service.http.port = $http_port" >> "$home/etc/org.ops4j.pax.web.cfg"
  # HTTPS is on from the first start: a secure port of its own, not the default 8443.
  sed -i "s/^org.osgi.service.http.port.secure *=.*/org.osgi.service.http.port.secure = $((http_port + 1000))/" "$home/etc/org.ops4j.pax.web.cfg"
  sed -i "s/^sshPort *=.*/sshPort = $ssh_port/" "$home/etc/org.apache.karaf.shell.cfg"
  sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = $rmi_registry_port/; s/^rmiServerPort *=.*/rmiServerPort = $rmi_server_port/" \
    "$home/etc/org.apache.karaf.management.cfg"
}

# use_postgres URL: the distribution's datasource points at PostgreSQL (user postgres, trust auth).
use_postgres() {
  local url="${1//&/\\&}"  # & means "the match" in a sed replacement
  sed -i "s|^osgi.jdbc.driver.class *=.*|osgi.jdbc.driver.class = org.postgresql.Driver|;
          s|^url *=.*|url = $url|; s|^user *=.*|user = postgres|; s|^password *=.*|password =|" \
    "$home/etc/org.ops4j.datasource-calmdesk.cfg"
}

# The JVM itself, not the bin/karaf script that launched it.
karaf_jvm() { pgrep -f "karaf.home=$home" | head -1; }

# Starts Calmdesk and waits (at most CALMDESK_START_TIMEOUT, default 120 s) until every module used here
# answers through the auth filter.
start_calmdesk() {
  launch_calmdesk
  await_calmdesk
}

# Starts the distribution in $home in the background ($karaf_pid), its console output in $home/../karaf.out.
launch_calmdesk() {
  "$home/bin/karaf" server >> "$(dirname "$home")/karaf.out" 2>&1 &
  karaf_pid=$!
}

# Waits (at most $start_timeout s, or CALMDESK_START_TIMEOUT, default 120) until every module used here answers on $base through the auth filter.
await_calmdesk() {
  local timeout="${start_timeout:-${CALMDESK_START_TIMEOUT:-120}}"
  local path deadline=$((SECONDS + timeout))
  for path in customers tickets followups articles surveys; do
    until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' -u admin:admin "$base/api/v1/$path?limit=1")" = 200 ]; do
      kill -0 "$karaf_pid" 2>/dev/null || { tail -50 "$(dirname "$home")/karaf.out"; echo "Calmdesk died at start" >&2; exit 1; }
      if [ "$SECONDS" -ge "$deadline" ]; then
        { grep -E "ERROR|Caused by" "$home/data/log/karaf.log" || true; } | tail -20 >&2  # no match must not end the script silently
        echo "Calmdesk did not serve /api/v1/$path within $timeout s" >&2; exit 1
      fi
      sleep 0.2
    done
  done
}
