// Attachments for the idea widget: pick or capture a photo, audio or video, or record a voice note (MediaRecorder)
// with a running timer and a listen-before-send; each file is uploaded to POST /api/media with progress, and a
// failed upload is retried without duplicates (the same file answers the same id). The author can describe each.
import type { Lang } from './messages.mts';

const T = {
  fi: {
    legend: 'Kuva, ääni tai video', pick: 'Lisää tiedosto', capture: 'Ota kuva tai video', record: 'Äänitä viesti', stop: 'Lopeta äänitys', recording: 'Äänitetään',
    listen: 'Kuuntele ennen lähettämistä', use: 'Liitä äänite', discard: 'Hylkää', remove: 'Poista', retry: 'Yritä uudelleen', uploading: 'Lähetetään', uploaded: 'Liitetty',
    failed: 'Lähetys epäonnistui', alt: 'Kuvaile kuva tai kerro, mitä tallenteessa sanotaan', noMic: 'Mikrofonia ei saatu käyttöön', wait: 'Odota, että liitteet on lähetetty.', voiceNote: 'Ääniviesti',
    tooMany: 'Enintään viisi liitettä.',
  },
  sv: {
    legend: 'Bild, ljud eller video', pick: 'Lägg till fil', capture: 'Ta en bild eller video', record: 'Spela in ett röstmeddelande', stop: 'Sluta spela in', recording: 'Spelar in',
    listen: 'Lyssna innan du skickar', use: 'Bifoga inspelningen', discard: 'Kasta', remove: 'Ta bort', retry: 'Försök igen', uploading: 'Skickar', uploaded: 'Bifogad',
    failed: 'Det gick inte att skicka', alt: 'Beskriv bilden eller berätta vad som sägs i inspelningen', noMic: 'Mikrofonen kunde inte användas', wait: 'Vänta tills bilagorna har skickats.', voiceNote: 'Röstmeddelande',
    tooMany: 'Högst fem bilagor.',
  },
  en: {
    legend: 'Photo, audio or video', pick: 'Add a file', capture: 'Take a photo or video', record: 'Record a voice note', stop: 'Stop recording', recording: 'Recording',
    listen: 'Listen before sending', use: 'Attach the recording', discard: 'Discard', remove: 'Remove', retry: 'Try again', uploading: 'Uploading', uploaded: 'Attached',
    failed: 'Upload failed', alt: 'Describe the picture, or say what the recording says', noMic: 'The microphone could not be used', wait: 'Wait until the attachments have been uploaded.', voiceNote: 'Voice note',
    tooMany: 'Five attachments at most.',
  },
};

export const MEDIA_CSS = `
fieldset.media{border:1px solid #c8ccd4;border-radius:6px;margin:.8rem 0 0;padding:.5rem .7rem;min-width:0}
fieldset.media legend{font-weight:600;padding:0 .25rem}
.media .pick{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.media .pick label.file{display:inline-block;font-weight:400;margin:0;background:#e8eef8;color:#002f6c;border-radius:4px;padding:.3rem .6rem;cursor:pointer}
.media .pick label.file:focus-within{outline:3px solid #ffbf47;outline-offset:2px}
.media input[type=file]{position:absolute;width:1px;height:1px;opacity:0}
.media .timer{font-variant-numeric:tabular-nums;color:#8a0016;font-weight:600}
.media ul.items{list-style:none;margin:.5rem 0 0;padding:0}
.media li.item{border-top:1px solid #e3e6eb;padding:.4rem 0}
.media li.item img{max-width:8rem;height:auto;display:block;margin:.2rem 0}
.media audio,.media video{max-width:100%;display:block;margin:.3rem 0}
.media progress{width:100%;max-width:16rem}
.media .name{overflow-wrap:anywhere}
`;

type Upload = { kind: 'image' | 'audio' | 'video'; mediaId: string; sha256: string };

