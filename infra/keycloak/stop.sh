#!/usr/bin/env bash
# Stops the Keycloak started by infra/keycloak/start.sh, by the PID in .work/keycloak.pid only:
# SIGTERM, then SIGKILL after KEYCLOAK_STOP_TIMEOUT seconds (default 30).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$ROOT/../stop-by-pid.sh" keycloak "$ROOT/.work/keycloak.pid" "-Dkc.home.dir=$ROOT/.work/keycloak-${KEYCLOAK_VERSION:-26.5.6}" "${KEYCLOAK_STOP_TIMEOUT:-30}"
