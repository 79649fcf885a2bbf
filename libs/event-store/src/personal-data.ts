// Personal data inside events: which fields are personal, whose key seals them, and the sealed form.
// Sealing is AES-256-GCM with the person's own key; destroying that key erases the field everywhere
// the event was copied (Kafka, backups) without rewriting history ("crypto-shredding").
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EventMetadata } from './event-store.port.js';

/** What a personal text field reads as once its owner's key has been destroyed. */
export const ERASED_TEXT = '[poistettu]';

/**
 * One event type's personal fields. Paths are dot paths into the event (`data.text`,
 * `data.nominee.name`, `metadata.actor.subject`); `owner` is the dot path of the pseudonym whose key
 * seals them. A field that is absent or null is left as it is; an event whose owner path is empty
 * keeps the fields in clear (there is nobody to erase them for).
 */
export interface PersonalDataRule {
  paths: readonly string[];
  owner: string;
  /**
   * A list whose every element carries its own personal fields and owner (e.g. comments of several people
   * moved together): `paths` and `owner` are then relative to each element of the list at this path.
   */
  each?: string;
}

/** The personal fields of one event: absolute paths, each with the path of the pseudonym that owns it. */
function fieldsOf(rule: PersonalDataRule, event: unknown): { path: string; owner: string }[] {
  if (!rule.each) return rule.paths.map((path) => ({ path, owner: rule.owner }));
  const list = getPath(event as Json, rule.each);
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, i) => rule.paths.map((path) => ({ path: `${rule.each}.${i}.${path}`, owner: `${rule.each}.${i}.${rule.owner}` })));
}

/** By event type. Adding a personal field is one entry here. */
export type PersonalDataRegistry = Readonly<Record<string, PersonalDataRule>>;

/** A person's data key: `kid` tells the key of one generation from the next (a new key after an erasure). */
export interface PersonKey {
  kid: string;
  key: Buffer;
}

/**
 * The sealed form of one field, stored in place of its value. `t` keeps types honest after
 * erasure: a text reads as ERASED_TEXT, a list as [], anything else as null.
 */
export interface SealedField {
  $personal: 1;
  /** Pseudonym of the person whose key sealed it. */
  by: string;
  kid: string;
  t: 's' | 'a' | 'o';
  iv: string;
  /** Ciphertext followed by the 16-byte GCM tag, base64. */
  ct: string;
}

export const isSealed = (value: unknown): value is SealedField =>
  typeof value === 'object' && value !== null && (value as { $personal?: unknown }).$personal === 1 && typeof (value as SealedField).ct === 'string';

export function erasedValue(sealed: SealedField): unknown {
  return sealed.t === 's' ? ERASED_TEXT : sealed.t === 'a' ? [] : null;
}

export const newPersonKey = (): PersonKey => ({ kid: randomBytes(8).toString('base64url'), key: randomBytes(32) });

/** The associated data binds a sealed field to its event and path: it cannot be moved elsewhere. */
const aad = (eventId: string, path: string) => Buffer.from(`${eventId}\u0000${path}`, 'utf8');

export function seal(value: unknown, owner: string, key: PersonKey, eventId: string, path: string): SealedField {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(aad(eventId, path));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const t = typeof value === 'string' ? 's' : Array.isArray(value) ? 'a' : 'o';
  return { $personal: 1, by: owner, kid: key.kid, t, iv: iv.toString('base64'), ct: ct.toString('base64') };
}

export class SealedFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFieldError';
  }
}

/**
 * The plaintext, or the erased value when the key is gone (none, or another generation's).
 * A field sealed with this very key that does not open is damaged data: that throws, never reads as erased.
 */
export function open(sealed: SealedField, key: PersonKey | undefined, eventId: string, path: string): unknown {
  if (!key || key.kid !== sealed.kid) return erasedValue(sealed);
  const body = Buffer.from(sealed.ct, 'base64');
  if (body.length < 16) throw new SealedFieldError(`Sealed field ${path} of event ${eventId} is truncated.`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aad(eventId, path));
    decipher.setAuthTag(body.subarray(body.length - 16));
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    throw new SealedFieldError(`Sealed field ${path} of event ${eventId} does not open with its owner's key.`);
  }
}

