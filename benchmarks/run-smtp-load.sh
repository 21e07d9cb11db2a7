#!/usr/bin/env bash
# The SMTP load benchmark (issue 13; results in docs/benchmarks.md, "SMTP delivery through the
# wire"). Builds the benchmarks jar, then runs twisted.bench.mail.SmtpLoad: CONNECTIONS plain-socket
# SMTP clients each send SIZE-byte messages in a loop on one connection (MAIL, RCPT, DATA, the
# message, wait for the 250 after the final dot), WARMUP seconds then DURATION measured; it prints
# messages accepted per second (250 after DATA) and that reply's latency, and checks that the files
# that landed in the maildir's new/ equal the 250s.
#
#   flock /tmp/mvn.lock bash benchmarks/run-smtp-load.sh                 # interleaved (the default)
#   flock /tmp/mvn.lock bash benchmarks/run-smtp-load.sh interleaved     # both servers, ROUNDS rounds each
#   flock /tmp/mvn.lock bash benchmarks/run-smtp-load.sh twisted         # our SMTP server only
#   flock /tmp/mvn.lock bash benchmarks/run-smtp-load.sh opensmtpd       # OpenSMTPD only
#   flock /tmp/mvn.lock bash benchmarks/run-smtp-load.sh fsyncs          # syscall counts per message (strace)
#   flock /tmp/mvn.lock bash benchmarks/run-smtp-load.sh 127.0.0.1:25    # a running server (no file check
#                                                                        #  unless MAILDIR is set)
#
# Target "twisted": twisted.bench.mail.SmtpServer from the same jar (SMTPFactory, LocalDelivery for
# bench.test into a MaildirStore under the run's directory; one event loop, the reactor's default
# pool of 10 threads for the file work; JVM heap SERVER_HEAP, 512m unless set).
#
# Target "opensmtpd": Debian's /usr/sbin/smtpd (must run as root), in the foreground (-d), on
# 127.0.0.1 and a free port, with a configuration written here: mail for bench@bench.test goes to a
# maildir under the run's directory (delivered as the user nobody), and the one limit that would
# refuse the load raised (smtp limit max-mails, 100 messages per session by default). OpenSMTPD's
# queue (/var/spool/smtpd) and control socket (/run/smtpd.sock) are fixed paths, so it runs in a
# private mount namespace (unshare) where the run's directory is bind-mounted over /var/spool and
# /run: its queue is then on the same file system as both maildirs, and it cannot meet another
# smtpd on this machine (the tests start their own).
#
# Both servers are started once and stay up across the rounds; before each round the maildir's
# new/ is emptied and synced, and each round's server CPU (utime+stime of the whole process tree,
# children reaped included) is read before and after the round (warm-up, measurement and, for
# OpenSMTPD, the queue drain). A round starts with a new, empty new/ directory. Everything is stopped when the script ends (trap), and the run's
# directory removed unless KEEP=1.
#
# Exit status 1 when any round had an unexpected reply, a lost connection or a file count in new/
# that did not equal its 250s.
#
# Settings (environment): CONNECTIONS (8), SIZE (4096), DURATION (20), WARMUP (5), ROUNDS (3),
# DRAIN_TIMEOUT (120), SERVER_HEAP (512m), POOL (10: our reactor's thread pool), WORKDIR (/tmp: where
# the run's directory goes; it must not be a tmpfs), SKIP_BUILD=1 to reuse the jar, MVN_FLAGS (-o),
# LOAD_CP (a class path holding SmtpLoad and SmtpServer to use instead of the jar; implies
# SKIP_BUILD=1), KEEP=1 to keep the run's directory, MAILDIR (host:port target: the maildir to check).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/peer-lib.sh
TARGET="${1:-interleaved}"
if [[ "${SKIP_BUILD:-0}" != 1 && -z "${LOAD_CP:-}" ]]; then
    mvn -B -ntp ${MVN_FLAGS:--o} -q -Pbench -DskipTests package -pl benchmarks -am
fi
CP="${LOAD_CP:-benchmarks/target/benchmarks.jar}"
CONNECTIONS="${CONNECTIONS:-8}"
SIZE="${SIZE:-4096}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-5}"
ROUNDS="${ROUNDS:-3}"
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-120}"

