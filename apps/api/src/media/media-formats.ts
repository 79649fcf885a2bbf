// What an upload is, decided from its bytes, and the bytes that may be kept: each accepted format is walked as a
// stream (never held whole), its structure checked (truncation, lying sizes, absurd image dimensions), and the
// metadata that can name a place or a person (EXIF with GPS, XMP, text chunks, ID3 tags, MP4 user data) left out.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { ProblemException } from '#platform';

export const MEDIA_TYPES = {
  'image/png': 'image',
  'image/jpeg': 'image',
  'image/webp': 'image',
  'audio/webm': 'audio',
  'audio/ogg': 'audio',
  'audio/mp4': 'audio',
  'audio/mpeg': 'audio',
  'video/webm': 'video',
  'video/mp4': 'video',
} as const;
export type MediaType = keyof typeof MEDIA_TYPES;
export type MediaKind = (typeof MEDIA_TYPES)[MediaType];

export interface MediaLimits {
  /** Largest upload of each kind, in bytes. */
  maxBytes: Record<MediaKind, number>;
  /** Largest image, in pixels (width × height); each side at most 16,384. */
  maxImagePixels: number;
}

export interface Inspected {
  type: MediaType;
  kind: MediaKind;
  width?: number;
  height?: number;
}

const MAX_SIDE = 16_384;

export const unsupported = (detail: string) => ProblemException.of(415, 'unsupported-media-type', detail);
export const malformed = (detail: string) => ProblemException.of(422, 'malformed-media', detail);
export const tooLarge = (detail: string) => ProblemException.of(413, 'media-too-large', detail);

/** Pulls exact byte counts out of a stream of pieces; counts what arrived and refuses more than `limit`. */
export class ByteReader {
  private pieces: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  received = 0;
  /** SHA-256 of every byte received (the file as sent, metadata and all). */
  readonly sentHash = createHash('sha256');
  limit = Number.POSITIVE_INFINITY;
  limitDetail = 'The file is too large.';

  constructor(private readonly source: AsyncIterator<Buffer | Uint8Array | string>) {}

  /** Buffers at least n bytes if the stream has them; false when it ended first. */
  async fill(n: number): Promise<boolean> {
    while (this.buffered < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) {
        this.ended = true;
        break;
      }
      const piece = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      if (piece.length === 0) continue;
      this.received += piece.length;
      if (this.received > this.limit) throw tooLarge(this.limitDetail);
      this.sentHash.update(piece);
      this.pieces.push(piece);
      this.buffered += piece.length;
    }
    return this.buffered >= n;
  }

  /** Up to n bytes from the front, without taking them. */
  async peek(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces);
    this.pieces = all.length ? [all] : [];
    return all.subarray(0, Math.min(n, all.length));
  }

  async read(n: number, what = 'the file'): Promise<Buffer> {
    if (!(await this.fill(n))) throw malformed(`The file ends too early (inside ${what}).`);
    return this.take(n);
  }

  /** Moves n bytes to `sink` in the pieces they came in (or drops them without a sink). */
  async pipe(n: number, sink: ((piece: Buffer) => Promise<void>) | undefined, what = 'the file'): Promise<void> {
    let left = n;
    while (left > 0) {
      if (this.buffered === 0 && !(await this.fill(1))) throw malformed(`The file ends too early (inside ${what}).`);
      const piece = this.take(Math.min(left, this.pieces[0].length));
      left -= piece.length;
      if (sink) await sink(piece);
    }
  }

  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** Everything that is left, piece by piece. */
  async rest(sink: (piece: Buffer) => Promise<void>): Promise<void> {
    while (await this.fill(1)) await sink(this.take(this.pieces[0].length));
  }

  /** What is buffered now (at least `atLeast` bytes when the stream has them). */
  async window(atLeast: number): Promise<Buffer> {
    return this.peek(Math.max(atLeast, this.buffered));
  }

  private take(n: number): Buffer {
    const out: Buffer[] = [];
    let left = n;
    while (left > 0) {
      const head = this.pieces[0];
      if (head.length <= left) {
        out.push(head);
        this.pieces.shift();
        left -= head.length;
      } else {
        out.push(head.subarray(0, left));
        this.pieces[0] = head.subarray(left);
        left = 0;
      }
    }
    this.buffered -= n;
    return out.length === 1 ? out[0] : Buffer.concat(out);
  }
}

