import { ERASED_TEXT, isSealed, newPersonKey, open, openEvent, ownersToSeal, ownerToSeal, sealedOwners, sealEvent, SealedFieldError, type PersonalDataRegistry } from './personal-data.js';

const registry: PersonalDataRegistry = {
  Commented: { paths: ['data.text'], owner: 'data.author' },
  Nominated: { paths: ['data.nominee.name', 'data.nominee.unit', 'data.media'], owner: 'data.nominee.person' },
  Withdrawn: { paths: ['data.reason'], owner: 'metadata.actor.subject' },
  Moved: { each: 'data.comments', paths: ['text'], owner: 'author' },
};
const metadata = { occurredAt: '2026-11-23T10:00:00.000Z', actor: { subject: 'p_writer', organisation: 'imatra', roles: ['employee'] } };
const comment = { eventId: 'e-1', type: 'Commented', data: { ideaId: 'i-1', text: 'Minä, Maija, keksin tämän.', author: 'p_maija' }, metadata };

describe('personal data sealing', () => {
  const key = newPersonKey();

  it('seals the registered fields only, with the owner named, and leaves the input alone', () => {
    const sealed = sealEvent(registry, comment, key);
    expect(isSealed(sealed.data.text)).toBe(true);
    expect(sealed.data).toMatchObject({ ideaId: 'i-1', author: 'p_maija', text: { $personal: 1, by: 'p_maija', kid: key.kid, t: 's' } });
    expect(JSON.stringify(sealed)).not.toContain('Maija,');
    expect(comment.data.text).toBe('Minä, Maija, keksin tämän.');
    expect(sealedOwners(registry, sealed)).toEqual(['p_maija']);
  });

  it('opens with the key, and reads as erased without it or with a later generation of it', () => {
    const sealed = sealEvent(registry, comment, key);
    expect(openEvent(registry, sealed, new Map([['p_maija', key]])).data.text).toBe('Minä, Maija, keksin tämän.');
    expect(openEvent(registry, sealed, new Map([['p_maija', undefined]])).data.text).toBe(ERASED_TEXT);
    expect(openEvent(registry, sealed, new Map()).data.text).toBe(ERASED_TEXT);
    expect(openEvent(registry, sealed, new Map([['p_maija', newPersonKey()]])).data.text).toBe(ERASED_TEXT);
  });

  it('keeps types honest when erased: text becomes the marker, a list becomes empty', () => {
    const event = {
      eventId: 'e-2',
      type: 'Nominated',
      data: { nominee: { kind: 'employee', name: 'Maija Meikäläinen', person: 'p_maija', organisation: 'imatra' }, media: [{ kind: 'image', url: 'https://x/y.jpg' }] },
      metadata,
    };
    const sealed = sealEvent(registry, event, key);
    // unit was absent: it stays absent rather than becoming a sealed undefined.
    expect(sealed.data.nominee).not.toHaveProperty('unit');
    expect(openEvent(registry, sealed, new Map([['p_maija', key]])).data).toEqual(event.data);
    expect(openEvent(registry, sealed, new Map()).data).toEqual({
      nominee: { kind: 'employee', name: ERASED_TEXT, person: 'p_maija', organisation: 'imatra' },
      media: [],
    });
  });

  it('has no owner to seal for when the owner path is empty or nothing personal is present', () => {
    const unnamed = { eventId: 'e-3', type: 'Nominated', data: { nominee: { kind: 'employee', name: 'Nimetön', organisation: 'imatra' } }, metadata };
    expect(ownerToSeal(registry, unnamed)).toBeUndefined();
    expect(ownerToSeal(registry, { ...comment, type: 'Supported' })).toBeUndefined();
    expect(ownerToSeal(registry, { eventId: 'e-4', type: 'Withdrawn', data: { ideaId: 'i-1' }, metadata })).toBeUndefined();
    expect(ownerToSeal(registry, { eventId: 'e-4', type: 'Withdrawn', data: { ideaId: 'i-1', reason: 'Muutin.' }, metadata })).toBe('p_writer');
  });

  it('refuses damaged data and a sealed field moved to another event instead of calling it erased', () => {
    const sealed = sealEvent(registry, comment, key).data.text as unknown as Parameters<typeof open>[0];
    const flipped = Buffer.from(sealed.ct, 'base64');
    flipped[0] ^= 1;
    expect(() => open({ ...sealed, ct: flipped.toString('base64') }, key, 'e-1', 'data.text')).toThrow(SealedFieldError);
    expect(() => open(sealed, key, 'e-other', 'data.text')).toThrow(SealedFieldError);
    expect(open(sealed, key, 'e-1', 'data.text')).toBe('Minä, Maija, keksin tämän.');
  });

  it('does not seal twice', () => {
    const once = sealEvent(registry, comment, key);
    const twice = sealEvent(registry, once, key);
    expect(twice.data.text).toEqual(once.data.text);
    expect(ownerToSeal(registry, once)).toBeUndefined();
  });

  it("seals each element of a list with its own owner's key, and erases one owner's fields only", () => {
    const maija = newPersonKey();
    const matti = newPersonKey();
    const moved = {
      eventId: 'e-9',
      type: 'Moved',
      data: { ideaId: 'i-2', comments: [{ commentId: 'c-1', text: 'Maijan kommentti', author: 'p_maija' }, { commentId: 'c-2', text: 'Matin kommentti', author: 'p_matti' }] },
      metadata,
    };
    expect(ownersToSeal(registry, moved)).toEqual(['p_maija', 'p_matti']);
    const sealed = sealEvent(registry, moved, new Map([['p_maija', maija], ['p_matti', matti]]));
    expect(moved.data.comments[0].text).toBe('Maijan kommentti');
    expect(sealed.data.comments.map((c) => isSealed(c.text))).toEqual([true, true]);
    expect(JSON.stringify(sealed)).not.toContain('kommentti');
    expect(sealedOwners(registry, sealed)).toEqual(['p_maija', 'p_matti']);
    expect(openEvent(registry, sealed, new Map([['p_maija', maija], ['p_matti', matti]])).data).toEqual(moved.data);
    // Matti erased: his comment reads as erased, Maija's stays.
    expect(openEvent(registry, sealed, new Map([['p_maija', maija]])).data.comments.map((c) => c.text)).toEqual(['Maijan kommentti', ERASED_TEXT]);
    // A key for the wrong element never opens it: each field is bound to its own path.
    expect(() => sealEvent(registry, moved, new Map([['p_maija', maija]]))).toThrow(/No key/);
  });
});
