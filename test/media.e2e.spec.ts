// Photos, voice notes and videos end to end on the embedded database: uploaded as bytes, typed from the bytes,
// cleaned of location metadata, sealed with the uploader's key, attached to an idea, read back (ranges for
// players) by exactly the idea's readers (also when a comment carries them), and gone (410) once the uploader is erased.
import { crc32 } from 'node:zlib';
import { client, startTestApp, type TestApp } from './support/app.js';
import { expectProblem, expectStatus, ideaBody, TIMEOUT } from './support/ideas-scenarios.js';
import { digestHeader, exifWithGps, GPS_MARKER, jpegWithExif, MP4_PLACE, mp4WithPlace, pngBomb, pngWithGps, sha256, webmOpus, zipBytes } from './support/media-fixtures.js';

/** The chunk types of a PNG, in order; throws when a CRC is wrong. */
function pngChunks(bytes: Buffer): string[] {
  const types: string[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (bytes.readUInt32BE(at + 8 + length) !== crc32(bytes.subarray(at + 4, at + 8 + length)) >>> 0) throw new Error(`bad CRC in ${type}`);
    types.push(type);
    at += 12 + length;
  }
  return types;
}

describe('media uploads (embedded database)', () => {
  let app: TestApp;
  let call: ReturnType<typeof client>;
  const org = 'media-org';
  const subjects = { author: 'media-author', colleague: 'media-colleague', outsider: 'media-outsider', anon: 'media-anon' };
  const tokens = {} as Record<keyof typeof subjects | 'admin', string>;

  const upload = async (token: string, bytes: Buffer, headers: Record<string, string> = {}) => {
    const res = await fetch(`${app.baseUrl}/api/media`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers }, body: bytes });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const download = async (token: string, path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(app.baseUrl + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const chunkCount = async () => Number((await app.runtime.dataSource.query('SELECT count(*)::int AS n FROM media_chunks'))[0].n);

  beforeAll(async () => {
    app = await startTestApp({ log: !!process.env.MEDIA_LOG, env: { LOG_LEVEL: 'warn' } });
    call = client(app.baseUrl);
    tokens.author = await app.token(subjects.author, org, 'employee');
    tokens.colleague = await app.token(subjects.colleague, org, 'change-agent');
    tokens.outsider = await app.token(subjects.outsider, 'media-other', 'employee');
    tokens.anon = await app.token(subjects.anon, org, 'employee');
    tokens.admin = await app.token('media-admin', 'kunteko', 'admin');
  }, TIMEOUT);
  afterAll(async () => {
    await app?.close();
  });

  let photo: any;
  let commentPhoto: any;
  let commentedIdea: string;
  let survivor: string;
  let voice: any;
  let video: any;
  const png = pngWithGps();
  const webm = webmOpus();
  const mp4 = mp4WithPlace();

  it(
    'takes a PNG with EXIF GPS, a WebM/Opus voice note and an MP4, types them from the bytes, and stores a retry once',
    async () => {
      // The declared type is ignored: the bytes decide.
      const first = await upload(tokens.author, png, { 'content-type': 'video/mp4' });
      expectStatus(first as any, 201);
      photo = first.body;
      expect(photo).toMatchObject({ kind: 'image', type: 'image/png', width: 32, height: 24, url: `/api/media/${photo.id}` });
      expect(first.headers.get('location')).toBe(`/api/media/${photo.id}`);
      expect(photo.bytes).toBeLessThan(png.length);

      const chunks = await chunkCount();
      const retry = await upload(tokens.author, png);
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: photo.id });
      expect(await chunkCount()).toBe(chunks);
      // A retry that names the file's digest is answered at once, whatever the body.
      const named = await upload(tokens.author, Buffer.from('not read'), { 'content-digest': digestHeader(png) });
      expect({ status: named.status, id: named.body.id }).toEqual({ status: 200, id: photo.id });
      expect(await chunkCount()).toBe(chunks);
      // A digest that does not match what arrives: refused, nothing kept.
      const damaged = await upload(tokens.author, pngWithGps(9, 9), { 'content-digest': digestHeader(png.subarray(1)) });
      expect(damaged.status).toBe(400);
      expect(await chunkCount()).toBe(chunks);

      const voiceReply = await upload(tokens.author, webm, { 'content-type': 'image/png' });
      expectStatus(voiceReply as any, 201);
      voice = voiceReply.body;
      expect(voice).toMatchObject({ kind: 'audio', type: 'audio/webm', bytes: webm.length, sha256: sha256(webm) });
      const videoReply = await upload(tokens.author, mp4, { 'content-digest': digestHeader(mp4) });
      expectStatus(videoReply as any, 201);
      video = videoReply.body;
      expect(video).toMatchObject({ kind: 'video', type: 'video/mp4', bytes: mp4.length });

      // Another person's identical photo is their own upload.
      const other = await upload(tokens.colleague, png);
      expect(other.status).toBe(201);
      expect(other.body.id).not.toBe(photo.id);

      // A JPEG loses its Exif segment and its comment.
      const jpeg = await upload(tokens.author, jpegWithExif());
      expect(jpeg.body).toMatchObject({ kind: 'image', type: 'image/jpeg', width: 16, height: 16 });
      const jpegBack = await download(tokens.author, jpeg.body.url);
      expect(jpegBack.bytes.includes(Buffer.from('Exif'))).toBe(false);
      expect(jpegBack.bytes.includes(Buffer.from(GPS_MARKER))).toBe(false);
      expect(jpegBack.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    },
    TIMEOUT,
  );

  it(
    'stores the bytes sealed: no chunk holds the plaintext',
    async () => {
      const rows: { data: Uint8Array }[] = await app.runtime.dataSource.query('SELECT data FROM media_chunks');
      const sample = webm.subarray(100_000, 100_064);
      expect(rows.length).toBeGreaterThan(3);
      for (const row of rows) {
        const data = Buffer.from(row.data);
        expect(data.includes(sample)).toBe(false);
        expect(data.includes(Buffer.from('IHDR'))).toBe(false);
      }
    },
    TIMEOUT,
  );

  it(
    'serves the photo without its GPS position or text chunks, to its uploader and then to the idea\'s readers only',
    async () => {
      const mine = await download(tokens.author, photo.url);
      expect(mine.status).toBe(200);
      expect(mine.headers.get('content-type')).toBe('image/png');
      expect(mine.headers.get('cache-control')).toMatch(/^private\b/);
      expect(sha256(mine.bytes)).toBe(photo.sha256);
      expect(pngChunks(mine.bytes)).toEqual(['IHDR', 'IDAT', 'IEND']);
      expect(pngChunks(png)).toEqual(['IHDR', 'eXIf', 'tEXt', 'iTXt', 'IDAT', 'IEND']);
      for (const needle of [exifWithGps(), Buffer.from(GPS_MARKER), Buffer.from('Kotikatu'), Buffer.from('Meikalainen')]) expect(mine.bytes.includes(needle)).toBe(false);
      // The image itself is untouched.
      expect(mine.bytes.subarray(mine.bytes.indexOf('IDAT') - 4).equals(png.subarray(png.indexOf('IDAT') - 4))).toBe(true);

      // The video's place is gone too; its media data is as sent.
      const film = await download(tokens.author, video.url);
      expect(film.headers.get('content-type')).toBe('video/mp4');
      expect(film.bytes.includes(Buffer.from(MP4_PLACE))).toBe(false);
      expect(film.bytes.length).toBe(mp4.length);
      expect(film.bytes.subarray(-300_008).equals(mp4.subarray(-300_008))).toBe(true);

      // Not attached yet: nobody else sees it.
      expectProblem(await call('GET', photo.url, { token: tokens.colleague }), 404);

      const media = [
        { kind: 'image', mediaId: photo.id, sha256: photo.sha256, alt: 'Rikkinäinen tarjoiluvaunu keittiön ovella' },
        { kind: 'audio', mediaId: voice.id, alt: 'Vaunun pyörä jumittaa, tarvitaan uusi.' },
        { kind: 'video', mediaId: video.id },
      ];
      // Wrong kind, a stranger's upload, a wrong hash: 400, nothing submitted.
      expectProblem(await call('POST', '/api/ideas', { token: tokens.author, body: ideaBody({ organisation: org, media: [{ kind: 'video', mediaId: photo.id }] }) }), 400);
      expectProblem(await call('POST', '/api/ideas', { token: tokens.anon, body: ideaBody({ organisation: org, media: [{ kind: 'image', mediaId: photo.id }] }) }), 400);
      expectProblem(await call('POST', '/api/ideas', { token: tokens.author, body: ideaBody({ organisation: org, media: [{ kind: 'image', mediaId: photo.id, sha256: sha256(png) }] }) }), 400);
      const submitted = await call('POST', '/api/ideas', { token: tokens.author, body: ideaBody({ organisation: org, media }) });
      expectStatus(submitted, 201);
      const idea = await call('GET', `/api/ideas/${submitted.body.id}`, { token: tokens.colleague });
      expectStatus(idea, 200);
      expect(idea.body.media).toEqual([
        { kind: 'image', url: photo.url, mediaId: photo.id, sha256: photo.sha256, type: 'image/png', width: 32, height: 24, alt: media[0].alt },
        { kind: 'audio', url: voice.url, mediaId: voice.id, sha256: voice.sha256, type: 'audio/webm', alt: media[1].alt },
        { kind: 'video', url: video.url, mediaId: video.id, sha256: video.sha256, type: 'video/mp4' },
      ]);

      expect((await download(tokens.colleague, photo.url)).status).toBe(200);
      expect((await download(tokens.admin, photo.url)).status).toBe(200);
      expectProblem(await call('GET', photo.url, { token: tokens.outsider }), 403);
      expectProblem(await call('GET', photo.url), 401);
      expectProblem(await call('GET', '/api/media/00000000-0000-4000-8000-000000000000', { token: tokens.colleague }), 404);
    },
    TIMEOUT,
  );

  it(
    'answers range requests on the voice note for seeking',
    async () => {
      const whole = await download(tokens.colleague, voice.url);
      expect(whole.headers.get('accept-ranges')).toBe('bytes');
      expect(whole.bytes.equals(webm)).toBe(true);
      // Across a stored chunk's edge (262,144 bytes).
      const part = await download(tokens.colleague, voice.url, { range: 'bytes=262000-262399' });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes 262000-262399/${webm.length}`);
      expect(part.headers.get('content-length')).toBe('400');
      expect(part.bytes.equals(webm.subarray(262_000, 262_400))).toBe(true);
      const tail = await download(tokens.colleague, voice.url, { range: 'bytes=-100' });
      expect(tail.status).toBe(206);
      expect(tail.bytes.equals(webm.subarray(-100))).toBe(true);
      const open = await download(tokens.colleague, voice.url, { range: `bytes=${webm.length - 10}-` });
      expect(open.bytes.equals(webm.subarray(-10))).toBe(true);
      const beyond = await call('GET', voice.url, { token: tokens.colleague, headers: { range: `bytes=${webm.length}-` } });
      expectProblem(beyond, 416);
      expectProblem(await call('GET', voice.url, { token: tokens.colleague, headers: { range: 'lines=1-2' } }), 416);
    },
    TIMEOUT,
  );

  it(
    'refuses disguised, truncated and bomb-like files with a 4xx problem and stores nothing',
    async () => {
      const before = await chunkCount();
      const objects = async () => Number((await app.runtime.dataSource.query('SELECT count(*)::int AS n FROM media_objects'))[0].n);
      const objectsBefore = await objects();
      const cases: [string, Buffer, number][] = [
        ['a zip named as an image', zipBytes(), 415],
        ['text', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 415],
        ['a truncated PNG', png.subarray(0, png.length - 20), 422],
        ['a PNG with a broken checksum', Buffer.concat([png.subarray(0, 40), Buffer.from([png[40] ^ 0xff]), png.subarray(41)]), 422],
        ['a PNG claiming 16,000 × 16,000 pixels', pngBomb(), 422],
        ['a PNG with a zip appended', Buffer.concat([png, zipBytes()]), 422],
        ['a truncated MP4', mp4.subarray(0, mp4.length - 1000), 422],
        ['a WebM cut inside its header (nothing tells what it holds)', webm.subarray(0, 40), 415],
        ['a truncated JPEG', jpegWithExif().subarray(0, 60), 422],
        ['nothing', Buffer.alloc(0), 400],
      ];
      for (const [what, bytes, status] of cases) {
        const reply = await upload(tokens.author, bytes);
        expect({ what, status: reply.status, type: reply.headers.get('content-type')?.split(';')[0] }).toEqual({ what, status, type: 'application/problem+json' });
      }
      expect(await chunkCount()).toBe(before);
      expect(await objects()).toBe(objectsBefore);
    },
    TIMEOUT,
  );

  it(
    "serves an anonymous idea's media without naming the uploader",
    async () => {
      const own = await upload(tokens.anon, pngWithGps(8, 8));
      const submitted = await call('POST', '/api/ideas', { token: tokens.anon, body: ideaBody({ organisation: org, anonymous: true, media: [{ kind: 'image', mediaId: own.body.id }] }) });
      expectStatus(submitted, 201);
      await call('GET', `/api/ideas/${submitted.body.id}`, { token: tokens.colleague });
      const seen = await fetch(app.baseUrl + own.body.url, { headers: { authorization: `Bearer ${tokens.colleague}` } });
      expect(seen.status).toBe(200);
      const pseudonym = app.runtime.pseudonymizer.of(subjects.anon);
      const everything = [...seen.headers].map(([k, v]) => `${k}: ${v}`).join('\n') + Buffer.from(await seen.arrayBuffer()).toString('latin1');
      for (const needle of [pseudonym, subjects.anon]) expect(everything.includes(needle)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "carries the commenter's own uploads on a comment, readable by the idea's readers",
    async () => {
      // Someone else's idea; the author comments on it with a photo.
      const idea = await call('POST', '/api/ideas', { token: tokens.anon, body: ideaBody({ organisation: org }) });
      expectStatus(idea, 201);
      commentedIdea = idea.body.id;
      const reply = await upload(tokens.author, pngWithGps(12, 10));
      expectStatus(reply as any, 201);
      commentPhoto = reply.body;
      expectProblem(await call('GET', commentPhoto.url, { token: tokens.anon }), 404);

      const path = `/api/ideas/${commentedIdea}/comments`;
      const attached = { kind: 'image', mediaId: commentPhoto.id, sha256: commentPhoto.sha256, alt: 'Jumittava pyörä lähikuvassa' };
      // Checked as an idea's media are: the right kind, the commenter's own upload, the right hash.
      expectProblem(await call('POST', path, { token: tokens.author, body: { text: 'Tässä kuva', media: [{ ...attached, kind: 'audio' }] } }), 400);
      expectProblem(await call('POST', path, { token: tokens.anon, body: { text: 'Tässä kuva', media: [attached] } }), 400);
      expectProblem(await call('POST', path, { token: tokens.author, body: { text: 'Tässä kuva', media: [{ ...attached, sha256: sha256(png) }] } }), 400);
      expectProblem(await call('POST', path, { token: tokens.author, body: { text: 'Tässä kuva', media: 'kuva' } }), 400);
      expectStatus(await call('POST', path, { token: tokens.author, body: { text: 'Tässä kuva pyörästä', media: [attached] } }), 200);

      const seen = await call('GET', `/api/ideas/${commentedIdea}`, { token: tokens.anon });
      expectStatus(seen, 200);
      expect(seen.body.comments).toHaveLength(1);
      expect(seen.body.comments[0]).toMatchObject({ text: 'Tässä kuva pyörästä', byMe: false });
      expect(seen.body.comments[0].media).toEqual([
        { kind: 'image', url: commentPhoto.url, mediaId: commentPhoto.id, sha256: commentPhoto.sha256, type: 'image/png', width: 12, height: 10, alt: attached.alt },
      ]);
      // The comment's fields are sealed with the commenter's key in the stored event.
      const [stored] = await app.runtime.dataSource.query(`SELECT data::text AS data FROM events WHERE type = 'IdeaCommented' AND data->>'ideaId' = $1`, [commentedIdea]);
      expect(stored.data.includes(commentPhoto.id)).toBe(false);

      const read = await download(tokens.anon, commentPhoto.url);
      expect(read.status).toBe(200);
      expect(sha256(read.bytes)).toBe(commentPhoto.sha256);
      expect((await download(tokens.colleague, commentPhoto.url)).status).toBe(200);
      expectProblem(await call('GET', commentPhoto.url, { token: tokens.outsider }), 403);

      // Merged into another idea, the comment moves with its uploads (sealed with the commenter's key there too).
      const other = await call('POST', '/api/ideas', { token: tokens.anon, body: ideaBody({ organisation: org, title: 'Tarjoiluvaunujen huolto' }) });
      expectStatus(other, 201);
      survivor = other.body.id;
      expectStatus(await call('POST', `/api/ideas/${commentedIdea}/merge`, { token: tokens.colleague, body: { into: survivor } }), 200);
      const merged = await call('GET', `/api/ideas/${survivor}`, { token: tokens.anon });
      expect(merged.body.comments.map((c: any) => c.media)).toEqual([seen.body.comments[0].media]);
      const [copy] = await app.runtime.dataSource.query(`SELECT data::text AS data FROM events WHERE type = 'DuplicateMerged' AND data->>'ideaId' = $1`, [survivor]);
      expect(copy.data.includes(commentPhoto.id)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'answers 410 with a problem for every upload of an erased author',
    async () => {
      const erased = await call('POST', `/api/people/${encodeURIComponent(subjects.author)}/erase`, { token: tokens.admin });
      expectStatus(erased, 200);
      for (const object of [photo, voice, video, commentPhoto]) {
        const gone = await call('GET', object.url, { token: tokens.colleague });
        expectProblem(gone, 410);
        expect(gone.body.type).toMatch(/media-erased$/);
        expectProblem(await call('GET', object.url, { token: tokens.admin, headers: { range: 'bytes=0-10' } }), 410);
      }
      // The idea no longer lists them either (its media were sealed with the same key).
      const ideas = await call('GET', `/api/ideas?organisation=${org}`, { token: tokens.colleague });
      for (const item of ideas.body.items) for (const m of item.media ?? []) expect(m.mediaId).not.toBe(photo.id);
      // Nor the comment that carried one (sealed with the commenter's key).
      const commented = await call('GET', `/api/ideas/${commentedIdea}`, { token: tokens.anon });
      expect(commented.body.comments[0].media).toEqual([]);
      expect((await call('GET', `/api/ideas/${survivor}`, { token: tokens.anon })).body.comments[0].media).toEqual([]);
      // The person may upload again: a new key, a new readable copy.
      const again = await upload(tokens.author, png);
      expect(again.status).toBe(201);
      expect((await download(tokens.author, again.body.url)).status).toBe(200);
    },
    TIMEOUT,
  );
});
