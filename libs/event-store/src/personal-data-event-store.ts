// The EventStore with personal fields sealed at append and opened at read: command handlers,
// projections and rebuilds see plaintext while the owner's key exists and the erased value after.
// What the inner store holds (and what a relay reading the inner store publishes) is always sealed.
import type {
  AppendHook,
  AppendOptions,
  AppendResult,
  BulkAppendResult,
  Checkpoint,
  EventStore,
  ExpectedVersion,
  NewEvent,
  NewStream,
  ReadAllOptions,
  RecordedEvent,
  SqlExecutor,
} from './event-store.port.js';
import type { PersonKeyStore } from './person-keys.js';
import { openEvent, ownersToSeal, sealedFieldsOf, sealedOwners, sealEvent, type PersonalDataRegistry } from './personal-data.js';

/** Opens the sealed fields of events (one key lookup for the whole batch); erased where the key is gone. */
export async function openSealedEvents<E extends RecordedEvent>(
  events: E[],
  keys: PersonKeyStore,
  registry: PersonalDataRegistry,
  executor?: SqlExecutor,
  fresh = false,
): Promise<E[]> {
  const owners = new Set<string>();
  for (const event of events) for (const owner of sealedOwners(registry, event)) owners.add(owner);
  if (owners.size === 0) return events;
  const found = await keys.keysOf(owners, executor, fresh);
  return events.map((event) => openEvent(registry, event, found));
}

export class PersonalDataEventStore implements EventStore {
  readonly appendToNewStreams?: (streams: NewStream[], options?: AppendOptions) => Promise<BulkAppendResult>;
  /** Inline views kept with every append that names none of its own (set by the runtime from the projection runner). */
  appendHook?: AppendHook;

  constructor(
    /** The store that holds the sealed events. */
    readonly inner: EventStore,
    readonly keys: PersonKeyStore,
    readonly registry: PersonalDataRegistry,
  ) {
    const bulk = inner.appendToNewStreams?.bind(inner);
    if (bulk) {
      this.appendToNewStreams = async (streams, options) => {
        const sealed = await this.sealAll(streams.flatMap((s) => s.events));
        let i = 0;
        const hook = options?.inTransaction ?? this.appendHook;
        const plain = streams.flatMap((s) => s.events);
        const sealedStreams = streams.map((s) => ({ streamId: s.streamId, events: s.events.map(() => sealed[i++]) }));
        if (!hook) return bulk(sealedStreams);
        return this.withPlaintext(plain, () => bulk(sealedStreams, { inTransaction: this.opened(hook) }));
      };
    }
  }

  get transactional(): boolean {
    return this.inner.transactional === true;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion, options?: AppendOptions): Promise<AppendResult> {
    const hook = options?.inTransaction ?? this.appendHook;
    if (!hook) return this.inner.append(streamId, await this.sealAll(events), expected);
    const sealed = await this.sealAll(events);
    return this.withPlaintext(events, () => this.inner.append(streamId, sealed, expected, { inTransaction: this.opened(hook) }));
  }

  /** The events as sent (personal fields open), by event id, while their append runs: what inline views are given. */
  private readonly plaintext = new Map<string, NewEvent>();

  private async withPlaintext<T>(events: NewEvent[], run: () => Promise<T>): Promise<T> {
    for (const event of events) this.plaintext.set(event.eventId, event);
    try {
      return await run();
    } finally {
      for (const event of events) this.plaintext.delete(event.eventId);
    }
  }

  /** One wrapper per hook, so the store beneath can commit concurrent appends that share a hook in one transaction. */
  private readonly wrappers = new WeakMap<AppendHook, AppendHook>();

  /**
   * Inline views get the events as readers of this store see them: personal fields open. The plaintext is used
   * only while the key each field was sealed with is still live: the key rows are held (FOR SHARE) in the
   * append's transaction, so an erasure waits for the append to commit (and its rebuild then sees the event),
   * and an append that comes after an erasure (sealed with a key another process had cached) gives the view
   * the erased values, as a rebuild would.
   */
  private opened(hook: AppendHook): AppendHook {
    const known = this.wrappers.get(hook);
    if (known) return known;
    const plainOf = (sealed: NewEvent[]) => sealed.map((event) => this.plaintext.get(event.eventId) ?? event);
    /** The live keys seen by each transaction's `before`. */
    const liveIn = new WeakMap<object, Set<string>>();
    const wrapper: AppendHook = {
      applies: hook.applies ? (streamId, sealed) => hook.applies!(streamId, plainOf(sealed)) : undefined,
      before: async (tx, streams) => {
        await hook.before(
          tx,
          streams.map(({ streamId, events }) => ({ streamId, events: plainOf(events) })),
        );
        const people = [...new Set(streams.flatMap(({ events }) => events.flatMap((event) => sealedFieldsOf(this.registry, event).map((field) => field.by))))];
        const rows: { person: string; kid: string }[] =
          people.length === 0 ? [] : await tx.query('SELECT person, kid FROM person_keys WHERE person = ANY($1::text[]) AND key IS NOT NULL FOR SHARE', [people]);
        liveIn.set(tx, new Set(rows.map((row) => `${row.person} ${row.kid}`)));
      },
      after: async (tx, recorded) => {
        const live = liveIn.get(tx) ?? new Set<string>();
        const opened = await Promise.all(
          recorded.map(async (event) => {
            const fields = sealedFieldsOf(this.registry, event);
            const source = this.plaintext.get(event.eventId);
            if (source && fields.every((field) => live.has(`${field.by} ${field.kid}`))) return { ...event, data: source.data, metadata: source.metadata };
            if (fields.length === 0) return event;
            const [fromSealed] = await openSealedEvents([event], this.keys, this.registry, tx, true);
            return fromSealed;
          }),
        );
        await hook.after(tx, opened);
      },
    };
    this.wrappers.set(hook, wrapper);
    return wrapper;
  }

  isFuture(checkpoint: Checkpoint): Promise<boolean> {
    return this.inner.isFuture?.(checkpoint) ?? Promise.resolve(false);
  }

  async readStream(streamId: string, options?: { fromVersion?: number; toVersion?: number }): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(after: Checkpoint, options: ReadAllOptions, executor?: SqlExecutor): Promise<RecordedEvent[]> {
    return openSealedEvents(await this.inner.readAll(after, options, executor), this.keys, this.registry, executor, options.freshKeys === true);
  }

  head(): Promise<{ checkpoint: Checkpoint; count: number }> {
    return this.inner.head();
  }

  onAppended(listener: (result: AppendResult) => void): () => void {
    return this.inner.onAppended(listener);
  }

  /** Opens events read elsewhere (e.g. from the internal Kafka topic); one key lookup for the batch. */
  openAll<E extends RecordedEvent>(events: E[], executor?: SqlExecutor): Promise<E[]> {
    return openSealedEvents(events, this.keys, this.registry, executor);
  }

  private async sealAll(events: NewEvent[]): Promise<NewEvent[]> {
    const owners = new Set<string>();
    for (const event of events) for (const owner of ownersToSeal(this.registry, event)) owners.add(owner);
    if (owners.size === 0) return events;
    const keys = await this.keys.keysToSeal(owners);
    return events.map((event) => (ownersToSeal(this.registry, event).length > 0 ? sealEvent(this.registry, event, keys) : event));
  }
}

/** The store beneath the personal-data layer: for readers that query the PostgreSQL tables directly and read no personal field. */
export const storeBeneath = (store: EventStore): EventStore => (store instanceof PersonalDataEventStore ? store.inner : store);
