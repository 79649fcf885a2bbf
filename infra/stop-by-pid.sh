#!/usr/bin/env bash
# Stops a test service started by one of the infra/*/start.sh scripts, by the PID in its pid file only:
# SIGTERM (the service's own shutdown), then SIGKILL after a timeout.
#
#   bash infra/stop-by-pid.sh NAME PID_FILE MARK TIMEOUT_SECONDS
#
# NAME names the service in the log; MARK is a string its command line holds, so a reused PID (another
# process) is never signalled; the process is then followed by its start time, because an exiting JVM's
# command line reads empty before the process is really gone.
set -euo pipefail

NAME="$1"
PID_FILE="$2"
MARK="$3"
TIMEOUT="$4"

log() { echo "[$NAME] $*" >&2; }

if [[ ! -f "$PID_FILE" ]]; then
  log "not running (no pid file)"
  exit 0
fi
pid="$(cat "$PID_FILE")"

is_ours() {
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$MARK"
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

if ! is_ours; then
  log "pid $pid is not running (or is not ours); removing stale pid file"
  rm -f "$PID_FILE"
  exit 0
fi
started="$(proc_stat)"; started="${started#* }"

log "stopping (pid $pid)"
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
