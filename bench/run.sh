#!/usr/bin/env bash
# Gateway benchmark (issue 5, item 10): the gateway against the simulator directly, in one run, on
# a fixed CPU layout. Liberty runs pinned to one core (--server-cpu, default 0); the load
# generator (wrk, the streaming harness) and the simulator share the other (--load-cpu, default 1).
#
# What it does: builds (unless --skip-build), starts the simulator and Liberty as processes,
# provisions an OpenAI integration pointing at the simulator and a gateway API key through the
# admin API, warms up, then measures in the same run:
#   1. non-streaming latency with wrk at 1 and 16 connections, direct and through the gateway,
#      --reps times, alternating; added latency = gateway - direct (median of the per-rep deltas);
#   2. non-streaming throughput through the gateway at 16 connections;
#   3. streaming time-to-first-token and chunk counts (bench/StreamTtft.java, interleaved);
#   4. server CPU per request: the Liberty JVM's utime+stime (/proc/<pid>/stat) around a
#      fixed-count wrk run, divided by the requests it completed;
#   5. with --profile, a JFR CPU profile of the gateway under load (bench/JfrTop.java summary);
#   6. with --peer portkey, the Portkey gateway (@portkey-ai/gateway from npm, installed into
#      bench/target/, never committed) pinned to the same core, pointed at the same simulator,
#      measured in the same repetitions (latency, throughput, CPU per request), with the ratio.
# Prints a table and writes it to bench/results/gateway-<UTC time>.md. Everything it started is
# stopped on exit, failure and Ctrl-C included. See docs/benchmarks.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

REPS=5
DURATION=10
WARMUP=120
DROPINS=()
CPU_REQUESTS=auto
STREAM_REQUESTS=300
STREAM_WARMUP=100
BUILD=1
PROFILE=0
SERVER_CPU=0
LOAD_CPU=1
HTTP_PORT=${SWITCHBOARD_HTTP_PORT:-9186}
HTTPS_PORT=${SWITCHBOARD_HTTPS_PORT:-9586}
OUT_DIR=$ROOT/bench/results
PEER=
PORTKEY_VERSION=1.15.2
PEER_PORT=8797

usage() {
  cat <<EOF
Usage: bench/run.sh [options]
  --reps N             repetitions of each latency/throughput run (default $REPS; medians quoted)
  --duration S         seconds per wrk run (default $DURATION)
  --warmup S           seconds of warm-up load before measuring (default $WARMUP)
  --cpu-requests N     requests in the CPU-per-request run (default auto: about 10 s at the
                       gateway throughput just measured, at least 2000, at most 100000)
  --stream-requests N  streamed requests per target for time-to-first-token (default $STREAM_REQUESTS)
  --stream-warmup N    warm-up streamed requests per target before those (default $STREAM_WARMUP)
  --server-cpu C       the core Liberty is pinned to (default $SERVER_CPU)
  --load-cpu C         the core wrk, the harness and the simulator are pinned to (default $LOAD_CPU)
  --http-port P        Liberty HTTP port (default \$SWITCHBOARD_HTTP_PORT or 9186)
  --https-port P       Liberty HTTPS port (default \$SWITCHBOARD_HTTPS_PORT or 9586)
  --out DIR            where the results file goes (default bench/results)
  --skip-build         use the existing build (app-ear/target/liberty, the simulator jar)
  --profile            also record a JFR CPU profile of the gateway under load and summarise it
  --peer portkey       also measure the Portkey gateway ($PORTKEY_VERSION from npm, NODE_ENV=production)
                       on the server core against the same simulator, side by side
  --peer-version V     the @portkey-ai/gateway version (default $PORTKEY_VERSION)
  --peer-port P        its port (default $PEER_PORT)
  --config-dropin F    copy server.xml fragment F into the server's configDropins/overrides for
                       this run only (repeatable), to measure a configuration change
  --help               this text
EOF
}

