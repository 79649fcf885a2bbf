import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '#event-store';
import { typeormStore, type Projection } from '#projections';
import { DEED_EVENT_TYPES, isDeedStream, type DeedContent, type DeedEvent } from '../domain/deed.events.js';
import { DeedEntry } from './deed-entry.entity.js';

type RecordedDeedEvent = RecordedEvent & DeedEvent;

const YEAR_IN_FINLAND = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' });
/** The catalogue's year is the year in Finland: a deed published at 00:30 on 1 January belongs to the new year. */
export const finnishYear = (at: Date): number => Number(YEAR_IN_FINLAND.format(at));
const known = new Set<string>(DEED_EVENT_TYPES);

const contentColumns = (content: DeedContent) => ({
  title: content.title,
  aim: content.aim,
  achieved: content.achieved,
  metrics: content.metrics,
  unit: content.unit,
  sector: content.sector,
  themes: content.themes,
  size: content.size,
  scope: content.scope,
  participants: content.participants,
  periodFrom: content.periodFrom,
  periodTo: content.periodTo ?? null,
  language: content.language,
  media: content.media,
});

export function evolveDeedEntry(row: DeedEntry | undefined, recorded: RecordedDeedEvent): DeedEntry | undefined {
  const at = new Date(recorded.metadata.occurredAt ?? recorded.recordedAt);
  if (recorded.type === 'DeedDrafted') {
    const d = recorded.data;
    return Object.assign(new DeedEntry(), {
      id: d.deedId,
      version: recorded.streamVersion,
      organisation: d.organisation,
      status: 'draft',
      revision: 0,
      ...contentColumns(d.content),
      ideaIds: d.ideaIds,
      source: d.source ?? null,
      externalId: d.externalId ?? null,
      draftedAt: at,
      updatedAt: at,
      firstPublishedAt: null,
      publishedAt: null,
      unpublishedAt: null,
      unpublishReason: null,
      year: null,
      revisions: [],
      awards: [],
    });
  }
  if (!row) return undefined;
  const next = { ...row, version: recorded.streamVersion, updatedAt: at };
  switch (recorded.type) {
    case 'DeedEdited':
      return { ...next, ...contentColumns(recorded.data.content) };
    case 'DeedPublished': {
      const first = row.firstPublishedAt ?? at;
      return {
        ...next,
        ...contentColumns(recorded.data.content),
        status: 'published',
        revision: recorded.data.revision,
        firstPublishedAt: first,
        publishedAt: at,
        unpublishedAt: null,
        unpublishReason: null,
        year: finnishYear(new Date(first)),
        revisions: [...row.revisions, { revision: recorded.data.revision, publishedAt: at.toISOString(), content: recorded.data.content }],
      };
    }
    case 'DeedUnpublished':
      return { ...next, status: 'unpublished', unpublishedAt: at, unpublishReason: recorded.data.reason };
    default: {
      const unknown: never = recorded;
      return unknown;
    }
  }
}

/**
 * The catalogue's per-word postings (deed_terms, deed_term_counts; catalogue-terms.migration.ts) follow what the
 * batch changes: for each saved deed, the terms of its search vector before (its deed_search row, still the old
 * one) and after (computed from the new row the same way), and only the difference is written, with the
 * document frequencies moved by it. Runs before the entries are saved, while deed_search still holds the old
 * vectors. Awards do not change a deed's words, so the award projection's writes need nothing here.
 */
export async function saveDeedTerms(tx: EntityManager, rows: DeedEntry[]): Promise<void> {
  if (rows.length === 0) return;
  const input = rows.map((r) => ({
    id: r.id,
    published: r.status === 'published' && r.year != null && r.firstPublishedAt != null,
    language: r.language,
    title: r.title,
    aim: r.aim,
    achieved: r.achieved,
    themes: r.themes,
  }));
  await tx.query(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, published boolean, language text, title text, aim text, achieved text, themes text[])
     ), next AS (
       SELECT i.id, t.lexeme AS term, deed_term_impact(t.weights) AS impact
       FROM input i, unnest(deed_search_vector(i.language, i.title, i.aim, i.achieved, i.themes)) t WHERE i.published
     ), prev AS (
       SELECT s.id, t.lexeme AS term, deed_term_impact(t.weights) AS impact
       FROM deed_search s, unnest(s.search) t WHERE s.id IN (SELECT id FROM input)
     ), gone AS (
       SELECT * FROM prev EXCEPT ALL SELECT * FROM next
     ), came AS (
       SELECT * FROM next EXCEPT ALL SELECT * FROM prev
     ), deleted AS (
       DELETE FROM deed_terms d USING gone g WHERE d.term = g.term AND d.impact = g.impact AND d.deed_id = g.id RETURNING d.term
     ), inserted AS (
       INSERT INTO deed_terms (term, impact, deed_id) SELECT term, impact, id FROM came ORDER BY 1, 2, 3 ON CONFLICT DO NOTHING RETURNING term
     ), delta AS (
       SELECT term, sum(d)::int AS n FROM (
         SELECT term, -1 AS d FROM deleted
         UNION ALL SELECT term, 1 FROM inserted
       ) x GROUP BY term HAVING sum(d) <> 0
     )
     INSERT INTO deed_term_counts (term, n) SELECT term, n FROM delta ORDER BY term
     ON CONFLICT (term) DO UPDATE SET n = deed_term_counts.n + excluded.n`,
    [JSON.stringify(input)],
  );
}

const entries = typeormStore(DeedEntry, 'id');

export const deedEntryProjection: Projection<DeedEntry> = {
  name: 'deed-entries',
  keyOf: (event) => (isDeedStream(event.streamId) && known.has(event.type) ? event.streamId.slice('deed-'.length) : undefined),
  evolve: (row, event) => evolveDeedEntry(row, event as RecordedDeedEvent),
  store: {
    ...entries,
    async save(tx, rows) {
      await saveDeedTerms(tx, rows);
      await entries.save(tx, rows);
    },
    async clear(tx) {
      await tx.query('DELETE FROM deed_terms');
      await tx.query('DELETE FROM deed_term_counts');
      await entries.clear(tx);
    },
    // The catalogue's search tables follow deed_entries (statement triggers, catalogue-search.migration.ts) and
    // its postings follow the saved rows (saveDeedTerms): a rebuild swaps them together.
    tables: () => ['deed_entries', 'deed_search', 'deed_search_words', 'deed_facet_cells', 'deed_theme_counts', 'deed_theme_pairs', 'deed_terms', 'deed_term_counts'],
  },
};
