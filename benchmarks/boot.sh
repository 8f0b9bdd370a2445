#!/usr/bin/env bash
# Measures OneGrid's boot: launch → GET /api/v1/health answers UP, on a fresh copy of the built distribution (first
# start, creates the Derby database) and on restarts; then the resident memory of the Karaf JVM after boot.
# Prints figures; asserts nothing. Usage: benchmarks/boot.sh [restarts=3]
set -euo pipefail
cd "$(dirname "$0")/.."
restarts=${1:-3}
src=karaf-assembly/target/assembly
[ -x "$src/bin/karaf" ] || { echo "build first: mvn -B -DskipTests install" >&2; exit 1; }
work=$(mktemp -d)
trap 'JAVA_HOME=$JAVA_HOME "$work/onegrid/bin/stop" >/dev/null 2>&1 || true; sleep 2; rm -rf "$work"' EXIT
cp -r "$src" "$work/onegrid"
rm -rf "$work/onegrid/data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
sed -i "s/^org.osgi.service.http.port.*/org.osgi.service.http.port = $port/" "$work/onegrid/etc/org.ops4j.pax.web.cfg"
sed -i "s/^sshPort.*/sshPort = 0/" "$work/onegrid/etc/org.apache.karaf.shell.cfg"
# the embedded MQTT broker on a free port too (a Mosquitto on 1883 would keep health DOWN), the gateway on it
mqtt=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
[ -f "$work/onegrid/etc/io.onegrid.broker.cfg" ] && sed -i "s/^port=.*/port=$mqtt/" "$work/onegrid/etc/io.onegrid.broker.cfg"
echo "brokerUrl=tcp://127.0.0.1:$mqtt" >> "$work/onegrid/etc/io.onegrid.device.mqtt.cfg"
sed -i "s/^rmiRegistryPort.*/rmiRegistryPort = $((port + 1))/; s/^rmiServerPort.*/rmiServerPort = $((port + 2))/" \
  "$work/onegrid/etc/org.apache.karaf.management.cfg"
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
health="http://127.0.0.1:$port/api/v1/health"

java_pid() { pgrep -f "java.*$work/onegrid" | head -1; }

boot() {
  local start end
  start=$(date +%s%N)
  "$work/onegrid/bin/start"
  until curl -sf "$health" >/dev/null 2>&1; do
    sleep 0.1
    if [ $(( ($(date +%s%N) - start) / 1000000000 )) -gt 180 ]; then echo "no UP within 180 s" >&2; exit 1; fi
  done
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 ))"
}

stop() {
  "$work/onegrid/bin/stop" >/dev/null 2>&1 || true
  while [ -n "$(java_pid)" ]; do sleep 0.2; done
}

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1)"
first=$(boot)
echo "first start (new Derby database): launch -> health UP ${first} ms"
sleep 10
rss=$(awk '/VmRSS/ {print $2}' "/proc/$(java_pid)/status")
echo "resident memory 10 s after boot: $((rss / 1024)) MiB"
stop
for i in $(seq 1 "$restarts"); do
  echo "restart $i: launch -> health UP $(boot) ms"
  stop
done
