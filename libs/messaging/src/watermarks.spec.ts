// Watermarks: one per partition, recognisable by header, and a malformed one is refused.
import type { KafkaMessage } from 'kafkajs';
import { isWatermark, partitionCheckpointName, WATERMARK_TYPE, watermarkMessages, watermarkOf } from './watermarks.js';

const asReceived = (message: { value: string | Buffer | null; headers?: Record<string, string> }, offset = '7'): KafkaMessage =>
  ({
    key: null,
    value: message.value === null ? null : Buffer.from(message.value),
    headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.from(v)])),
    offset,
    timestamp: '0',
    attributes: 0,
  }) as KafkaMessage;

describe('watermarks', () => {
  const checkpoint = { transactionId: '18446744073709551000', position: '42' };

  it('writes one message to each partition, without a key, carrying the checkpoint and the partition count', () => {
    const messages = watermarkMessages(checkpoint, 4, '1000');
    expect(messages.map((m) => m.partition)).toEqual([0, 1, 2, 3]);
    for (const message of messages) {
      expect(message.key).toBeNull();
      expect(message.headers).toEqual({ 'event-type': WATERMARK_TYPE, 'content-type': 'application/json' });
      const received = asReceived({ value: message.value as string, headers: message.headers as Record<string, string> });
      expect(isWatermark(received)).toBe(true);
      expect(watermarkOf(received)).toEqual({ checkpoint, partitions: 4 });
    }
  });

  it('tells an event from a watermark by its event-type header', () => {
    expect(isWatermark(asReceived({ value: '{}', headers: { 'event-type': 'IdeaSubmitted' } }))).toBe(false);
    expect(isWatermark(asReceived({ value: '{}' }))).toBe(false);
  });

  it('refuses a malformed watermark instead of moving a position by it', () => {
    const headers = { 'event-type': WATERMARK_TYPE };
    for (const value of [
      null,
      '{"checkpoint":{"transactionId":"1","position":"2"}}',
      '{"checkpoint":{"transactionId":"1","position":"2"},"partitions":0}',
      '{"checkpoint":{"transactionId":"x","position":"2"},"partitions":3}',
      '{"checkpoint":{"transactionId":1,"position":"2"},"partitions":3}',
      '{"partitions":3}',
    ]) {
      expect(() => watermarkOf(asReceived({ value, headers }))).toThrow(/offset 7/);
    }
  });

  it('names the checkpoint row of a partition after its topic', () => {
    expect(partitionCheckpointName('kehittamo.events.v1', 3)).toBe('kafka:kehittamo.events.v1:3');
  });
});
