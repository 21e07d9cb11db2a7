#!/usr/bin/env bash
# Profiles one case of the echo benchmark (issue 3; see docs/benchmarks.md): one server, one load run.
#
#   flock /tmp/mvn.lock bash benchmarks/profile-echo-case.sh MODE CONNS SIZE [jfr|perf|syscalls|heap]
#
# MODE is framework-echo, framework-line, netty-echo or netty-line. Build the jar first (the
# run-echo-bench.sh build, or SKIP_BUILD=1 after one). What each profile leaves in OUT
# (benchmarks/target/echo-profile):
#   jfr       MODE.jfr, a flight recording of the measured window (jfr print --events
#             jdk.ObjectAllocationSample MODE.jfr shows what the server allocates per message)
#   perf      MODE.perf, on-CPU samples of the server with Java frames (needs perf; read it with
#             perf report -i MODE.perf --no-children --sort dso,sym)
#   syscalls  MODE.syscalls, the server's system calls per thread (perf trace -s)
#   heap      MODE.heap-0 and MODE.heap-N, class histograms with 0 and CONNS idle connections
# Only 127.0.0.1 is used. Bounded: about 15 s.
set -euo pipefail

cd "$(dirname "$0")/.."
MODE=$1
CONNS=$2
SIZE=$3
KIND=${4:-jfr}
OUT=${OUT:-benchmarks/target/echo-profile}
JAR=benchmarks/target/benchmarks.jar
SERVER_JVM=(-Xms1g -Xmx1g -XX:+UseSerialGC)
LOAD_JVM=(-Xms1g -Xmx1g -XX:+UseSerialGC)
mkdir -p "$OUT"

case "$KIND" in
    jfr) SERVER_JVM+=("-XX:StartFlightRecording=filename=$OUT/$MODE.jfr,settings=profile,delay=4s,duration=3s") ;;
    perf) SERVER_JVM+=(-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -XX:+PreserveFramePointer) ;;
    syscalls | heap) ;;
    *) echo "unknown profile '$KIND': jfr, perf, syscalls or heap" >&2; exit 2 ;;
esac

taskset -c 0 java "${SERVER_JVM[@]}" -cp "$JAR" twisted.bench.echo.EchoServer "$MODE" > "$OUT/$MODE.out" 2> /dev/null &
SERVER=$!
trap 'kill $SERVER 2> /dev/null || true' EXIT
for _ in $(seq 100); do
    grep -q '^READY .* end$' "$OUT/$MODE.out" && break
    sleep 0.1
done
READY=$(grep -m1 '^READY .* end$' "$OUT/$MODE.out")
PORT=$(sed 's/.* port=\([0-9]*\).*/\1/' <<< "$READY")
CTRL=$(sed 's/.* ctrl=\([0-9]*\).*/\1/' <<< "$READY")

# The server's open file descriptors, from its control port.
fds() {
    local answer
    exec 4<> "/dev/tcp/127.0.0.1/$CTRL"
    echo fds >&4
    read -r -t 10 answer <&4
    exec 4>&-
    echo "${answer#fds=}"
}

load() {
    timeout 60 taskset -c 1 java "${LOAD_JVM[@]}" -cp "$JAR" twisted.bench.echo.EchoLoad mode="$MODE" port="$PORT" \
        ctrl="$CTRL" pid="$SERVER" conns="$CONNS" "$@" 2> /dev/null
}

case "$KIND" in
    heap)
        jcmd "$SERVER" GC.class_histogram > "$OUT/$MODE.heap-0"
        BASE=$(fds)
        load task=idle hold=10 &
        LOAD=$!
        for _ in $(seq 300); do
            (( $(fds) >= BASE + CONNS )) && break
            sleep 0.1
        done
        sleep 1
        jcmd "$SERVER" GC.class_histogram > "$OUT/$MODE.heap-$CONNS"
        wait "$LOAD"
        ;;
    perf | syscalls)
        load task=pingpong size="$SIZE" warmup=3 measure=4 &
        LOAD=$!
        sleep 4
        if [[ "$KIND" == perf ]]; then
            timeout 20 perf record -F 2000 -g -p "$SERVER" -o "$OUT/$MODE.perf" -- sleep 2 > /dev/null 2>&1
        else
            timeout 20 perf trace -s -p "$SERVER" -o "$OUT/$MODE.syscalls" -- sleep 2 > /dev/null 2>&1
        fi
        wait "$LOAD"
        ;;
    jfr)
        load task=pingpong size="$SIZE" warmup=3 measure=4
        sleep 1
        ;;
esac

{ exec 3<> "/dev/tcp/127.0.0.1/$CTRL" && echo quit >&3 && timeout 10 head -1 <&3 > /dev/null; exec 3>&-; } || true
wait "$SERVER" || true
trap - EXIT
ls -l "$OUT"/"$MODE".*