type Sink = (piece: Buffer) => Promise<void>;

const ascii = (b: Buffer, from: number, to: number) => b.subarray(from, to).toString('latin1');
const zeros = async (sink: Sink, n: number) => {
  for (let left = n; left > 0; left -= 65_536) await sink(Buffer.alloc(Math.min(left, 65_536)));
};

/** The type, from the first bytes only. */
export function sniff(head: Buffer): MediaType {
  const starts = (bytes: number[], at = 0) => head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (starts([0x1a, 0x45, 0xdf, 0xa3])) {
    const text = head.toString('latin1');
    if (!text.includes('webm')) throw unsupported('Only WebM is accepted of the Matroska family.');
    if (/V_VP8|V_VP9|V_AV1/.test(text)) return 'video/webm';
    if (/A_OPUS|A_VORBIS/.test(text)) return 'audio/webm';
    throw unsupported('The WebM file has no VP8, VP9 or AV1 video nor Opus or Vorbis audio track in its header.');
  }
  if (starts([0x4f, 0x67, 0x67, 0x53])) return 'audio/ogg';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp') {
    const brand = ascii(head, 8, 12);
    return brand === 'M4A ' || brand === 'M4B ' ? 'audio/mp4' : 'video/mp4';
  }
  if (starts([0x49, 0x44, 0x33]) || (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe6) === 0xe2)) return 'audio/mpeg';
  if (starts([0x50, 0x4b, 0x03, 0x04])) throw unsupported('Archives (ZIP and its kin) are not accepted, whatever their name says.');
  throw unsupported('The file is none of the accepted types: PNG, JPEG, WebP images; WebM, Ogg, MP4/M4A, MP3 audio; WebM, MP4 video.');
}

function checkDimensions(width: number, height: number, limits: MediaLimits, type: string): void {
  if (width < 1 || height < 1) throw malformed(`The ${type} image says it has no pixels.`);
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > limits.maxImagePixels) {
    throw ProblemException.of(422, 'image-dimensions-too-large', `The image claims ${width} × ${height} pixels; at most ${MAX_SIDE} per side and ${limits.maxImagePixels} in all are accepted.`);
  }
}

/** PNG: every chunk's CRC is checked; eXIf, tEXt, iTXt, zTXt and tIME are left out; nothing may follow IEND. */
async function png(r: ByteReader, sink: Sink, limits: MediaLimits, found: Inspected): Promise<void> {
  await sink(await r.read(8));
  const dropped = new Set(['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME']);
  let first = true;
  for (;;) {
    const head = await r.read(8, 'a chunk header');
    const length = head.readUInt32BE(0);
    const type = ascii(head, 4, 8);
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw malformed('A PNG chunk header is damaged.');
    if (first !== (type === 'IHDR')) throw malformed('A PNG file starts with its IHDR chunk, and has only one.');
    let crc = crc32(head.subarray(4, 8));
    const drop = dropped.has(type);
    if (first) {
      if (length !== 13) throw malformed('The PNG header chunk has the wrong length.');
      const body = await r.read(13, 'the PNG header');
      found.width = body.readUInt32BE(0);
      found.height = body.readUInt32BE(4);
      checkDimensions(found.width, found.height, limits, 'PNG');
      crc = crc32(body, crc);
      await sink(head);
      await sink(body);
    } else {
      if (!drop) await sink(head);
      await r.pipe(length, async (piece) => {
        crc = crc32(piece, crc);
        if (!drop) await sink(piece);
      }, `a ${type} chunk`);
    }
    const stored = await r.read(4, 'a chunk checksum');
    if (stored.readUInt32BE(0) !== crc >>> 0) throw malformed(`The checksum of a PNG ${type} chunk does not match: the file is damaged.`);
    if (!drop) await sink(stored);
    first = false;
    if (type === 'IEND') break;
  }
  if (!(await r.atEnd())) throw malformed('Something follows the end of the PNG image.');
}

