# Shell helpers the load scripts share (sourced by run-smtp-load.sh and run-imap-load.sh): free
# ports, process trees, their CPU time and memory, waiting for a server's greeting, and stopping a
# daemon with every child it started.

TICKS="$(getconf CLK_TCK)"

free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# a process and all its descendants
tree_of() {
    local pid="$1" child
    echo "$pid"
    for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
        tree_of "$child"
    done
}

# CPU seconds of a process tree: utime+stime+cutime+cstime of each (fields 14-17 of /proc/PID/stat)
cpu_of() {
    local total=0 pid ticks
    for pid in $(tree_of "$1"); do
        ticks="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13 + $14 + $15}')" || continue
        total=$((total + ${ticks:-0}))
    done
    awk -v t="$total" -v hz="$TICKS" 'BEGIN {printf "%.2f", t / hz}'
}

# the same, split, in ticks: "own" (utime+stime of the processes alive now) and "reaped"
# (cutime+cstime: the children that have exited, such as OpenSMTPD's delivery processes)
cpu_split_of() {
    local own=0 reaped=0 pid fields
    for pid in $(tree_of "$1"); do
        fields="$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13, $14 + $15}')" || continue
        own=$((own + ${fields% *}))
        reaped=$((reaped + ${fields#* }))
    done
    echo "$own $reaped"
}

# resident memory of a process tree
rss_of() {
    local total=0 pid kb
    for pid in $(tree_of "$1"); do
        kb="$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)" || continue
        total=$((total + ${kb:-0}))
    done
    echo "$((total / 1024)) MB"
}

# waits (30 s at most) until the server on PORT greets with a line starting with GREETING; on
# failure, or if process PID exits first, prints LOG and fails
wait_greeting() {
    local port="$1" pid="$2" log="$3" greeting="$4"
    for _ in $(seq 300); do
        if /usr/bin/python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1', $port), 1); \
sys.exit(0 if s.recv(${#greeting}) == b'$greeting' else 1)" 2>/dev/null; then
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; return 1; }
        sleep 0.1
    done
    cat "$log" >&2
    return 1
}

# stops PID and every process of its tree (TREE: the ids seen earlier, the current ones added):
# SIGTERM, then SIGKILL by id for any still alive after 5 s
stop_tree() {
    local pid="$1" tree="$2 $(tree_of "$1" 2>/dev/null || true)" alive p
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
        alive=
        for p in $tree; do kill -0 "$p" 2>/dev/null && alive="$alive $p"; done
        [[ -z "$alive" ]] && break
        sleep 0.1
    done
    for p in $alive; do kill -9 "$p" 2>/dev/null || true; done
}