DIR="$(mktemp -d "${WORKDIR:-/tmp}/smtp-load.XXXXXX")"
chmod 755 "$DIR"
TWISTED_PID=
SMTPD_PID=
SMTPD_TREE=
cleanup() {
    if [[ -n "$TWISTED_PID" ]]; then
        kill "$TWISTED_PID" 2>/dev/null || true
        wait "$TWISTED_PID" 2>/dev/null || true
    fi
    if [[ -n "$SMTPD_PID" ]]; then
        # its children leave when the parent goes; any still here after 5 s are killed by their ids
        stop_tree "$SMTPD_PID" "$SMTPD_TREE"
    fi
    if [[ "${KEEP:-0}" == 1 ]]; then
        echo "kept $DIR"
    else
        rm -rf "$DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_twisted() {
    java -Xms"${SERVER_HEAP:-512m}" -Xmx"${SERVER_HEAP:-512m}" -cp "$CP" \
        twisted.bench.mail.SmtpServer "$DIR/twisted" 0 "${POOL:-10}" > "$DIR/twisted.log" 2>&1 &
    TWISTED_PID=$!
    for _ in $(seq 300); do
        grep -q "^listening on " "$DIR/twisted.log" && break
        kill -0 "$TWISTED_PID" 2>/dev/null || { cat "$DIR/twisted.log" >&2; exit 1; }
        sleep 0.1
    done
    TWISTED_PORT="$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$DIR/twisted.log")"
    [[ -n "$TWISTED_PORT" ]] || { cat "$DIR/twisted.log" >&2; exit 1; }
    wait_greeting "$TWISTED_PORT" "$TWISTED_PID" "$DIR/twisted.log" "220"
    echo "twisted-spring SMTP server (pid $TWISTED_PID) on 127.0.0.1:$TWISTED_PORT: $(grep '^listening on ' "$DIR/twisted.log")"
}

start_opensmtpd() {
    local smtpd=/usr/sbin/smtpd
    [[ -x "$smtpd" ]] || { echo "OpenSMTPD is not installed (Debian: apt-get install opensmtpd)" >&2; exit 1; }
    [[ "$(id -u)" == 0 ]] || { echo "OpenSMTPD must be started as root" >&2; exit 1; }
    SMTPD_PORT="$(free_port)"
    mkdir -p "$DIR/var-spool" "$DIR/run" "$DIR/opensmtpd/bench/new" "$DIR/opensmtpd/bench/cur" "$DIR/opensmtpd/bench/tmp"
    chown -R nobody "$DIR/opensmtpd"
    cat > "$DIR/smtpd.conf" <<CONF
# Generated by benchmarks/run-smtp-load.sh
table vusers { "bench@bench.test" = "nobody" }
listen on 127.0.0.1 port $SMTPD_PORT hostname bench.local
# 100 messages per session by default; the load sends all its messages on CONNECTIONS sessions
smtp limit max-mails 1000000
action "bench" maildir "$DIR/opensmtpd/bench" virtual <vusers>
match from any for domain "bench.test" action "bench"
CONF
    "$smtpd" -n -f "$DIR/smtpd.conf" > /dev/null
    unshare --mount --propagation private /bin/sh -c \
        "mount --bind '$DIR/var-spool' /var/spool && mount --bind '$DIR/run' /run && exec $smtpd -d -f '$DIR/smtpd.conf'" \
        > "$DIR/opensmtpd.log" 2>&1 &
    SMTPD_PID=$!
    wait_greeting "$SMTPD_PORT" "$SMTPD_PID" "$DIR/opensmtpd.log" "220"
    SMTPD_TREE="$(tree_of "$SMTPD_PID")"
    echo "$("$smtpd" -h 2>&1 | sed -n 's/^version: //p') (pid $SMTPD_PID, $(echo $SMTPD_TREE | wc -w) processes) on 127.0.0.1:$SMTPD_PORT, queue $DIR/var-spool/smtpd"
}

# a new, empty new/ (an ext4 directory does not shrink when its files are deleted, and a large
# sparse one is slower to add to), owned as before, and the deletion synced before the round
fresh_new() {
    local maildir="$1" owner
    owner="$(stat -c %u:%g "$maildir/new")"
    mv "$maildir/new" "$maildir/new.old"
    mkdir -m 700 "$maildir/new"
    chown "$owner" "$maildir/new"
    rm -rf "$maildir/new.old"
    sync
}

SUMMARY="$DIR/summary"
: > "$SUMMARY"

