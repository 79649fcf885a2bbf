// Uploaded media, sealed with the uploader's personal key and kept in PostgreSQL (or the embedded database) in
// chunks: written and read one chunk at a time, never whole. Destroying the person's key makes every chunk noise.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DataSource } from 'typeorm';
import type { PersonKey, PersonKeyStore } from '#event-store';
import { ProblemException } from '#platform';
import { ByteReader, inspect, type Inspected, type MediaLimits } from './media-formats.js';

/** Plaintext bytes per stored chunk; a range request reads only the chunks it covers. */
export const CHUNK_SIZE = 256 * 1024;

export class CreateMedia1765200000000 implements MigrationInterface {
  name = 'CreateMedia1765200000000';

  async up(db: QueryRunner): Promise<void> {
    // `upload_id` names the chunks (and salts their key); `uploader` is the pseudonym whose key seals them.
    await db.query(`
      CREATE TABLE media_objects (
        id uuid PRIMARY KEY,
        upload_id uuid NOT NULL UNIQUE,
        uploader text NOT NULL,
        kid text NOT NULL,
        organisation text NOT NULL,
        kind text NOT NULL,
        content_type text NOT NULL,
        bytes bigint NOT NULL,
        chunks integer NOT NULL,
        sha256 text NOT NULL,
        width integer,
        height integer,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE media_chunks (
        upload_id uuid NOT NULL,
        seq integer NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (upload_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE media_chunks');
    await db.query('DROP TABLE media_objects');
  }
}

export interface MediaObject {
  id: string;
  uploadId: string;
  uploader: string;
  kid: string;
  organisation: string;
  kind: string;
  contentType: string;
  bytes: number;
  chunks: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

interface ObjectRow {
  id: string;
  upload_id: string;
  uploader: string;
  kid: string;
  organisation: string;
  kind: string;
  content_type: string;
  bytes: string | number;
  chunks: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

const fromRow = (row: ObjectRow): MediaObject => ({
  id: row.id,
  uploadId: row.upload_id,
  uploader: row.uploader,
  kid: row.kid,
  organisation: row.organisation,
  kind: row.kind,
  contentType: row.content_type,
  bytes: Number(row.bytes),
  chunks: row.chunks,
  sha256: row.sha256,
  width: row.width,
  height: row.height,
});

/** The upload's own key: derived from the person's key and the upload id, so erasing the person erases it. */
const dataKey = (person: PersonKey, uploadId: string): Buffer => Buffer.from(hkdfSync('sha256', person.key, Buffer.from(uploadId), 'kehittamo media chunk v1', 32));

const seal = (key: Buffer, uploadId: string, seq: number, plain: Buffer): Buffer => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`${uploadId}:${seq}`));
  const sealed = Buffer.allocUnsafe(12 + plain.length + 16);
  iv.copy(sealed, 0);
  const body = cipher.update(plain);
  body.copy(sealed, 12);
  cipher.final();
  cipher.getAuthTag().copy(sealed, 12 + plain.length);
  return sealed;
};

const open = (key: Buffer, uploadId: string, seq: number, sealed: Buffer): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAAD(Buffer.from(`${uploadId}:${seq}`));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
};

export interface StoreInput {
  source: AsyncIterator<Buffer | Uint8Array | string>;
  uploader: string;
  organisation: string;
  /** The media id for a file sent with this SHA-256 (hex): the same person sending the same file gets the same id. */
  idFor(sentSha256: string): string;
  /** The SHA-256 (hex) the client says the file it sends has (Content-Digest); a mismatch refuses the upload. */
  expectedSha256?: string;
}

export class MediaStore {
  constructor(
    private readonly db: DataSource,
    private readonly keys: PersonKeyStore,
    private readonly limits: MediaLimits,
  ) {}

  /** The largest upload of any kind: a longer Content-Length is refused before reading. */
  get largestUpload(): number {
    return Math.max(...Object.values(this.limits.maxBytes));
  }

  async find(id: string): Promise<MediaObject | undefined> {
    const [row]: ObjectRow[] = await this.db.query('SELECT * FROM media_objects WHERE id = $1', [id]);
    return row ? fromRow(row) : undefined;
  }

  /**
   * Checks, cleans and stores an upload, chunk by chunk. Answers the stored object and whether it was new (an
   * upload of bytes the person already sent answers the existing one and stores nothing more).
   */
  async store(input: StoreInput): Promise<{ object: MediaObject; created: boolean }> {
    await this.collectAbandoned();
    const uploadId = randomUUID();
    const key = (await this.keys.keysToSeal([input.uploader])).get(input.uploader)!;
    const chunkKey = dataKey(key, uploadId);
    const hash = createHash('sha256');
    // One plaintext buffer, filled and sealed over and over: the upload's garbage is the ciphertext only.
    const plain = Buffer.allocUnsafe(CHUNK_SIZE);
    let filled = 0;
    let seq = 0;
    let bytes = 0;
    const flush = async () => {
      await this.db.query('INSERT INTO media_chunks (upload_id, seq, data) VALUES ($1, $2, $3)', [uploadId, seq, seal(chunkKey, uploadId, seq, plain.subarray(0, filled))]);
      seq += 1;
      filled = 0;
    };
    const sink = async (piece: Buffer) => {
      hash.update(piece);
      bytes += piece.length;
      for (let at = 0; at < piece.length; ) {
        const n = piece.copy(plain, filled, at, Math.min(piece.length, at + CHUNK_SIZE - filled));
        filled += n;
        at += n;
        if (filled === CHUNK_SIZE) await flush();
      }
    };
    let found: Inspected;
    const reader = new ByteReader(input.source);
    try {
      found = await inspect(reader, sink, this.limits);
      if (filled > 0) await flush();
    } catch (error) {
      await this.discard(uploadId);
      throw error;
    }
    const sha256 = hash.digest('hex');
    const sent = reader.sentHash.digest('hex');
    if (input.expectedSha256 !== undefined && input.expectedSha256 !== sent) {
      await this.discard(uploadId);
      throw ProblemException.of(400, 'digest-mismatch', 'The bytes received do not have the SHA-256 the Content-Digest header names: the upload was damaged on the way.');
    }
    const id = input.idFor(sent);
    const inserted: { id: string }[] = await this.db.query(
      `INSERT INTO media_objects (id, upload_id, uploader, kid, organisation, kind, content_type, bytes, chunks, sha256, width, height)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [id, uploadId, input.uploader, key.kid, input.organisation, found.kind, found.type, bytes, seq, sha256, found.width ?? null, found.height ?? null],
    );
    if (inserted.length === 0) {
      const existing = await this.find(id);
      if (existing && existing.kid === key.kid) {
        // The same person sent the same bytes before: keep the first copy.
        await this.discard(uploadId);
        return { object: existing, created: false };
      }
      // The earlier copy was sealed with a key since erased: this upload takes its place.
      await this.db.query(
        `UPDATE media_objects SET upload_id = $2, kid = $3, organisation = $4, kind = $5, content_type = $6, bytes = $7, chunks = $8, width = $9, height = $10, created_at = now() WHERE id = $1`,
        [id, uploadId, key.kid, input.organisation, found.kind, found.type, bytes, seq, found.width ?? null, found.height ?? null],
      );
      if (existing) await this.discard(existing.uploadId);
    }
    return { object: (await this.find(id))!, created: true };
  }

