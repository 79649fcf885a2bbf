// Awards on Tekojen tori's entries arrive in any order: an award announced before its deed's entry
// exists (another Kafka partition, a projection running ahead) lands when the entry arrives, a
// rebuilt entry keeps its awards, and a redelivered award changes nothing.
import type { RecordedEvent } from '#event-store';
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { applyEvents, type Projection } from '#projections';
import { deedProjections } from '#deeds';
import { schema } from '../../../../apps/api/src/runtime.js';
import { deedAwardsProjection } from './award.projections.js';

const deedId = '5f0c2d1e-7b3a-4c9e-8d21-6a4b0e9f1c37';
const seasons = ['0a1b2c3d-0000-4000-8000-000000002025', '0a1b2c3d-0000-4000-8000-000000002026'];
const deedEntries = deedProjections.find((p) => p.name === 'deed-entries')!;
let sequence = 0;

function recorded(streamId: string, streamVersion: number, type: string, data: unknown): RecordedEvent {
  sequence += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    streamId,
    streamVersion,
    type,
    schemaVersion: 1,
    data,
    metadata: { occurredAt: '2026-02-01T10:00:00Z' },
    checkpoint: { transactionId: String(1000 + sequence), position: String(sequence) },
    recordedAt: '2026-02-01T10:00:00Z',
  };
}

const content = {
  title: 'Kuvalliset päiväjärjestykset',
  aim: 'Rauhallisemmat siirtymät.',
  achieved: 'Siirtymät nopeutuivat.',
  metrics: [],
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: ['saavutettavuus'],
  size: 'small',
  scope: 'unit',
  participants: ['staff'],
  periodFrom: '2026-01-15',
  language: 'fi',
  media: [],
};
const deedEvents = [
  recorded(`deed-${deedId}`, 1, 'DeedDrafted', { deedId, organisation: 'imatra', content, ideaIds: [], source: 'idea' }),
  recorded(`deed-${deedId}`, 2, 'DeedPublished', { deedId, revision: 1, content }),
];
const announced = (season: number, version: number, awardId: string, title: string) =>
  recorded(`award-season-${seasons[season]}`, version, 'AwardAnnounced', {
    seasonId: seasons[season],
    awardId,
    year: 2025 + season,
    seasonName: `Gaala ${2025 + season}`,
    series: 'deeds',
    seriesName: 'Vuoden teko',
    category: 'deed',
    title,
    nominee: { kind: 'deed', deedId, organisation: 'imatra', title: content.title },
  });
const awardEvents = [
  announced(0, 40, 'a0000000-0000-4000-8000-000000000001', 'Vuoden teko'),
  announced(1, 41, 'a0000000-0000-4000-8000-000000000002', 'Vuoden ympäristöteko'),
  announced(1, 42, 'a0000000-0000-4000-8000-000000000003', 'Yleisön suosikki'),
];
const expectedAwards = [
  { season: 'Gaala 2025', year: 2025, series: 'Vuoden teko', award: 'Vuoden teko' },
  { season: 'Gaala 2026', year: 2026, series: 'Vuoden teko', award: 'Vuoden ympäristöteko' },
  { season: 'Gaala 2026', year: 2026, series: 'Vuoden teko', award: 'Yleisön suosikki' },
];

describe('award-deed-entries in any order (embedded PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('embedded', schema);
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await db.dataSource.query('DELETE FROM award_applications');
    await db.dataSource.query('DELETE FROM deed_entries');
  });

  /** Each call is one transaction, as a feed's batch would be. */
  const apply = (projection: Projection<any>, events: RecordedEvent[]) => db.dataSource.transaction((tx) => applyEvents(tx, projection, events));
  const awardsOfEntry = async () => (await db.dataSource.query('SELECT awards FROM deed_entries WHERE id = $1', [deedId]))[0]?.awards;

  it('the deed first, then its awards: the entry carries them', async () => {
    await apply(deedEntries, deedEvents);
    await apply(deedAwardsProjection, awardEvents);
    expect(await awardsOfEntry()).toEqual(expectedAwards);
  });

  it('the awards first (newest season first), then the deed: the same entry, nothing dropped', async () => {
    await apply(deedAwardsProjection, [awardEvents[2]]);
    await apply(deedAwardsProjection, [awardEvents[1], awardEvents[0]]);
    expect(await awardsOfEntry()).toBeUndefined();
    await apply(deedEntries, [deedEvents[0]]);
    expect(await awardsOfEntry()).toEqual(expectedAwards);
    await apply(deedEntries, [deedEvents[1]]);
    expect(await awardsOfEntry()).toEqual(expectedAwards);
  });

  it('one award before the deed and one after: all of them, in one order', async () => {
    await apply(deedAwardsProjection, [awardEvents[1]]);
    await apply(deedEntries, deedEvents);
    await apply(deedAwardsProjection, [awardEvents[2], awardEvents[0]]);
    expect(await awardsOfEntry()).toEqual(expectedAwards);
  });

  it('a redelivered award changes nothing; a rebuilt entry keeps its awards', async () => {
    await apply(deedAwardsProjection, awardEvents);
    await apply(deedEntries, deedEvents);
    await apply(deedAwardsProjection, awardEvents);
    expect(await awardsOfEntry()).toEqual(expectedAwards);
    // deed-entries rebuilt from zero: its rows deleted and written again.
    await db.dataSource.transaction(async (tx) => {
      await deedEntries.store.clear(tx);
      await applyEvents(tx, deedEntries, deedEvents);
    });
    expect(await awardsOfEntry()).toEqual(expectedAwards);
    expect(Number((await db.dataSource.query('SELECT count(*) AS n FROM award_applications'))[0].n)).toBe(3);
  });

  it('a rebuild of award-deed-entries clears and applies the awards again', async () => {
    await apply(deedEntries, deedEvents);
    await apply(deedAwardsProjection, awardEvents);
    await db.dataSource.transaction(async (tx) => {
      await deedAwardsProjection.store.clear(tx);
      expect((await tx.query('SELECT awards FROM deed_entries WHERE id = $1', [deedId]))[0].awards).toEqual([]);
      await applyEvents(tx, deedAwardsProjection, awardEvents);
    });
    expect(await awardsOfEntry()).toEqual(expectedAwards);
  });
});