# one round against one started server: empty new/, run the load, read the CPU before and after
round() {
    local name="$1" port="$2" pid="$3" maildir="$4" label="$5" before after out rc=0
    fresh_new "$maildir"
    before="$(cpu_of "$pid")"
    local split_before split_after
    split_before="$(cpu_split_of "$pid")"
    out="$DIR/round.out"
    /usr/bin/time -f "%U %S" -o "$DIR/load.cpu" \
        java -Xms256m -Xmx256m -cp "$CP" twisted.bench.mail.SmtpLoad --host 127.0.0.1 --port "$port" \
        --connections "$CONNECTIONS" --size "$SIZE" --duration "$DURATION" --warmup "$WARMUP" \
        --maildir "$maildir" --drain-timeout "$DRAIN_TIMEOUT" --label "$label" | tee "$out" || rc=$?
    echo "$label: the load tool's own CPU (user+system, whole run): $(awk '{printf "%.2f", $1 + $2}' "$DIR/load.cpu") s"
    after="$(cpu_of "$pid")"
    split_after="$(cpu_split_of "$pid")"
    if [[ "$name" == opensmtpd ]]; then
        echo "OpenSMTPD queue entries left: $(find "$DIR/var-spool/smtpd/queue" -type f | wc -l)"
    fi
    local cpu total
    cpu="$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a - b}')"
    total="$(sed -n 's/^RESULT .* accepted_total=\([0-9]*\) .*/\1/p' "$out")"
    echo "$label: server CPU in this round (warm-up, measured, drain): $cpu s;" \
        "per accepted message: $(awk -v c="$cpu" -v n="${total:-0}" 'BEGIN {printf "%.3f", (n > 0) ? c * 1000 / n : 0}') ms;" \
        "resident memory now: $(rss_of "$pid")"
    awk -v b="$split_before" -v a="$split_after" -v hz="$TICKS" -v l="$label" 'BEGIN {split(b, x, " "); split(a, y, " ");
        printf "%s: of which the processes still running %.2f s, children that exited (reaped) %.2f s\n", l,
        (y[1] - x[1]) / hz, (y[2] - x[2]) / hz}'
    echo "$(grep '^RESULT ' "$out") cpu_s=$cpu cpu_ms_per_msg=$(awk -v c="$cpu" -v n="${total:-0}" \
        'BEGIN {printf "%.3f", (n > 0) ? c * 1000 / n : 0}') rc=$rc" >> "$SUMMARY"
    echo
}

summary() {
    echo "Summary: $CONNECTIONS connections, $SIZE-byte messages, $WARMUP s warm-up, $DURATION s measured per round"
    echo
    echo "| round | target | **accepted/s** | p50 ms | p90 ms | **p99 ms** | p99.9 ms | max ms | errors | files in new/ = 250s | drain s | in new/ per s, end to end | server CPU s | CPU ms/msg |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"
    local n=0
    while read -r line; do
        n=$((n + 1))
        get() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        local files ok
        files="$(get files)"
        ok=MISMATCH
        [[ "${files%/*}" == "${files#*/}" ]] && ok="yes ($files)"
        printf '| %s | %s | **%s** | %s | %s | **%s** | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
            "$(get round)" "$(get label)" "$(printf "%'.0f" "$(get accepted_per_s)")" "$(get p50_ms)" "$(get p90_ms)" \
            "$(get p99_ms)" "$(get p999_ms)" "$(get max_ms)" "$(( $(get errors) + $(get lost) ))" "$ok" \
            "$(get drain_s)" "$(printf "%.0f" "$(get e2e_per_s)")" "$(get cpu_s)" "$(get cpu_ms_per_msg)"
    done < "$SUMMARY"
    echo
    awk '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}
          s[v["label"]] += v["accepted_per_s"]; e[v["label"]] += v["e2e_per_s"]; c[v["label"]] += v["cpu_ms_per_msg"];
          n[v["label"]]++}
         END {for (l in s) printf "mean over %d rounds, %s: %.0f accepted/s, %.0f landed in new/ per s end to end, %.3f server CPU ms per message\n",
              n[l], l, s[l] / n[l], e[l] / n[l], c[l] / n[l]}' "$SUMMARY" | sort
}

