# Shared by the bench scripts: boots the built distribution (embedded H2) in a scratch folder on
# port 8181 and stops it on exit. Source it, then call boot_calmdesk; $home is the Karaf folder.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=$(ls karaf-assembly/target/calmdesk-karaf-assembly-*.tar.gz 2>/dev/null | head -1 || true)
if [ -z "$dist" ]; then
  mvn -B -ntp -q install -DskipTests
  dist=$(ls karaf-assembly/target/calmdesk-karaf-assembly-*.tar.gz | head -1)
fi
work=$(mktemp -d); home=""; pid=""
cleanup() {
  [ -n "$home" ] && "$home/bin/stop" >/dev/null 2>&1 || true
  [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

unpack_calmdesk() {
  if curl -s -o /dev/null -m 1 http://127.0.0.1:8181/; then
    echo "Something already listens on 8181; stop it first." >&2; exit 1
  fi
  tar xzf "$dist" -C "$work"; home=$(ls -d "$work"/*/)
}

# Unpacks (unless unpack_calmdesk ran, to edit etc/ first) and starts Calmdesk.
boot_calmdesk() {
  [ -n "$home" ] || unpack_calmdesk
  local start; start=$(date +%s%N)
  "$home/bin/karaf" server > "$work/karaf.out" 2>&1 & pid=$!
  until curl -s -o /dev/null -m 1 -w '%{http_code}' http://127.0.0.1:8181/api/v1/health | grep -q 200; do
    sleep 0.2; kill -0 "$pid" || { cat "$work/karaf.out"; exit 1; }
  done
  # Every module publishes its endpoints a moment after health answers.
  until curl -s -o /dev/null -m 1 -w '%{http_code}' http://127.0.0.1:8181/api/v1/followups | grep -q 401; do sleep 0.2; done
  echo "boot to first 200 on /health: $(( ($(date +%s%N) - start) / 1000000 )) ms"
}

rss_mb() {
  echo "$(( $(ps -o rss= -p "$(pgrep -f "karaf.home=${home%/}" | head -1)") / 1024 ))"
}
