#!/usr/bin/env bash
# Start one reference IRC/chat server ("peer") for the benchmark and print its PID.
#
#   start-peer.sh ngircd|inspircd|seed PORT DIR
#
# The server listens on 127.0.0.1:PORT only and keeps its config, pid, log and
# MOTD files in DIR (created if missing). It runs in the background, detached
# from this script's stdout so that `pid=$(start-peer.sh ...)` returns at once.
# The PID printed is the server process itself (no wrapper shell), so
# /proc/PID/stat gives its CPU time and RSS. Stop it with stop-peer.sh PID.
#
# Environment:
#   PEER_CPU            run the server under `taskset -c $PEER_CPU` (e.g. 0 or 2-3)
#   PEER_NOFILE         open-file limit to ask for (default 65536)
#   PEER_START_TIMEOUT  seconds to wait for the listening socket (default 10)
#   SEED_SERVER         path of seed_server.py (default $REPO/../shared/peers/seed_server.py)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

die() { echo "start-peer: $*" >&2; exit 1; }

[[ $# -eq 3 ]] || die "usage: start-peer.sh ngircd|inspircd|seed PORT DIR"
name=$1 port=$2 dir=$3
if ! [[ $port =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
    die "bad port: $port"
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)   # configs need an absolute path: the servers chdir
[[ $dir != *$'\n'* ]] || die "DIR must not contain a newline"

# LISTEN sockets on 127.0.0.1:PORT or 0.0.0.0:PORT, as inode numbers. Read from
# /proc instead of connecting: a probe connection would be a client to the
# server (the seed server even treats it as a member and may crash on it).
listen_inodes() {
    local hexport
    hexport=$(printf '%04X' "$port")
    awk -v p="$hexport" '$4 == "0A" && ($2 == "0100007F:" p || $2 == "00000000:" p) { print $10 }' \
        /proc/net/tcp
}

# Refuse a busy port: we would otherwise mistake someone else's listener
# (a leftover peer, a distro daemon on 6667) for the server we just started.
[[ -z $(listen_inodes) ]] || die "127.0.0.1:$port is already in use"

# Replace @PORT@ and @DIR@; DIR is escaped for sed (\, & and the | delimiter).
render() {
    local template=$here/$1 out=$2 dir_esc
    [[ -r $template ]] || die "template missing: $template"
    dir_esc=$(printf '%s' "$dir" | sed -e 's/[\\&|]/\\&/g')
    sed -e "s|@PORT@|$port|g" -e "s|@DIR@|$dir_esc|g" "$template" >"$out"
}

# Opens 127.0.0.1:PORT with a large backlog as fd 3, then execs the rest of
# its arguments with LISTEN_PID/LISTEN_FDS set (systemd socket activation).
# exec keeps the PID, so the PID we print is still the server's.
socket_activate_py='
import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(4096)
if s.fileno() != 3:
    os.dup2(s.fileno(), 3)
os.set_inheritable(3, True)
os.environ["LISTEN_PID"] = str(os.getpid())
os.environ["LISTEN_FDS"] = "1"
os.execvp(sys.argv[2], sys.argv[2:])
'

case $name in
    ngircd)
        command -v ngircd >/dev/null || die "ngircd not installed (apt-get install ngircd)"
        render ngircd.conf.in "$dir/ngircd.conf"
        echo "ngIRCd benchmark peer" >"$dir/motd.txt"
        mkdir -p "$dir/conf.d"
        command -v python3 >/dev/null || die "python3 not installed (needed to pass ngIRCd its socket)"
        # ngIRCd calls listen() with a compiled-in backlog of 10, so a burst
        # of connects overflows the accept queue and the kernel makes clients
        # retry with exponential backoff (200 clients took 54 s). Its only way
        # around that is systemd(8) socket activation (ChangeLog, ngIRCd 21: it
        # takes listening sockets from fd 3 on when LISTEN_PID/LISTEN_FDS are
        # set, and then ignores Listen/Ports). So a few lines of Python open
        # the socket with a 4096 backlog and exec ngircd in the same process.
        # -n: stay in the foreground (no fork), so $! is the daemon itself.
        cmd=(python3 -c "$socket_activate_py" "$port" ngircd -n -f "$dir/ngircd.conf")
        ;;
    inspircd)
        command -v inspircd >/dev/null || die "inspircd not installed (apt-get install inspircd)"
        render inspircd.conf.in "$dir/inspircd.conf"
        echo "InspIRCd benchmark peer" >"$dir/motd.txt"
        # --nofork keeps the PID; InspIRCd refuses to start as root unless told.
        cmd=(inspircd --config "$dir/inspircd.conf" --nofork)
        (( EUID != 0 )) || cmd+=(--runasroot)
        ;;
    seed)
        seed=${SEED_SERVER:-$repo/../shared/peers/seed_server.py}
        [[ -r $seed ]] || die "seed server not found at $seed (it lives in the shared folder next to the repo; set SEED_SERVER to override)"
        command -v python3 >/dev/null || die "python3 not installed"
        # -u: unbuffered, so its output reaches the log if it crashes.
        cmd=(python3 -u "$seed" "$port")
        ;;
    *)
        die "unknown peer '$name' (ngircd, inspircd or seed)"
        ;;
