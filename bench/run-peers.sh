#!/usr/bin/env bash
# Runs the benchmark scenarios against Chatroom and the reference peers (ngircd, InspIRCd and the
# seed server from ../shared/peers), one server at a time, each pinned to CPU 0 while the load
# generator runs on CPU 1, each scenario RUNS times (default 3) on a freshly started server. Every
# server runs with its flood protection off by its own documented setting: Chatroom with
# rate.per_second = 0, ngircd with MaxPenaltyTime = 0, InspIRCd with a connect class without
# fake lag and with high thresholds (see bench/peers/). The JSON lines go to
# bench/results/<time>.jsonl and the table (medians) is printed at the end.
#
#   bench/run-peers.sh                         everything, 3 runs
#   RUNS=1 SERVERS="chatroom ngircd" bench/run-peers.sh
#   SCENARIOS="fanout lowrate" bench/run-peers.sh
#
# Servers: chatroom, chatroom-tls, ngircd, inspircd, seed. Scenarios: fanout (a sweep of rates
# with 100 members), fanout1000 (1,000 members at 500 msg/s), lowrate, slow-consumer, rooms,
# churn, idle (IDLE_CONNECTIONS, default 10000). Installs ngircd and InspIRCd from Debian when
# missing (as root). Needs Linux (taskset, /proc) and 2 CPUs or more.
set -euo pipefail
unset CDPATH

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
# shellcheck source=scripts/find-jdk.sh
source scripts/find-jdk.sh
require_jdk "bench/run-peers.sh" || exit 1

RUNS=${RUNS:-3}
SERVERS=${SERVERS:-chatroom ngircd inspircd seed}
SCENARIOS=${SCENARIOS:-fanout fanout1000 lowrate slow-consumer rooms churn idle}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
SERVER_CPU=${SERVER_CPU:-0}
GENERATOR_CPU=${GENERATOR_CPU:-1}
PORT=${BENCH_PORT:-17400}
mkdir -p bench/results
OUT=${OUT:-bench/results/$(date +%Y%m%d-%H%M%S).jsonl}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chat-bench.XXXXXX")
trap 'stop_server; rm -rf "$WORK"' EXIT

if [[ " $SERVERS " == *" ngircd "* || " $SERVERS " == *" inspircd "* ]]; then
  if ! command -v ngircd >/dev/null || ! command -v inspircd >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      echo "Installing ngircd and InspIRCd from Debian…" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q ngircd inspircd </dev/null >&2
      # Debian starts them as services on port 6667; the benchmark starts its own.
      pkill -x ngircd || true; pkill -x inspircd || true
    else
      echo "bench/run-peers.sh: ngircd and inspircd are needed: sudo apt-get install ngircd inspircd" >&2
      exit 1
    fi
  fi
fi

echo "Building chat-bench…" >&2
./mvnw -q -B -DskipTests -pl chat-bench -am package >&2
JAR=$root/chat-bench/target/chat-bench.jar
JAVA=$JAVA_HOME/bin/java

SERVER_PID=""
stop_server() {
  if [[ -n $SERVER_PID ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
}

# start_server NAME: starts it on a new port; sets SERVER_PID, PROTOCOL and PORT.
start_server() {
  local name=$1 dir
  PORT=$((PORT + 1))
  dir=$WORK/$name-$PORT
  mkdir -p "$dir"
  case $name in
    chatroom | chatroom-tls)
      local tls=(--no-tls)
      PROTOCOL=chat
      if [[ $name == chatroom-tls ]]; then tls=(); PROTOCOL=chat-tls; fi
      # Flood control off (rate.per_second = 0) and the connection caps above the test's needs.
      CHATROOM_RATE_PER_SECOND=0 CHATROOM_MAX_CONNECTIONS_PER_IP=1000000 CHATROOM_MAX_UNAUTHENTICATED_CONNECTIONS=100000 \
        taskset -c "$SERVER_CPU" "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$JAR" server \
        --data "$dir" --port "$PORT" "${tls[@]}" >"$dir/server.log" 2>&1 &
      SERVER_PID=$!
      local deadline=$((SECONDS + 30))
      until grep -q "listening on" "$dir/server.log"; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null || (( SECONDS > deadline )); then
          echo "Chatroom did not start; its log:" >&2; cat "$dir/server.log" >&2; exit 1
        fi
        sleep 0.1
      done
      ;;
    ngircd | inspircd | seed)
      PROTOCOL=irc
      [[ $name == seed ]] && PROTOCOL=seed
      SERVER_PID=$(PEER_CPU=$SERVER_CPU bench/peers/start-peer.sh "$name" "$PORT" "$dir")
      ;;
    *) echo "Unknown server '$name'" >&2; exit 2 ;;
  esac
}

# gen RUN ARGS...: the load generator, pinned, against the running server.
gen() {
  local run=$1
  shift
  taskset -c "$GENERATOR_CPU" "$JAVA" -jar "$JAR" run --server "$SERVER" --protocol "$PROTOCOL" --port "$PORT" \
    --server-pid "$SERVER_PID" --out "$OUT" --run "$run" "$@" >/dev/null || true
}

for run in $(seq "$RUNS"); do
  for SERVER in $SERVERS; do
    for scenario in $SCENARIOS; do
      [[ $scenario == rooms && $SERVER == seed ]] && continue # the seed server has one room
      echo "== run $run: $scenario on $SERVER" >&2
      start_server "$SERVER"
      case $scenario in
        fanout) gen "$run" --scenario fanout --members 100 --warmup-rate 5000 \
                  --rates 5000,10000,15000,20000,25000,30000,35000,40000 --seconds 4 ;;
        fanout1000) gen "$run" --scenario fanout --members 1000 --warmup-rate 500 --rates 500 --seconds 10 ;;
        lowrate) gen "$run" --scenario lowrate --warmup-rate 1000 --seconds 20 ;;
        slow-consumer) gen "$run" --scenario slow-consumer --warmup-rate 2000 --rates 2000 --seconds 10 ;;
        rooms) gen "$run" --scenario rooms --warmup-rate 2000 --rates 2000 --seconds 10 ;;
        churn) gen "$run" --scenario churn --warmup-rate 2000 --rates 2000 --seconds 10 --churn-rate 50 ;;
        # 200 logins at a time: InspIRCd completes a registration only in its once-a-second pass.
        idle) gen "$run" --scenario idle --connections "$IDLE_CONNECTIONS" --concurrency 200 ;;
        *) echo "Unknown scenario '$scenario'" >&2; exit 2 ;;
      esac
      stop_server
    done
  done
done

echo "Results: $OUT" >&2
"$JAVA" -jar "$JAR" report "$OUT"
