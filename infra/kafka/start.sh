#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, combined broker + controller) for tests,
# from the jars Maven fetches from Maven Central. No Docker needed; Java 17 and Maven are.
#
#   bash infra/kafka/start.sh        # idempotent: a healthy broker already running is reused
#   bash infra/kafka/stop.sh
#
# Environment:
#   KAFKA_PORT             client port (default 19092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default KAFKA_PORT + 1)
#   KAFKA_VERSION          kafka_2.13 version to fetch (default: <kafka.version> in pom.xml)
#   KAFKA_HEAP_OPTS        JVM heap (default -Xms256m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds to wait for the broker (default 90)
#   KAFKA_KEEP_DATA        1: keep the log dir of the previous run (a restart keeps topics and offsets;
#                          fault tests stop and start the broker with it). Default 0.
#
# Every start formats a fresh log dir (.work/data), so tests never see old topics or offsets
# (unless KAFKA_KEEP_DATA=1 and a formatted log dir exists).
# Broker log: infra/kafka/.work/logs/server.log (stdout/stderr: .work/logs/kafka.out).
#
# Version: Kafka 4.x (4.4.0, the latest on Maven Central when written), no fallback to 3.9 needed.
# kafkajs 2.2.4 (no release since 2023) works against it, verified by
# libs/messaging/src/kafka-broker.int.spec.ts (idempotent producer, acks -1, consumer group), with
# no kafkajs warnings: Kafka 4 dropped only protocol versions older than Kafka 2.1's (KIP-896),
# and kafkajs negotiates newer ones through ApiVersions; kafkajs joins groups with the classic
# group protocol, which Kafka 4 still serves (the KIP-848 protocol is opt-in per client).
# After startup the probe (KafkaReady.java) warms up the group and transaction coordinators, so
# the first test's client does not log transient COORDINATOR_NOT_AVAILABLE errors.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$ROOT/.work"
LIB="$WORK/lib"
DATA="$WORK/data"
LOGS="$WORK/logs"
PID_FILE="$WORK/kafka.pid"
PROPS="$WORK/server.properties"
LOG4J="$WORK/log4j2.properties"

PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
HOST=127.0.0.1
BOOTSTRAP="$HOST:$PORT"
TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
HEAP="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
VERSION="${KAFKA_VERSION:-$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/pom.xml")}"