const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: segments walked; APP1 (Exif, XMP), APP13 (IPTC) and comments left out; it must end with EOI. */
async function jpeg(r: ByteReader, sink: Sink, limits: MediaLimits, found: Inspected): Promise<void> {
  await sink(await r.read(2));
  let sawFrame = false;
  for (;;) {
    let marker = (await r.read(2, 'a segment marker'));
    if (marker[0] !== 0xff) throw malformed('A JPEG segment marker is damaged.');
    while (marker[1] === 0xff) marker = Buffer.from([0xff, (await r.read(1, 'a segment marker'))[0]]);
    const code = marker[1];
    if (code === 0xd9) {
      await sink(marker);
      break;
    }
    if (code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
      await sink(marker);
      continue;
    }
    const lengthBytes = await r.read(2, 'a segment length');
    const length = lengthBytes.readUInt16BE(0);
    if (length < 2) throw malformed('A JPEG segment length is damaged.');
    if (code === 0xe1 || code === 0xed || code === 0xfe) {
      await r.pipe(length - 2, undefined, 'a metadata segment');
      continue;
    }
    if (SOF.has(code)) {
      const body = await r.read(length - 2, 'the frame header');
      if (body.length < 5) throw malformed('The JPEG frame header is too short.');
      found.height = body.readUInt16BE(1);
      found.width = body.readUInt16BE(3);
      checkDimensions(found.width, found.height, limits, 'JPEG');
      sawFrame = true;
      await sink(marker);
      await sink(lengthBytes);
      await sink(body);
      continue;
    }
    await sink(marker);
    await sink(lengthBytes);
    await r.pipe(length - 2, sink, 'a segment');
    if (code !== 0xda) continue;
    if (!sawFrame) throw malformed('The JPEG image has scan data before its frame header.');
    // Entropy-coded data: everything up to the next marker that is not a stuffed byte or a restart marker.
    for (;;) {
      const window = await r.window(2);
      if (window.length < 2) throw malformed('The JPEG image ends inside its scan data (no end-of-image marker).');
      let at = -1;
      for (let i = window.indexOf(0xff); i !== -1 && i + 1 < window.length; i = window.indexOf(0xff, i + 1)) {
        const next = window[i + 1];
        if (next !== 0x00 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) {
          at = i;
          break;
        }
      }
      if (at === -1) {
        await r.pipe(window.length - 1, sink);
        continue;
      }
      await r.pipe(at, sink);
      break;
    }
  }
  if (!sawFrame) throw malformed('The JPEG file has no image in it.');
  if (!(await r.atEnd())) throw malformed('Something follows the end of the JPEG image.');
}

