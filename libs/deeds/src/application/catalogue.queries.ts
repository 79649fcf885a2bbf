import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, In } from 'typeorm';
import { IdeaView } from '#ideas';
import { exactTsQuery, isUuid, plainText, prefixTsQuery, ProblemException, safeUrl, type Actor } from '#platform';
import type { DeedContent } from '../domain/deed.events.js';
import { DeedEntry } from '../read-models/deed-entry.entity.js';

const clean = (text: string | null | undefined) => (text == null ? text : plainText(text));
const cleanMedia = (media: DeedEntry['media']) =>
  media.flatMap((m) => {
    const url = safeUrl(m.url);
    return url ? [{ kind: m.kind, url, ...(m.caption ? { caption: plainText(m.caption) } : {}) }] : [];
  });
const cleanContent = (content: DeedContent) => ({
  ...content,
  title: plainText(content.title),
  aim: plainText(content.aim),
  achieved: plainText(content.achieved),
  unit: plainText(content.unit),
  themes: content.themes.map(plainText),
  metrics: content.metrics.map((m) => ({ ...m, name: plainText(m.name), ...(m.unit ? { unit: plainText(m.unit) } : {}) })),
  media: cleanMedia(content.media),
});

/** What anyone may read of a published deed; every text is stripped of markup. */
export function presentPublicDeed(deed: DeedEntry) {
  return {
    id: deed.id,
    revision: deed.revision,
    organisation: deed.organisation,
    title: plainText(deed.title),
    aim: plainText(deed.aim),
    achieved: plainText(deed.achieved),
    metrics: cleanContent({ ...(deed as unknown as DeedContent), metrics: deed.metrics }).metrics,
    unit: plainText(deed.unit),
    sector: deed.sector,
    themes: deed.themes.map(plainText),
    size: deed.size,
    scope: deed.scope,
    participants: deed.participants,
    periodFrom: deed.periodFrom,
    periodTo: deed.periodTo,
    language: deed.language,
    media: cleanMedia(deed.media),
    firstPublishedAt: deed.firstPublishedAt,
    publishedAt: deed.publishedAt,
    year: deed.year,
    awards: deed.awards,
    ideaIds: deed.ideaIds,
  };
}

export function presentEditorDeed(deed: DeedEntry) {
  return {
    ...presentPublicDeed(deed),
    version: deed.version,
    status: deed.status,
    source: deed.source,
    externalId: deed.externalId,
    draftedAt: deed.draftedAt,
    updatedAt: deed.updatedAt,
    unpublishedAt: deed.unpublishedAt,
    unpublishReason: clean(deed.unpublishReason),
    revisions: deed.revisions.map((r) => ({ ...r, content: cleanContent(r.content) })),
  };
}

/** Facet values come from what editors typed: strip markup from the keys too. */
function cleanKeys(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(counts)) out[plainText(key)] = (out[plainText(key)] ?? 0) + n;
  return out;
}

export class GetDeedQuery {
  constructor(
    readonly deedId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetDeedQuery)
export class GetDeedHandler implements IQueryHandler<GetDeedQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ deedId, actor }: GetDeedQuery) {
    const deed = await this.db.getRepository(DeedEntry).findOneBy({ id: deedId });
    if (!deed) throw ProblemException.of(404, 'deed-not-found', 'There is no such deed.');
    return presentEditorDeed(deed);
  }
}

export class ListDeedsQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: { organisation?: string; status?: string; limit: number; cursor?: string },
  ) {}
}

/** The editors' desk: their organisation's deeds in every state, most recently changed first. */
@QueryHandler(ListDeedsQuery)
export class ListDeedsHandler implements IQueryHandler<ListDeedsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ actor, filter }: ListDeedsQuery) {
    const organisation = filter.organisation ?? actor.organisation;
    const after = decodeCursor(filter.cursor);
    const rows: DeedEntry[] = await this.db
      .getRepository(DeedEntry)
      .createQueryBuilder('d')
      .where('d.organisation = :organisation', { organisation })
      .andWhere(filter.status ? 'd.status = :status' : 'TRUE', { status: filter.status })
      .andWhere(after ? '(d.updated_at, d.id) < (:at::timestamptz, :id::uuid)' : 'TRUE', { at: after?.at, id: after?.id })
      .orderBy('d.updated_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(filter.limit + 1)
      .getMany();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((d) => ({ id: d.id, version: d.version, title: plainText(d.title), status: d.status, revision: d.revision, sector: d.sector, updatedAt: d.updatedAt, firstPublishedAt: d.firstPublishedAt })),
      nextCursor: rows.length > filter.limit && last ? encodeCursor({ score: 0, at: new Date(last.updatedAt).toISOString(), id: last.id }) : null,
    };
  }
}

