#!/usr/bin/env bash
# Starts OneGrid: builds the distribution first when it is missing, then runs Karaf in the foreground with its
# console (type `system:shutdown` or press Ctrl-D to stop). Embedded Derby, web API on http://localhost:8181/.
#
#   ./run.sh              build if needed, start in the foreground
#   ./run.sh --background start as a daemon, wait until /api/v1/health answers UP, print where to go
#   ./run.sh --stop       stop a daemon started with --background
#   ./run.sh --rebuild    rebuild the distribution first (this resets karaf-assembly/target/assembly/data)
set -euo pipefail
cd "$(dirname "$0")"
ASSEMBLY=karaf-assembly/target/assembly
HEALTH=http://localhost:8181/api/v1/health

install_prerequisites() {
  # A fresh Debian/Ubuntu machine: Java 17 and Maven from the distribution's packages.
  if command -v java >/dev/null && command -v mvn >/dev/null; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven curl
  else
    echo "OneGrid needs Java 17 and Maven 3.8+ (e.g. sudo apt-get install openjdk-17-jdk-headless maven)" >&2
    exit 1
  fi
}

build() {
  install_prerequisites
  echo "Building OneGrid (first build downloads ~400 MB from Maven Central)..."
  mvn -B -q -DskipTests install
}

mode=${1:-}
if [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  export JAVA_HOME
fi

case "$mode" in
  --stop)
    exec "$ASSEMBLY/bin/stop" ;;
  --rebuild)
    build; shift; mode=${1:-} ;;
  *)
    [ -x "$ASSEMBLY/bin/karaf" ] || build ;;
esac

if [ "$mode" = "--background" ]; then
  "$ASSEMBLY/bin/start"
  for _ in $(seq 1 120); do
    if curl -sf "$HEALTH" >/dev/null 2>&1; then
      echo "OneGrid is UP: $HEALTH   (stop with ./run.sh --stop)"
      exit 0
    fi
    sleep 0.5
  done
  echo "OneGrid did not become healthy within 60 s; see $ASSEMBLY/data/log/karaf.log" >&2
  # The checks that are DOWN say why (e.g. another MQTT broker already holds port 1883).
  body=$(curl -s "$HEALTH" 2>/dev/null) && [ -n "$body" ] && echo "$HEALTH answers: ${body:0:3000}" >&2
  exit 1
fi
exec "$ASSEMBLY/bin/karaf"
