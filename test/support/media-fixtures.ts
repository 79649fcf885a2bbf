// Small but structurally valid media files, built byte by byte: a PNG carrying EXIF GPS and text chunks, a JPEG
// with an Exif segment, a WebM/Opus voice note, an MP4 with a location box, an Ogg/Opus file, and broken ones.
import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
export const digestHeader = (bytes: Buffer) => `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`;

/** Deterministic filler bytes (not compressible, not all zeros). */
export function noise(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const typeBytes = Buffer.from(type, 'latin1');
  return Buffer.concat([u32(data.length), typeBytes, data, u32(crc32(Buffer.concat([typeBytes, data])))]);
}

/** The latitude the EXIF of the test photo names: 61° 10' 33" N (a home in Imatra, say). */
export const GPS_MARKER = 'GPSVKUNTAIMATRA';

/** A TIFF/EXIF block whose IFD0 points at a GPS IFD with latitude 61° 10' 33" N and an area text. */
export function exifWithGps(): Buffer {
  // Big-endian TIFF: header (8), IFD0 with one entry (2 + 12 + 4 = 18) at 8, GPS IFD at 26.
  const gpsAt = 26;
  const gpsEntries = 3;
  const gpsSize = 2 + gpsEntries * 12 + 4;
  const rationalAt = gpsAt + gpsSize;
  const areaAt = rationalAt + 24;
  const entry = (tag: number, type: number, count: number, value: Buffer) => Buffer.concat([u16(tag), u16(type), u32(count), value]);
  const ifd0 = Buffer.concat([u16(1), entry(0x8825, 4, 1, u32(gpsAt)), u32(0)]);
  const gps = Buffer.concat([
    u16(gpsEntries),
    entry(0x0001, 2, 2, Buffer.from('N\u0000\u0000\u0000', 'latin1')),
    entry(0x0002, 5, 3, u32(rationalAt)),
    entry(0x001c, 7, GPS_MARKER.length, u32(areaAt)),
    u32(0),
  ]);
  const rationals = Buffer.concat([u32(61), u32(1), u32(10), u32(1), u32(33), u32(1)]);
  return Buffer.concat([Buffer.from('MM\u0000\u002a', 'latin1'), u32(8), ifd0, gps, rationals, Buffer.from(GPS_MARKER, 'latin1')]);
}

/** An RGB PNG of `width` × `height` with an eXIf chunk (GPS), a tEXt and an iTXt chunk. */
export function pngWithGps(width = 32, height = 24): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 8) & 0xff, (y * 10) & 0xff, 128], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', exifWithGps()),
    pngChunk('tEXt', Buffer.from('Author\u0000Maija Meikalainen', 'latin1')),
    pngChunk('iTXt', Buffer.from('Location\u0000\u0000\u0000\u0000\u0000Kotikatu 5, Imatra', 'latin1')),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG whose header claims 16,000 × 16,000 pixels (a decompression bomb in waiting) with a tiny IDAT. */
export function pngBomb(): Buffer {
  const ihdr = Buffer.concat([u32(16_000), u32(16_000), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1_000_000))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline-looking JPEG with an APP1 Exif segment carrying the GPS block, and a comment. */
export function jpegWithExif(): Buffer {
  const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(body.length + 2), body]);
  const app1 = segment(0xe1, Buffer.concat([Buffer.from('Exif\u0000\u0000', 'latin1'), exifWithGps()]));
  const sof = segment(0xc0, Buffer.from([8, 0, 16, 0, 16, 1, 1, 0x11, 0]));
  const sos = segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0]));
  const scan = Buffer.from([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, segment(0xfe, Buffer.from('kommentti', 'latin1')), sof, sos, scan, Buffer.from([0xff, 0xd9])]);
}

const vint = (n: number) => {
  // 8-byte EBML size.
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  b[0] = 0x01;
  return b;
};
const ebml = (id: number[], body: Buffer) => Buffer.concat([Buffer.from(id), vint(body.length), body]);

