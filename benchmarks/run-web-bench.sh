#!/usr/bin/env bash
# Web benchmark (issue 9): the same small body (GET, 14 bytes, text/plain) from
#   bare      a plain WebFlux app (benchmarks-bare-webflux, one @GetMapping),
#   ctrl      the starter app (benchmarks-starter-web: twisted-spring-starter with its default
#             Actuator, no Spring Security) answering from a @GetMapping,
#   resource  the same app answering from a leaf twisted.web Resource at /web/hello,
# all three servers running at once and the wrk runs interleaved, the order rotating every round.
#
# Usage: bash benchmarks/run-web-bench.sh [seconds-per-round] [rounds]
# Environment:
#   CONNECTIONS=64      wrk connections (one wrk thread)
#   WARMUP=10           seconds of warm-up per target, done twice, before the rounds
#   SERVER_CPUS=0       taskset CPU list for the servers ("" = no pinning)
#   WRK_CPUS=1          taskset CPU list for wrk ("" = no pinning)
#   STARTER_ARGS=...    extra arguments for the starter app (e.g. --twisted.web.render-on=event-loop)
#   EXTRA_NAME/EXTRA_ARGS  start a second starter app with EXTRA_ARGS and measure it too
#   EXTRA_PATH=/web/hello  what to ask the second app (/hello for its controller)
#   STARTER_JAR=...     the starter app's jar (default benchmarks-starter-web/target/starter-web.jar)
#   OUT=dir             keep the raw wrk output there
# The script takes the machine lock (/tmp/mvn.lock) itself, for the build and the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${WEB_BENCH_LOCKED:-}" ]; then
  export WEB_BENCH_LOCKED=1
  exec flock /tmp/mvn.lock bash "$0" "$@"
fi
SECONDS_PER_ROUND=${1:-10}
ROUNDS=${2:-5}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-10}
SERVER_CPUS=${SERVER_CPUS-0}
WRK_CPUS=${WRK_CPUS-1}
STARTER_ARGS=${STARTER_ARGS:-}
EXTRA_NAME=${EXTRA_NAME:-}
EXTRA_ARGS=${EXTRA_ARGS:-}
EXTRA_PATH=${EXTRA_PATH:-/web/hello}
STARTER_JAR=${STARTER_JAR:-benchmarks-starter-web/target/starter-web.jar}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 1; }
if [ ! -f benchmarks-bare-webflux/target/bare-webflux.jar ] || [ ! -f benchmarks-starter-web/target/starter-web.jar ]; then
  mvn -B -ntp -q -Pbench -DskipTests package -pl benchmarks-bare-webflux,benchmarks-starter-web -am
