#!/usr/bin/env bash
# The IMAP FETCH and SEARCH benchmark (issue 14; results in docs/benchmarks.md, "IMAP FETCH and
# SEARCH (issue 14)"). Builds the benchmarks jar, writes the mail once with
# twisted.bench.mail.ImapMessages (user "fetch": 1,000 messages in INBOX; user "search": 10,000),
# copies the tree once per target (so neither server sees the other's uidlist or index), starts
# the servers, then runs twisted.bench.mail.ImapLoad, a plain-socket IMAP client, per operation:
#   fetch    FETCH 1:1000 (FLAGS RFC822.SIZE ENVELOPE BODY.PEEK[])  (1,000 FETCH responses checked)
#   unseen   SEARCH UNSEEN over 10,000                               (match count checked)
#   subject  SEARCH SUBJECT needle over 10,000                       (match count checked)
#   body     SEARCH BODY needle over 10,000                          (match count checked)
# Each is one connection (LOGIN, SELECT INBOX, the command REPEAT times, LOGOUT); the server's CPU
# (utime+stime of its process tree, children reaped included) is read around it.
#
#   flock /tmp/mvn.lock bash benchmarks/run-imap-load.sh                # interleaved (the default)
#   flock /tmp/mvn.lock bash benchmarks/run-imap-load.sh interleaved    # both, alternating, ROUNDS rounds
#   flock /tmp/mvn.lock bash benchmarks/run-imap-load.sh twisted        # our IMAP server only
#   flock /tmp/mvn.lock bash benchmarks/run-imap-load.sh dovecot        # Dovecot only
#
# Target "twisted": twisted.bench.mail.ImapServer from the same jar (IMAPFactory over a
# MaildirStore on <run>/twisted, one event loop, the reactor's default pool of 10 threads for the
# file work, heap SERVER_HEAP, 512m unless set).
# Target "dovecot": Debian's /usr/sbin/dovecot in the foreground (-F) with a configuration written
# here (base_dir, state and log under the run's directory; passwd-file users; mail_location
# maildir:<run>/dovecot/%u owned by nobody:nogroup; no TLS, plain-text LOGIN allowed); it must
# run as root.
#
# Before the measured rounds every target gets one warm-up round (each operation WARMUP_REPEAT
# times, REPEAT unless set; not recorded): Dovecot builds its index and cache on first access, our server's JIT compiles, and
# both have moved new/ to cur/ and assigned UIDs. Everything is stopped when the script ends (trap)
# and the run's directory removed unless KEEP=1. Exit status 1 when any check failed.
#
# Settings (environment): ROUNDS (3), REPEAT (5: times each command is sent per round),
# WARMUP_REPEAT (REPEAT), FETCH_COUNT
# (1000), SEARCH_COUNT (10000), SERVER_HEAP (512m), POOL (10), WORKDIR (/tmp: not a tmpfs),
# SKIP_BUILD=1 to reuse the jar, MVN_FLAGS (-o), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/peer-lib.sh
TARGET="${1:-interleaved}"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    mvn -B -ntp ${MVN_FLAGS:--o} -q -Pbench -DskipTests package -pl benchmarks -am
fi
CP=benchmarks/target/benchmarks.jar
ROUNDS="${ROUNDS:-3}"
REPEAT="${REPEAT:-5}"
WARMUP_REPEAT="${WARMUP_REPEAT:-$REPEAT}"
FETCH_COUNT="${FETCH_COUNT:-1000}"
SEARCH_COUNT="${SEARCH_COUNT:-10000}"

