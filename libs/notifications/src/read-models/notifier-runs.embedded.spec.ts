// The notifier handles a run of new ideas with a few statements for the whole run; what it writes must be exactly
// what handling the same events one by one writes (the oracle): who is told of which idea, what it learnt of people
// and ideas, and the awards of deeds that named the ideas before they arrived.
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import type { RecordedEvent } from '#event-store';
import { notificationsSchema } from '../index.js';
import { handleEvent, handleEvents } from './notification.projection.js';

let position = 0;
const id = (n: number) => `11111111-1111-4111-8111-${String(n).padStart(12, '0')}`;

function recorded(streamId: string, type: string, data: Record<string, unknown>, actor: { subject: string; organisation: string; roles: string[] }): RecordedEvent {
  position++;
  return {
    eventId: id(900 + position),
    streamId,
    streamVersion: 1,
    type,
    schemaVersion: 1,
    data,
    metadata: { occurredAt: '2026-12-01T10:00:00.000Z', actor },
    checkpoint: { transactionId: String(position), position: String(position) },
    recordedAt: '2026-12-01T10:00:00.000Z',
  };
}

const submitted = (n: number, organisation: string, submitter: string, roles: string[]) =>
  recorded(
    `idea-${id(n)}`,
    'IdeaSubmitted',
    { ideaId: id(n), organisation, unit: 'kotihoito', sector: 'social-and-health', themes: [], language: 'fi', title: `Idea ${n}`, description: 'Kuvaus', media: [], anonymous: false, submitter },
    { subject: submitter, organisation, roles },
  );

describe('notifier: a run of new ideas at once equals one event at a time (embedded database)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded', notificationsSchema);
  }, 60_000);
  afterAll(async () => db?.close());

  const deedId = '22222222-2222-4222-8222-222222222222';
  const editor = { subject: 'p_editor', organisation: 'kotka', roles: ['org-editor'] };
  // A deed naming idea 4 and its award arrive before the idea (as a partitioned feed may bring them).
  const before = [
    recorded(`deed-${deedId}`, 'DeedDrafted', { deedId, organisation: 'kotka', ideaIds: [id(4)], source: 'idea' }, editor),
    recorded(
      'award-season-33333333-3333-4333-8333-333333333333',
      'AwardAnnounced',
      {
        seasonId: '33333333-3333-4333-8333-333333333333',
        awardId: 'a1',
        year: 2026,
        seasonName: 'Gaala 2026',
        series: 'innostavat-teot',
        seriesName: 'Innostavat teot',
        category: 'winner',
        title: 'Innostavat teot',
        nominee: { kind: 'deed', deedId, organisation: 'kotka' },
      },
      { subject: 'p_admin', organisation: 'kotka', roles: ['admin'] },
    ),
    // Anna is already known as a change agent of Kotka.
    submitted(1, 'kotka', 'p_anna', ['employee', 'change-agent']),
  ];
  const four = submitted(4, 'kotka', 'p_eero', ['employee']);
  const run = [
    submitted(2, 'kotka', 'p_eero', ['employee']),
    // Bertta acts for the first time, as a change agent: not told of her own idea, told of the next ones.
    submitted(3, 'kotka', 'p_bertta', ['change-agent', 'employee']),
    four,
    // Anna is no longer a change agent from here on.
    submitted(5, 'kotka', 'p_anna', ['employee']),
    submitted(6, 'kotka', 'p_eero', ['employee']),
    submitted(7, 'imatra', 'p_iida', ['employee']),
    // The same event again (a redelivery) tells nobody twice.
    four,
  ];

  const state = async () => ({
    notifications: await db.dataSource.query('SELECT event_id, recipient, kind, params, in_app, email_mode FROM notifications ORDER BY seq'),
    people: await db.dataSource.query('SELECT person, organisation, roles FROM notification_people ORDER BY person'),
    ideas: await db.dataSource.query('SELECT * FROM notification_ideas ORDER BY idea_id'),
  });
  const reset = () =>
    db.dataSource.query('TRUNCATE notifications, notification_mails, notification_streams, notification_ideas, notification_deeds, notification_seasons, notification_people, notification_awards, notification_supporters');

  it('tells the same people of the same ideas, learns the same, and tells of the award once', async () => {
    await reset();
    for (const event of [...before, ...run]) await db.dataSource.transaction((tx) => handleEvent(tx, event));
    const oneByOne = await state();

    await reset();
    for (const event of before) await db.dataSource.transaction((tx) => handleEvent(tx, event));
    await db.dataSource.transaction((tx) => handleEvents(tx, run));
    const together = await state();

    expect(together).toEqual(oneByOne);
    const told = (n: number) => oneByOne.notifications.filter((x: { kind: string; params: { ideaId?: string } }) => x.kind === 'new-ideas' && x.params.ideaId === id(n));
    expect(told(2).map((x: { recipient: string }) => x.recipient)).toEqual(['p_anna']);
    expect(told(4).map((x: { recipient: string }) => x.recipient)).toEqual(['p_anna', 'p_bertta']);
    expect(told(6).map((x: { recipient: string }) => x.recipient)).toEqual(['p_bertta']);
    expect(told(7)).toEqual([]);
    expect(oneByOne.notifications.filter((x: { kind: string }) => x.kind === 'idea-award').map((x: { recipient: string }) => x.recipient)).toEqual(['p_eero']);
  });
});