log() { echo "[kafka] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

command -v java >/dev/null || die "java not found (Java 17+ is required)"
mkdir -p "$WORK" "$LOGS"

# One start at a time (parallel CI steps, two terminals).
exec 9>"$WORK/start.lock"
flock -w "$((TIMEOUT + 60))" 9 || die "another start.sh holds $WORK/start.lock"

# --- helpers -----------------------------------------------------------------------------------
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# True when $1 is alive and is the broker this script started (guards against PID reuse).
is_our_broker() {
  [[ -n "$1" && -r "/proc/$1/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "kafka.Kafka $PROPS"
}

probe() { # $1 = seconds, [$2 = --warm-up]
  java -cp "$LIB/*:$WORK/probe" -Dlog4j2.level=OFF -Xmx128m KafkaReady "$BOOTSTRAP" "$@"
}

# Prints the error and the tail of the broker log, stops the broker we started, exits 1.
fail_with_log() {
  log "ERROR: $1"
  for f in "$LOGS/server.log" "$LOGS/kafka.out"; do
    if [[ -s "$f" ]]; then
      echo "----- tail of $f -----" >&2
      tail -n 60 "$f" >&2
    fi
  done
  bash "$ROOT/stop.sh" >&2 || true
  log "ERROR: $1"
  exit 1
}

# --- 1. jars -----------------------------------------------------------------------------------
if [[ ! -f "$LIB/kafka_2.13-$VERSION.jar" ]]; then
  command -v mvn >/dev/null || die "mvn not found (needed once to fetch the Kafka jars)"
  log "fetching org.apache.kafka:kafka_2.13:$VERSION and its runtime dependencies with Maven"
  rm -rf "$WORK/lib.new"
  mvn_args=(-q -B -Dstyle.color=never -f "$ROOT/pom.xml" -Dkafka.version="$VERSION"
            -Dlib.dir="$WORK/lib.new" dependency:copy-dependencies)
  # Offline first (everything may already be in ~/.m2), then online.
  if ! mvn -o "${mvn_args[@]}" >/dev/null 2>&1; then
    rm -rf "$WORK/lib.new"
    mvn "${mvn_args[@]}" || die "maven could not fetch the Kafka jars"
  fi
  [[ -f "$WORK/lib.new/kafka_2.13-$VERSION.jar" ]] || die "maven ran but kafka_2.13-$VERSION.jar is missing"
  rm -rf "$LIB" "$WORK/probe"
  mv "$WORK/lib.new" "$LIB"   # swapped in whole, so an interrupted fetch never leaves half a lib dir
fi

if [[ ! -f "$WORK/probe/KafkaReady.class" || "$ROOT/KafkaReady.java" -nt "$WORK/probe/KafkaReady.class" ]]; then
  mkdir -p "$WORK/probe"
  javac -nowarn -cp "$LIB/*" -d "$WORK/probe" "$ROOT/KafkaReady.java" || die "could not compile KafkaReady.java"
fi

# --- 2. already running? -----------------------------------------------------------------------
if [[ -f "$PID_FILE" ]]; then
  pid="$(cat "$PID_FILE")"
  if is_our_broker "$pid"; then
    if probe 15 >/dev/null 2>&1; then
      log "broker already running (pid $pid)"
      echo "KAFKA_BROKERS=$BOOTSTRAP"
      exit 0
    fi
    log "broker pid $pid does not answer; restarting it"
    bash "$ROOT/stop.sh"
  else
    log "removing stale pid file (pid $pid is not our broker)"
    rm -f "$PID_FILE"
  fi
fi

for p in "$PORT" "$CONTROLLER_PORT"; do
  port_open "$p" && die "port $p on $HOST is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
done

# --- 3. configuration --------------------------------------------------------------------------
cat >"$PROPS" <<EOF
# Written by infra/kafka/start.sh; edits are overwritten on the next start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$DATA

# One node: every replication factor and ISR minimum is 1.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1

# Test friendly: auto-created topics, small internal topics, no rebalance delay.
auto.create.topics.enable=true
num.partitions=1
offsets.topic.num.partitions=5
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=24
EOF

cat >"$LOG4J" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $LOGS/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.state.name = state.change.logger
logger.state.level = warn
logger.kafkaRequest.name = kafka.request.logger
logger.kafkaRequest.level = warn
EOF

# --- 4. fresh log dir (or, with KAFKA_KEEP_DATA=1, the previous one) ---------------------------
if [[ "${KAFKA_KEEP_DATA:-0}" == 1 && -f "$DATA/meta.properties" ]]; then
  CLUSTER_ID="$(sed -n 's/^cluster\.id=//p' "$DATA/meta.properties")"
  log "keeping the log dir $DATA (KAFKA_KEEP_DATA=1)"
else
  rm -rf "$DATA"
  : >"$LOGS/server.log"
  # Random cluster id: 16 random bytes, URL-safe base64 without padding (what Uuid.randomUuid gives), drawn again
  # while it starts with "-" (1 in 64), which the storage tool would read as an option (Kafka's own ids avoid it too).
  CLUSTER_ID="-"
  while [[ "$CLUSTER_ID" == -* ]]; do CLUSTER_ID="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"; done
  java -Xmx256m -Dlog4j2.level=WARN -cp "$LIB/*" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$PROPS" >"$LOGS/format.out" 2>&1 \
    || { cat "$LOGS/format.out" >&2; die "kafka-storage format failed"; }
fi

# --- 5. start ----------------------------------------------------------------------------------
log "starting Kafka $VERSION on $BOOTSTRAP (controller $HOST:$CONTROLLER_PORT, cluster $CLUSTER_ID)"
# setsid: own session, so the broker outlives the shell that started it (and its Ctrl-C).
# 9>&-: the broker must not inherit the start.lock descriptor (it would hold the lock forever).
# shellcheck disable=SC2086
setsid java $HEAP -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
  -Djava.awt.headless=true -Dkafka.logs.dir="$LOGS" -Dlog4j2.configurationFile="$LOG4J" \
  -cp "$LIB/*" kafka.Kafka "$PROPS" </dev/null >"$LOGS/kafka.out" 2>&1 9>&- &
PID=$!
echo "$PID" >"$PID_FILE"

# --- 6. wait: port open, then metadata answered ------------------------------------------------
deadline=$((SECONDS + TIMEOUT))
until port_open "$PORT"; do
  kill -0 "$PID" 2>/dev/null || fail_with_log "broker exited during startup"
  ((SECONDS < deadline)) || fail_with_log "port $PORT not open after ${TIMEOUT}s"
  sleep 0.5
done
left=$((deadline - SECONDS)); ((left > 5)) || left=5
probe "$left" --warm-up >&2 || fail_with_log "broker not ready (metadata, coordinators) within ${TIMEOUT}s"

log "broker up (pid $PID) in ${SECONDS}s; log: $LOGS/server.log"
echo "KAFKA_BROKERS=$BOOTSTRAP"
