// Deed events → catalogue rows: revisions kept, first publication (and its year) kept across republishing.
import type { RecordedEvent } from '#event-store';
import type { DeedContent, DeedEvent } from '../domain/deed.events.js';
import type { DeedEntry } from './deed-entry.entity.js';
import { deedEntryProjection, evolveDeedEntry, finnishYear } from './deed-entry.projection.js';

const deedId = '5f0c2d1e-7b3a-4c9e-8d21-6a4b0e9f1c37';
const ideaId = '0b6c1f7e-8a4d-4c52-9a0e-3f1d2b7c9e11';
let version = 0;

type Recorded = RecordedEvent & DeedEvent;

function recorded(event: DeedEvent, occurredAt: string | undefined, recordedAt = occurredAt ?? '2026-01-01T00:00:00Z'): Recorded {
  version += 1;
  return {
    ...event,
    eventId: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
    streamId: `deed-${deedId}`,
    streamVersion: version,
    schemaVersion: 1,
    metadata: { ...(occurredAt ? { occurredAt } : {}), actor: { subject: 'p_editor', organisation: 'imatra', roles: ['org-editor'] } },
    checkpoint: { transactionId: String(900 + version), position: String(version) },
    recordedAt,
  } as unknown as Recorded;
}

const content = (overrides: Partial<DeedContent> = {}): DeedContent => ({
  title: 'Kuvalliset päiväjärjestykset',
  aim: 'Rauhallisemmat siirtymät.',
  achieved: 'Siirtymät nopeutuivat.',
  metrics: [{ name: 'Siirtymien kesto', value: 8, unit: 'min', baseline: 12 }],
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: ['saavutettavuus'],
  size: 'small',
  scope: 'unit',
  participants: ['staff'],
  periodFrom: '2026-01-15',
  periodTo: '2026-04-15',
  language: 'fi',
  media: [{ kind: 'image', url: 'https://example.fi/kuva.jpg' }],
  ...overrides,
});

const drafted = (c = content()): DeedEvent => ({ type: 'DeedDrafted', data: { deedId, organisation: 'imatra', content: c, ideaIds: [ideaId], source: 'idea' } });
const edited = (c: DeedContent): DeedEvent => ({ type: 'DeedEdited', data: { deedId, content: c } });
const published = (revision: number, c = content()): DeedEvent => ({ type: 'DeedPublished', data: { deedId, revision, content: c } });
const unpublished = (reason: string): DeedEvent => ({ type: 'DeedUnpublished', data: { deedId, reason } });

function fold(events: Recorded[]): DeedEntry | undefined {
  return events.reduce<DeedEntry | undefined>((row, event) => evolveDeedEntry(row, event), undefined);
}

beforeEach(() => {
  version = 0;
});