fi
pin() { # cpus command... -> the command, pinned when cpus is set
  local cpus=$1; shift
  if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi
}
JAVA_OPTS="-Xms256m -Xmx256m"
PIDS=()
stop_servers() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop_servers EXIT
start() { # name jar port args...
  local name=$1 jar=$2 port=$3; shift 3
  # exec, so that $! is the JVM itself and the trap stops it (a JVM left behind would keep the lock)
  # shellcheck disable=SC2086
  if [ -n "$SERVER_CPUS" ]; then
    exec taskset -c "$SERVER_CPUS" java $JAVA_OPTS -jar "$jar" --server.port="$port" --logging.level.root=warn "$@" \
      > "$OUT/$name.log" 2>&1 &
  else
    exec java $JAVA_OPTS -jar "$jar" --server.port="$port" --logging.level.root=warn "$@" > "$OUT/$name.log" 2>&1 &
  fi
  PIDS+=($!)
}
start bare benchmarks-bare-webflux/target/bare-webflux.jar 18081
# shellcheck disable=SC2086
start starter "$STARTER_JAR" 18082 $STARTER_ARGS
NAMES=(bare ctrl resource)
URLS=(http://127.0.0.1:18081/hello http://127.0.0.1:18082/hello http://127.0.0.1:18082/web/hello)
if [ -n "$EXTRA_NAME" ]; then
  # shellcheck disable=SC2086
  start extra "$STARTER_JAR" 18083 $EXTRA_ARGS
  NAMES+=("$EXTRA_NAME")
  URLS+=("http://127.0.0.1:18083$EXTRA_PATH")
fi
for url in "${URLS[@]}"; do
  for _ in $(seq 1 90); do curl -sf "$url" >/dev/null && break; sleep 1; done
  curl -sf "$url" >/dev/null || { echo "no answer from $url; logs in $OUT" >&2; exit 1; }
done
run() { # name url round -> "requests/s p99-ms"
  pin "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_ROUND}s" --latency "$2" > "$OUT/$1-$3.txt"
  awk '
    /Requests\/sec/ {rps=$2}
    /^ +99%/ {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
    / Non-2xx/ {bad=1}
    END {if (bad) {print "non-2xx answers" > "/dev/stderr"; exit 1}; printf "%s %s\n", rps, p99}' "$OUT/$1-$3.txt"
}
echo "servers on CPUs '${SERVER_CPUS:-any}', wrk on CPUs '${WRK_CPUS:-any}', -c$CONNECTIONS, ${SECONDS_PER_ROUND}s x $ROUNDS rounds; raw output in $OUT"
echo "warming up ($WARMUP s per target, twice)..."
for _ in 1 2; do
  for i in "${!URLS[@]}"; do pin "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "${URLS[$i]}" >/dev/null; done
done
RESULTS="$OUT/results.txt"
: > "$RESULTS"
n=${#URLS[@]}
for round in $(seq 1 "$ROUNDS"); do
  for k in $(seq 0 $((n - 1))); do
    i=$(( (k + round - 1) % n ))   # rotate the order so no target always runs first
    read -r rps p99 < <(run "${NAMES[$i]}" "${URLS[$i]}" "$round")
    echo "$round ${NAMES[$i]} $rps $p99" >> "$RESULTS"
  done
done
awk -v names="${NAMES[*]}" '
  function median(a, m,   s, i, j, t) {
    for (i = 1; i <= m; i++) s[i] = a[i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (s[j] < s[i]) {t = s[i]; s[i] = s[j]; s[j] = t}
    return (m % 2) ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2
  }
  {rps[$1, $2] = $3; p99[$1, $2] = $4; if ($1 > rounds) rounds = $1}
  END {
    k = split(names, name, " ")
    head = "| round |"; line = "|---|"
    for (j = 1; j <= k; j++) {head = head " " name[j] " req/s | " name[j] " p99 ms |"; line = line "---|---|"}
    head = head " resource/ctrl | resource/bare | ctrl/bare |"; line = line "---|---|---|"
    for (j = 4; j <= k; j++) {head = head " " name[j] "/ctrl | " name[j] "/bare |"; line = line "---|---|"}
    print head; print line
    for (r = 1; r <= rounds; r++) {
      row = "| " r " |"
      for (j = 1; j <= k; j++) {row = row sprintf(" %.0f | %.2f |", rps[r, name[j]], p99[r, name[j]]); col[j, r] = rps[r, name[j]]; lat[j, r] = p99[r, name[j]]}
      rc[r] = rps[r, "resource"] / rps[r, "ctrl"]; rb[r] = rps[r, "resource"] / rps[r, "bare"]; cb[r] = rps[r, "ctrl"] / rps[r, "bare"]
      row = row sprintf(" %.3f | %.3f | %.3f |", rc[r], rb[r], cb[r])
      for (j = 4; j <= k; j++) {
        ex[j, r] = rps[r, name[j]] / rps[r, "ctrl"]; eb[j, r] = rps[r, name[j]] / rps[r, "bare"]
        row = row sprintf(" %.3f | %.3f |", ex[j, r], eb[j, r])
      }
      print row
    }
    row = "| median |"
    for (j = 1; j <= k; j++) {
      for (r = 1; r <= rounds; r++) {a[r] = col[j, r]; b[r] = lat[j, r]}
      row = row sprintf(" **%.0f** | **%.2f** |", median(a, rounds), median(b, rounds))
    }
    row = row sprintf(" **%.3f** | **%.3f** | **%.3f** |", median(rc, rounds), median(rb, rounds), median(cb, rounds))
    for (j = 4; j <= k; j++) {
      for (r = 1; r <= rounds; r++) {a[r] = ex[j, r]; b[r] = eb[j, r]}
      row = row sprintf(" **%.3f** | **%.3f** |", median(a, rounds), median(b, rounds))
    }
    print row
  }' "$RESULTS"
