// The public contract: every domain event type maps to an integration event that validates against
// its schema and carries no personal data; the reference page is generated from the schemas.
import { readFileSync } from 'node:fs';
import type { RecordedEvent } from '#event-store';
import { IDEA_EVENT_TYPES } from '#ideas';
import { DEED_EVENT_TYPES } from '#deeds';
import { integrationDocsFile, renderIntegrationDocs } from './docs.js';
import { INTEGRATION_EVENT_TYPES, toIntegrationEvent } from './integration-events.js';
import { compileSchema, validate } from './json-schema.js';
import { loadSchemas, SchemaRegistry } from './schemas.js';
import { buildStreams, PII } from './testing/fixtures.js';

function recorded(streamId: string, version: number, event: { eventId: string; type: string; data: unknown; metadata: RecordedEvent['metadata'] }): RecordedEvent {
  return { ...event, streamId, streamVersion: version, schemaVersion: 1, checkpoint: { transactionId: '1', position: String(version) }, recordedAt: '2025-05-05T10:00:00.000Z' };
}

const streams = buildStreams(3_000, 42);
const events = streams.flatMap((s) => s.events.map((e, i) => recorded(s.streamId, i + 1, e)));

describe('integration events', () => {
  const registry = new SchemaRegistry();
  const loadedSchemas = new Map(loadSchemas().map((s) => [`${s.topic}/${s.type}`, s.schema]));

  it('has exactly one schema per mapped event type, in the mapped topic and version', () => {
    const schemas = loadSchemas().map((s) => `${s.topic}/${s.type}@${s.schema.properties!.schemaVersion.enum![0]}`).sort();
    expect(schemas).toEqual(INTEGRATION_EVENT_TYPES.map((t) => `${t.topic}/${t.type}@${t.schemaVersion}`).sort());
  });

  it('covers every idea, deed and campaign event type', () => {
    const mapped = new Set(INTEGRATION_EVENT_TYPES.map((t) => t.type));
    for (const type of [...IDEA_EVENT_TYPES, ...DEED_EVENT_TYPES, 'CampaignOpened', 'CampaignClosed']) expect(mapped).toContain(type);
    // ... and the fixtures use them all, so the checks below see every type.
    expect(new Set(events.map((e) => e.type))).toEqual(mapped);
  });

  it('maps every fixture event to an integration event that validates against its schema', () => {
    const problems: string[] = [];
    for (const event of events) {
      const mapped = toIntegrationEvent(event);
      if (!mapped) {
        problems.push(`${event.type}: not mapped`);
        continue;
      }
      for (const p of registry.validate(mapped.topic, mapped.event)) problems.push(`${event.type} ${p.path}: ${p.message}`);
      // The compiled check the relay runs agrees with the full validator, on the event and on a broken copy.
      const schema = loadedSchemas.get(`${mapped.topic}/${mapped.event.type}`)!;
      if (!compileSchema(schema)(mapped.event)) problems.push(`${event.type}: the compiled check refuses a valid event`);
      const broken = { ...mapped.event, data: { ...(mapped.event as { data: object }).data, unexpected: true } };
      if (compileSchema(schema)(broken) || validate(schema, broken).length === 0) problems.push(`${event.type}: an unexpected property passes`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('drops personal data: pseudonyms, actors, comment text, withdrawal reasons, idea media', () => {
    expect(events.filter((e) => JSON.stringify(e).includes(PII)).length).toBeGreaterThan(100);
    const leaks = events.map((e) => JSON.stringify(toIntegrationEvent(e))).filter((json) => json.includes(PII));
    expect(leaks.slice(0, 3)).toEqual([]);
    const submitted = events.find((e) => e.type === 'IdeaSubmitted' && (e.data as { media: unknown[] }).media.length > 0)!;
    const published = toIntegrationEvent(submitted)!.event;
    expect(published.data).not.toHaveProperty('submitter');
    expect(published.data).not.toHaveProperty('media');
    expect(published).not.toHaveProperty('metadata');
    expect(Object.keys(published).sort()).toEqual(['data', 'eventId', 'occurredAt', 'schemaVersion', 'streamId', 'streamVersion', 'type']);
    const comment = toIntegrationEvent(events.find((e) => e.type === 'IdeaCommented')!)!.event;
    expect(comment.data).toEqual({ ideaId: expect.any(String), commentId: expect.any(String) });
  });

  it('never publishes what has not been mapped on purpose', () => {
    const base = events[0];
    expect(toIntegrationEvent({ ...base, type: 'IdeaSecretlyRenamed' })).toBeUndefined();
    expect(toIntegrationEvent({ ...base, streamId: 'user-123' })).toBeUndefined();
    // An idea event type on a deed stream is not an idea event.
    expect(toIntegrationEvent({ ...base, streamId: 'deed-1' })).toBeUndefined();
  });

  it('refuses an integration event with an extra field', () => {
    const mapped = toIntegrationEvent(events.find((e) => e.type === 'IdeaSupported')!)!;
    const errors = registry.validate(mapped.topic, { ...mapped.event, data: { ...mapped.event.data, supporter: 'x' } });
    expect(errors).toEqual([{ path: '/data/supporter', message: 'is not allowed (additionalProperties: false)' }]);
  });

  it('docs/integration-events.md is up to date with the schemas (npm run docs:events)', () => {
    expect(readFileSync(integrationDocsFile(), 'utf8')).toBe(renderIntegrationDocs(loadSchemas()));
  });
});
