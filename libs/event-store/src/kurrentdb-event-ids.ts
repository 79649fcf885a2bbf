// Global event-id uniqueness and replay detection for the KurrentDB adapter, as pure decisions.
// KurrentDB deduplicates event ids only within one stream, so every event id is reserved in a small
// stream of its own (`kehittamo-eventid-<id>`, written with NO_STREAM) before the events are written.
import type { NewEvent } from './event-store.port.js';

/** The event type of a reservation: kept out of the feed by `FEED_EVENT_TYPES`. */
export const RESERVATION_TYPE = 'kehittamo.event-id-reserved';
const RESERVATION_PREFIX = 'kehittamo-eventid-';

export const reservationStream = (eventId: string): string => `${RESERVATION_PREFIX}${eventId.toLowerCase()}`;
export const isReservationStream = (streamId: string): boolean => streamId.startsWith(RESERVATION_PREFIX);

/**
 * The server-side event-type filter of the feed: not a system event (`$…`) and not a reservation.
 * The server evaluates it with .NET regular expressions; JavaScript reads it the same way.
 */
export const FEED_EVENT_TYPES = `^(?!\\$|${RESERVATION_TYPE.replace(/[.$]/g, (c) => `\\${c}`)}$).`;

/** An event id that a request names twice (it could not reserve it for both events). */
export function repeatedEventId(events: NewEvent[]): string | undefined {
  const seen = new Set<string>();
  for (const event of events) {
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) return event.eventId;
    seen.add(id);
  }
  return undefined;
}

/** What a reservation records: the stream the event id belongs to. */
export interface Reservation {
  streamId: string;
}

export type ReservationOutcome =
  /** Every id was reserved now: nothing of this request can be in the store yet. */
  | { kind: 'fresh' }
  /** Some ids were reserved before, all for this stream: an earlier attempt of the same request. */
  | { kind: 'earlier-attempt' }
  /** An id belongs to another stream. */
  | { kind: 'duplicate'; eventId: string };

/**
 * Decides from each event's reservation: `undefined` when this attempt reserved the id, else what
 * the existing reservation says.
 */
export function judgeReservations(streamId: string, events: NewEvent[], existing: Array<Reservation | undefined>): ReservationOutcome {
  let earlier = false;
  for (let i = 0; i < events.length; i++) {
    const reservation = existing[i];
    if (!reservation) continue;
    if (reservation.streamId !== streamId) return { kind: 'duplicate', eventId: events[i].eventId };
    earlier = true;
  }
  return earlier ? { kind: 'earlier-attempt' } : { kind: 'fresh' };
}

/** An event already in the stream, as far as a replay check needs it. */
export interface StoredEventRef<P> {
  eventId: string;
  type: string;
  /** 0-based revision in the stream. */
  revision: number;
  position: P;
}

export type ReplayVerdict<P> =
  /** None of the events is in the stream: the earlier attempt never wrote, so write them now. */
  | { kind: 'absent' }
  /** All of them, in order and adjacent, with the same types: answer as the first time. */
  | { kind: 'replayed'; nextVersion: number; position: P }
  /** Only some of them, or others under the same ids. */
  | { kind: 'conflict'; eventId: string };

/**
 * Compares the events of a request with what the stream holds under the same ids (`found`, any
 * order, only events whose id is one of the request's).
 */
export function judgeReplay<P>(events: NewEvent[], found: Array<StoredEventRef<P>>): ReplayVerdict<P> {
  if (found.length === 0) return { kind: 'absent' };
  const byId = new Map(found.map((event) => [event.eventId.toLowerCase(), event]));
  const first = byId.get(events[0].eventId.toLowerCase());
  for (let i = 0; i < events.length; i++) {
    const stored = byId.get(events[i].eventId.toLowerCase());
    if (!stored || !first || stored.type !== events[i].type || stored.revision !== first.revision + i) {
      return { kind: 'conflict', eventId: events[i].eventId };
    }
  }
  const last = byId.get(events[events.length - 1].eventId.toLowerCase())!;
  return { kind: 'replayed', nextVersion: last.revision + 1, position: last.position };
}