/** WebP: the RIFF size must be the file's; EXIF and XMP chunks are overwritten with an empty JUNK chunk of the same size. */
async function webp(r: ByteReader, sink: Sink, limits: MediaLimits, found: Inspected): Promise<void> {
  const head = await r.read(12);
  const total = head.readUInt32LE(4) + 8;
  if (total > r.limit) throw tooLarge(r.limitDetail);
  await sink(head);
  let at = 12;
  let sawImage = false;
  while (at < total) {
    const chunk = await r.read(8, 'a chunk header');
    const fourcc = ascii(chunk, 0, 4);
    const length = chunk.readUInt32LE(4);
    const padded = length + (length & 1);
    if (at + 8 + padded > total) throw malformed('A WebP chunk runs past the end the file declares.');
    if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      await sink(Buffer.concat([Buffer.from('JUNK', 'latin1'), chunk.subarray(4, 8)]));
      await r.pipe(padded, undefined, 'a metadata chunk');
      await zeros(sink, padded);
    } else if (fourcc === 'VP8X' || fourcc === 'VP8 ' || fourcc === 'VP8L') {
      const need = fourcc === 'VP8X' ? 10 : fourcc === 'VP8 ' ? 10 : 5;
      if (length < need) throw malformed(`The WebP ${fourcc.trim()} chunk is too short.`);
      const body = Buffer.from(await r.read(need, 'the image header'));
      if (fourcc === 'VP8X') {
        body[0] &= ~0x0c; // no EXIF, no XMP (they are gone)
        found.width = body.readUIntLE(4, 3) + 1;
        found.height = body.readUIntLE(7, 3) + 1;
      } else if (fourcc === 'VP8 ') {
        if (body[3] !== 0x9d || body[4] !== 0x01 || body[5] !== 0x2a) throw malformed('The WebP VP8 frame header is damaged.');
        found.width ??= body.readUInt16LE(6) & 0x3fff;
        found.height ??= body.readUInt16LE(8) & 0x3fff;
      } else {
        if (body[0] !== 0x2f) throw malformed('The WebP lossless header is damaged.');
        const bits = body.readUInt32LE(1);
        found.width ??= (bits & 0x3fff) + 1;
        found.height ??= ((bits >> 14) & 0x3fff) + 1;
      }
      checkDimensions(found.width!, found.height!, limits, 'WebP');
      if (fourcc !== 'VP8X') sawImage = true;
      await sink(chunk);
      await sink(body);
      await r.pipe(padded - need, sink, 'the image data');
    } else {
      if (fourcc === 'ANMF') sawImage = true;
      await sink(chunk);
      await r.pipe(padded, sink, `a ${fourcc} chunk`);
    }
    at += 8 + padded;
  }
  if (!sawImage) throw malformed('The WebP file has no image in it.');
  if (!(await r.atEnd())) throw malformed('Something follows the end the WebP file declares.');
}

/** MP4: top-level boxes must add up to the file; user data and metadata (udta, meta: places, names) become `free` boxes of zeros. */
async function mp4(r: ByteReader, sink: Sink): Promise<void> {
  const walk = async (end: number | undefined, at: number, depth: number): Promise<number> => {
    let first = depth === 0;
    while (end === undefined ? !(await r.atEnd()) : at < end) {
      const head = await r.read(8, 'a box header');
      let size = head.readUInt32BE(0);
      const type = ascii(head, 4, 8);
      if (first && type !== 'ftyp') throw malformed('An MP4 file starts with its ftyp box.');
      first = false;
      let header = head;
      if (size === 1) {
        const large = await r.read(8, 'a box size');
        const big = large.readBigUInt64BE(0);
        if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed('An MP4 box claims an impossible size.');
        size = Number(big);
        header = Buffer.concat([head, large]);
      } else if (size === 0) {
        if (depth !== 0) throw malformed('An MP4 box inside another has no size.');
        await sink(head);
        let rest = 0;
        await r.rest(async (piece) => {
          rest += piece.length;
          await sink(piece);
        });
        return at + 8 + rest;
      }
      if (size < header.length) throw malformed('An MP4 box is smaller than its header.');
      if (end !== undefined && at + size > end) throw malformed('An MP4 box runs past the box it is in.');
      if (at + size > r.limit) throw tooLarge(r.limitDetail);
      const body = size - header.length;
      if (depth > 0 && (type === 'udta' || type === 'meta')) {
        await sink(Buffer.concat([header.subarray(0, 4), Buffer.from('free', 'latin1'), header.subarray(8)]));
        await r.pipe(body, undefined, 'a metadata box');
        await zeros(sink, body);
      } else if (type === 'moov' || type === 'trak') {
        await sink(header);
        await walk(at + size, at + header.length, depth + 1);
      } else {
        await sink(header);
        await r.pipe(body, sink, `an MP4 ${type} box`);
      }
      at += size;
    }
    return at;
  };
  await walk(undefined, 0, 0);
}

