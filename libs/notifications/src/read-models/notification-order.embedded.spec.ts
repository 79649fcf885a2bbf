// The notifier on a feed that applies streams independently (Kafka partitions): an award of a deed tells the
// submitters of the deed's ideas whatever order the award, the deed and the ideas arrive in, and only once.
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import type { RecordedEvent } from '#event-store';
import { notificationsSchema } from '../index.js';
import { handleEvent } from './notification.projection.js';

const ideaId = '11111111-1111-4111-8111-111111111111';
const deedId = '22222222-2222-4222-8222-222222222222';
const seasonId = '33333333-3333-4333-8333-333333333333';
let position = 0;

function recorded(streamId: string, type: string, data: Record<string, unknown>, eventId: string): RecordedEvent {
  position++;
  return {
    eventId,
    streamId,
    streamVersion: 1,
    type,
    schemaVersion: 1,
    data,
    metadata: { occurredAt: '2026-12-01T10:00:00.000Z', actor: { subject: 'p_editor', organisation: 'kotka', roles: ['org-editor'] } },
    checkpoint: { transactionId: String(position), position: String(position) },
    recordedAt: '2026-12-01T10:00:00.000Z',
  };
}

const submitted = recorded(
  `idea-${ideaId}`,
  'IdeaSubmitted',
  {
    ideaId,
    organisation: 'kotka',
    unit: 'kotihoito',
    sector: 'social-and-health',
    themes: [],
    language: 'fi',
    title: 'Reitit yhteen',
    description: 'Kuvaus',
    media: [],
    anonymous: true,
    submitter: 'p_submitter',
  },
  '44444444-4444-4444-8444-000000000001',
);
const drafted = recorded(`deed-${deedId}`, 'DeedDrafted', { deedId, organisation: 'kotka', ideaIds: [ideaId], source: 'idea' }, '44444444-4444-4444-8444-000000000002');
const announced = recorded(
  `award-season-${seasonId}`,
  'AwardAnnounced',
  {
    seasonId,
    awardId: 'a1',
    year: 2026,
    seasonName: 'Gaala 2026',
    series: 'innostavat-teot',
    seriesName: 'Innostavat teot',
    category: 'winner',
    title: 'Innostavat teot',
    nominee: { kind: 'deed', deedId, organisation: 'kotka' },
  },
  '44444444-4444-4444-8444-000000000003',
);

describe('notifier on a feed in any cross-stream order (embedded database)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('embedded', notificationsSchema);
  }, 60_000);
  afterAll(async () => db?.close());

  const orders: [string, RecordedEvent[]][] = [
    ['idea, deed, award', [submitted, drafted, announced]],
    ['award, deed, idea', [announced, drafted, submitted]],
    ['award, idea, deed', [announced, submitted, drafted]],
    ['deed, award, idea', [drafted, announced, submitted]],
  ];

  it.each(orders)('tells the submitter of the awarded deed\'s idea once when the feed brings %s', async (_name, events) => {
    await db.dataSource.query('TRUNCATE notifications, notification_mails, notification_streams, notification_ideas, notification_deeds, notification_seasons, notification_people, notification_awards');
    const awards = async () =>
      (await db.dataSource.query(`SELECT recipient, kind, params FROM notifications WHERE kind = 'idea-award'`)) as { recipient: string; kind: string; params: Record<string, unknown> }[];
    const told = [
      { recipient: 'p_submitter', kind: 'idea-award', params: { award: 'Innostavat teot', season: 'Gaala 2026', category: 'winner', ideaId, title: 'Reitit yhteen' } },
    ];
    // One event per batch, as independent partitions deliver them; each event once (its stream version is recorded).
    for (const event of events) await db.dataSource.transaction((tx) => handleEvent(tx, event));
    expect(await awards()).toEqual(told);
    // Feeding the whole lot again (a rebuild) adds nothing.
    for (const event of events) await db.dataSource.transaction((tx) => handleEvent(tx, event));
    expect(await awards()).toEqual(told);
  });
});
