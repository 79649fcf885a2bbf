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

export const deedEntryProjection: Projection<DeedEntry> = {
  name: 'deed-entries',
  keyOf: (event) => (isDeedStream(event.streamId) && known.has(event.type) ? event.streamId.slice('deed-'.length) : undefined),
  evolve: (row, event) => evolveDeedEntry(row, event as RecordedDeedEvent),
  store: {
    ...typeormStore(DeedEntry, 'id'),
    // The catalogue's search tables follow deed_entries (statement triggers, catalogue-search.migration.ts): a rebuild swaps them together.
    tables: () => ['deed_entries', 'deed_search', 'deed_search_words', 'deed_facet_cells', 'deed_theme_counts', 'deed_theme_pairs'],
  },
};
