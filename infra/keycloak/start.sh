#!/usr/bin/env bash
# Starts Keycloak in development mode on loopback for tests, with the realm in realm-kehittamo.json
# imported at every start. The distribution (org.keycloak:keycloak-quarkus-dist, a zip on Maven
# Central) is fetched once with Maven and kept in .work. No Docker needed; Java 17 and Maven are.
#
#   bash infra/keycloak/start.sh     # idempotent: a Keycloak this script started and that answers is reused
#   bash infra/keycloak/stop.sh
#
# Environment:
#   KEYCLOAK_PORT           HTTP port on 127.0.0.1 (default 18080)
#   KEYCLOAK_VERSION        keycloak-quarkus-dist version (default 26.5.6)
#   KEYCLOAK_HEAP           JVM heap (default -Xms128m -Xmx512m)
#   KEYCLOAK_START_TIMEOUT  seconds to wait for the realm (default 420; the first start on a busy machine takes minutes)
#
# The realm "kehittamo": a public client "kehittamo-pages" (authorization code + PKCE; redirects to
# http://localhost:* and http://127.0.0.1:*) whose access tokens carry the audience "kehittamo-api",
# the realm roles in "roles" and the user attribute "org" in "org"; test people
# <organisation>-<role> (imatra, lappeenranta × employee, change-agent, org-editor, juror, jury-chair,
# admin), password "kehittamo". The master realm's administrator is admin / admin (loopback only).
# Every start begins from an empty database (.work/dist/data is removed), so tests never see keys or
# sessions of an earlier run.
# Log: infra/keycloak/.work/keycloak.log
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$ROOT/.work"
PID_FILE="$WORK/keycloak.pid"
LOG="$WORK/keycloak.log"
VERSION="${KEYCLOAK_VERSION:-26.5.6}"
DIST="$WORK/keycloak-$VERSION"
PORT="${KEYCLOAK_PORT:-18080}"
HOST=127.0.0.1
TIMEOUT="${KEYCLOAK_START_TIMEOUT:-420}"
HEAP="${KEYCLOAK_HEAP:--Xms128m -Xmx512m}"
REALM_URL="http://$HOST:$PORT/realms/kehittamo"

log() { echo "[keycloak] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v java >/dev/null || die "java not found (Java 17+ is required)"
command -v curl >/dev/null || die "curl not found"
mkdir -p "$WORK"

exec 9>"$WORK/start.lock"
flock -w "$((TIMEOUT + 60))" 9 || die "another start.sh holds $WORK/start.lock"

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
realm_answers() { curl -fs -o /dev/null --max-time 5 "$REALM_URL/.well-known/openid-configuration"; }
is_our_keycloak() {
  [[ -n "$1" && -r "/proc/$1/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "-Dkc.home.dir=$DIST"
}
print_env() {
  echo "KEYCLOAK_URL=http://$HOST:$PORT"
  echo "KEYCLOAK_ISSUER=$REALM_URL"
}
fail_with_log() {
  log "ERROR: $1"
  [[ -s "$LOG" ]] && { echo "----- tail of $LOG -----" >&2; tail -n 60 "$LOG" >&2; }
  if [[ -z "${PID:-}" && -n "${LAUNCHER:-}" ]]; then
    # The JVM is not known yet: stop the process group this script started (kc.sh leads it, through setsid).
    kill -TERM -- "-$LAUNCHER" 2>/dev/null || true
    rm -f "$PID_FILE"
  else
    bash "$ROOT/stop.sh" >&2 || true
  fi
  exit 1
}

# --- 1. the distribution -----------------------------------------------------------------------
if [[ ! -x "$DIST/bin/kc.sh" ]]; then
  zip="$WORK/keycloak-quarkus-dist-$VERSION.zip"
  if [[ ! -s "$zip" ]]; then
    command -v mvn >/dev/null || die "mvn not found (needed once to fetch Keycloak)"
    log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION:zip with Maven (~165 MB, once)"
    mvn_args=(-q -B -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy
              "-Dartifact=org.keycloak:keycloak-quarkus-dist:$VERSION:zip" "-DoutputDirectory=$WORK")
    (cd "$WORK" && { mvn -o "${mvn_args[@]}" >/dev/null 2>&1 || mvn "${mvn_args[@]}"; }) || die "maven could not fetch Keycloak"
    [[ -s "$zip" ]] || die "maven ran but $zip is missing"
  fi
  command -v unzip >/dev/null || die "unzip not found"
  rm -rf "$WORK/unpack" && mkdir -p "$WORK/unpack"
  unzip -q "$zip" -d "$WORK/unpack" || die "could not unpack $zip"
  rm -rf "$DIST" && mv "$WORK/unpack/keycloak-$VERSION" "$DIST" && rm -rf "$WORK/unpack"
fi

# --- 2. already running? -----------------------------------------------------------------------
if [[ -f "$PID_FILE" ]]; then
  pid="$(cat "$PID_FILE")"
  if is_our_keycloak "$pid"; then
    if realm_answers; then
      log "already running (pid $pid)"
      print_env
      exit 0
    fi
    log "pid $pid does not answer; restarting it"
    bash "$ROOT/stop.sh"
  else
    log "removing stale pid file (pid $pid is not our Keycloak)"
    rm -f "$PID_FILE"
  fi
fi
port_open "$PORT" && die "port $PORT on $HOST is already in use by another process (set KEYCLOAK_PORT)"

# --- 3. fresh data, the realm to import ---------------------------------------------------------
rm -rf "$DIST/data"
mkdir -p "$DIST/data/import"
cp "$ROOT/realm-kehittamo.json" "$DIST/data/import/"

# --- 4. start ------------------------------------------------------------------------------------
log "starting Keycloak $VERSION on http://$HOST:$PORT (heap $HEAP)"
# setsid: its own session, so Keycloak outlives the shell that started it; 9>&-: no lock inherited.
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin JAVA_OPTS_KC_HEAP="$HEAP" \
  setsid "$DIST/bin/kc.sh" start-dev --import-realm --http-host="$HOST" --http-port="$PORT" \
  --hostname-strict=false --http-management-port="$((PORT + 1))" --cache=local \
  </dev/null >"$LOG" 2>&1 9>&- &
LAUNCHER=$!
echo "$LAUNCHER" >"$PID_FILE"

# --- 5. wait until the realm answers -----------------------------------------------------------
# kc.sh runs the JVM as its child (not by exec): the pid file holds the JVM's pid once it is there,
# and stop.sh signals only a process whose command line names this distribution.
jvm_of() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    if is_our_keycloak "$child"; then echo "$child"; return 0; fi
  done
  return 1
}
deadline=$((SECONDS + TIMEOUT))
PID=""
until [[ -n "$PID" ]] && realm_answers; do
  kill -0 "$LAUNCHER" 2>/dev/null || fail_with_log "Keycloak exited during startup"
  ((SECONDS < deadline)) || fail_with_log "the realm did not answer within ${TIMEOUT}s"
  if [[ -z "$PID" ]] && PID="$(jvm_of "$LAUNCHER")"; then echo "$PID" >"$PID_FILE"; fi
  sleep 1
done
log "up (pid $PID) in ${SECONDS}s; log: $LOG"
print_env