interface Item {
  file: Blob;
  name: string;
  li: HTMLLIElement;
  alt: HTMLTextAreaElement;
  result?: Upload;
  uploading: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** SHA-256 of a file as the Content-Digest header wants it; skipped for very large files (memory on phones). */
async function digest(file: Blob): Promise<string | undefined> {
  if (file.size > 64 * 1024 * 1024 || !crypto?.subtle) return undefined;
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  let binary = '';
  for (const byte of hash) binary += String.fromCharCode(byte);
  return `sha-256=:${btoa(binary)}:`;
}

export interface MediaAttachments {
  element: HTMLElement;
  /** The uploads to reference from the idea; undefined while one is still on its way or failed. */
  references(): (Upload & { alt?: string })[] | undefined;
  /** Why references() is undefined, in the widget's language. */
  waitMessage: string;
  reset(): void;
}

/** `idPrefix` keeps element ids apart when one shadow root holds several controls (the idea form, each comment form). */
export function mediaAttachments(options: { api: () => string; token: () => string; lang: Lang; announce: (text: string, ok: boolean) => void; idPrefix?: string }): MediaAttachments {
  const t = T[options.lang] ?? T.fi;
  const items: Item[] = [];
  const list = el('ul', { class: 'items', 'aria-live': 'polite' });
  let serial = 0;

  const upload = (item: Item, status: HTMLElement, bar: HTMLProgressElement, retry: HTMLButtonElement) => {
    item.uploading = true;
    retry.hidden = true;
    status.textContent = `${t.uploading}…`;
    bar.hidden = false;
    bar.removeAttribute('value');
    void digest(item.file).then((contentDigest) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${options.api()}/api/media`);
      xhr.setRequestHeader('authorization', `Bearer ${options.token()}`);
      xhr.setRequestHeader('content-type', 'application/octet-stream');
      if (contentDigest) xhr.setRequestHeader('content-digest', contentDigest);
      xhr.upload.onprogress = (e) => {
        if (!e.lengthComputable) return;
        bar.max = e.total;
        bar.value = e.loaded;
        status.textContent = `${t.uploading} ${Math.round((100 * e.loaded) / e.total)} %`;
      };
      const fail = (detail: string) => {
        item.uploading = false;
        bar.hidden = true;
        status.textContent = `${t.failed}: ${detail}`;
        retry.hidden = false;
      };
      xhr.onerror = () => fail(t.failed);
      xhr.onload = () => {
        let body: any;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        if ((xhr.status === 200 || xhr.status === 201) && body?.id) {
          item.uploading = false;
          item.result = { kind: body.kind, mediaId: body.id, sha256: body.sha256 };
          bar.hidden = true;
          status.textContent = t.uploaded;
          item.li.dataset.mediaId = body.id;
          return;
        }
        fail(body?.detail ?? `HTTP ${xhr.status}`);
      };
      xhr.send(item.file);
    });
  };

  const add = (file: Blob, name: string) => {
    if (items.length >= 5) {
      options.announce(t.tooMany, false);
      return;
    }
    serial += 1;
    const id = `${options.idPrefix ?? 'm'}${serial}`;
    const li = el('li', { class: 'item' });
    const url = URL.createObjectURL(file);
    const preview = file.type.startsWith('image/')
      ? el('img', { src: url, alt: '' })
      : file.type.startsWith('video/')
        ? el('video', { src: url, controls: '', preload: 'metadata' })
        : el('audio', { src: url, controls: '', preload: 'metadata' });
    const status = el('span', { class: 'status-text', role: 'status' });
    const bar = el('progress', { 'aria-label': `${t.uploading}: ${name}` });
    const retry = el('button', { type: 'button', class: 'small' }, t.retry);
    const remove = el('button', { type: 'button', class: 'small' }, t.remove);
    const alt = el('textarea', { id: `${id}-alt`, rows: '2', maxlength: '2000' });
    const item: Item = { file, name, li, alt, uploading: false };
    li.append(el('div', { class: 'name' }, name), preview, bar, ' ', status, el('label', { for: `${id}-alt` }, t.alt), alt, el('div', { class: 'row' }, retry, remove));
    retry.addEventListener('click', () => upload(item, status, bar, retry));
    remove.addEventListener('click', () => {
      items.splice(items.indexOf(item), 1);
      URL.revokeObjectURL(url);
      li.remove();
    });
    items.push(item);
    list.append(li);
    upload(item, status, bar, retry);
  };

  const picker = (labelText: string, capture: boolean) => {
    const input = el('input', { type: 'file', accept: 'image/*,audio/*,video/*', ...(capture ? { capture: 'environment' } : { multiple: '' }) });
    input.addEventListener('change', () => {
      for (const file of Array.from(input.files ?? [])) add(file, file.name);
      input.value = '';
    });
    return el('label', { class: 'file' }, labelText, input);
  };

  // The voice note: record, see the time run, listen, then attach or discard.
  const recordButton = el('button', { type: 'button', class: 'small', 'aria-pressed': 'false' }, t.record);
  const timer = el('span', { class: 'timer', role: 'timer', 'aria-label': t.recording, hidden: '' }, '0:00');
  const review = el('div', { class: 'review', hidden: '' });
  let recorder: MediaRecorder | undefined;
  let ticking: number | undefined;
  recordButton.addEventListener('click', async () => {
    if (recorder && recorder.state === 'recording') {
      recorder.stop();
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      options.announce(`${t.noMic}: ${(error as Error).message}`, false);
      return;
    }
    const type = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'].find((m) => MediaRecorder.isTypeSupported(m));
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
    const parts: Blob[] = [];
    const started = Date.now();
    recorder.addEventListener('dataavailable', (e) => {
      if (e.data.size) parts.push(e.data);
    });
    recorder.addEventListener('stop', () => {
      window.clearInterval(ticking);
      for (const track of stream.getTracks()) track.stop();
      recordButton.textContent = t.record;
      recordButton.setAttribute('aria-pressed', 'false');
      timer.hidden = true;
      const blob = new Blob(parts, { type: (recorder?.mimeType || type || 'audio/webm').split(';')[0] });
      const url = URL.createObjectURL(blob);
      const player = el('audio', { src: url, controls: '', 'aria-label': t.listen });
      const use = el('button', { type: 'button', class: 'small' }, t.use);
      const discard = el('button', { type: 'button', class: 'small' }, t.discard);
      review.replaceChildren(el('p', {}, `${t.listen} (${clock(Date.now() - started)})`), player, el('div', { class: 'row' }, use, discard));
      review.hidden = false;
      use.addEventListener('click', () => {
        review.hidden = true;
        review.replaceChildren();
        add(blob, `${t.voiceNote} ${clock(Date.now() - started)}`);
      });
      discard.addEventListener('click', () => {
        URL.revokeObjectURL(url);
        review.hidden = true;
        review.replaceChildren();
        recordButton.focus();
      });
      use.focus();
    });
    recorder.start(1000);
    recordButton.textContent = t.stop;
    recordButton.setAttribute('aria-pressed', 'true');
    timer.hidden = false;
    timer.textContent = '0:00';
    ticking = window.setInterval(() => (timer.textContent = clock(Date.now() - started)), 250);
  });

  const element = el(
    'fieldset',
    { class: 'media' },
    el('legend', {}, t.legend),
    el('div', { class: 'pick' }, picker(t.pick, false), picker(t.capture, true), recordButton, timer),
    review,
    list,
  );
  return {
    element,
    waitMessage: t.wait,
    references() {
      if (items.some((item) => !item.result)) return undefined;
      return items.map((item) => ({ ...item.result!, ...(item.alt.value.trim() ? { alt: item.alt.value.trim() } : {}) }));
    },
    reset() {
      items.splice(0);
      list.replaceChildren();
      review.hidden = true;
      review.replaceChildren();
    },
  };
}