/** A WebM voice note as MediaRecorder writes it: EBML header, a segment of unknown size, an Opus track, one cluster. */
export function webmOpus(payloadBytes = 600_000): Buffer {
  const header = ebml([0x1a, 0x45, 0xdf, 0xa3], Buffer.concat([ebml([0x42, 0x82], Buffer.from('webm')), ebml([0x42, 0x87], Buffer.from([4])), ebml([0x42, 0x85], Buffer.from([2]))]));
  const track = ebml([0xae], Buffer.concat([ebml([0xd7], Buffer.from([1])), ebml([0x83], Buffer.from([2])), ebml([0x86], Buffer.from('A_OPUS')), ebml([0x63, 0xa2], Buffer.from('OpusHead'))]));
  const tracks = ebml([0x16, 0x54, 0xae, 0x6b], track);
  const cluster = ebml([0x1f, 0x43, 0xb6, 0x75], Buffer.concat([ebml([0xe7], Buffer.from([0])), ebml([0xa3], Buffer.concat([Buffer.from([0x81, 0, 0, 0x80]), noise(payloadBytes, 7)]))]));
  return Buffer.concat([header, Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), tracks, cluster]);
}

const box = (type: string, body: Buffer) => Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);

/** The ISO 6709 place an MP4's user data names. */
export const MP4_PLACE = '+61.1723+028.7521/';

/** An MP4: ftyp, a moov with a movie header and a user data box naming a place, and the media data. */
export function mp4WithPlace(payloadBytes = 300_000): Buffer {
  const mvhd = box('mvhd', Buffer.alloc(100));
  const udta = box('udta', box('\u00a9xyz', Buffer.concat([u16(MP4_PLACE.length), u16(0x15c7), Buffer.from(MP4_PLACE, 'latin1')])));
  return Buffer.concat([box('ftyp', Buffer.concat([Buffer.from('isom', 'latin1'), u32(512), Buffer.from('isomiso2avc1mp41', 'latin1')])), box('moov', Buffer.concat([mvhd, udta])), box('mdat', noise(payloadBytes, 3))]);
}

/** An Ogg/Opus file made of ASCII bytes only (it survives being sent as a text body). */
export function oggOpusAscii(): string {
  const page = (body: string, seq: number) => `OggS\u0000\u0002${'\u0000'.repeat(8)}ABCD${String.fromCharCode(seq)}\u0000\u0000\u0000${'\u0000'.repeat(4)}\u0001${String.fromCharCode(body.length)}${body}`;
  return page('OpusHead\u0001\u0001\u0038\u0001\u0000\u0000\u0000\u0000\u0000', 0) + page('OpusTags\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000', 1);
}

/** A ZIP archive's first bytes, named as if it were an image. */
export const zipBytes = () => Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), noise(200, 5)]);

const riff = (chunks: Buffer[]) => {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
};
const webpChunk = (fourcc: string, data: Buffer) => {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(fourcc, 'latin1'), size, data, data.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
};
const vp8l = (width: number, height: number) => {
  const bits = Buffer.alloc(4);
  bits.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14));
  return webpChunk('VP8L', Buffer.concat([Buffer.from([0x2f]), bits, noise(64, 9)]));
};
const vp8x = (width: number, height: number, flags: number) => {
  const data = Buffer.alloc(10);
  data[0] = flags;
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return webpChunk('VP8X', data);
};

/** An extended WebP with an EXIF chunk (GPS) and an XMP chunk. */
export const webpWithExif = () => riff([vp8x(20, 10, 0x0c), vp8l(20, 10), webpChunk('EXIF', exifWithGps()), webpChunk('XMP ', Buffer.from(`<x:xmpmeta>${GPS_MARKER}</x:xmpmeta>`))]);
/** A WebP whose canvas claims 16,000 × 16,000 pixels. */
export const webpBomb = () => riff([vp8x(16_000, 16_000, 0), vp8l(100, 100)]);
/** A JPEG whose frame header claims 60,000 × 60,000 pixels. */
export function jpegBomb(): Buffer {
  const jpeg = jpegWithExif();
  const at = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  const out = Buffer.from(jpeg);
  out.writeUInt16BE(60_000, at + 5);
  out.writeUInt16BE(60_000, at + 7);
  return out;
}