type Json = Record<string, unknown>;

export function getPath(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Json)[part];
  }
  return value;
}

/** Sets a value at a path whose parent exists (the caller has already read the old value there). */
function setPath(root: Json, path: string, value: unknown): void {
  const parts = path.split('.');
  let parent: Json = root;
  for (const part of parts.slice(0, -1)) parent = parent[part] as Json;
  parent[parts[parts.length - 1]] = value;
}

/** The part of an event the rules look at. */
export interface EventParts {
  eventId: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** The owner whose key seals this event's personal fields, when the event has any to seal (the first, when several). */
export function ownerToSeal(registry: PersonalDataRegistry, event: EventParts): string | undefined {
  return ownersToSeal(registry, event)[0];
}

/** Every owner whose key seals one of this event's personal fields. */
export function ownersToSeal(registry: PersonalDataRegistry, event: EventParts): string[] {
  const rule = registry[event.type];
  if (!rule) return [];
  const owners = new Set<string>();
  for (const field of fieldsOf(rule, event)) {
    const owner = getPath(event as unknown as Json, field.owner);
    if (typeof owner === 'string' && owner.length > 0 && present(getPath(event as unknown as Json, field.path))) owners.add(owner);
  }
  return [...owners];
}

const present = (value: unknown) => value !== undefined && value !== null && !isSealed(value);

/**
 * A copy of the event's data with every personal field sealed with its owner's key (the input is not
 * changed). `keys`: one key (every field has the same owner) or the keys by owner.
 */
export function sealEvent<E extends EventParts>(registry: PersonalDataRegistry, event: E, keys: PersonKey | ReadonlyMap<string, PersonKey>): E {
  const rule = registry[event.type];
  if (!rule) return event;
  let copy: (E & Json) | undefined;
  for (const field of fieldsOf(rule, event)) {
    if (!field.path.startsWith('data.')) throw new Error(`Personal data path ${event.type}:${field.path} must lie in data.`);
    const owner = getPath(event as unknown as Json, field.owner);
    const value = getPath(copy ?? (event as unknown as Json), field.path);
    if (typeof owner !== 'string' || owner.length === 0 || !present(value)) continue;
    const key = keys instanceof Map ? keys.get(owner) : (keys as PersonKey);
    if (!key) throw new Error(`No key to seal ${event.type}:${field.path} with.`);
    copy ??= { ...event, data: structuredClone(event.data) } as E & Json;
    setPath(copy, field.path, seal(value, owner, key, event.eventId, field.path));
  }
  return copy ?? event;
}

/** The event's sealed fields: whose key and which generation of it each needs. */
export function sealedFieldsOf(registry: PersonalDataRegistry, event: EventParts): SealedField[] {
  const rule = registry[event.type];
  if (!rule) return [];
  const sealed: SealedField[] = [];
  for (const { path } of fieldsOf(rule, event)) {
    const value = getPath(event as unknown as Json, path);
    if (isSealed(value)) sealed.push(value);
  }
  return sealed;
}

/** The pseudonyms whose keys the event's sealed fields need. */
export function sealedOwners(registry: PersonalDataRegistry, event: EventParts): string[] {
  return sealedFieldsOf(registry, event).map((field) => field.by);
}

/** A copy of the event with every sealed field opened, or erased where the key is gone; the same object when nothing is sealed. */
export function openEvent<E extends EventParts>(registry: PersonalDataRegistry, event: E, keys: ReadonlyMap<string, PersonKey | undefined>): E {
  const rule = registry[event.type];
  if (!rule) return event;
  let copy: (E & Json) | undefined;
  for (const { path } of fieldsOf(rule, event)) {
    const value = getPath(copy ?? (event as unknown as Json), path);
    if (!isSealed(value)) continue;
    copy ??= { ...event, data: structuredClone(event.data) } as E & Json;
    setPath(copy, path, open(value, keys.get(value.by), event.eventId, path));
  }
  return copy ?? event;
}
