#!/usr/bin/env bash
# Stop a peer started by start-peer.sh:  stop-peer.sh PID [TIMEOUT_SECONDS]
#
# Sends SIGTERM (both IRC servers shut down cleanly on it), waits up to
# TIMEOUT (default 10 s) and then sends SIGKILL. Exits 0 once the process is
# gone. A plain `kill PID` works too; this script only adds the wait, so a
# following start on the same port does not find it still busy.
set -euo pipefail

die() { echo "stop-peer: $*" >&2; exit 1; }

[[ $# -ge 1 && $# -le 2 ]] || die "usage: stop-peer.sh PID [TIMEOUT_SECONDS]"
pid=$1 timeout=${2:-10}
[[ $pid =~ ^[0-9]+$ ]] || die "bad PID: $pid"

# Gone, or a zombie waiting for its parent to reap it (kill -0 still succeeds
# on zombies, but they hold no port and no memory).
gone() {
    local state
    [[ -r /proc/$pid/stat ]] || return 0
    state=$(awk '{ sub(/^.*\) /, ""); print $1 }' "/proc/$pid/stat" 2>/dev/null) || return 0
    [[ -z $state || $state == Z ]]
}

gone && exit 0

# Guard against a stale or mistyped PID: only ever signal one of our peers.
comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
case $comm in
    ngircd|inspircd|python3*) ;;
    *) die "PID $pid is '$comm', not a peer (ngircd, inspircd, python3); not killing it" ;;
esac

kill -TERM "$pid" 2>/dev/null || true
deadline=$(( $(date +%s%N) + timeout * 1000000000 ))
until gone; do
    if (( $(date +%s%N) > deadline )); then
        echo "stop-peer: $comm ($pid) ignored SIGTERM for ${timeout}s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
        deadline=$(( $(date +%s%N) + 5000000000 ))
        until gone; do
            (( $(date +%s%N) < deadline )) || die "$comm ($pid) survived SIGKILL"
            sleep 0.1
        done
        break
    fi
    sleep 0.1
done