describe('deed entries', () => {
  it('makes a draft row with the content, links and no publication', () => {
    const row = fold([recorded(drafted(), '2025-12-20T10:00:00Z')]);
    expect(row).toMatchObject({
      id: deedId,
      version: 1,
      organisation: 'imatra',
      status: 'draft',
      revision: 0,
      title: 'Kuvalliset päiväjärjestykset',
      aim: 'Rauhallisemmat siirtymät.',
      achieved: 'Siirtymät nopeutuivat.',
      metrics: [{ name: 'Siirtymien kesto', value: 8, unit: 'min', baseline: 12 }],
      sector: 'education-and-early-childhood',
      themes: ['saavutettavuus'],
      participants: ['staff'],
      periodFrom: '2026-01-15',
      periodTo: '2026-04-15',
      language: 'fi',
      ideaIds: [ideaId],
      source: 'idea',
      externalId: null,
      firstPublishedAt: null,
      publishedAt: null,
      unpublishedAt: null,
      unpublishReason: null,
      year: null,
      revisions: [],
      awards: [],
    });
    expect(row!.draftedAt).toEqual(new Date('2025-12-20T10:00:00Z'));
    expect(row!.updatedAt).toEqual(new Date('2025-12-20T10:00:00Z'));
  });

  it('keeps an open-ended period as null', () => {
    const c = content();
    delete c.periodTo;
    expect(fold([recorded(drafted(c), '2026-01-01T00:00:00Z')])!.periodTo).toBeNull();
  });

  it('applies an edit of a draft without publishing it', () => {
    const row = fold([recorded(drafted(), '2026-01-01T00:00:00Z'), recorded(edited(content({ title: 'Uusi otsikko', themes: ['viestintä'] })), '2026-01-02T00:00:00Z')]);
    expect(row).toMatchObject({ status: 'draft', version: 2, revision: 0, title: 'Uusi otsikko', themes: ['viestintä'], revisions: [], year: null, firstPublishedAt: null });
    expect(row!.updatedAt).toEqual(new Date('2026-01-02T00:00:00Z'));
    expect(row!.draftedAt).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('keeps every published revision and the first publication time and year across republishing', () => {
    const v2 = content({ title: 'Toinen revisio', sector: 'technical' });
    const v3 = content({ title: 'Kolmas revisio' });
    const row = fold([
      recorded(drafted(), '2025-11-30T10:00:00Z'),
      recorded(published(1), '2025-12-31T23:30:00Z'),
      recorded(published(2, v2), '2026-01-05T08:00:00Z'),
      recorded(unpublished('Päivitetään'), '2026-02-01T08:00:00Z'),
      recorded(edited(v3), '2026-02-02T08:00:00Z'),
      recorded(published(3, v3), '2026-03-01T08:00:00Z'),
    ]);
    expect(row).toMatchObject({ status: 'published', version: 6, revision: 3, title: 'Kolmas revisio', sector: 'education-and-early-childhood', year: 2026, unpublishedAt: null, unpublishReason: null });
    expect(row!.firstPublishedAt).toEqual(new Date('2025-12-31T23:30:00Z'));
    expect(row!.publishedAt).toEqual(new Date('2026-03-01T08:00:00Z'));
    expect(row!.revisions).toEqual([
      { revision: 1, publishedAt: '2025-12-31T23:30:00.000Z', content: content() },
      { revision: 2, publishedAt: '2026-01-05T08:00:00.000Z', content: v2 },
      { revision: 3, publishedAt: '2026-03-01T08:00:00.000Z', content: v3 },
    ]);
  });

  it('takes the year from the first publication, as a year in Finland', () => {
    // 21:30 UTC on 31 December is 23:30 in Helsinki: still the old year; republishing later does not move it.
    const row = fold([recorded(drafted(), '2026-12-31T20:00:00Z'), recorded(published(1), '2026-12-31T21:30:00Z'), recorded(published(2), '2027-01-01T00:00:00Z')]);
    expect(row!.year).toBe(2026);
  });

  it('marks an unpublished deed with the time and reason, keeping its revisions and first publication', () => {
    const row = fold([recorded(drafted(), '2026-01-01T00:00:00Z'), recorded(published(1), '2026-02-01T00:00:00Z'), recorded(unpublished('Virheellisiä tietoja'), '2026-03-01T00:00:00Z')]);
    expect(row).toMatchObject({ status: 'unpublished', revision: 1, unpublishReason: 'Virheellisiä tietoja', year: 2026 });
    expect(row!.unpublishedAt).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(row!.firstPublishedAt).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect(row!.publishedAt).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect(row!.revisions).toHaveLength(1);
  });

  it('clears the unpublishing when the deed is published again', () => {
    const row = fold([
      recorded(drafted(), '2026-01-01T00:00:00Z'),
      recorded(published(1), '2026-02-01T00:00:00Z'),
      recorded(unpublished('tauko'), '2026-03-01T00:00:00Z'),
      recorded(published(2), '2026-04-01T00:00:00Z'),
    ]);
    expect(row).toMatchObject({ status: 'published', revision: 2, unpublishedAt: null, unpublishReason: null });
    expect(row!.firstPublishedAt).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect(row!.revisions.map((r) => r.revision)).toEqual([1, 2]);
  });

  it('falls back to the recording time when the event has no occurredAt', () => {
    const row = fold([recorded(drafted(), undefined, '2026-05-05T05:05:05.000Z'), recorded(published(1), undefined, '2026-05-06T00:00:00.000Z')]);
    expect(row!.draftedAt).toEqual(new Date('2026-05-05T05:05:05.000Z'));
    expect(row!.firstPublishedAt).toEqual(new Date('2026-05-06T00:00:00.000Z'));
    expect(row!.revisions[0].publishedAt).toBe('2026-05-06T00:00:00.000Z');
  });

  it('ignores events without a draft', () => {
    expect(evolveDeedEntry(undefined, recorded(published(1), '2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(evolveDeedEntry(undefined, recorded(unpublished('x'), '2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('keys deed events by deed id and ignores other streams and types', () => {
    const event = recorded(drafted(), '2026-01-01T00:00:00Z');
    expect(deedEntryProjection.keyOf(event)).toBe(deedId);
    expect(deedEntryProjection.keyOf({ ...event, streamId: `idea-${deedId}` })).toBeUndefined();
    expect(deedEntryProjection.keyOf({ ...event, type: 'DeedNominated' })).toBeUndefined();
    expect(deedEntryProjection.keyOf({ ...event, streamId: `campaign-${deedId}`, type: 'CampaignOpened' })).toBeUndefined();
  });
});

describe('the catalogue year', () => {
  it('is the year in Finland, not in UTC', () => {
    expect(finnishYear(new Date('2025-12-31T22:30:00Z'))).toBe(2026);
    expect(finnishYear(new Date('2025-12-31T21:59:00Z'))).toBe(2025);
    expect(finnishYear(new Date('2026-07-01T12:00:00Z'))).toBe(2026);
  });
});
