// The kafkajs client, configured from the environment, logging through Nest's logger.
import { Logger } from '@nestjs/common';
import { Kafka, logLevel as LogLevel, type KafkaConfig, type logCreator } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** Prefix for every topic name (tests use one per run). Default none. */
  topicPrefix: string;
  /** Partitions of topics the relay creates. Fixed once created: the key -> partition mapping depends on it. */
  partitions: number;
  /** Replication factor of topics the relay creates (-1: the broker's default). */
  replicationFactor: number;
  logLevel: LogLevel;
}

const LEVELS: Record<string, LogLevel> = {
  nothing: LogLevel.NOTHING,
  error: LogLevel.ERROR,
  warn: LogLevel.WARN,
  info: LogLevel.INFO,
  debug: LogLevel.DEBUG,
};

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number >= ${min} (got "${raw}")`);
  return value;
}

export function kafkaSettingsFromEnv(env: Record<string, string | undefined> = process.env, clientId = 'kehittamo'): KafkaSettings {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:19092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS lists no broker');
  const level = (env.KAFKA_LOG_LEVEL ?? 'warn').toLowerCase();
  if (!(level in LEVELS)) throw new Error(`KAFKA_LOG_LEVEL must be one of ${Object.keys(LEVELS).join(', ')}`);
  return {
    brokers,
    clientId: env.KAFKA_CLIENT_ID ?? clientId,
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    partitions: positiveInt(env, 'KAFKA_TOPIC_PARTITIONS', 6),
    replicationFactor: env.KAFKA_REPLICATION_FACTOR === undefined ? -1 : positiveInt(env, 'KAFKA_REPLICATION_FACTOR', 1),
    logLevel: LEVELS[level],
  };
}

/** kafkajs logs through Nest's logger (one line per entry, no JSON dumps). */
const nestLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  return ({ level, log }) => {
    const { message, error, ...rest } = log as { message: string; error?: string; [key: string]: unknown };
    const detail = [error, rest.broker, rest.topic].filter(Boolean).join(', ');
    const line = detail ? `${message} (${detail})` : message;
    if (level === LogLevel.ERROR) logger.error(line);
    else if (level === LogLevel.WARN) logger.warn(line);
    else if (level === LogLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
};

export function createKafka(settings: Pick<KafkaSettings, 'brokers' | 'clientId' | 'logLevel'>, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: settings.logLevel,
    logCreator: nestLogCreator,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 8 },
    ...overrides,
  });
}
