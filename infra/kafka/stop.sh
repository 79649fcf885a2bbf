#!/usr/bin/env bash
# Stops the test broker started by infra/kafka/start.sh, by the PID in .work/kafka.pid only:
# SIGTERM (controlled shutdown), then SIGKILL after KAFKA_STOP_TIMEOUT seconds (default 30).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$ROOT/.work"
PID_FILE="$WORK/kafka.pid"
PROPS="$WORK/server.properties"
TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

log() { echo "[kafka] $*" >&2; }

if [[ ! -f "$PID_FILE" ]]; then
  log "not running (no pid file)"
  exit 0
fi
pid="$(cat "$PID_FILE")"

# Only signal the process if it is still the broker we started (the PID may have been reused):
# check its command line once, then follow that exact process by its start time, because an
# exiting JVM's command line reads empty before the process is really gone.
is_our_broker() {
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $PROPS"
}
# "<state> <start time>" of $pid from /proc/<pid>/stat (fields 3 and 22), empty when gone.
proc_stat() {
  local stat
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  awk '{ print $1, $20 }' <<<"$stat"
}
still_running() { # the same process, not yet exited (a zombie counts as gone)
  local st
  st="$(proc_stat)"
  [[ -n "$st" && "${st%% *}" != Z && "${st#* }" == "$started" ]]
}

if ! is_our_broker; then
  log "pid $pid is not running (or is not our broker); removing stale pid file"
  rm -f "$PID_FILE"
  exit 0
fi
started="$(proc_stat)"; started="${started#* }"

log "stopping broker (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true
for ((i = 0; i < TIMEOUT * 4; i++)); do
  still_running || break
  sleep 0.25
done
if still_running; then
  log "still running after ${TIMEOUT}s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    still_running || break
    sleep 0.25
  done
fi
if still_running; then
  log "ERROR: pid $pid survived SIGKILL"
  exit 1
fi
rm -f "$PID_FILE"
log "stopped"
