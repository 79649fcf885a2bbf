// An idea's photos, recordings and videos on the board and the idea page. Uploads are fetched with the page's
// token (the API answers only the idea's readers) and shown from a blob: a photo as a small picture sized by its
// width and height (the stored image, metadata stripped, scaled by the browser: there is no separate thumbnail
// file), a recording or a video in the browser's own player, labelled and followed by the author's text
// alternative. Links are links.
import { el } from './common.mts';

const KIND_FI: Record<string, string> = { image: 'Kuva', audio: 'Äänite', video: 'Video' };

async function blobUrl(path: string, token: string): Promise<string | undefined> {
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) return undefined;
  return URL.createObjectURL(await res.blob());
}

/** A small picture for a card: the idea's first uploaded photo (the list's `thumbnail`), or nothing. */
export function thumbnail(photo: { url: string; width?: number; height?: number; alt?: string } | undefined, token: string): HTMLElement | undefined {
  if (!photo) return undefined;
  const img = el('img', { class: 'thumb', alt: photo.alt ?? 'Kuva', width: String(photo.width ?? 64), height: String(photo.height ?? 64), loading: 'lazy', decoding: 'async' });
  void blobUrl(photo.url, token).then((url) => {
    if (url) img.src = url;
    else img.remove();
  });
  return img;
}

/** Every attachment of an idea, as figures with their text alternatives. */
export function attachments(media: any[] | undefined, token: string): HTMLElement | undefined {
  if (!media?.length) return undefined;
  const list = el('ul', { class: 'attachments' });
  media.forEach((m, i) => {
    const label = `${KIND_FI[m.kind] ?? m.kind} ${i + 1}`;
    if (!m.mediaId) {
      list.append(el('li', {}, el('a', { href: m.url, rel: 'noopener noreferrer' }, m.caption ?? label)));
      return;
    }
    const describedBy: Record<string, string> = m.alt ? { 'aria-describedby': `alt-${m.mediaId}` } : {};
    const player =
      m.kind === 'image'
        ? el('img', { alt: m.alt ?? label, width: String(m.width ?? 240), height: String(m.height ?? 180), class: 'photo' })
        : el(m.kind === 'video' ? 'video' : 'audio', { controls: '', preload: 'metadata', 'aria-label': label, ...describedBy });
    const figure = el('figure', { class: `attachment ${m.kind}`, 'data-media-id': m.mediaId }, player);
    if (m.alt) figure.append(el('figcaption', { id: `alt-${m.mediaId}` }, m.alt));
    void blobUrl(m.url, token).then((url) => {
      if (url) (player as HTMLImageElement | HTMLMediaElement).src = url;
      else figure.replaceChildren(el('p', { class: 'meta' }, `${label}: ei saatavilla (poistettu tai ei oikeutta).`));
    });
    list.append(el('li', {}, figure));
  });
  return list;
}