  /** Whether the uploader's key that sealed the object still exists (false: erased, the bytes no longer open). */
  async readable(object: MediaObject): Promise<PersonKey | undefined> {
    const key = (await this.keys.keysOf([object.uploader], undefined, true)).get(object.uploader);
    return key && key.kid === object.kid ? key : undefined;
  }

  /** The plaintext of bytes [start, end] (inclusive), chunk by chunk. */
  async *read(object: MediaObject, key: PersonKey, start: number, end: number): AsyncGenerator<Buffer> {
    const chunkKey = dataKey(key, object.uploadId);
    const first = Math.floor(start / CHUNK_SIZE);
    const last = Math.floor(end / CHUNK_SIZE);
    for (let seq = first; seq <= last; seq++) {
      const [row]: { data: Buffer | Uint8Array }[] = await this.db.query('SELECT data FROM media_chunks WHERE upload_id = $1 AND seq = $2', [object.uploadId, seq]);
      if (!row) throw new Error(`Media chunk ${seq} of ${object.id} is missing.`);
      const plain = open(chunkKey, object.uploadId, seq, Buffer.from(row.data));
      const from = seq === first ? start - seq * CHUNK_SIZE : 0;
      const to = seq === last ? end - seq * CHUNK_SIZE + 1 : plain.length;
      yield plain.subarray(from, to);
    }
  }

  /** Media ids this person uploaded, with what a reference to them must match. */
  async uploadedBy(uploader: string, ids: string[]): Promise<MediaObject[]> {
    if (ids.length === 0) return [];
    const rows: ObjectRow[] = await this.db.query('SELECT * FROM media_objects WHERE id = ANY($1::uuid[]) AND uploader = $2', [ids, uploader]);
    return rows.map(fromRow);
  }

  private async discard(uploadId: string): Promise<void> {
    await this.db.query('DELETE FROM media_chunks WHERE upload_id = $1', [uploadId]);
  }

  /** Chunks of uploads that never finished (the process stopped midway) go after an hour. */
  private async collectAbandoned(): Promise<void> {
    await this.db.query(
      `DELETE FROM media_chunks c WHERE c.created_at < now() - interval '1 hour'
       AND NOT EXISTS (SELECT 1 FROM media_objects o WHERE o.upload_id = c.upload_id)`,
    );
  }
}