DIR="$(mktemp -d "${WORKDIR:-/tmp}/imap-load.XXXXXX")"
chmod 755 "$DIR"
TWISTED_PID=
DOVECOT_PID=
DOVECOT_TREE=
cleanup() {
    if [[ -n "$TWISTED_PID" ]]; then
        kill "$TWISTED_PID" 2>/dev/null || true
        wait "$TWISTED_PID" 2>/dev/null || true
    fi
    if [[ -n "$DOVECOT_PID" ]]; then
        # its children leave when the parent goes; any still here after 5 s are killed by their ids
        stop_tree "$DOVECOT_PID" "$DOVECOT_TREE"
    fi
    if [[ "${KEEP:-0}" == 1 ]]; then
        echo "kept $DIR"
    else
        rm -rf "$DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# the mail, once; then one copy per target
generate() {
    java -cp "$CP" twisted.bench.mail.ImapMessages "$DIR/mail/fetch" "$FETCH_COUNT" > "$DIR/expected.fetch"
    java -cp "$CP" twisted.bench.mail.ImapMessages "$DIR/mail/search" "$SEARCH_COUNT" > "$DIR/expected.search"
    # shellcheck disable=SC1090
    eval "$(cat "$DIR/expected.search")"
    echo "mail: $(cat "$DIR/expected.fetch") (user fetch), $(cat "$DIR/expected.search") (user search);" \
        "$(du -sh --apparent-size "$DIR/mail/fetch" | cut -f1) and $(du -sh --apparent-size "$DIR/mail/search" | cut -f1)"
}

start_twisted() {
    cp -a "$DIR/mail" "$DIR/twisted"
    java -Xms"${SERVER_HEAP:-512m}" -Xmx"${SERVER_HEAP:-512m}" -cp "$CP" \
        twisted.bench.mail.ImapServer "$DIR/twisted" 0 "${POOL:-10}" > "$DIR/twisted.log" 2>&1 &
    TWISTED_PID=$!
    for _ in $(seq 300); do
        grep -q "^listening on " "$DIR/twisted.log" && break
        kill -0 "$TWISTED_PID" 2>/dev/null || { cat "$DIR/twisted.log" >&2; exit 1; }
        sleep 0.1
    done
    TWISTED_PORT="$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$DIR/twisted.log")"
    [[ -n "$TWISTED_PORT" ]] || { cat "$DIR/twisted.log" >&2; exit 1; }
    wait_greeting "$TWISTED_PORT" "$TWISTED_PID" "$DIR/twisted.log" "* OK"
    echo "twisted-spring IMAP server (pid $TWISTED_PID) on 127.0.0.1:$TWISTED_PORT: $(grep '^listening on ' "$DIR/twisted.log")"
}

start_dovecot() {
    local dovecot=/usr/sbin/dovecot
    [[ -x "$dovecot" ]] || { echo "Dovecot is not installed (Debian: dovecot-imapd)" >&2; exit 1; }
    [[ "$(id -u)" == 0 ]] || { echo "Dovecot must be started as root" >&2; exit 1; }
    cp -a "$DIR/mail" "$DIR/dovecot"
    chown -R nobody:nogroup "$DIR/dovecot"
    mkdir -p "$DIR/dovecot-run" "$DIR/dovecot-state"
    printf 'fetch:{PLAIN}bench::::::\nsearch:{PLAIN}bench::::::\n' > "$DIR/passwd"
    chmod 644 "$DIR/passwd"
    DOVECOT_PORT="$(free_port)"
    cat > "$DIR/dovecot.conf" <<CONF
# Generated by benchmarks/run-imap-load.sh
base_dir = $DIR/dovecot-run
state_dir = $DIR/dovecot-state
instance_name = imap-bench-$DOVECOT_PORT
log_path = $DIR/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$DIR/dovecot/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DIR/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$DIR/dovecot/%u
}
service imap-login {
  inet_listener imap {
    port = $DOVECOT_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
CONF
    "$dovecot" -F -c "$DIR/dovecot.conf" > "$DIR/dovecot.out" 2>&1 &
    DOVECOT_PID=$!
    wait_greeting "$DOVECOT_PORT" "$DOVECOT_PID" "$DIR/dovecot.log" "* OK"
    DOVECOT_TREE="$(tree_of "$DOVECOT_PID")"
    echo "Dovecot $("$dovecot" --version) (pid $DOVECOT_PID, $(echo $DOVECOT_TREE | wc -w) processes) on 127.0.0.1:$DOVECOT_PORT"
}

SUMMARY="$DIR/summary"
: > "$SUMMARY"
FAILED=0

# one operation against one server: REPEAT times on one connection, server CPU around it
operation() {
    local name="$1" port="$2" pid="$3" op="$4" repeat="$5" record="$6" before after rc=0 args
    if [[ "$op" == fetch ]]; then
        args=(--fetch-count "$FETCH_COUNT")
    else
        args=(--search-count "$SEARCH_COUNT" --searches "$op" --unseen "$UNSEEN" --subject "$SUBJECT" --body "$BODY")
    fi
    before="$(cpu_of "$pid")"
    java -Xms256m -Xmx256m -cp "$CP" twisted.bench.mail.ImapLoad --port "$port" --repeat "$repeat" \
        --label "$name" "${args[@]}" > "$DIR/op.out" || rc=$?
    after="$(cpu_of "$pid")"
    grep -v '^RESULT ' "$DIR/op.out" | sed "s/^/  /"
    [[ "$rc" == 0 ]] || FAILED=1
    if [[ "$record" == 1 ]]; then
        echo "$(grep '^RESULT ' "$DIR/op.out") cpu_s=$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.2f", a - b}') repeat=$repeat rc=$rc" >> "$SUMMARY"
    fi
}