USAGE=$(usage)
COMMAND_LINE="bench/run.sh $*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --cpu-requests) CPU_REQUESTS=$2; shift 2 ;;
    --stream-requests) STREAM_REQUESTS=$2; shift 2 ;;
    --stream-warmup) STREAM_WARMUP=$2; shift 2 ;;
    --server-cpu) SERVER_CPU=$2; shift 2 ;;
    --load-cpu) LOAD_CPU=$2; shift 2 ;;
    --http-port) HTTP_PORT=$2; shift 2 ;;
    --https-port) HTTPS_PORT=$2; shift 2 ;;
    --out) OUT_DIR=$2; shift 2 ;;
    --skip-build) BUILD=0; shift ;;
    --profile) PROFILE=1; shift ;;
    --peer) PEER=$2; shift 2 ;;
    --peer-version) PORTKEY_VERSION=$2; shift 2 ;;
    --peer-port) PEER_PORT=$2; shift 2 ;;
    --config-dropin)
      [[ -f $2 ]] || { echo "no such file: $2" >&2; exit 2; }
      DROPINS+=("$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --help|-h) echo "$USAGE"; exit 0 ;;
    *) echo "unknown option $1" >&2; echo "$USAGE" >&2; exit 2 ;;
  esac
done

log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }
die() { log "FAILED: $*"; exit 1; }

WORK=$ROOT/bench/target
WLP=$ROOT/app-ear/target/liberty/wlp
SERVER=switchboard
SIM_JAR=$ROOT/modules/simulator/target/switchboard-simulator.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
BASE=http://127.0.0.1:$HTTP_PORT
SIM_KEY=sim-bench-$RANDOM$RANDOM
ADMIN_PW=bench-admin-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
export WLP_OUTPUT_DIR=$WORK/wlp-output

[[ -z $PEER || $PEER == portkey ]] || { echo "unknown peer '$PEER' (known: portkey)" >&2; exit 2; }

# ---- cleanup: whatever happens, stop what this script started --------------------------------
SIM_PID=
PEER_PID=
CHILD_PID=
LIBERTY_STARTED=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $CHILD_PID ]] && kill -0 "$CHILD_PID" 2>/dev/null; then
    kill "$CHILD_PID" 2>/dev/null || true
    wait "$CHILD_PID" 2>/dev/null || true
  fi
  if [[ -n $PEER_PID ]] && kill -0 "$PEER_PID" 2>/dev/null; then
    log "stopping Portkey (pid $PEER_PID)"
    kill "$PEER_PID" 2>/dev/null || true
    wait "$PEER_PID" 2>/dev/null || true
  fi
  if [[ -n $SIM_PID ]] && kill -0 "$SIM_PID" 2>/dev/null; then
    log "stopping the simulator (pid $SIM_PID)"
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  for f in "${DROPINS[@]}"; do
    rm -f "$WLP/usr/servers/$SERVER/configDropins/overrides/bench-$(basename "$f")"
  done
  if [[ $LIBERTY_STARTED == 1 ]]; then
    log "stopping Liberty"
    "$WLP/bin/server" stop "$SERVER" >"$WORK/server-stop.log" 2>&1 || true
    local pidfile=$WLP_OUTPUT_DIR/.pid/$SERVER.pid
    if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      log "Liberty did not stop: killing pid $(cat "$pidfile")"
      kill "$(cat "$pidfile")" 2>/dev/null || true
    fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- preconditions ----------------------------------------------------------------------------
[[ $(nproc --all) -ge 2 ]] || die "needs at least 2 CPUs (server on one, load on another)"
[[ $SERVER_CPU != "$LOAD_CPU" ]] || die "--server-cpu and --load-cpu must differ"
command -v taskset >/dev/null || die "taskset (util-linux) is missing"
command -v curl >/dev/null || die "curl is missing"
if ! command -v wrk >/dev/null; then
  log "wrk is missing: installing it (apt-get)"
  apt-get update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null \
    || die "cannot install wrk"
fi
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
  die "something already listens on port $HTTP_PORT"
fi
mkdir -p "$WORK" "$OUT_DIR"

# ---- build ------------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  log "building (./mvnw -B -ntp -q verify -DskipTests)"
  ./mvnw -B -ntp -q verify -DskipTests >"$WORK/build.log" 2>&1 || {
    tail -40 "$WORK/build.log" >&2
    die "build failed (see $WORK/build.log)"
  }
fi
[[ -f $WLP/usr/servers/$SERVER/apps/switchboard.ear ]] || die "no packaged server at $WLP: build first"
[[ -f $SIM_JAR ]] || die "no simulator jar at $SIM_JAR: build first"

# ---- the simulator: its own process, on the load core -----------------------------------------
log "starting the simulator on CPU $LOAD_CPU"
taskset -c "$LOAD_CPU" "$JAVA" -jar "$SIM_JAR" --port 0 --api-key "$SIM_KEY" --delay-ms 0 \
  --threads 32 >"$WORK/simulator.log" 2>&1 &
