import { ByteReader, inspect, sniff, type MediaLimits } from './media-formats.js';
import { exifWithGps, GPS_MARKER, jpegWithExif, MP4_PLACE, mp4WithPlace, oggOpusAscii, pngWithGps, webmOpus, webpBomb, webpWithExif } from '../../../../test/support/media-fixtures.js';

const limits: MediaLimits = { maxBytes: { image: 1_000_000, audio: 2_000_000, video: 3_000_000 }, maxImagePixels: 40_000_000 };

/** Runs the walker over `bytes` delivered in pieces of `piece` bytes; answers what it kept. */
async function walk(bytes: Buffer, piece = 7) {
  const source = (async function* () {
    for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
  })();
  const kept: Buffer[] = [];
  const found = await inspect(new ByteReader(source[Symbol.asyncIterator]()), async (b) => void kept.push(Buffer.from(b)), limits);
  return { found, kept: Buffer.concat(kept) };
}

describe('media formats', () => {
  it('sniffs the type from the bytes', () => {
    expect(sniff(pngWithGps())).toBe('image/png');
    expect(sniff(jpegWithExif())).toBe('image/jpeg');
    expect(sniff(webpWithExif())).toBe('image/webp');
    expect(sniff(webmOpus(10))).toBe('audio/webm');
    expect(sniff(mp4WithPlace(10))).toBe('video/mp4');
    expect(sniff(Buffer.from(oggOpusAscii(), 'latin1'))).toBe('audio/ogg');
    let refused: unknown;
    try {
      sniff(Buffer.from('PK\u0003\u0004xxxx', 'latin1'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ status: 415 });
  });

  it('keeps a PNG without its metadata chunks, whatever the pieces it arrives in', async () => {
    for (const piece of [1, 7, 4096]) {
      const { found, kept } = await walk(pngWithGps(), piece);
      expect(found).toEqual({ type: 'image/png', kind: 'image', width: 32, height: 24 });
      expect(kept.includes(exifWithGps())).toBe(false);
      expect(kept.includes(Buffer.from('tEXt'))).toBe(false);
    }
  });

  it('turns WebP EXIF and XMP chunks into padding of the same size and clears their flags', async () => {
    const webp = webpWithExif();
    const { found, kept } = await walk(webp);
    expect(found).toMatchObject({ type: 'image/webp', width: 20, height: 10 });
    expect(kept.length).toBe(webp.length);
    expect(kept.includes(Buffer.from(GPS_MARKER))).toBe(false);
    expect(kept.includes(Buffer.from('EXIF'))).toBe(false);
    expect(kept[20] & 0x0c).toBe(0);
    await expect(walk(webpBomb())).rejects.toMatchObject({ status: 422 });
  });

  it('empties MP4 user data, keeps the rest byte for byte', async () => {
    const mp4 = mp4WithPlace(1000);
    const { kept } = await walk(mp4, 13);
    expect(kept.length).toBe(mp4.length);
    expect(kept.includes(Buffer.from(MP4_PLACE))).toBe(false);
    expect(kept.includes(Buffer.from('udta'))).toBe(false);
    expect(kept.subarray(-1008).equals(mp4.subarray(-1008))).toBe(true);
  });

  it('drops an MP3 ID3 tag and refuses one with no frame after it', async () => {
    const tag = Buffer.concat([Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u000a', 'latin1'), Buffer.from('TIT2Maija!')]);
    const frame = Buffer.from([0xff, 0xfb, 0x90, 0x00, 1, 2, 3, 4]);
    const { found, kept } = await walk(Buffer.concat([tag, frame]));
    expect(found.type).toBe('audio/mpeg');
    expect(kept.equals(frame)).toBe(true);
    await expect(walk(Buffer.concat([tag, Buffer.from('nothing')]))).rejects.toMatchObject({ status: 422 });
  });

  it('refuses a file over its kind limit while it streams', async () => {
    await expect(walk(webmOpus(2_100_000), 65_536)).rejects.toMatchObject({ status: 413 });
  });
});
