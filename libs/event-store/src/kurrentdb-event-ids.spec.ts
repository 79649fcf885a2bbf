import type { NewEvent } from './event-store.port.js';
import {
  FEED_EVENT_TYPES,
  isReservationStream,
  judgeReplay,
  judgeReservations,
  repeatedEventId,
  RESERVATION_TYPE,
  reservationStream,
  type StoredEventRef,
} from './kurrentdb-event-ids.js';

const metadata = { occurredAt: '2026-11-23T10:00:00.000Z' };
const event = (eventId: string, type = 'IdeaSubmitted'): NewEvent => ({ eventId, type, data: {}, metadata });
const stored = (eventId: string, revision: number, type = 'IdeaSubmitted'): StoredEventRef<string> => ({ eventId, type, revision, position: `p${revision}` });

const A = '0b6f3c1e-2f4a-4c1e-9d51-0a1b2c3d4e5f';
const B = '7d0e9a44-86b2-47f5-8a5e-b1c2d3e4f5a6';
const C = 'c3a1e2f0-1111-4222-8333-944455566677';

describe('KurrentDB event-id reservations', () => {
  it('names one reservation stream per event id, whatever the letter case of the id', () => {
    expect(reservationStream(A)).toBe(`kehittamo-eventid-${A}`);
    expect(reservationStream(A.toUpperCase())).toBe(reservationStream(A));
    expect(isReservationStream(reservationStream(B))).toBe(true);
    expect(isReservationStream('idea-123')).toBe(false);
  });

  it('keeps system events and reservations out of the feed, and everything else in it', () => {
    const feed = new RegExp(FEED_EVENT_TYPES);
    expect(feed.test(RESERVATION_TYPE)).toBe(false);
    for (const type of ['$metadata', '$>', '$streamDeleted', '$$$scavenged']) expect(feed.test(type)).toBe(false);
    for (const type of ['IdeaSubmitted', 'ThingHappened', 'kehittamo.event-id-reserved-not', 'kehittamoXevent-id-reserved', 'a$']) {
      expect(feed.test(type)).toBe(true);
    }
    expect(feed.test('')).toBe(false);
  });

  it('finds an event id a request names twice', () => {
    expect(repeatedEventId([event(A), event(B)])).toBeUndefined();
    expect(repeatedEventId([event(A), event(B), event(A.toUpperCase())])).toBe(A.toUpperCase());
  });

  it('sees a fresh request when this attempt reserved every id', () => {
    expect(judgeReservations('idea-1', [event(A), event(B)], [undefined, undefined])).toEqual({ kind: 'fresh' });
  });

  it('sees an earlier attempt when some ids were reserved before for the same stream', () => {
    expect(judgeReservations('idea-1', [event(A), event(B)], [{ streamId: 'idea-1' }, undefined])).toEqual({ kind: 'earlier-attempt' });
    expect(judgeReservations('idea-1', [event(A), event(B)], [{ streamId: 'idea-1' }, { streamId: 'idea-1' }])).toEqual({ kind: 'earlier-attempt' });
  });

  it('refuses an id reserved for another stream, naming it, even beside ids of an earlier attempt', () => {
    expect(judgeReservations('idea-2', [event(A)], [{ streamId: 'idea-1' }])).toEqual({ kind: 'duplicate', eventId: A });
    expect(judgeReservations('idea-2', [event(A), event(B)], [{ streamId: 'idea-2' }, { streamId: 'idea-1' }])).toEqual({ kind: 'duplicate', eventId: B });
  });
});

describe('KurrentDB replay check', () => {
  it('finds nothing when the earlier attempt never wrote', () => {
    expect(judgeReplay([event(A), event(B)], [])).toEqual({ kind: 'absent' });
  });

  it('answers a replay with the version and position of the last event, in whatever order they were read', () => {
    expect(judgeReplay([event(A), event(B), event(C)], [stored(C, 6), stored(B, 5), stored(A, 4)])).toEqual({
      kind: 'replayed',
      nextVersion: 7,
      position: 'p6',
    });
    expect(judgeReplay([event(A.toUpperCase())], [stored(A, 0)])).toEqual({ kind: 'replayed', nextVersion: 1, position: 'p0' });
  });

  it('calls it a conflict when only some of the events are there', () => {
    expect(judgeReplay([event(A), event(B)], [stored(A, 0)])).toEqual({ kind: 'conflict', eventId: B });
  });

  it('calls it a conflict when the ids carry other types, another order or a gap', () => {
    expect(judgeReplay([event(A), event(B)], [stored(A, 0), stored(B, 1, 'IdeaWithdrawn')])).toEqual({ kind: 'conflict', eventId: B });
    expect(judgeReplay([event(A), event(B)], [stored(A, 1), stored(B, 0)])).toEqual({ kind: 'conflict', eventId: B });
    expect(judgeReplay([event(A), event(B)], [stored(A, 0), stored(B, 2)])).toEqual({ kind: 'conflict', eventId: B });
  });
});