# strace -c over a short round: which file syscalls each server makes per accepted message
fsyncs() {
    local name="$1" port="$2" pid="$3" maildir="$4" pids trace rc=0
    pids="$(tree_of "$pid" | sed 's/^/-p /' | tr '\n' ' ')"
    trace="$DIR/strace-$name"
    fresh_new "$maildir"
    # shellcheck disable=SC2086
    strace -q -f -c -o "$trace" -e trace=fsync,fdatasync,sync_file_range,rename,renameat,renameat2,link,linkat,unlink,unlinkat,openat,write,writev,pwrite64 $pids 2> /dev/null &
    local strace_pid=$!
    sleep 2
    java -Xmx256m -cp "$CP" twisted.bench.mail.SmtpLoad --host 127.0.0.1 --port "$port" \
        --connections "$CONNECTIONS" --size "$SIZE" --duration "${FSYNC_DURATION:-5}" --warmup 0 \
        --maildir "$maildir" --drain-timeout "$DRAIN_TIMEOUT" --label "$name-under-strace" > "$DIR/fsync.out" || rc=$?
    sleep 1
    kill -INT "$strace_pid"
    wait "$strace_pid" || true
    local total
    total="$(sed -n 's/^RESULT .* accepted_total=\([0-9]*\) .*/\1/p' "$DIR/fsync.out")"
    grep -E '^(files|RESULT)' "$DIR/fsync.out"
    echo "$name: system calls per accepted message ($total messages, strace -f -c on the whole process tree; rc $rc):"
    awk -v n="$total" '$4 ~ /^[0-9]+$/ {printf "  %-12s %8d calls  %7.2f per message\n", $NF, $4, $4 / n}' "$trace"
    echo
}

echo "SMTP load run: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
echo "run directory $DIR on $(df -T "$DIR" | awk 'NR == 2 {print $1, $2}')"
case "$TARGET" in
    twisted)
        start_twisted
        for r in $(seq "$ROUNDS"); do round twisted "$TWISTED_PORT" "$TWISTED_PID" "$DIR/twisted/bench" "twisted round=$r"; done
        ;;
    opensmtpd)
        start_opensmtpd
        for r in $(seq "$ROUNDS"); do round opensmtpd "$SMTPD_PORT" "$SMTPD_PID" "$DIR/opensmtpd/bench" "opensmtpd round=$r"; done
        ;;
    interleaved)
        start_twisted
        start_opensmtpd
        echo
        for r in $(seq "$ROUNDS"); do
            # the order alternates (twisted first in odd rounds), so neither always runs second
            if (( r % 2 == 1 )); then order="twisted opensmtpd"; else order="opensmtpd twisted"; fi
            for t in $order; do
                if [[ "$t" == twisted ]]; then
                    round twisted "$TWISTED_PORT" "$TWISTED_PID" "$DIR/twisted/bench" "twisted round=$r"
                else
                    round opensmtpd "$SMTPD_PORT" "$SMTPD_PID" "$DIR/opensmtpd/bench" "opensmtpd round=$r"
                fi
            done
        done
        ;;
    fsyncs)
        command -v strace > /dev/null || { echo "strace is not installed" >&2; exit 1; }
        start_twisted
        start_opensmtpd
        # warm our JIT first, as the measured rounds do, so the counts are of the steady state
        java -Xmx256m -cp "$CP" twisted.bench.mail.SmtpLoad --host 127.0.0.1 --port "$TWISTED_PORT" \
            --connections "$CONNECTIONS" --size "$SIZE" --duration "$WARMUP" --warmup 0 > /dev/null
        fsyncs twisted "$TWISTED_PORT" "$TWISTED_PID" "$DIR/twisted/bench"
        fsyncs opensmtpd "$SMTPD_PORT" "$SMTPD_PID" "$DIR/opensmtpd/bench"
        exit 0
        ;;
    *:*)
        MAILDIR_ARG=()
        [[ -n "${MAILDIR:-}" ]] && MAILDIR_ARG=(--maildir "$MAILDIR")
        java -Xms256m -Xmx256m -cp "$CP" twisted.bench.mail.SmtpLoad --host "${TARGET%:*}" --port "${TARGET##*:}" \
            --connections "$CONNECTIONS" --size "$SIZE" --duration "$DURATION" --warmup "$WARMUP" \
            --drain-timeout "$DRAIN_TIMEOUT" "${MAILDIR_ARG[@]}"
        exit $?
        ;;
    *)
        echo "usage: $0 [interleaved|twisted|opensmtpd|fsyncs|host:port]" >&2
        exit 2
        ;;
esac
echo
summary
if grep -qv ' rc=0$' "$SUMMARY"; then
    echo "FAILED: a round had unexpected replies, lost connections or a file count that did not match (rc above)" >&2
    exit 1
fi
