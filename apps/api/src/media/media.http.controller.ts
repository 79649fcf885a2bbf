// Photos, voice notes and videos: uploaded as raw bytes, checked and cleaned, sealed with the uploader's key;
// served to whoever may read the idea that carries them, with range requests for players.
import { Controller, Get, Headers, HttpCode, Inject, Injectable, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Authorize, CurrentActor, isUuid, ORGANISATION_ID, nameBasedId, ProblemException, PSEUDONYMIZER, ResolvesTarget, type Actor, type Pseudonymizer, type TargetResolver } from '#platform';
import { MediaStore, type MediaObject } from './media-store.js';

export const MEDIA_STORE = Symbol('MEDIA_STORE');

const notFound = () => ProblemException.of(404, 'media-not-found', 'There is no such upload.');

/** Whose upload is it: the organisation the uploader belonged to, which is the organisation of the idea it may join. */
@Injectable()
@ResolvesTarget('media')
export class MediaTargetResolver implements TargetResolver {
  constructor(@Inject(MEDIA_STORE) private readonly media: MediaStore) {}

  async organisationOf(request: Request): Promise<string> {
    const id = request.params.id;
    if (typeof id !== 'string' || !isUuid(id)) throw notFound();
    const object = await this.media.find(id);
    if (!object) throw notFound();
    return object.organisation;
  }
}

/** `Content-Digest: sha-256=:<base64>:` (RFC 9530) as hex; undefined without the header. */
function parseDigest(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/]{43}=):\s*(?:,|$)/.exec(header);
  if (!match) throw ProblemException.validation([{ field: 'Content-Digest', message: 'Content-Digest must name the sha-256 of the bytes: sha-256=:<base64>:' }]);
  return Buffer.from(match[1], 'base64').toString('hex');
}

/** One byte range of `size` bytes (RFC 9110 §14): [start, end], or undefined for the whole (several ranges: the whole). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) {
    if (/^bytes=[\d\s,-]+$/.test(header.trim()) && header.includes(',')) return undefined;
    throw ProblemException.of(416, 'range-not-satisfiable', 'Ask for one byte range: bytes=<first>-<last>, bytes=<first>- or bytes=-<suffix length>.');
  }
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) {
    throw ProblemException.of(416, 'range-not-satisfiable', `The upload has ${size} bytes.`);
  }
  return { start, end };
}

const describe = (object: MediaObject) => ({
  id: object.id,
  kind: object.kind,
  type: object.contentType,
  bytes: object.bytes,
  sha256: object.sha256,
  ...(object.width !== null ? { width: object.width, height: object.height } : {}),
  url: `/api/media/${object.id}`,
});

@ApiTags('media')
@ApiBearerAuth()
@Controller('api')
export class MediaController {
  constructor(
    @Inject(MEDIA_STORE) private readonly media: MediaStore,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  private idFor(uploader: string, sha256: string): string {
    // Keyed: nobody can recompute an anonymous submitter's media id from their subject and a file.
    return nameBasedId(`media:${this.pseudonyms.of(`media-upload\u0000${uploader}\u0000${sha256}`)}`);
  }

  @Authorize('media.upload')
  @Post('media')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload a photo, a voice note or a video (the raw bytes as the body); the type is read from the bytes',
    description:
      'Accepted: PNG, JPEG, WebP images; WebM (Opus/Vorbis), Ogg (Opus/Vorbis), M4A, MP3 audio; WebM and MP4 video. Images are stored without EXIF, XMP and text metadata. ' +
      'The same bytes sent again by the same person answer 200 with the first upload (retrying is safe). Reference the answer\'s id and sha256 in an idea\'s media.',
  })
  @ApiConsumes('application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'Content-Digest', required: false, description: 'sha-256=:<base64>: of a file uploaded before: answered at once without the body when it is already stored' })
  @ApiQuery({ name: 'organisation', required: false, description: "The organisation whose ideas it may join: your own (the default)" })
  async upload(@CurrentActor() actor: Actor, @Query('organisation') organisation: unknown, @Headers('content-digest') digestHeader: string | undefined, @Headers('content-length') length: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (organisation !== undefined && (typeof organisation !== 'string' || !ORGANISATION_ID.test(organisation))) {
      throw ProblemException.validation([{ field: 'organisation', message: 'organisation must be a lower-case identifier such as "imatra"' }]);
    }
    const uploader = this.pseudonyms.of(actor);
    const expected = parseDigest(digestHeader);
    if (expected !== undefined) {
      const existing = await this.media.find(this.idFor(uploader, expected));
      if (existing && existing.uploader === uploader && (await this.media.readable(existing))) {
        req.resume();
        res.status(200);
        return describe(existing);
      }
    }
    if (length !== undefined && Number(length) > this.media.largestUpload) {
      throw ProblemException.of(413, 'media-too-large', `An upload may be at most ${Math.floor(this.media.largestUpload / 1_048_576)} MB.`);
    }
    if (req.readableEnded || req.body !== undefined) throw ProblemException.of(415, 'unsupported-media-type', 'Send the file itself as the body (not JSON or a form).');
    const { object, created } = await this.media.store({
      source: req[Symbol.asyncIterator](),
      uploader,
      organisation: actor.organisation,
      idFor: (sha256) => this.idFor(uploader, sha256),
      ...(expected !== undefined ? { expectedSha256: expected } : {}),
    });
    res.status(created ? 201 : 200);
    res.setHeader('Location', `/api/media/${object.id}`);
    return describe(object);
  }

  @Authorize('media.get')
  @Get('media/:id')
  @ApiOperation({ summary: "An upload's bytes, as the idea carrying it is readable (Range: bytes=… for seeking); 410 once its uploader is erased" })
  async get(@CurrentActor() actor: Actor, @Param('id') id: string, @Headers('range') range: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const object = await this.media.find(id);
    if (!object) throw notFound();
    const key = await this.media.readable(object);
    if (!key) throw ProblemException.of(410, 'media-erased', 'The person who uploaded this has been erased; the file can no longer be opened.');
    if (object.uploader !== this.pseudonyms.of(actor)) {
      // Others see an upload once an idea they may read carries it, itself or in a comment (the guard checked the organisation).
      const [carried] = await this.db.query('SELECT 1 FROM idea_views WHERE media @> $1::jsonb OR comments @> $2::jsonb LIMIT 1', [
        JSON.stringify([{ mediaId: id }]),
        JSON.stringify([{ media: [{ mediaId: id }] }]),
      ]);
      if (!carried) throw notFound();
    }
    const part = parseRange(range, object.bytes);
    const start = part?.start ?? 0;
    const end = part?.end ?? object.bytes - 1;
    res.status(part ? 206 : 200);
    res.setHeader('Content-Type', object.contentType);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.setHeader('ETag', `"${object.sha256}"`);
    res.setHeader('Content-Length', String(end - start + 1));
    if (part) res.setHeader('Content-Range', `bytes ${start}-${end}/${object.bytes}`);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      for await (const piece of this.media.read(object, key, start, end)) {
        if (!res.write(piece)) {
          await new Promise<void>((resolve) => {
            const done = () => {
              res.off('drain', done).off('close', done);
              resolve();
            };
            res.on('drain', done).on('close', done);
          });
        }
        if (res.destroyed) return;
      }
      res.end();
    } catch (error) {
      res.destroy(error as Error);
    }
  }
}
