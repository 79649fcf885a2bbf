#!/usr/bin/env bash
# Stops the Keycloak started by infra/keycloak/start.sh, by the PID in .work/keycloak.pid only:
# SIGTERM, then SIGKILL after KEYCLOAK_STOP_TIMEOUT seconds (default 30).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$ROOT/.work"
PID_FILE="$WORK/keycloak.pid"
DIST="$WORK/keycloak-${KEYCLOAK_VERSION:-26.5.6}"
TIMEOUT="${KEYCLOAK_STOP_TIMEOUT:-30}"

log() { echo "[keycloak] $*" >&2; }

if [[ ! -f "$PID_FILE" ]]; then
  log "not running (no pid file)"
  exit 0
fi
pid="$(cat "$PID_FILE")"

is_our_keycloak() {
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-Dkc.home.dir=$DIST"
}
# "<state> <start time>" of $pid (fields 3 and 22 of /proc/<pid>/stat), empty when gone.
proc_stat() {
  local stat
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  awk '{ print $1, $20 }' <<<"$stat"
}
still_running() {
  local st
  st="$(proc_stat)"
  [[ -n "$st" && "${st%% *}" != Z && "${st#* }" == "$started" ]]
}

if ! is_our_keycloak; then
  log "pid $pid is not running (or is not our Keycloak); removing stale pid file"
  rm -f "$PID_FILE"
  exit 0
fi
started="$(proc_stat)"; started="${started#* }"

log "stopping Keycloak (pid $pid)"
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
