#!/usr/bin/env bash
# Web benchmark (issue 5): hello world through a twisted.web Resource against a plain WebFlux
# @GetMapping, on the same demo server in the same run, driven by wrk (Debian's package).
# Usage: bash benchmarks/run-web-bench.sh [seconds-per-round] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_ROUND=${1:-10}
ROUNDS=${2:-3}
CONNECTIONS=${CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
[ -f demo-app/target/demo-app.jar ] || mvn -B -ntp -q -DskipTests package
PORT=18080
LOG=$(mktemp)
java -Xms256m -Xmx256m -jar demo-app/target/demo-app.jar --server.port=$PORT \
  --twisted.services.echo.endpoint=tcp:0 --twisted.services.quote.endpoint=tcp:0 \
  --twisted.services.chat.endpoint=tcp:0 --twisted.services.httpEcho.endpoint=tcp:0 \
  --logging.level.root=warn > "$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/hello" >/dev/null && break; sleep 1; done
run() { # url -> "requests/s p99"
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    END {printf "%s %s\n", rps, p99}'
}
echo "warming up..."
wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/hello" >/dev/null
wrk -t1 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/web/hello" >/dev/null
echo "| round | controller req/s | controller p99 ms | resource req/s | resource p99 ms | req/s ratio | p99 ratio |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  read -r c_rps c_p99 < <(run "http://127.0.0.1:$PORT/hello")
  read -r r_rps r_p99 < <(run "http://127.0.0.1:$PORT/web/hello")
  awk -v r="$round" -v a="$c_rps" -v b="$c_p99" -v c="$r_rps" -v d="$r_p99" \
    'BEGIN {printf "| %d | %.0f | %.2f | %.0f | %.2f | %.3f | %.3f |\n", r, a, b, c, d, c/a, d/b}'
done
