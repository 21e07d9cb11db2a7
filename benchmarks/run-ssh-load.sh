#!/usr/bin/env bash
# The SSH load benchmark (issue 15; results in docs/benchmarks.md, "SSH (issue 15)"). Builds the
# benchmarks jar, starts two SSH servers from it (twisted.bench.ssh.SshServers) and runs
# twisted.bench.ssh.SshLoad against each, ROUNDS interleaved rounds (the order alternates):
#
#   twisted: our twisted.conch.ssh.SSHFactory (MINA SSHD's protocol, its I/O on our NettyReactor);
#   mina:    Apache MINA SSHD's own SshServer with its default NIO2 I/O.
#
# Both offer the same algorithms (twisted.conch.ssh.ModernAlgorithms), the same Ed25519 host key
# type, the user bench/bench, and the commands "count N" (N bytes on stdout) and "true". The client
# is MINA's SshClient (NIO2, the same algorithms; it accepts any host key: loopback only). Each
# round measures, per server:
#   (a) throughput: one session, "count BYTES" (256 MiB) read to the end, after a quarter-size
#       warm-up exec on the same session: MiB/s;
#   (b) sessions: CLIENTS threads each looping connect + password login + exec "true" + close,
#       WARMUP s unmeasured then DURATION s measured: sessions/s, p50 and p99 of a whole session.
# The server's CPU (utime+stime from /proc/PID/stat) is read before and after each of (a) and (b).
#
#   flock /tmp/mvn.lock bash benchmarks/run-ssh-load.sh        # or: ROUNDS=3 DURATION=10 ...
#
# Settings (environment): ROUNDS (3), BYTES (268435456), CLIENTS (8), DURATION (10), WARMUP (3),
# SERVER_HEAP (512m), SKIP_BUILD=1 to reuse the jar, MVN_FLAGS (-o). Exit status 1 when a round had
# a wrong byte count, a non-zero exit status or a failed session.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/peer-lib.sh
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -B -ntp ${MVN_FLAGS:--o} -q -Pbench -DskipTests package -pl benchmarks -am
fi
CP=benchmarks/target/benchmarks.jar
ROUNDS="${ROUNDS:-3}"
BYTES="${BYTES:-268435456}"
CLIENTS="${CLIENTS:-8}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"

DIR="$(mktemp -d /tmp/ssh-load.XXXXXX)"
declare -A PID PORT
cleanup() {
    for name in "${!PID[@]}"; do
        kill "${PID[$name]}" 2>/dev/null || true
        wait "${PID[$name]}" 2>/dev/null || true
    done
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() {
    local name="$1"
    java -Xms"${SERVER_HEAP:-512m}" -Xmx"${SERVER_HEAP:-512m}" -cp "$CP" twisted.bench.ssh.SshServers "$name" \
        > "$DIR/$name.log" 2>&1 &
    PID[$name]=$!
    for _ in $(seq 300); do
        grep -q "^listening on " "$DIR/$name.log" && break
        kill -0 "${PID[$name]}" 2>/dev/null || { cat "$DIR/$name.log" >&2; exit 1; }
        sleep 0.1
    done
    PORT[$name]="$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$DIR/$name.log")"
    [[ -n "${PORT[$name]}" ]] || { cat "$DIR/$name.log" >&2; exit 1; }
    echo "$name (pid ${PID[$name]}): $(grep '^listening on ' "$DIR/$name.log")"
}

SUMMARY="$DIR/summary"
: > "$SUMMARY"
FAILED=0

# one measurement against one server: the load's RESULT line plus the server's CPU seconds
measure() {
    local name="$1" round="$2" mode="$3" before after rc=0 line
    before="$(cpu_of "${PID[$name]}")"
    line="$(java -Xms256m -Xmx256m -cp "$CP" twisted.bench.ssh.SshLoad --port "${PORT[$name]}" --mode "$mode" \
        --bytes "$BYTES" --clients "$CLIENTS" --duration "$DURATION" --warmup "$WARMUP" \
        --label "$name" 2> "$DIR/load.err" | grep '^RESULT ')" || rc=$?
    after="$(cpu_of "${PID[$name]}")"
    [[ $rc == 0 ]] || { FAILED=1; cat "$DIR/load.err" >&2; }
    line="$line round=$round cpu_s=$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a - b}') rc=$rc"
    echo "$line"
    echo "$line" >> "$SUMMARY"
}

echo "SSH load run: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
start twisted
start mina
echo
for r in $(seq "$ROUNDS"); do
    if (( r % 2 == 1 )); then order="twisted mina"; else order="mina twisted"; fi
    for name in $order; do
        measure "$name" "$r" throughput
        measure "$name" "$r" sessions
    done
done

get() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
echo
echo "(a) throughput: one session, count $BYTES, read to the end"
echo
echo "| round | server | **MiB/s** | seconds | bytes exact, exit 0 | server CPU s | server CPU s per GiB |"
echo "|---:|---|---:|---:|---|---:|---:|"
grep 'mode=throughput' "$SUMMARY" | while read -r line; do
    printf '| %s | %s | **%s** | %s | %s | %s | %s |\n' "$(get "$line" round)" "$(get "$line" label)" \
        "$(get "$line" mib_per_s)" "$(get "$line" seconds)" "$(get "$line" ok)" "$(get "$line" cpu_s)" \
        "$(awk -v c="$(get "$line" cpu_s)" -v b="$BYTES" 'BEGIN {printf "%.2f", c / (b * 1.25 / 1073741824)}')"
done
echo
echo "(b) sessions: $CLIENTS clients, each connect + password login + exec true + close, $WARMUP s warm-up, $DURATION s measured"
echo
echo "| round | server | **sessions/s** | p50 ms | **p99 ms** | max ms | errors | server CPU s (warm-up + measured) | server CPU ms per session |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|"
grep 'mode=sessions' "$SUMMARY" | while read -r line; do
    printf '| %s | %s | **%s** | %s | **%s** | %s | %s | %s | %s |\n' "$(get "$line" round)" "$(get "$line" label)" \
        "$(get "$line" sessions_per_s)" "$(get "$line" p50_ms)" "$(get "$line" p99_ms)" "$(get "$line" max_ms)" \
        "$(get "$line" errors)" "$(get "$line" cpu_s)" \
        "$(awk -v c="$(get "$line" cpu_s)" -v n="$(get "$line" all_sessions)" \
            'BEGIN {printf "%.1f", (n > 0) ? c * 1000 / n : 0}')"
done
echo
# medians per server
for name in twisted mina; do
    med() { grep "label=$name mode=$1" "$SUMMARY" | tr ' ' '\n' | sed -n "s/^$2=//p" | sort -g \
        | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
    echo "median over $ROUNDS rounds, $name: $(med throughput mib_per_s) MiB/s (server CPU $(med throughput cpu_s) s);" \
        "$(med sessions sessions_per_s) sessions/s, p50 $(med sessions p50_ms) ms, p99 $(med sessions p99_ms) ms (server CPU $(med sessions cpu_s) s)"
done
if grep -qv ' rc=0$' "$SUMMARY" || [[ $FAILED == 1 ]]; then
    echo "FAILED: a round had a wrong byte count, a non-zero exit status or a failed session" >&2
    exit 1
fi
