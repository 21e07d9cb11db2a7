#!/usr/bin/env bash
# Profiles one case of the web benchmark (issue 9) with JFR: starts the starter app pinned as
# run-web-bench.sh does, warms up, records while wrk drives PATH, and prints the hottest frames
# (self time, then inclusive time for frames of the given packages) and the busy threads.
# Usage: bash benchmarks/profile-web-case.sh /web/hello [seconds] [starter app args...]
# Environment: CONNECTIONS=64, WARMUP=30, SERVER_CPUS=0, WRK_CPUS=1, OUT=dir, TOP=25, SETTINGS=default
#   (JFR settings; with "profile" and the server pinned to one core, the recording halved the
#   throughput and stretched p99 past a second, so compare shapes, not rates, between profiles),
#   PACKAGES="twisted. org.springframework. reactor. io.micrometer." (inclusive view)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${WEB_BENCH_LOCKED:-}" ]; then
  export WEB_BENCH_LOCKED=1
  exec flock /tmp/mvn.lock bash "$0" "$@"
fi
TARGET=${1:-/web/hello}
SECONDS_RECORDED=${2:-20}
shift $(( $# >= 2 ? 2 : $# ))
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-30}
SERVER_CPUS=${SERVER_CPUS-0}
WRK_CPUS=${WRK_CPUS-1}
TOP=${TOP:-25}
SETTINGS=${SETTINGS:-default}
PACKAGES=${PACKAGES:-twisted. org.springframework. reactor. io.micrometer. io.netty.}
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"
JAR=${STARTER_JAR:-benchmarks-starter-web/target/starter-web.jar}
pin() { local cpus=$1; shift; if [ -n "$cpus" ]; then taskset -c "$cpus" "$@"; else "$@"; fi; }
if [ -n "$SERVER_CPUS" ]; then
  exec taskset -c "$SERVER_CPUS" java -Xms256m -Xmx256m -jar "$JAR" --server.port=18084 "$@" > "$OUT/app.log" 2>&1 &
else
  exec java -Xms256m -Xmx256m -jar "$JAR" --server.port=18084 "$@" > "$OUT/app.log" 2>&1 &
fi
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT
URL="http://127.0.0.1:18084$TARGET"
for _ in $(seq 1 90); do curl -sf "$URL" >/dev/null && break; sleep 1; done
pin "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$URL" | grep "Requests/sec" | sed 's/^/warm-up without JFR: /'
jcmd $APP JFR.start name=web settings="$SETTINGS" filename="$OUT/web.jfr" >/dev/null
pin "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_RECORDED}s" --latency "$URL" | tee "$OUT/wrk.txt" | grep -E "Requests/sec|99%"
jcmd $APP JFR.stop name=web >/dev/null
jfr print --json --events jdk.ExecutionSample "$OUT/web.jfr" > "$OUT/samples.json"
python3 - "$OUT/samples.json" "$TOP" "$PACKAGES" <<'EOF'
import collections, json, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
top, packages = int(sys.argv[2]), sys.argv[3].split()
self_time, inclusive, threads = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    frames = e["values"]["stackTrace"]["frames"]
    threads[e["values"]["sampledThread"]["javaName"].rstrip("0123456789-")] += 1
    names = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in frames]
    if names:
        self_time[names[0]] += 1
    for name in set(names):
        if any(name.startswith(p) for p in packages):
            inclusive[name] += 1
n = len(events)
print(f"{n} samples")
print("threads:", ", ".join(f"{t} {c * 100 / n:.0f}%" for t, c in threads.most_common()))
print("\nself:")
for name, c in self_time.most_common(top):
    print(f"{c * 100 / n:5.1f}%  {name}")
print("\ninclusive:")
for name, c in inclusive.most_common(top * 2):
    print(f"{c * 100 / n:5.1f}%  {name}")
EOF
