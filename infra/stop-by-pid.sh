#!/usr/bin/env bash
# Stops a test service started by one of the infra/*/start.sh scripts: the process in its pid file and any
# other whose command line holds the service's mark (a launcher may run its JVM as a child, or twice);
# SIGTERM (the service's own shutdown), then SIGKILL after a timeout.
#
#   bash infra/stop-by-pid.sh NAME PID_FILE MARK TIMEOUT_SECONDS
#
# NAME names the service in the log; MARK is a string its command line holds (it names this checkout's work
# directory), so a reused PID or another checkout's service is never signalled; each process is then followed by
# its start time, because an exiting JVM's command line reads empty before the process is really gone.
set -euo pipefail

NAME="$1"
PID_FILE="$2"
MARK="$3"
TIMEOUT="$4"

log() { echo "[$NAME] $*" >&2; }

# Every live process whose command line holds MARK (the pid file's, and any other the service started: a
# launcher may start its JVM more than once), each followed by its start time so a reused PID is never hit.
ours() {
  local p
  [[ -f "$PID_FILE" ]] && p="$(cat "$PID_FILE")" && is_ours "$p" && echo "$p"
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    [[ "$p" == "$$" || "$p" == "$BASHPID" ]] && continue
    # Not this script itself (its arguments hold MARK too), nor its subshells.
    { tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null | grep -qF -- "stop-by-pid.sh" && continue
    is_ours "$p" && echo "$p"
  done
}
is_ours() {
  [[ "$1" =~ ^[0-9]+$ && -r "/proc/$1/cmdline" ]] || return 1
  { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null | grep -qF -- "$MARK"
}
# "<state> <start time>" of a pid from /proc/<pid>/stat (fields 3 and 22), empty when gone.
proc_stat() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  awk '{ print $1, $20 }' <<<"$stat"
}
still_running() { # the same process, not yet exited (a zombie counts as gone)
  local st
  st="$(proc_stat "$1")"
  [[ -n "$st" && "${st%% *}" != Z && "${st#* }" == "$2" ]]
}

mapfile -t pids < <(ours | sort -u)
if [[ ${#pids[@]} -eq 0 ]]; then
  [[ -f "$PID_FILE" ]] && log "pid $(cat "$PID_FILE") is not running (or is not ours); removing stale pid file" || log "not running"
  rm -f "$PID_FILE"
  exit 0
fi
declare -A started
for pid in "${pids[@]}"; do
  st="$(proc_stat "$pid")"; started[$pid]="${st#* }"
  log "stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
done
wait_gone() {
  local pid i
  for ((i = 0; i < $1; i++)); do
    local any=0
    for pid in "${pids[@]}"; do still_running "$pid" "${started[$pid]}" && any=1; done
    ((any)) || return 0
    sleep 0.25
  done
  return 1
}
if ! wait_gone $((TIMEOUT * 4)); then
  log "still running after ${TIMEOUT}s; sending SIGKILL"
  for pid in "${pids[@]}"; do still_running "$pid" "${started[$pid]}" && kill -KILL "$pid" 2>/dev/null || true; done
  if ! wait_gone 40; then
    log "ERROR: a process survived SIGKILL"
    exit 1
  fi
fi
rm -f "$PID_FILE"
log "stopped"