round() {
    local name="$1" port="$2" pid="$3" repeat="$4" record="$5" op
    for op in fetch unseen subject body; do
        operation "$name" "$port" "$pid" "$op" "$repeat" "$record"
    done
    echo "  $name: resident memory now $(rss_of "$pid")"
}

summary() {
    echo
    echo "Summary: $ROUNDS rounds x $REPEAT commands per operation and target (after one warm-up round of $WARMUP_REPEAT each, not counted)"
    echo
    /usr/bin/python3 - "$SUMMARY" <<'PY'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    kv = dict(f.split("=", 1) for f in line.split()[1:])
    key = (kv["op"], kv["label"])
    r = rows.setdefault(key, {"samples": [], "cpu": 0.0, "n": 0, "bytes": int(kv["bytes"]), "messages": int(kv["messages"]), "rc": 0})
    r["samples"] += [float(x) for x in kv["samples_ms"].split(",")]
    r["cpu"] += float(kv["cpu_s"]); r["n"] += int(kv["repeat"]); r["rc"] |= int(kv["rc"])
def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs) + 0.5)) - 1))]
print("| operation | target | n | **p50 ms** | p90 ms | max ms | messages/s at p50 | MB/s at p50 | bytes a response | server CPU ms per command | checks |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for op in ("fetch", "unseen", "subject", "body"):
    for label in ("twisted", "dovecot"):
        r = rows.get((op, label))
        if not r: continue
        s = r["samples"]; p50 = pct(s, 50)
        print(f"| {op} | {label} | {len(s)} | **{p50:.1f}** | {pct(s, 90):.1f} | {max(s):.1f} | {r['messages'] / (p50 / 1000):,.0f} | "
              f"{r['bytes'] / 1e6 / (p50 / 1000):.1f} | {r['bytes']:,} | {r['cpu'] * 1000 / r['n']:.0f} | {'passed' if r['rc'] == 0 else 'FAILED'} |")
PY
}

echo "IMAP load run: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -1)"
echo "run directory $DIR on $(df -T "$DIR" | awk 'NR == 2 {print $1, $2}')"
generate
case "$TARGET" in
    twisted|dovecot|interleaved) ;;
    *) echo "unknown target $TARGET (interleaved, twisted, dovecot)" >&2; exit 2 ;;
esac
TARGETS=()
if [[ "$TARGET" != dovecot ]]; then start_twisted; TARGETS+=(twisted); fi
if [[ "$TARGET" != twisted ]]; then start_dovecot; TARGETS+=(dovecot); fi
sync
port_of() { if [[ "$1" == twisted ]]; then echo "$TWISTED_PORT"; else echo "$DOVECOT_PORT"; fi; }
pid_of() { if [[ "$1" == twisted ]]; then echo "$TWISTED_PID"; else echo "$DOVECOT_PID"; fi; }
for t in "${TARGETS[@]}"; do
    echo "warm-up round, $t (each operation $WARMUP_REPEAT times, not recorded):"
    round "$t" "$(port_of "$t")" "$(pid_of "$t")" "$WARMUP_REPEAT" 0
done
for r in $(seq "$ROUNDS"); do
    order=("${TARGETS[@]}")
    # alternate which target goes first
    if (( r % 2 == 0 && ${#TARGETS[@]} == 2 )); then order=("${TARGETS[1]}" "${TARGETS[0]}"); fi
    for t in "${order[@]}"; do
        echo "round $r, $t:"
        round "$t" "$(port_of "$t")" "$(pid_of "$t")" "$REPEAT" 1
    done
done
summary
if [[ -n "$DOVECOT_PID" ]] && grep -qiE 'error|panic|fatal' "$DIR/dovecot.log"; then
    echo "Dovecot's log has errors:"; grep -iE 'error|panic|fatal' "$DIR/dovecot.log" | head -20
fi
exit "$FAILED"
