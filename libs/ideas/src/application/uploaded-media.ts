// An idea's media as the event records them: links as given, and uploads (POST /api/media) checked against what
// was stored: the submitter's own, of the idea's organisation, of the kind and content the submitter names.
import type { DataSource } from 'typeorm';
import { ProblemException, type FieldError } from '#platform';
import type { MediaLink } from '../domain/idea.events.js';

interface Given {
  kind: MediaLink['kind'];
  url?: string;
  caption?: string;
  mediaId?: string;
  sha256?: string;
  alt?: string;
}

interface Stored {
  id: string;
  kind: string;
  content_type: string;
  sha256: string;
  organisation: string;
  width: number | null;
  height: number | null;
}

export async function uploadedMedia(db: DataSource, submitter: string, organisation: string, given: Given[]): Promise<MediaLink[]> {
  const ids = given.map((m) => m.mediaId).filter((id): id is string => id !== undefined);
  const rows: Stored[] = ids.length
    ? await db.query('SELECT id, kind, content_type, sha256, organisation, width, height FROM media_objects WHERE id = ANY($1::uuid[]) AND uploader = $2', [ids, submitter])
    : [];
  const stored = new Map(rows.map((row) => [row.id, row]));
  const errors: FieldError[] = [];
  const out = given.map((m, i): MediaLink => {
    const words = { ...(m.caption ? { caption: m.caption } : {}), ...(m.alt ? { alt: m.alt } : {}) };
    if (m.mediaId === undefined) return { kind: m.kind, url: m.url!, ...words };
    const field = `media[${i}]`;
    const row = stored.get(m.mediaId);
    if (m.url !== undefined) errors.push({ field: `${field}.url`, message: 'give either a link (url) or an upload (mediaId), not both' });
    if (!row) errors.push({ field: `${field}.mediaId`, message: 'there is no upload of yours with this id' });
    else {
      if (row.kind !== m.kind) errors.push({ field: `${field}.kind`, message: `the upload is ${row.kind === 'image' ? 'an image' : row.kind === 'audio' ? 'audio' : 'a video'}` });
      if (m.sha256 !== undefined && m.sha256 !== row.sha256) errors.push({ field: `${field}.sha256`, message: "the upload's bytes have another sha256" });
      if (row.organisation !== organisation) errors.push({ field: `${field}.mediaId`, message: "the upload was made in another organisation than the idea's" });
    }
    if (!row) return { kind: m.kind, url: '' };
    return {
      kind: m.kind,
      url: `/api/media/${row.id}`,
      mediaId: row.id,
      sha256: row.sha256,
      type: row.content_type,
      ...(row.width !== null && row.height !== null ? { width: row.width, height: row.height } : {}),
      ...words,
    };
  });
  if (errors.length) throw ProblemException.validation(errors);
  return out;
}