SIM_PID=$!
SIM=
for _ in $(seq 1 60); do
  SIM=$(sed -n 's/^switchboard-simulator listening on \(http[^ ]*\).*/\1/p' "$WORK/simulator.log")
  [[ -n $SIM ]] && break
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$WORK/simulator.log" >&2; die "the simulator exited"; }
  sleep 1
done
[[ -n $SIM ]] || die "the simulator did not start (see $WORK/simulator.log)"
log "simulator at $SIM"

# ---- Liberty: pinned to the server core, fresh state under bench/target -----------------------
log "starting Liberty on CPU $SERVER_CPU, port $HTTP_PORT (output in $WLP_OUTPUT_DIR)"
rm -rf "$WLP_OUTPUT_DIR"
for f in "${DROPINS[@]}"; do
  [[ -f $f ]] || die "no such file: $f"
  mkdir -p "$WLP/usr/servers/$SERVER/configDropins/overrides"
  cp "$f" "$WLP/usr/servers/$SERVER/configDropins/overrides/bench-$(basename "$f")"
  log "configuration drop-in for this run: $f"
done
LIBERTY_STARTED=1
SWITCHBOARD_HTTP_PORT=$HTTP_PORT SWITCHBOARD_HTTPS_PORT=$HTTPS_PORT \
  SWITCHBOARD_NETWORK_ALLOW=127.0.0.1/32 SWITCHBOARD_ADMIN_PASSWORD=$ADMIN_PW \
  taskset -c "$SERVER_CPU" "$WLP/bin/server" start "$SERVER" >"$WORK/server-start.log" 2>&1 || {
  cat "$WORK/server-start.log" >&2
  die "server start failed"
}
PIDFILE=$WLP_OUTPUT_DIR/.pid/$SERVER.pid
[[ -f $PIDFILE ]] || die "no pid file $PIDFILE"
LIBERTY_PID=$(cat "$PIDFILE")
AFFINITY=$(taskset -cp "$LIBERTY_PID" | sed 's/.*: //')
[[ $AFFINITY == "$SERVER_CPU" ]] || die "Liberty (pid $LIBERTY_PID) runs on CPUs $AFFINITY, not $SERVER_CPU"
log "Liberty pid $LIBERTY_PID pinned to CPU $AFFINITY; waiting for readiness"
ready=0
for _ in $(seq 1 300); do
  if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/health/ready") == 200 ]]; then
    ready=1
    break
  fi
  kill -0 "$LIBERTY_PID" 2>/dev/null || die "Liberty exited (see $WLP_OUTPUT_DIR/$SERVER/logs)"
  sleep 1
done
[[ $ready == 1 ]] || die "Liberty not ready after 300 s (see $WLP_OUTPUT_DIR/$SERVER/logs)"
log "Liberty ready"

# ---- provisioning through the admin API --------------------------------------------------------
# api METHOD PATH USER:PASSWORD [JSON] -> body on stdout; dies unless 2xx.
api() {
  local method=$1 path=$2 cred=$3 body=${4:-}
  local args=(-sS -o "$WORK/reply.json" -w '%{http_code}' -u "$cred" -X "$method"
    -H 'Accept: application/json')
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  local status
  status=$(curl "${args[@]}" "$BASE$path")
  [[ $status == 2* ]] || die "$method $path answered $status: $(cat "$WORK/reply.json")"
  cat "$WORK/reply.json"
}
USER_NAME=bench-$RANDOM
USER_PW=bench-user-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
api POST /api/v1/accounts "admin:$ADMIN_PW" \
  "{\"username\":\"$USER_NAME\",\"password\":\"$USER_PW\",\"roles\":[\"user\"],\"workspace\":\"bench\"}" \
  >/dev/null
api POST /api/v1/integrations "$USER_NAME:$USER_PW" \
  "{\"name\":\"bench-sim\",\"providerId\":\"openai\",\"apiKey\":\"$SIM_KEY\",\"baseUrl\":\"$SIM/openai/v1\",\"models\":[{\"modelId\":\"gpt-4o-mini\"}]}" \
  >/dev/null
