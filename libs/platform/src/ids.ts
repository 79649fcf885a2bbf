import { createHash, createHmac, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID_RE.test(value);

/** Our namespace for name-based ids (RFC 9562, version 5). */
const NAMESPACE = Buffer.from('6f1d0f4e3b7a4c0e9a52d1c3f0b8e2a7', 'hex');

/** A stable id derived from a name: the same name always gives the same id. */
export function nameBasedId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A keyed pseudonym: links records of one person without revealing who the person is. */
export function pseudonym(key: string, subject: string): string {
  return 'p_' + createHmac('sha256', key).update(subject, 'utf8').digest('base64url').slice(0, 22);
}
