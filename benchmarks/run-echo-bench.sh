#!/usr/bin/env bash
# TCP echo and line echo, the framework against raw Netty (issue 3; see docs/benchmarks.md).
#
# Run it while holding the machine's build lock, so no build competes for the CPU it measures:
#
#   flock /tmp/mvn.lock bash benchmarks/run-echo-bench.sh
#
# Settings (environment): REPS (4) repetitions of every case, WARMUP (2) and MEASURE (3) seconds per
# case, IDLE_CONNS (10000) and IDLE_REPS (2) for the idle-memory test, PIN (1: servers on CPU 0, the
# load tool on CPU 1, with taskset; 0: let the scheduler place them), SKIP_BUILD=1 to reuse the jar,
# MVN_FLAGS (-o) for the build, OUT (benchmarks/target/echo-bench) for the raw results and report.
# Everything listens on and connects to 127.0.0.1 only. About 10 minutes with the defaults.
set -euo pipefail

cd "$(dirname "$0")/.."
REPS=${REPS:-4}
WARMUP=${WARMUP:-2}
MEASURE=${MEASURE:-3}
IDLE_CONNS=${IDLE_CONNS:-10000}
IDLE_REPS=${IDLE_REPS:-2}
MVN_FLAGS=${MVN_FLAGS:--o}
OUT=${OUT:-benchmarks/target/echo-bench}
JAR=benchmarks/target/benchmarks.jar
# The same flags for all four servers; the load tool gets its own JVM. The heap is above 512 MB on
# purpose: at or below it, Netty 4.2's adaptive allocator runs in a low-memory mode (no thread-local
# magazines) that falls back to zeroed, unpooled direct buffers, a cost that then dominates the
# comparison (see docs/benchmarks.md).
SERVER_JVM=(-Xms1g -Xmx1g -XX:+UseSerialGC)
LOAD_JVM=(-Xms1g -Xmx1g -XX:+UseSerialGC)
CLK_TCK=$(getconf CLK_TCK)
SERVER_CPU=()
LOAD_CPU=()
if [[ "${PIN:-1}" == 1 ]] && command -v taskset > /dev/null && (( $(nproc) >= 2 )); then
    SERVER_CPU=(taskset -c 0)
    LOAD_CPU=(taskset -c 1)
fi

if [[ -e /tmp/mvn.lock ]] && flock -n /tmp/mvn.lock true; then
    echo "warning: /tmp/mvn.lock is free: run this under 'flock /tmp/mvn.lock' so builds do not skew it" >&2
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    # Not 'flock ... mvn' here: the caller holds the lock for the whole run.
    mvn -B -ntp $MVN_FLAGS -q -Pbench -DskipTests package -pl benchmarks -am
fi

mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: > "$RESULTS"
{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
    echo "kernel: $(uname -r)"
    echo "java: $(java -version 2>&1 | head -1)"
    echo "server JVM: ${SERVER_JVM[*]}"
    echo "load JVM: ${LOAD_JVM[*]}"
    echo "CLK_TCK: $CLK_TCK; reps $REPS; warm-up ${WARMUP} s; measured ${MEASURE} s; pinning: ${SERVER_CPU[*]:-none} / ${LOAD_CPU[*]:-none}"
} | tee "$OUT/machine.txt"

declare -A PORT CTRL PID
STARTED=()

# Starts the server for one mode in the background and reads its READY line (10 s at most).
start_server() {
    local mode=$1 log="$OUT/server-$1.out"
    "${SERVER_CPU[@]}" java "${SERVER_JVM[@]}" -cp "$JAR" twisted.bench.echo.EchoServer "$mode" > "$log" 2> "$OUT/server-$1.err" &
    local jpid=$!
    STARTED+=("$jpid")
    local line=""
    for _ in $(seq 100); do
        line=$(grep -m1 '^READY .* end$' "$log" || true)
        [[ -n "$line" ]] && break
        sleep 0.1
    done
    if [[ -z "$line" ]]; then
        echo "server $mode did not start; see $OUT/server-$mode.err" >&2
        exit 1
    fi
    PORT[$mode]=$(sed 's/.* port=\([0-9]*\).*/\1/' <<< "$line")
    CTRL[$mode]=$(sed 's/.* ctrl=\([0-9]*\).*/\1/' <<< "$line")
    PID[$mode]=$jpid
    echo "$line"
    # Framework and raw Netty must use the same I/O transport (epoll when its native library loads).
    local transport
    transport=$(sed 's/.* transport=\([a-z]*\).*/\1/' <<< "$line")
    TRANSPORT=${TRANSPORT:-$transport}
    [[ "$transport" == "$TRANSPORT" ]] || { echo "$mode uses $transport, another server $TRANSPORT" >&2; exit 1; }
}

# Asks the server to quit over its control port and waits for it (10 s, then it is killed).
stop_server() {
    local mode=$1 pid=${PID[$1]}
    { exec 3<> "/dev/tcp/127.0.0.1/${CTRL[$mode]}" && echo quit >&3 && timeout 10 head -1 <&3 > /dev/null; exec 3>&-; } || true
    for _ in $(seq 100); do
        kill -0 "$pid" 2> /dev/null || break
        sleep 0.1
    done
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
}

cleanup() {
    for pid in "${STARTED[@]}"; do
        kill "$pid" 2> /dev/null || true
    done
}
trap cleanup EXIT

# One load run; a failed one is reported and left out of the tables, and the suite goes on.
load() {
    timeout 120 "${LOAD_CPU[@]}" java "${LOAD_JVM[@]}" -cp "$JAR" twisted.bench.echo.EchoLoad clktck="$CLK_TCK" "$@" \
        | tee -a "$RESULTS" || echo "FAILED $*" | tee -a "$RESULTS" >&2
}

TRANSPORT=""
# ---- ping-pong: all four servers stay up; framework and Netty runs alternate, the order flipping every case
MODES=(framework-echo netty-echo framework-line netty-line)
for mode in "${MODES[@]}"; do
    start_server "$mode"
done
n=0
for rep in $(seq "$REPS"); do
    for kind in echo line; do
        for conns in 1 16 256; do
            for size in 64 4096; do
                pair=("framework-$kind" "netty-$kind")
                if (( (n + rep) % 2 == 1 )); then pair=("netty-$kind" "framework-$kind"); fi
                n=$((n + 1))
                for mode in "${pair[@]}"; do
                    load task=pingpong rep="$rep" mode="$mode" port="${PORT[$mode]}" pid="${PID[$mode]}" conns="$conns" \
                        size="$size" warmup="$WARMUP" measure="$MEASURE"
                done
            done
        done
    done
done
for mode in "${MODES[@]}"; do
    stop_server "$mode"
done

# ---- idle memory: a fresh server per measurement, 0 then IDLE_CONNS connections
for rep in $(seq "$IDLE_REPS"); do
    for kind in echo line; do
        pair=("framework-$kind" "netty-$kind")
        if (( rep % 2 == 0 )); then pair=("netty-$kind" "framework-$kind"); fi
        for mode in "${pair[@]}"; do
            start_server "$mode"
            load task=idle rep="$rep" mode="$mode" port="${PORT[$mode]}" ctrl="${CTRL[$mode]}" conns="$IDLE_CONNS"
            stop_server "$mode"
        done
    done
done

java -cp "$JAR" twisted.bench.echo.EchoReport "$RESULTS" | tee "$OUT/report.md"
