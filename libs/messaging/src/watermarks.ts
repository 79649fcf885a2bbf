// Watermarks: how far the store's global order has reached each partition of the internal topic.
//
// Kafka keeps order per partition only, so a projector fed by several partitions cannot tell from the
// events alone whether it has applied everything up to a global position: an idle partition's last
// event says nothing about later events elsewhere. After every batch Kafka acknowledged, the relay
// therefore appends one small watermark message to EVERY partition of the internal topic, carrying the
// batch's last checkpoint. In a partition, everything the store recorded up to that checkpoint comes
// before the watermark. A consumer that has applied a partition up to a watermark (or an event) with
// checkpoint C has applied every event of that partition at or before C; the lowest of those positions
// over all partitions is a global position the read models include (read-your-writes in scale-out).
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { Checkpoint } from '#event-store';

/** The `event-type` header of a watermark message (never a domain event type: those have no `$`). */
export const WATERMARK_TYPE = '$watermark';

export interface Watermark {
  checkpoint: Checkpoint;
  /** Partitions of the topic when the relay wrote it: a consumer needs all of them before it trusts the lowest. */
  partitions: number;
}

/** One watermark message per partition (explicit partition, no key). */
export function watermarkMessages(checkpoint: Checkpoint, partitions: number, timestamp = String(Date.now())): Message[] {
  const value = JSON.stringify({ checkpoint: { transactionId: checkpoint.transactionId, position: checkpoint.position }, partitions } satisfies Watermark);
  return Array.from({ length: partitions }, (_, partition) => ({
    partition,
    key: null,
    value,
    timestamp,
    headers: { 'event-type': WATERMARK_TYPE, 'content-type': 'application/json' },
  }));
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

export function isWatermark(message: Pick<KafkaMessage, 'headers'>): boolean {
  return header(message.headers, 'event-type') === WATERMARK_TYPE;
}

export function watermarkOf(message: KafkaMessage): Watermark {
  if (!message.value) throw new Error(`Watermark at offset ${message.offset} has no value.`);
  const parsed = JSON.parse(message.value.toString('utf8')) as Partial<Watermark>;
  const checkpoint = parsed?.checkpoint;
  if (
    typeof checkpoint?.transactionId !== 'string' ||
    typeof checkpoint.position !== 'string' ||
    !/^\d+$/.test(checkpoint.transactionId) ||
    !/^\d+$/.test(checkpoint.position) ||
    !Number.isInteger(parsed.partitions) ||
    (parsed.partitions as number) < 1
  ) {
    throw new Error(`Watermark at offset ${message.offset} is malformed.`);
  }
  return { checkpoint: { transactionId: checkpoint.transactionId, position: checkpoint.position }, partitions: parsed.partitions as number };
}

/** The row in `projection_checkpoints` where a Kafka-fed projector keeps a partition's watermark. */
export const partitionCheckpointName = (topic: string, partition: number): string => `kafka:${topic}:${partition}`;
