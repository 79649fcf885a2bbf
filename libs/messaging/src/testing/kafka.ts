// Test helpers for suites that need the real Kafka broker (infra/kafka/start.sh).
// Integration suites never skip: a missing broker is an error, under CI and locally alike.
import { Kafka, logLevel } from 'kafkajs';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';
const REACH_TIMEOUT_MS = 10_000;

/** Bootstrap servers from KAFKA_BROKERS (comma separated), default 127.0.0.1:19092. */
export function kafkaBrokers(): string[] {
  const raw = process.env.KAFKA_BROKERS?.trim() || DEFAULT_KAFKA_BROKERS;
  return raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
}

/**
 * Resolves with the broker list once a broker answers a metadata request (bounded, ~10 s);
 * throws a clear error otherwise. Call it in `beforeAll` of every Kafka integration suite.
 */
export async function requireKafka(): Promise<string[]> {
  const brokers = kafkaBrokers();
  const admin = new Kafka({
    clientId: 'require-kafka',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    requestTimeout: 5_000,
    retry: { retries: 2, initialRetryTime: 300, maxRetryTime: 2_000 },
  }).admin();

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${REACH_TIMEOUT_MS / 1000} s`)),
      REACH_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([
      (async () => {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length === 0) throw new Error('metadata lists no brokers');
      })(),
      deadline,
    ]);
    return brokers;
  } catch (err) {
    throw new Error(unreachableMessage(brokers, err), { cause: err });
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}

function unreachableMessage(brokers: string[], err: unknown): string {
  const reason = err instanceof Error ? err.message : String(err);
  const where = `Kafka is not reachable at ${brokers.join(',')} (${reason}).`;
  if (process.env.CI === 'true') {
    return `${where} CI=true: Kafka integration suites must run against a real broker and never skip. ` +
      'Start it before the tests with `bash infra/kafka/start.sh` (or set KAFKA_BROKERS).';
  }
  return `${where} Start the test broker with \`bash infra/kafka/start.sh\` ` +
    '(Java 17 + Maven; stop it with `bash infra/kafka/stop.sh`), or point KAFKA_BROKERS at one.';
}
