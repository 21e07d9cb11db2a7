#!/usr/bin/env bash
# Start-up benchmark (issue 4): the demo with every service on, against a bare WebFlux app, and
# against the demo with its services switched off; the JVM's own "process running for" time, median of
# several alternating runs. Usage: bash benchmarks/run-startup-bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}
mvn -B -ntp -q -Pbench -DskipTests package -pl demo-app,benchmarks-bare-webflux -am
FLAGS="-Xms256m -Xmx256m -XX:TieredStopAtLevel=1"
NO_SERVICES="--twisted.services.echo.enabled=false --twisted.services.quote.enabled=false --twisted.services.chat.enabled=false --twisted.services.httpEcho.enabled=false"
measure() { # jar args... -> seconds
  local log; log=$(mktemp)
  java $FLAGS -jar "$@" --server.port=0 --twisted.services.echo.endpoint=tcp:0 --twisted.services.quote.endpoint=tcp:0 \
    --twisted.services.chat.endpoint=tcp:0 --twisted.services.httpEcho.endpoint=tcp:0 > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q "process running for" "$log" && break; sleep 0.1; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sed -n 's/.*process running for \([0-9.]*\)).*/\1/p' "$log" | head -1
  rm -f "$log"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
bare=(); demo=(); off=()
for i in $(seq 1 "$RUNS"); do
  bare+=("$(measure benchmarks-bare-webflux/target/bare-webflux.jar)")
  demo+=("$(measure demo-app/target/demo-app.jar)")
  off+=("$(measure demo-app/target/demo-app.jar $NO_SERVICES)")
done
b=$(printf '%s\n' "${bare[@]}" | median); d=$(printf '%s\n' "${demo[@]}" | median); o=$(printf '%s\n' "${off[@]}" | median)
echo "bare WebFlux:             ${bare[*]}  median $b s"
echo "demo, services off:       ${off[*]}  median $o s"
echo "demo, all services on:    ${demo[*]}  median $d s"
awk -v b="$b" -v d="$d" -v o="$o" 'BEGIN {printf "demo / bare = %.2f ; demo / demo-without-services = %.2f\n", d/b, d/o}'
