#!/usr/bin/env bash
# Stops the test broker started by infra/kafka/start.sh, by the PID in .work/kafka.pid only:
# SIGTERM (controlled shutdown), then SIGKILL after KAFKA_STOP_TIMEOUT seconds (default 30).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$ROOT/../stop-by-pid.sh" kafka "$ROOT/.work/kafka.pid" "kafka.Kafka $ROOT/.work/server.properties" "${KAFKA_STOP_TIMEOUT:-30}"