esac

if [[ -n ${PEER_CPU:-} ]]; then
    command -v taskset >/dev/null || die "PEER_CPU is set but taskset is missing (util-linux)"
    # taskset execs the server, so the PID stays the server's.
    cmd=(taskset -c "$PEER_CPU" "${cmd[@]}")
fi

# 10,000 connections need more descriptors than the usual 1024. Raise the hard
# limit if we may (root with CAP_SYS_RESOURCE), else take what the hard limit
# allows and say so: the idle test then tops out there.
want=${PEER_NOFILE:-65536}
hard=$(ulimit -Hn)
if [[ $hard != unlimited ]] && (( hard < want )); then
    ulimit -Hn "$want" 2>/dev/null || true
    hard=$(ulimit -Hn)
fi
if [[ $hard != unlimited ]] && (( hard < want )); then
    echo "start-peer: warning: open-file hard limit is $hard, below $want; using $hard" >&2
    want=$hard
fi
ulimit -Sn "$want"

# Start detached from our stdin/stdout so the caller's $(...) does not wait
# for the server; its console output goes to DIR.
cd "$dir"
"${cmd[@]}" </dev/null >"$dir/$name.out" 2>&1 &
pid=$!
echo "$pid" >"$dir/peer.pid"

# The server is our child until we exit, so if it dies now it stays a zombie
# that `kill -0` still finds; look at its state instead.
alive() {
    local state
    state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

# Poll every 0.1 s until the server owns a listening socket on the port.
timeout=${PEER_START_TIMEOUT:-10}
deadline=$(( $(date +%s%N) + timeout * 1000000000 ))
while :; do
    if ! alive; then
        tail -n 20 "$dir/$name.out" >&2 || true
        die "$name exited during start-up (log: $dir/$name.out)"
    fi
    for inode in $(listen_inodes); do
        # The listener must belong to our process, not to a neighbour.
        find "/proc/$pid/fd" -lname "socket:\[$inode\]" 2>/dev/null | grep -q . || continue
        # ngIRCd's socket is opened by the Python shim before the exec, so
        # also wait until ngIRCd itself has read its config and says so.
        if [[ $name == ngircd ]] && ! grep -q ') ready\.$' "$dir/$name.out" 2>/dev/null; then
            continue
        fi
        echo "$pid"
        exit 0
    done
    if (( $(date +%s%N) > deadline )); then
        kill "$pid" 2>/dev/null || true
        tail -n 20 "$dir/$name.out" >&2 || true
        die "$name did not listen on 127.0.0.1:$port within ${timeout}s (log: $dir/$name.out)"
    fi
    sleep 0.1
done
