// Privacy as a whole, on the embedded database: every command of every context carries a canary in every
// free-text field, media URL, e-mail address and identity (bodies generated from the OpenAPI document); the
// people are erased and the read models rebuilt; then every table, the mail outbox and every log line is searched.
// A canary found anywhere must be listed in test/privacy-allow-list.json with the reason it may stay.
import { startTestApp, type TestApp } from './support/app.js';
import {
  anonymityLeaks,
  anonymousNeedles,
  captureOutput,
  driveEveryCommand,
  eraseEveryone,
  notAllowed,
  searchOutbox,
  searchTables,
  searchText,
  writeOperations,
  type CanaryRun,
} from './support/canary-scenarios.js';
import { TIMEOUT } from './support/ideas-scenarios.js';

describe('canaries (embedded database)', () => {
  let app: TestApp;
  let run: CanaryRun;
  const logLines: string[] = [];
  let restore: () => void = () => undefined;

  beforeAll(async () => {
    restore = captureOutput(logLines);
    app = await startTestApp({ log: true, env: { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', NOTIFICATIONS: 'off' } });
    run = await driveEveryCommand(app);
  }, TIMEOUT);
  afterAll(async () => {
    restore();
    await app?.close();
  }, TIMEOUT);

  it('drives every write operation of the OpenAPI document', () => {
    expect(writeOperations(run.doc).filter((op) => op !== 'POST /api/people/{id}/erase' && !run.driven.has(op))).toEqual([]);
    // Every request field that takes free text got one: the ideas' and the deeds' at least.
    const fields = new Set([...run.canaries.all.values()].map((c) => c.field));
    for (const field of ['POST /api/ideas title', 'POST /api/ideas media[].url', 'POST /api/ideas media[].caption', 'PUT /api/me/notification-preferences email', 'POST /api/ideas/{id}/comments text', 'POST /api/award-seasons/{id}/nominations name']) {
      expect(fields).toContain(field);
    }
  });

  it(
    'shows nobody else who submitted the anonymous ideas: no subject, pseudonym, guessable id or role in any answer of any role, open data or log line',
    async () => {
      expect(await anonymityLeaks(app, run)).toEqual([]);
      // The search is not blind: the submitter's own answers do carry their ideas, and the reads found the ideas.
      const own = await run.call('GET', '/api/people/me/export', { token: run.people.anonymous.token });
      expect(own.body.ideas.map((i: { id: string }) => i.id).sort()).toEqual([...run.anonymousIdeas].sort());
      const needles = anonymousNeedles(app, run);
      expect(logLines.filter((line) => needles.some((n) => line.toLowerCase().includes(n)))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'after everyone is erased and the read models rebuilt, no canary is left in a table, the outbox or a log line unless the allow-list says why',
    async () => {
      // The search is not blind: before the erasure it finds what is there.
      const before = await searchTables(app, run.canaries);
      expect(before.some((f) => f.field === 'POST /api/ideas/{id}/comments text' && f.place === 'table:idea_views')).toBe(true);
      expect(before.some((f) => f.field === 'PUT /api/me/notification-preferences email' && f.place === 'table:notification_people')).toBe(true);
      expect((await searchOutbox(app, run.canaries)).length).toBeGreaterThan(0);

      await eraseEveryone(app, run);
      await app.runtime.notifications.runOnce({ batch: 1000 });

      const findings = [
        ...(await searchTables(app, run.canaries)),
        ...(await searchOutbox(app, run.canaries)),
        ...searchText(logLines.join('\n'), run.canaries, 'log'),
      ];
      expect(logLines.some((line) => line.includes('"msg":"request"'))).toBe(true);
      expect(notAllowed(findings)).toEqual([]);
    },
    TIMEOUT,
  );
});