/** Ogg: pages walked one by one (each complete); the first must start an Opus or Vorbis stream. */
async function ogg(r: ByteReader, sink: Sink): Promise<void> {
  let first = true;
  while (!(await r.atEnd())) {
    const head = await r.read(27, 'an Ogg page header');
    if (ascii(head, 0, 4) !== 'OggS' || head[4] !== 0) throw malformed('An Ogg page header is damaged.');
    const table = await r.read(head[26], 'an Ogg page header');
    const length = table.reduce((sum, lace) => sum + lace, 0);
    await sink(head);
    await sink(table);
    if (first) {
      const body = await r.read(length, 'an Ogg page');
      const codec = body.subarray(0, 8).toString('latin1');
      if (codec !== 'OpusHead' && !codec.startsWith('\u0001vorbis')) throw unsupported('Only Opus and Vorbis are accepted in Ogg.');
      await sink(body);
      first = false;
    } else {
      await r.pipe(length, sink, 'an Ogg page');
    }
  }
  if (first) throw malformed('The Ogg file has no pages.');
}

/** MP3: an ID3v2 tag at the start (titles, names, pictures) is left out; a frame must follow. */
async function mp3(r: ByteReader, sink: Sink): Promise<void> {
  const start = await r.peek(10);
  if (ascii(start, 0, 3) === 'ID3') {
    const tag = await r.read(10, 'the ID3 tag');
    const size = ((tag[6] & 0x7f) << 21) | ((tag[7] & 0x7f) << 14) | ((tag[8] & 0x7f) << 7) | (tag[9] & 0x7f);
    await r.pipe(size + (tag[5] & 0x10 ? 10 : 0), undefined, 'the ID3 tag');
  }
  const frame = await r.peek(4);
  if (frame.length < 4 || frame[0] !== 0xff || (frame[1] & 0xe6) !== 0xe2) throw malformed('No MP3 frame follows the tag.');
  await r.rest(sink);
}

/** WebM: the EBML header must be whole and say "webm"; a segment must follow. */
async function webm(r: ByteReader, sink: Sink): Promise<void> {
  const id = await r.read(4);
  const first = (await r.read(1, 'the EBML header'))[0];
  const width = Math.clz32(first) - 23;
  if (first === 0 || width > 8) throw malformed('The WebM header size is damaged.');
  const more = await r.read(width - 1, 'the EBML header');
  let size = first & (0xff >> width);
  for (const byte of more) size = size * 256 + byte;
  if (size > 4096) throw malformed('The WebM header is implausibly large.');
  const body = await r.read(size, 'the EBML header');
  if (!body.toString('latin1').includes('webm')) throw unsupported('Only WebM is accepted of the Matroska family.');
  const segment = await r.read(4, 'the WebM segment');
  if (segment.readUInt32BE(0) !== 0x18538067) throw malformed('No WebM segment follows the header.');
  await sink(Buffer.concat([id, Buffer.from([first]), more, body, segment]));
  await r.rest(sink);
}

/**
 * Walks the upload: sniffs the type from the first bytes, applies its kind's size limit and hands the bytes that
 * may be kept to `sink`. Throws a 4xx problem for anything else.
 */
export async function inspect(r: ByteReader, sink: Sink, limits: MediaLimits): Promise<Inspected> {
  const head = await r.peek(4096);
  if (head.length === 0) throw ProblemException.of(400, 'empty-upload', 'The upload has no bytes.');
  const type = sniff(head);
  const kind = MEDIA_TYPES[type];
  r.limit = limits.maxBytes[kind];
  r.limitDetail = `A${kind === 'image' ? 'n' : ''} ${kind} may be at most ${Math.floor(limits.maxBytes[kind] / 1_048_576)} MB.`;
  if (r.received > r.limit) throw tooLarge(r.limitDetail);
  const found: Inspected = { type, kind };
  if (type === 'image/png') await png(r, sink, limits, found);
  else if (type === 'image/jpeg') await jpeg(r, sink, limits, found);
  else if (type === 'image/webp') await webp(r, sink, limits, found);
  else if (type === 'video/mp4' || type === 'audio/mp4') await mp4(r, sink);
  else if (type === 'audio/ogg') await ogg(r, sink);
  else if (type === 'audio/mpeg') await mp3(r, sink);
  else await webm(r, sink);
  return found;
}