API_KEY=$(api POST /api/v1/api-keys "$USER_NAME:$USER_PW" '{"name":"bench"}' \
  | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')
[[ -n $API_KEY ]] || die "no gateway API key in the reply"
log "provisioned: workspace bench, integration bench-sim -> $SIM/openai/v1, a gateway key"

DIRECT_URL=$SIM/openai/v1/chat/completions
DIRECT_MODEL=gpt-4o-mini
GATEWAY_URL=$BASE/v1/chat/completions
GATEWAY_MODEL=openai/gpt-4o-mini

# One request each way, so a wiring mistake fails here and not as a table of errors.
for t in direct gateway; do
  if [[ $t == direct ]]; then url=$DIRECT_URL key=$SIM_KEY model=$DIRECT_MODEL
  else url=$GATEWAY_URL key=$API_KEY model=$GATEWAY_MODEL; fi
  status=$(curl -sS -o "$WORK/check-$t.json" -D "$WORK/check-$t.headers" -w '%{http_code}' \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    --data "{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" "$url")
  [[ $status == 200 ]] || die "$t check answered $status: $(cat "$WORK/check-$t.json")"
done
grep -i '^x-switchboard' "$WORK/check-gateway.headers" | tr -d '\r' | sed 's/^/    /' >&2 || true

# ---- the peer: Portkey from npm, on the server core, pointed at the same simulator ---------------
PEER_URL=http://127.0.0.1:$PEER_PORT/v1/chat/completions
PEER_HEADERS="x-portkey-provider: openai|x-portkey-custom-host: $SIM/openai/v1"
if [[ $PEER == portkey ]]; then
  command -v node >/dev/null && command -v npm >/dev/null || die "--peer portkey needs node and npm"
  PEER_DIR=$WORK/portkey-$PORTKEY_VERSION
  PEER_MAIN=$PEER_DIR/node_modules/@portkey-ai/gateway/build/start-server.js
  if [[ ! -f $PEER_MAIN ]]; then
    log "installing @portkey-ai/gateway@$PORTKEY_VERSION into ${PEER_DIR#"$ROOT"/} (npm)"
    mkdir -p "$PEER_DIR"
    npm install --prefix "$PEER_DIR" --no-audit --no-fund --silent \
      "@portkey-ai/gateway@$PORTKEY_VERSION" >"$WORK/portkey-install.log" 2>&1 \
      || die "npm install failed (see $WORK/portkey-install.log)"
  fi
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PEER_PORT/"; then
    die "something already listens on port $PEER_PORT"
  fi
  log "starting Portkey $PORTKEY_VERSION on CPU $SERVER_CPU, port $PEER_PORT"
  NODE_ENV=production taskset -c "$SERVER_CPU" node "$PEER_MAIN" --port="$PEER_PORT" --headless \
    >"$WORK/portkey.log" 2>&1 &
  PEER_PID=$!
  for _ in $(seq 1 60); do
    status=$(curl -sS -o "$WORK/check-peer.json" -w '%{http_code}' -H "Authorization: Bearer $SIM_KEY" \
      -H 'Content-Type: application/json' -H "x-portkey-provider: openai" \
      -H "x-portkey-custom-host: $SIM/openai/v1" \
      --data "{\"model\":\"$DIRECT_MODEL\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" \
      "$PEER_URL" 2>/dev/null) || status=000
    [[ $status == 200 ]] && break
    kill -0 "$PEER_PID" 2>/dev/null || { cat "$WORK/portkey.log" >&2; die "Portkey exited"; }
    sleep 1
  done
  [[ $status == 200 ]] || die "Portkey check answered $status: $(cat "$WORK/check-peer.json")"
  PEER_AFFINITY=$(taskset -cp "$PEER_PID" | sed 's/.*: //')
  [[ $PEER_AFFINITY == "$SERVER_CPU" ]] || die "Portkey runs on CPUs $PEER_AFFINITY, not $SERVER_CPU"
  log "Portkey pid $PEER_PID pinned to CPU $PEER_AFFINITY"
fi

# ---- wrk ----------------------------------------------------------------------------------------
RAW=$WORK/raw.txt
: >"$RAW"
# run_wrk LABEL TARGET CONNECTIONS SECONDS [MAX_REQUESTS]: sets WRK_LINE (the RESULT line), also in
# RAW. wrk runs in the background and is waited for, so that a signal stops the script at once.
run_wrk() {
  local label=$1 target=$2 conns=$3 secs=$4 max=${5:-}
  local url key model out headers=
  if [[ $target == direct ]]; then url=$DIRECT_URL key=$SIM_KEY model=$DIRECT_MODEL
  elif [[ $target == peer ]]; then url=$PEER_URL key=$SIM_KEY model=$DIRECT_MODEL headers=$PEER_HEADERS
  else url=$GATEWAY_URL key=$API_KEY model=$GATEWAY_MODEL; fi
  # With a count, wrk's one thread stops at $max responses and leaves a file; wrk itself would
  # sleep out its duration, so it is interrupted then (SIGINT makes it print its summary and end).
  local done_file=$WORK/wrk-done
  rm -f "$done_file"
  BENCH_KEY=$key BENCH_MODEL=$model BENCH_HEADERS=$headers BENCH_MAX_REQUESTS=$max \
    BENCH_DONE_FILE=$done_file \
    taskset -c "$LOAD_CPU" wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s bench/chat.lua \
    "$url" >"$WORK/wrk.out" 2>&1 &
  CHILD_PID=$!
  if [[ -n $max ]]; then
    while [[ ! -f $done_file ]] && kill -0 "$CHILD_PID" 2>/dev/null; do sleep 0.05; done
    kill -INT "$CHILD_PID" 2>/dev/null || true
  fi
  wait "$CHILD_PID" || die "wrk failed: $(cat "$WORK/wrk.out")"
  CHILD_PID=
  out=$(cat "$WORK/wrk.out")
  WRK_LINE=$(grep '^RESULT' <<<"$out") || die "wrk printed no result: $out"
  echo "$label $target c=$conns $WRK_LINE" >>"$RAW"
  [[ $(field non2xx "$WRK_LINE") == 0 && $(field timeouts "$WRK_LINE") == 0 \
    && $(field connect_err "$WRK_LINE") == 0 && $(field read_err "$WRK_LINE") == 0 ]] \
    || die "errors in $label $target c=$conns: $WRK_LINE"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
calc() { awk "BEGIN {printf \"%.${2:-3}f\", $1}"; }

log "warm-up: ${WARMUP}s through the gateway and up to 10s direct, 16 connections"
run_wrk warmup gateway 16 "$WARMUP"
run_wrk warmup direct 16 "$(( WARMUP < 10 ? WARMUP : 10 ))"
if [[ -n $PEER ]]; then
  log "warm-up: ${WARMUP}s through Portkey, 16 connections"
  run_wrk warmup peer 16 "$WARMUP"
fi

declare -a ADD50 ADD99 DRPS GRPS DP50 GP50 DP99 GP99 PRPS PADD50 PADD99
for r in $(seq 1 "$REPS"); do
  log "repetition $r/$REPS: 1 and 16 connections, direct and gateway, ${DURATION}s each"
  run_wrk "rep$r" direct 1 "$DURATION"; d1=$WRK_LINE
  run_wrk "rep$r" gateway 1 "$DURATION"; g1=$WRK_LINE
  run_wrk "rep$r" direct 16 "$DURATION"; d16=$WRK_LINE
  run_wrk "rep$r" gateway 16 "$DURATION"; g16=$WRK_LINE
  DP50+=("$(field p50_us "$d1")"); GP50+=("$(field p50_us "$g1")")
  DP99+=("$(field p99_us "$d16")"); GP99+=("$(field p99_us "$g16")")
  ADD50+=("$(( $(field p50_us "$g1") - $(field p50_us "$d1") ))")
  ADD99+=("$(( $(field p99_us "$g16") - $(field p99_us "$d16") ))")
  DRPS+=("$(field rps "$d16")"); GRPS+=("$(field rps "$g16")")
  if [[ -n $PEER ]]; then
    run_wrk "rep$r" peer 1 "$DURATION"; p1=$WRK_LINE
    run_wrk "rep$r" peer 16 "$DURATION"; p16=$WRK_LINE
    PADD50+=("$(( $(field p50_us "$p1") - $(field p50_us "$d1") ))")
    PADD99+=("$(( $(field p99_us "$p16") - $(field p99_us "$d16") ))")
    PRPS+=("$(field rps "$p16")")
    log "  Portkey: added p50 @1: ${PADD50[-1]} us; added p99 @16: ${PADD99[-1]} us; rps ${PRPS[-1]}"
  fi
  log "  added p50 @1: ${ADD50[-1]} us; added p99 @16: ${ADD99[-1]} us; rps direct ${DRPS[-1]}, gateway ${GRPS[-1]}"
done
M_DP50=$(printf '%s\n' "${DP50[@]}" | median); M_GP50=$(printf '%s\n' "${GP50[@]}" | median)
M_DP99=$(printf '%s\n' "${DP99[@]}" | median); M_GP99=$(printf '%s\n' "${GP99[@]}" | median)
M_ADD50=$(printf '%s\n' "${ADD50[@]}" | median); M_ADD99=$(printf '%s\n' "${ADD99[@]}" | median)
M_DRPS=$(printf '%s\n' "${DRPS[@]}" | median); M_GRPS=$(printf '%s\n' "${GRPS[@]}" | median)
if [[ -n $PEER ]]; then
  M_PRPS=$(printf '%s\n' "${PRPS[@]}" | median)
  M_PADD50=$(printf '%s\n' "${PADD50[@]}" | median); M_PADD99=$(printf '%s\n' "${PADD99[@]}" | median)
fi

# ---- streaming time-to-first-token ---------------------------------------------------------------
log "streaming: $STREAM_REQUESTS requests each way, interleaved (after $STREAM_WARMUP warm-up pairs)"
taskset -c "$LOAD_CPU" "$JAVA" bench/StreamTtft.java \
  --requests "$STREAM_REQUESTS" --warmup "$STREAM_WARMUP" \
  --direct "$DIRECT_URL" "$SIM_KEY" "$DIRECT_MODEL" \
  --gateway "$GATEWAY_URL" "$API_KEY" "$GATEWAY_MODEL" >"$WORK/stream.out" 2>&1 &
CHILD_PID=$!
wait "$CHILD_PID" || die "the streaming harness failed: $(tail -20 "$WORK/stream.out")"
CHILD_PID=
STREAM_OUT=$(cat "$WORK/stream.out")
echo "$STREAM_OUT" | sed 's/^/stream /' >>"$RAW"
S_D=$(grep '^RESULT target=direct' <<<"$STREAM_OUT")
S_G=$(grep '^RESULT target=gateway' <<<"$STREAM_OUT")
S_O=$(grep '^OVERHEAD' <<<"$STREAM_OUT")

# ---- server CPU per request -------------------------------------------------------------------
cpu_ticks() { sed 's/.*) //' "/proc/$LIBERTY_PID/stat" | awk '{print $12 + $13}'; }
HZ=$(getconf CLK_TCK)
if [[ $CPU_REQUESTS == auto ]]; then
  CPU_REQUESTS=$(awk "BEGIN {n = int($M_GRPS * 10); print (n < 2000) ? 2000 : (n > 100000) ? 100000 : n}")
fi
log "server CPU: idle 5 s, then $CPU_REQUESTS requests through the gateway at 16 connections"
t0=$(cpu_ticks); sleep 5; t1=$(cpu_ticks)
IDLE_MS_PER_S=$(calc "($t1 - $t0) * 1000 / $HZ / 5" 1)
# Per thread too (name with its digits dropped): shows whether requests, the JIT or the GC spend it.
thread_ticks() {
  for stat in /proc/"$LIBERTY_PID"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Za-z] (.*)$/\1|\2/' "$stat" 2>/dev/null \
      | awk -F'|' '{split($2, f, " "); name = $1; gsub(/[0-9]+/, "N", name); print name "|" f[11] + f[12]}'
  done | awk -F'|' '{t[$1] += $2} END {for (n in t) print n "|" t[n]}'
}
# Classes loaded and methods compiled during the run: a JIT that is still busy, or classes made
# per request (proxies, lambdas), show here.
jvm_counters() {
  "$JCMD" "$LIBERTY_PID" PerfCounter.print 2>/dev/null \
    | awk -F= '/^java.cls.loadedClasses=|^sun.ci.totalCompiles=/ {gsub(/"/, "", $2); printf "%s ", $2}'
}
counters0=$(jvm_counters)
threads0=$(thread_ticks)
t0=$(cpu_ticks)
run_wrk cpu gateway 16 600 "$CPU_REQUESTS"; cpu_line=$WRK_LINE
t1=$(cpu_ticks)
threads1=$(thread_ticks)
counters1=$(jvm_counters)
JVM_DELTA=$(awk -v a="$counters0" -v b="$counters1" 'BEGIN {split(a, x, " "); split(b, y, " ");
  printf "%d classes loaded, %d methods compiled", y[1] - x[1], y[2] - x[2]}')
# Threads that ended during the run are missing from the second snapshot: their share is lost.
THREADS=$(awk -F'|' -v hz="$HZ" -v n="$(field requests "$cpu_line")" \
  'NR == FNR {a[$1] = $2; next} {d = $2 - a[$1]; if (d > 0) printf "%8.1f us/req  %s\n", d * 1e6 / hz / n, $1}' \
  <(echo "$threads0") <(echo "$threads1") | sort -rn | head -12)
CPU_REQS=$(field requests "$cpu_line")
CPU_SECS=$(calc "($t1 - $t0) / $HZ" 2)
CPU_US=$(calc "($t1 - $t0) * 1000000 / $HZ / $CPU_REQS" 1)
CPU_WALL=$(field duration_s "$cpu_line")

if [[ -n $PEER ]]; then
  peer_ticks() { sed 's/.*) //' "/proc/$PEER_PID/stat" | awk '{print $12 + $13}'; }
  log "Portkey CPU: $CPU_REQS requests at 16 connections"
  t0=$(peer_ticks)
  run_wrk cpu peer 16 600 "$CPU_REQS"; peer_cpu_line=$WRK_LINE
  t1=$(peer_ticks)
  PEER_CPU_REQS=$(field requests "$peer_cpu_line")
  PEER_CPU_US=$(calc "($t1 - $t0) * 1000000 / $HZ / $PEER_CPU_REQS" 1)
fi

# ---- optional profile -------------------------------------------------------------------------
PROFILE_TXT=
if [[ $PROFILE == 1 ]]; then
  log "profiling: JFR on the Liberty JVM during ${DURATION}s of gateway load at 16 connections"
  rm -f "$WORK/gateway.jfr"
  # JFR's "profile" settings with Java samples every 1 ms instead of 10 ms: a 10 s run at a few
  # hundred requests a second gave under 100 samples, too few to rank the request path's parts
  JDK_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
  sed -E '/jdk.ExecutionSample/,/<\/event>/ s#<setting name="period"([^>]*)>[^<]*<#<setting name="period"\1>1 ms<#' \
    "$JDK_HOME/lib/jfr/profile.jfc" >"$WORK/profile-1ms.jfc"
  "$JCMD" "$LIBERTY_PID" JFR.start name=bench settings="$WORK/profile-1ms.jfc" \
    filename="$WORK/gateway.jfr" >/dev/null
  run_wrk profile gateway 16 "$DURATION"
  "$JCMD" "$LIBERTY_PID" JFR.stop name=bench >/dev/null
  # Shares of the samples through the parts of the request path, then who signs LTPA tokens.
  SHARES=LTPAToken2.sign,JaspiServiceImpl.authenticate,GatewayAuthentication.validateRequest
  SHARES+=,ApiKeys.verify,ChatCompletionParser,Router.chat,RuntimeDeployments.forModel
  SHARES+=,IntegrationStore.list,IntegrationStore.model,FallbackExecution.chat,HttpTransport
  SHARES+=,ChatCompletionWriter,org.eclipse.persistence,org.apache.derby,com.ibm.tx
  SHARES+=,org.jboss.resteasy,org.jboss.weld,jdk.internal.net.http,com.fasterxml
  SHARES+=,com.ibm.ws.microprofile.faulttolerance,io.smallrye,io.micrometer,LedgerStore
  PROFILE_TXT=$("$JAVA" bench/JfrTop.java "$WORK/gateway.jfr" 30 dev.switchboard "$SHARES") \
    || die "cannot read the JFR recording"
  echo "$PROFILE_TXT" >"$WORK/profile.txt"
fi

# ---- the table --------------------------------------------------------------------------------
verdict() { awk "BEGIN {print ($1) ? \"met\" : \"MISSED\"}"; }
S_OVER_US=$(field ttft_paired_median_us "$S_O")
S_EQUAL=$(field chunks_equal "$S_O")
S_DCHUNKS=$(field content_events "$S_D"); S_GCHUNKS=$(field content_events "$S_G")
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$OUT_DIR/gateway-$STAMP.md
JDK=$("$JAVA" -version 2>&1 | sed -n 2p)
{
  echo "# Gateway benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- command: \`$COMMAND_LINE\` (commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "- machine: $(nproc --all) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(uname -r)"
  echo "- JDK: $JDK; Liberty: $(sed -n 's/^com.ibm.websphere.productVersion=//p' "$WLP/lib/versions/openliberty.properties" 2>/dev/null)"
  for f in "${DROPINS[@]}"; do echo "- configuration drop-in: ${f#"$ROOT"/}"; done
  echo "- layout: Liberty on CPU $SERVER_CPU; wrk, the streaming harness and the simulator on CPU $LOAD_CPU"
  echo "- load during the run (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $REPS repetitions of ${DURATION}s per wrk run after ${WARMUP}s warm-up ($(grep '^warmup gateway' "$RAW" | sed -n 's/.* requests=\([0-9]*\).*/\1/p') requests through the gateway); medians quoted"
  echo
  echo "| target | goal | measured | direct | gateway | verdict |"
  echo "|---|---|---|---|---|---|"
  echo "| added latency p50, 1 connection | <= 0.300 ms | $(calc "$M_ADD50/1000") ms | p50 $(calc "$M_DP50/1000") ms | p50 $(calc "$M_GP50/1000") ms | $(verdict "$M_ADD50 <= 300") |"
  echo "| added latency p99, 16 connections | <= 1.000 ms | $(calc "$M_ADD99/1000") ms | p99 $(calc "$M_DP99/1000") ms | p99 $(calc "$M_GP99/1000") ms | $(verdict "$M_ADD99 <= 1000") |"
  echo "| non-streaming throughput, 16 connections | >= 5000 req/s | $(calc "$M_GRPS" 0) req/s | $(calc "$M_DRPS" 0) req/s | $(calc "$M_GRPS" 0) req/s ($(calc "100*$M_GRPS/$M_DRPS" 1)% of direct) | $(verdict "$M_GRPS >= 5000") |"
  echo "| streaming TTFT overhead | <= 1.000 ms, same chunks | $(calc "$S_OVER_US/1000") ms, chunks $S_DCHUNKS -> $S_GCHUNKS | p50 $(calc "$(field ttft_p50_us "$S_D")/1000") ms | p50 $(calc "$(field ttft_p50_us "$S_G")/1000") ms | $(verdict "$S_OVER_US <= 1000 && \"$S_EQUAL\" == \"true\"") |"
  echo "| server CPU per request | <= 150 us | $CPU_US us | - | $CPU_SECS s CPU / $CPU_REQS req in ${CPU_WALL}s | $(verdict "$CPU_US <= 150") |"
  if [[ -n $PEER ]]; then
    echo
    echo "## Side by side: Portkey $PORTKEY_VERSION (npm, NODE_ENV=production, same core, same simulator)"
    echo
    echo "| | Switchboard | Portkey | ratio | goal |"
    echo "|---|---|---|---|---|"
    echo "| throughput, 16 connections | $(calc "$M_GRPS" 0) req/s | $(calc "$M_PRPS" 0) req/s | $(calc "$M_GRPS/$M_PRPS" 2)x | >= 3x (goal 7x): $(verdict "$M_GRPS >= 3 * $M_PRPS") |"
    echo "| added latency p50, 1 connection | $(calc "$M_ADD50/1000") ms | $(calc "$M_PADD50/1000") ms | | |"
    echo "| added latency p99, 16 connections | $(calc "$M_ADD99/1000") ms | $(calc "$M_PADD99/1000") ms | | |"
    echo "| server CPU per request | $CPU_US us | $PEER_CPU_US us | $(calc "$PEER_CPU_US/$CPU_US" 2)x less | |"
    echo
    echo "Streaming is measured for Switchboard only (the harness does not send Portkey's routing headers)."
  fi
  echo
  echo "Added latency is the median over repetitions of (gateway - direct) within each repetition;"
  echo "streaming overhead is the median of per-request paired differences (direct and gateway"
  echo "called alternately). Liberty's idle CPU during the run: $IDLE_MS_PER_S ms per second."
  echo
  echo "## Raw"
  echo
  echo '```'
  cat "$RAW"
  echo '```'
  echo
  echo "## Server CPU by thread (the fixed-count run)"
  echo
  echo "During the run: $JVM_DELTA."
  echo
  echo '```'
  echo "$THREADS"
  echo '```'
  if [[ -n $PROFILE_TXT ]]; then
    echo
    echo "## Profile (JFR execution samples, gateway at 16 connections)"
    echo
    echo '```'
    echo "$PROFILE_TXT"
    echo '```'
  fi
} >"$RESULTS"
cat "$RESULTS"
log "results written to ${RESULTS#"$ROOT"/}"