export interface CatalogueFilter {
  q?: string;
  sector?: string;
  theme?: string;
  organisation?: string;
  year?: number;
  awarded?: boolean;
  sort?: 'relevance' | 'newest';
  limit: number;
  cursor?: string;
}

/** Keyset cursor: where the last page ended (score, first publication, id), so pages neither repeat nor skip while deeds come and go. */
interface SearchCursor {
  score: number;
  at: string;
  id: string;
}

function decodeCursor(cursor: string | undefined): SearchCursor | null {
  if (!cursor) return null;
  try {
    const [score, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [number, string, string];
    if (typeof score !== 'number' || !Number.isFinite(score) || typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(at) || Number.isNaN(Date.parse(at)) || !isUuid(String(id))) {
      throw new Error();
    }
    return { score, at, id };
  } catch {
    throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not one this API gave out' }]);
  }
}
const encodeCursor = (c: SearchCursor) => Buffer.from(JSON.stringify([c.score, c.at, c.id])).toString('base64url');

export class SearchCatalogueQuery {
  constructor(readonly filter: CatalogueFilter) {}
}

/**
 * Tekojen tori search: Snowball stemming in Finnish, Swedish and English for inflected words,
 * trigram word similarity for what stemming misses (consonant gradation: teko / teot), prefix
 * matching while typing, and facet counts over the matching deeds.
 */
@QueryHandler(SearchCatalogueQuery)
export class SearchCatalogueHandler implements IQueryHandler<SearchCatalogueQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ filter }: SearchCatalogueQuery) {
    const cursor = decodeCursor(filter.cursor);
    const tsq = filter.q ? prefixTsQuery(filter.q) : null;
    const exact = filter.q ? exactTsQuery(filter.q) : null;
    const q = filter.q ? filter.q.toLowerCase().trim() : null;
    const sort = filter.sort ?? (q ? 'relevance' : 'newest');
    const params = [
      tsq,
      q,
      filter.sector ?? null,
      filter.theme ?? null,
      filter.organisation ?? null,
      filter.year ?? null,
      filter.awarded ?? null,
      filter.limit + 1,
      cursor ? (sort === 'relevance' ? cursor.score : 0) : null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      exact,
    ];
    const [row] = await this.db.query(
      `WITH query AS (
         SELECT CASE WHEN $1::text IS NULL THEN NULL ELSE
           to_tsquery('finnish', $1) || to_tsquery('swedish', $1) || to_tsquery('english', $1) || to_tsquery('simple', $1) END AS tsq,
           CASE WHEN $12::text IS NULL THEN NULL ELSE
           to_tsquery('finnish', $12) || to_tsquery('swedish', $12) || to_tsquery('english', $12) END AS exact
       ), matched AS MATERIALIZED (
         SELECT d.id, d.sector, d.themes, d.organisation, d.year, d.first_published_at,
           CASE WHEN $2::text IS NULL THEN 0 ELSE 2 * ts_rank(d.search, query.exact) + ts_rank(d.search, query.tsq) + word_similarity($2, d.search_text) END::float8 AS score
         FROM deed_entries d, query
         WHERE d.status = 'published'
           AND ($3::text IS NULL OR d.sector = $3)
           AND ($4::text IS NULL OR d.themes @> ARRAY[$4::text])
           AND ($5::text IS NULL OR d.organisation = $5)
           AND ($6::int IS NULL OR d.year = $6)
           AND ($7::boolean IS NULL OR (jsonb_array_length(d.awards) > 0) = $7)
           AND ($2::text IS NULL OR d.search @@ query.tsq OR $2 <% d.search_text)
       ), page AS (
         SELECT id, score, first_published_at FROM matched
         WHERE $11::uuid IS NULL OR (${sort === 'relevance' ? 'score' : '0::float8'}, first_published_at, id) < ($9::float8, $10::timestamptz, $11::uuid)
         ORDER BY ${sort === 'relevance' ? 'score DESC, ' : ''}first_published_at DESC, id DESC
         LIMIT $8
       )
       SELECT
         (SELECT count(*)::int FROM matched) AS total,
         (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'score', score, 'at', to_char(first_published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))), '[]') FROM page) AS page,
         (SELECT coalesce(jsonb_object_agg(sector, n), '{}') FROM (SELECT sector, count(*)::int n FROM matched GROUP BY sector) s) AS sectors,
         (SELECT coalesce(jsonb_object_agg(theme, n), '{}') FROM (SELECT theme, count(*)::int n FROM matched, unnest(themes) theme GROUP BY theme ORDER BY n DESC, theme LIMIT 50) s) AS themes,
         (SELECT coalesce(jsonb_object_agg(organisation, n), '{}') FROM (SELECT organisation, count(*)::int n FROM matched GROUP BY organisation ORDER BY n DESC, organisation LIMIT 100) s) AS organisations,
         (SELECT coalesce(jsonb_object_agg(year, n), '{}') FROM (SELECT year, count(*)::int n FROM matched GROUP BY year) s) AS years`,
      params,
    );
    const ids: { id: string; score: number; at: string }[] = row.page;
    const hasMore = ids.length > filter.limit;
    const pageIds = ids.slice(0, filter.limit);
    const deeds = pageIds.length ? await this.db.getRepository(DeedEntry).findBy({ id: In(pageIds.map((p) => p.id)) }) : [];
    const byId = new Map(deeds.map((d) => [d.id, d]));
    return {
      items: pageIds.flatMap(({ id, score }) => {
        const deed = byId.get(id);
        return deed ? [{ ...presentPublicDeed(deed), score: Math.round(Number(score) * 1000) / 1000 }] : [];
      }),
      total: row.total,
      nextCursor: hasMore ? encodeCursor(pageIds[pageIds.length - 1]) : null,
      facets: { sector: row.sectors, theme: cleanKeys(row.themes), organisation: row.organisations, year: row.years },
    };
  }
}

