#!/usr/bin/env bash
# Start-up benchmark (issues 4 and 10): three variants side by side, interleaved run by run:
#   bare     benchmarks-bare-webflux: WebFlux and one controller, nothing else;
#   starter  benchmarks-bare-starter: the same source, plus twisted-spring-starter and nothing else;
#   deps     the starter's jar with Twisted's own auto-configurations excluded: what the Boot modules the
#            starter brings (Actuator and Micrometer, Spring Security core, Spring Data R2DBC) cost alone;
#   demo     demo-app with every service on.
# starter - deps is the cost of Twisted's own code.
# Each run is the JVM's own "process running for" time from Spring Boot's start-up line; the script
# prints every run and the median per variant. Usage: bash benchmarks/run-startup-bench.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-11}
# the jars are removed first: an unchanged module's jar is otherwise kept, with its stale nested jars
rm -f demo-app/target/demo-app.jar* benchmarks-bare-webflux/target/bare-webflux.jar* benchmarks-bare-starter/target/bare-starter.jar*
mvn -B -ntp -q -Pbench -DskipTests package -pl demo-app,benchmarks-bare-webflux,benchmarks-bare-starter -am
FLAGS="-Xms256m -Xmx256m -XX:TieredStopAtLevel=1"
TWISTED_AUTOCONFIGURATIONS=$(paste -sd, twisted-spring-autoconfigure/src/main/resources/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports)
DEMO_PORTS="--twisted.services.echo.endpoint=tcp:0 --twisted.services.quote.endpoint=tcp:0 --twisted.services.chat.endpoint=tcp:0 --twisted.services.httpEcho.endpoint=tcp:0 --twisted.services.echo-cred.endpoint=tcp:0"
measure() { # jar args... -> seconds
  local log; log=$(mktemp)
  java $FLAGS -jar "$@" --server.port=0 > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do grep -q "process running for" "$log" && break; sleep 0.05; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local seconds; seconds=$(sed -n 's/.*process running for \([0-9.]*\)).*/\1/p' "$log" | head -1)
  [ -n "$seconds" ] || { echo "no start-up line from $1:" >&2; tail -20 "$log" >&2; exit 1; }
  rm -f "$log"; echo "$seconds"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
bare=(); starter=(); deps=(); demo=()
for i in $(seq 1 "$RUNS"); do
  bare+=("$(measure benchmarks-bare-webflux/target/bare-webflux.jar)")
  starter+=("$(measure benchmarks-bare-starter/target/bare-starter.jar)")
  deps+=("$(measure benchmarks-bare-starter/target/bare-starter.jar --spring.autoconfigure.exclude="$TWISTED_AUTOCONFIGURATIONS")")
  demo+=("$(measure demo-app/target/demo-app.jar $DEMO_PORTS)")
done
b=$(printf '%s\n' "${bare[@]}" | median); s=$(printf '%s\n' "${starter[@]}" | median); d=$(printf '%s\n' "${demo[@]}" | median)
p=$(printf '%s\n' "${deps[@]}" | median)
echo "bare WebFlux:               ${bare[*]}  median $b s"
echo "bare WebFlux + the starter: ${starter[*]}  median $s s"
echo "  its dependencies only:    ${deps[*]}  median $p s"
echo "demo, every service on:     ${demo[*]}  median $d s"
awk -v b="$b" -v s="$s" -v p="$p" -v d="$d" 'BEGIN {printf "starter / bare = %.2f (its dependencies %.2f, Twisted\x27s own code %+.0f ms = %.1f%% of bare) ; demo / bare = %.2f\n", s/b, p/b, (s-p)*1000, (s-p)/b*100, d/b}'