export class GetCatalogueDeedQuery {
  constructor(readonly deedId: string) {}
}

@QueryHandler(GetCatalogueDeedQuery)
export class GetCatalogueDeedHandler implements IQueryHandler<GetCatalogueDeedQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ deedId }: GetCatalogueDeedQuery) {
    const deed = await this.db.getRepository(DeedEntry).findOneBy({ id: deedId, status: 'published' });
    if (!deed) throw ProblemException.of(404, 'deed-not-found', 'There is no such published deed.');
    const ideas = deed.ideaIds.length ? await this.db.getRepository(IdeaView).findBy({ id: In(deed.ideaIds) }) : [];
    return {
      ...presentPublicDeed(deed),
      revisions: deed.revisions.map((r) => ({ revision: r.revision, publishedAt: r.publishedAt, content: cleanContent(r.content) })),
      // The chain behind the deed: idea → pilot → adoption. Submitters are never named here.
      lineage: ideas.map((idea) => ({
        ideaId: idea.id,
        title: plainText(idea.title),
        stage: idea.stage,
        submittedAt: idea.submittedAt,
        pilot: idea.pilot
          ? {
              goal: plainText(idea.pilot.goal),
              team: plainText(idea.pilot.team),
              startsOn: idea.pilot.startsOn,
              endsOn: idea.pilot.endsOn,
              metrics: idea.pilot.metrics.map((m) => ({ ...m, name: plainText(m.name), ...(m.unit ? { unit: plainText(m.unit) } : {}) })),
            }
          : null,
        measurements: idea.measurements.map((m) => ({ ...m, metric: plainText(m.metric) })),
        result: idea.result ? { summary: plainText(idea.result.summary), metrics: idea.result.metrics.map((m) => ({ ...m, metric: plainText(m.metric) })) } : null,
      })),
    };
  }
}

export class CatalogueStatsQuery {}

@QueryHandler(CatalogueStatsQuery)
export class CatalogueStatsHandler implements IQueryHandler<CatalogueStatsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute() {
    const [row] = await this.db.query(
      `SELECT
         (SELECT count(*)::int FROM deed_entries WHERE status = 'published') AS total,
         (SELECT coalesce(jsonb_object_agg(year, n), '{}') FROM (SELECT year, count(*)::int n FROM deed_entries WHERE status = 'published' GROUP BY year) s) AS per_year,
         (SELECT coalesce(jsonb_object_agg(sector, n), '{}') FROM (SELECT sector, count(*)::int n FROM deed_entries WHERE status = 'published' GROUP BY sector) s) AS per_sector,
         (SELECT coalesce(jsonb_object_agg(organisation, n), '{}') FROM (SELECT organisation, count(*)::int n FROM deed_entries WHERE status = 'published' GROUP BY organisation) s) AS per_organisation`,
    );
    return { total: row.total, perYear: row.per_year, perSector: row.per_sector, perOrganisation: row.per_organisation };
  }
}
