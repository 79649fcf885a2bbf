import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource, In, type FindOptionsSelect } from 'typeorm';
import { IdeaView } from '#ideas';
import { organisationNames } from '#organisations';
import { exactTsQuery, isUuid, plainText, ProblemException, safeUrl, searchWords, type Actor } from '#platform';
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

/** Similar words from the catalogue's dictionary for each search word of four letters or more. */
const SIMILAR_WORDS = `
  SELECT q.w AS word, array_agg(x.word ORDER BY x.similarity DESC, x.word) AS similar
  FROM unnest($1::text[]) q(w)
  CROSS JOIN LATERAL (
    SELECT word, similarity(word, q.w) AS similarity FROM deed_search_words
    WHERE word % q.w AND word <> q.w AND similarity(word, q.w) >= $2
    ORDER BY similarity DESC, word LIMIT $3
  ) x
  WHERE length(q.w) >= 4
  GROUP BY q.w`;
/** How alike (trigram similarity) a dictionary word must be to stand in for a search word, and how many may. */
const SIMILARITY = 0.5;
const SIMILAR_PER_WORD = 4;
const LEXEME = /^[\p{L}\p{N}]+$/u;

/** The filters, with their parameters from $n on: sector, theme, organisation, year, awarded. */
const filtersFrom = (n: number) => `
  AND ($${n}::text IS NULL OR d.sector = $${n})
  AND ($${n + 1}::text IS NULL OR d.themes @> ARRAY[$${n + 1}::text])
  AND ($${n + 2}::text IS NULL OR d.organisation = $${n + 2})
  AND ($${n + 3}::int IS NULL OR d.year = $${n + 3})
  AND ($${n + 4}::boolean IS NULL OR d.awarded = $${n + 4})`;

/** Facets of browsing and filtering, from the pre-counted cells (theme '' counts each deed once). $1–$5: the filters. */
const CELL_WHERE = `n > 0 AND ($1::text IS NULL OR sector = $1) AND ($3::text IS NULL OR organisation = $3)
  AND ($4::int IS NULL OR year = $4) AND ($5::boolean IS NULL OR awarded = $5)`;
const CELL_FACETS = `
  SELECT sector, organisation, year::text, sum(n)::int AS n, GROUPING(sector, organisation, year) AS level
  FROM deed_facet_cells WHERE theme = coalesce($2, '') AND ${CELL_WHERE}
  GROUP BY GROUPING SETS ((sector), (organisation), (year), ())`;
/** Themes of browsing without filters, and of filtering by anything but a theme. */
const ALL_THEMES = `SELECT theme, n FROM deed_theme_counts WHERE n > 0 ORDER BY n DESC, theme LIMIT 50`;
const CELL_THEMES = `
  SELECT theme, sum(n)::int AS n FROM deed_facet_cells WHERE theme <> '' AND $2::text IS NULL AND ${CELL_WHERE}
  GROUP BY theme ORDER BY n DESC, theme LIMIT 50`;

/** The themes of deeds with one theme, when the theme is the only filter. */
const THEME_PAIRS = `SELECT other AS theme, n FROM deed_theme_pairs WHERE theme = $1 AND n > 0 ORDER BY n DESC, other LIMIT 50`;
const themeFacet = (rows: { theme: string; n: number }[]): Facet => Object.fromEntries(rows.map((r) => [r.theme, r.n]));
/** Which themes occur together with the filtered theme: counted over the matching deeds themselves. $1–$5: the filters. */
const THEMES_WITH_THEME = `
  SELECT coalesce(jsonb_object_agg(theme, n), '{}') AS themes FROM (
    SELECT theme, count(*)::int n FROM deed_search d, unnest(d.themes) theme
    WHERE true ${filtersFrom(1)}
    GROUP BY theme ORDER BY n DESC, theme LIMIT 50) s`;

interface FacetCell {
  sector: string | null;
  organisation: string | null;
  year: string | null;
  n: number;
  level: number;
}
/** Total and facets out of the grouping sets of CELL_FACETS (GROUPING bits: sector 4, organisation 2, year 1). */
function fromCells(cells: FacetCell[]) {
  const facet = (level: number, key: (c: FacetCell) => string | null, top?: number) => {
    const rows = cells.filter((c) => c.level === level && c.n > 0).sort((a, b) => b.n - a.n || String(key(a)).localeCompare(String(key(b))));
    return Object.fromEntries((top ? rows.slice(0, top) : rows).map((c) => [key(c), c.n]));
  };
  return {
    total: cells.find((c) => c.level === 7)?.n ?? 0,
    sectors: facet(3, (c) => c.sector),
    organisations: facet(5, (c) => c.organisation, 100),
    years: facet(6, (c) => c.year),
  };
}

/**
 * Tekojen tori search: Snowball stemming in Finnish, Swedish and English for inflected words, each search
 * word widened with the similar words of the catalogue's dictionary for what stemming misses (consonant
 * gradation: teko / teot), prefix matching while typing, and facet counts over the matching deeds.
 * Browsing and filtering page through an index and read their total and facets from pre-counted cells.
 */
@QueryHandler(SearchCatalogueQuery)
export class SearchCatalogueHandler implements IQueryHandler<SearchCatalogueQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ filter }: SearchCatalogueQuery) {
    const cursor = decodeCursor(filter.cursor);
    const words = filter.q ? searchWords(filter.q).filter((w) => LEXEME.test(w)) : [];
    const widened = words.length ? await this.widenedQuery(words) : null;
    const tsq = widened?.tsq ?? null;
    const exact = filter.q ? exactTsQuery(filter.q) : null;
    const sort = filter.sort ?? (tsq ? 'relevance' : 'newest');
    const byScore = sort === 'relevance' && tsq !== null;
    const filters = [filter.sector ?? null, filter.theme ?? null, filter.organisation ?? null, filter.year ?? null, filter.awarded ?? null];
    const params = [tsq, exact, ...filters, filter.limit + 1, cursor ? (byScore ? cursor.score : 0) : null, cursor?.at ?? null, cursor?.id ?? null];
    const query = `(SELECT
         to_tsquery('finnish', $1) || to_tsquery('swedish', $1) || to_tsquery('english', $1) || to_tsquery('simple', $1) AS tsq,
         to_tsquery('finnish', $2) || to_tsquery('swedish', $2) || to_tsquery('english', $2) AS exact)`;
    const score = byScore ? '(2 * ts_rank(d.search, query.exact) + ts_rank(d.search, query.tsq))::float8' : '0::float8';
    let row: { total: number; totalExact: boolean; page: { id: string; score: number; at: string }[]; sectors: Facet; themes: Facet; organisations: Facet; years: Facet };
    const ranked = tsq && byScore ? await this.fromPostings(words, widened!.similar, params, filters) : null;
    if (ranked) {
      row = ranked;
    } else if (tsq) {
      // Sorting a text search by date, or a filter the strongest candidates do not fill a page of: the
      // full-text indexes. It never ranks or counts every match: it ranks the strongest candidates (deeds with
      // the words in their title, then anywhere, at most RANKED of each), and counts and facets the first EXACT_UP_TO + 1
      // matches. Up to EXACT_UP_TO the total and facets are exact; beyond, they are estimates (see estimate()).
      const pageSql = byScore
        ? `titled AS MATERIALIZED (
             SELECT d.id FROM deed_search d, query WHERE d.title_search @@ query.tsq ${filtersFrom(3)} LIMIT ${RANKED}
           ), candidates AS MATERIALIZED (
             SELECT id FROM titled
             UNION ALL
             (SELECT d.id FROM deed_search d, query
              WHERE (SELECT count(*) FROM titled) < ${RANKED} AND d.search @@ query.tsq ${filtersFrom(3)} AND d.id NOT IN (SELECT id FROM titled)
              LIMIT ${RANKED})
           ), ranked AS (
             SELECT d.id, d.first_published_at, ${score} AS score FROM candidates c JOIN deed_search d ON d.id = c.id, query
           ), page AS (
             SELECT id, score, first_published_at FROM ranked
             WHERE $11::uuid IS NULL OR (score, first_published_at, id) < ($9::float8, $10::timestamptz, $11::uuid)
             ORDER BY score DESC, first_published_at DESC, id DESC
             LIMIT $8
           )`
        : `page AS (
             SELECT d.id, 0::float8 AS score, d.first_published_at FROM deed_search d, query
             WHERE d.search @@ query.tsq ${filtersFrom(3)}
               AND ($11::uuid IS NULL OR (d.first_published_at, d.id) < ($10::timestamptz, $11::uuid))
               AND ($9::float8 IS NULL OR true) -- a cursor's score means nothing when sorting by date
             ORDER BY d.first_published_at DESC, d.id DESC
             LIMIT $8
           )`;
      const [found] = await this.db.query(
        `WITH query AS ${query}, ${pageSql},
         matched AS MATERIALIZED (
           SELECT d.sector, d.themes, d.organisation, d.year FROM deed_search d, query
           WHERE d.search @@ query.tsq ${filtersFrom(3)}
           LIMIT ${EXACT_UP_TO + 1}
         )
         SELECT
           ${PAGE_JSON},
           (SELECT tsq::text FROM query) AS tsq,
           (SELECT jsonb_agg(c) FROM (
              SELECT sector, organisation, year::text, count(*)::int AS n, GROUPING(sector, organisation, year) AS level
              FROM matched GROUP BY GROUPING SETS ((sector), (organisation), (year), ())) c) AS cells,
           (SELECT coalesce(jsonb_object_agg(theme, n), '{}') FROM (SELECT theme, count(*)::int n FROM matched, unnest(themes) theme GROUP BY theme ORDER BY n DESC, theme LIMIT 50) s) AS themes`,
        params,
      );
      const counted = fromCells(found.cells ?? []);
      if (counted.total <= EXACT_UP_TO) {
        row = { ...counted, totalExact: true, page: found.page, themes: found.themes };
      } else {
        row = { ...(await this.estimate(found.tsq, filters)), totalExact: false, page: found.page };
      }
    } else {
      // Browsing and filtering: newest first straight from an index, stopping at the page.
      const [page, cells, themes] = await Promise.all([
        this.db.query(
          `WITH page AS (
             SELECT d.id, 0::float8 AS score, d.first_published_at FROM deed_search d
             WHERE true ${filtersFrom(4)}
               AND ($3::uuid IS NULL OR (d.first_published_at, d.id) < ($2::timestamptz, $3::uuid))
             ORDER BY d.first_published_at DESC, d.id DESC
             LIMIT $1
           ) SELECT ${PAGE_JSON}`,
          [filter.limit + 1, cursor?.at ?? null, cursor?.id ?? null, ...filters],
        ),
        this.db.query(CELL_FACETS, filters),
        this.themesOf(filters),
      ]);
      row = { ...fromCells(cells), totalExact: true, page: page[0].page, themes };
    }
    const ids = row.page;
    const hasMore = ids.length > filter.limit;
    const pageIds = ids.slice(0, filter.limit);
    const deeds = pageIds.length ? await this.db.getRepository(DeedEntry).find({ select: PAGE_COLUMNS, where: { id: In(pageIds.map((p) => p.id)) } }) : [];
    const byId = new Map(deeds.map((d) => [d.id, d]));
    const names = await organisationNames(this.db, deeds.map((d) => d.organisation));
    return {
      items: pageIds.flatMap(({ id, score }) => {
        const deed = byId.get(id);
        return deed ? [{ ...presentPublicDeed(deed), organisationName: names.get(deed.organisation) ?? null, score: Math.round(Number(score) * 1000) / 1000 }] : [];
      }),
      total: row.total,
      // false: more matches than are counted one by one; total and facets are estimates ("noin 20 000").
      totalExact: row.totalExact,
      ...(row.totalExact ? {} : { totalLabel: aboutLabels(row.total) }),
      nextCursor: hasMore ? encodeCursor(pageIds[pageIds.length - 1]) : null,
      facets: { sector: row.sectors, theme: cleanKeys(row.themes), organisation: row.organisations, year: row.years },
    };
  }

  /**
   * A relevance-sorted text search from the per-word postings (deed_terms, kept by the catalogue projection):
   * 1. each search word stands for the catalogue's terms of its Finnish, Swedish, English and unstemmed forms,
   *    the commonest terms these begin (it may be half typed) and the terms of its look-alikes in the dictionary;
   *    the word's document frequency is the sum of its terms' (deed_term_counts);
   * 2. the rarest word brings its strongest deeds: each of its terms' postings read backwards by impact from
   *    the key, at most CANDIDATES of them (all of them when the word is in at most EXACT_UP_TO deeds);
   * 3. those candidates are checked against the whole query and the filters, and the RANKED strongest of them
   *    ranked as before (title words weigh most, the exact words twice).
   * The work is bounded by the candidates, whatever the number of matches. When the rarest word's postings were
   * read whole, the count and facets are exact; otherwise the total is estimated from the rarest word's document
   * frequency and the share of its candidates that matched, and the facets are the filters' cells scaled to it.
   * Returns null when filters leave fewer candidates than a page though more may match (the caller then asks the
   * full-text indexes).
   */
  private async fromPostings(words: string[], similar: Map<string, string[]>, params: unknown[], filters: Array<string | number | boolean | null>) {
    const hasFilter = filters.some((f) => f !== null);
    const input = words.map((w, i) => ({ ord: i + 1, w, sim: similar.get(w) ?? [] }));
    const stems = (w: string) => `tsvector_to_array(to_tsvector('finnish', ${w}) || to_tsvector('swedish', ${w}) || to_tsvector('english', ${w}) || to_tsvector('simple', ${w}))`;
    const score = '(2 * ts_rank(d.search, query.exact) + ts_rank(d.search, query.tsq))::float8';
    const [found] = await this.db.query(
      `WITH query AS (SELECT
         to_tsquery('finnish', $1) || to_tsquery('swedish', $1) || to_tsquery('english', $1) || to_tsquery('simple', $1) AS tsq,
         to_tsquery('finnish', $2) || to_tsquery('swedish', $2) || to_tsquery('english', $2) AS exact),
       -- At most eight words (searchWords): the LIMIT tells the planner so. Guessing a hundred, it costs the
       -- statement above jit_above_cost, and compiling it would take longer than running it.
       words AS (SELECT ord, w, sim FROM jsonb_to_recordset($12::jsonb) AS x(ord int, w text, sim text[]) LIMIT 8),
       stems AS (
         SELECT ord, stem, true AS prefix FROM words, unnest(${stems('words.w')}) stem
         UNION
         SELECT ord, stem, false FROM words, unnest(words.sim) s(word), unnest(${stems('s.word')}) stem
       ),
       terms AS MATERIALIZED (
         SELECT s.ord, c.term, c.n, c.rn FROM stems s CROSS JOIN LATERAL (
           SELECT c.term, c.n, row_number() OVER (ORDER BY c.n DESC, c.term) AS rn FROM (
             SELECT c.term, c.n FROM deed_term_counts c
             WHERE c.term >= (s.stem COLLATE "C") AND c.term < ((s.stem || chr(1114111)) COLLATE "C") AND c.n > 0
               AND (s.prefix OR c.term = (s.stem COLLATE "C"))
             ORDER BY c.n DESC, c.term LIMIT ${COMPLETIONS + 1}) c
         ) c
       ),
       used AS (SELECT DISTINCT ord, term, n FROM terms WHERE rn <= ${COMPLETIONS}),
       df AS MATERIALIZED (
         SELECT w.ord, coalesce((SELECT sum(u.n) FROM used u WHERE u.ord = w.ord), 0)::int AS n,
                EXISTS (SELECT 1 FROM terms t WHERE t.ord = w.ord AND t.rn > ${COMPLETIONS}) AS capped
         FROM words w
       ),
       rarest AS MATERIALIZED (SELECT ord, n, capped FROM df ORDER BY n, ord LIMIT 1),
       scan AS MATERIALIZED (SELECT CASE WHEN n <= ${EXACT_UP_TO} THEN ${EXACT_UP_TO} ELSE $13::int END AS k FROM rarest),
       candidates AS MATERIALIZED (
         SELECT p.deed_id AS id, max(p.impact) AS impact
         FROM used t JOIN rarest r ON r.ord = t.ord CROSS JOIN scan
         CROSS JOIN LATERAL (
           SELECT p.deed_id, p.impact FROM deed_terms p WHERE p.term = t.term ORDER BY p.impact DESC, p.deed_id DESC LIMIT scan.k
         ) p
         GROUP BY p.deed_id ORDER BY max(p.impact) DESC, p.deed_id DESC LIMIT (SELECT k FROM scan)
       ),
       -- Each candidate's row by its key (LIMIT 1 keeps the lookup a lookup: joined freely, the planner may rather
       -- test the query on every row of a smaller catalogue).
       matched AS MATERIALIZED (
         SELECT d.id, c.impact, d.sector, d.themes, d.organisation, d.year
         FROM candidates c CROSS JOIN LATERAL (SELECT * FROM deed_search d WHERE d.id = c.id LIMIT 1) d, query
         WHERE d.search @@ query.tsq ${filtersFrom(3)}
       ),
       ranked AS (
         SELECT d.id, d.first_published_at, ${score} AS score
         FROM (SELECT id FROM matched ORDER BY impact DESC, id DESC LIMIT ${RANKED}) m
         CROSS JOIN LATERAL (SELECT * FROM deed_search d WHERE d.id = m.id LIMIT 1) d, query
       ),
       page AS (
         SELECT id, score, first_published_at FROM ranked
         WHERE $11::uuid IS NULL OR (score, first_published_at, id) < ($9::float8, $10::timestamptz, $11::uuid)
         ORDER BY score DESC, first_published_at DESC, id DESC
         LIMIT $8
       )
       SELECT
         ${PAGE_JSON},
         (SELECT tsq::text FROM query) AS tsq,
         (SELECT n FROM rarest) AS rarest,
         (SELECT n <= ${EXACT_UP_TO} AND NOT capped FROM rarest) AS complete,
         (SELECT count(*)::int FROM candidates) AS candidates,
         (SELECT count(*)::int FROM matched) AS matches,
         (SELECT jsonb_agg(c) FROM (
            SELECT sector, organisation, year::text, count(*)::int AS n, GROUPING(sector, organisation, year) AS level
            FROM matched GROUP BY GROUPING SETS ((sector), (organisation), (year), ())) c) AS cells,
         (SELECT coalesce(jsonb_object_agg(theme, n), '{}') FROM (SELECT theme, count(*)::int n FROM matched, unnest(themes) theme GROUP BY theme ORDER BY n DESC, theme LIMIT 50) s) AS themes`,
      [...params, JSON.stringify(input), hasFilter ? FILTERED_CANDIDATES : CANDIDATES],
    );
    const page: { id: string; score: number; at: string }[] = found.page;
    if (found.complete) {
      return { ...fromCells(found.cells ?? []), totalExact: true, page, themes: found.themes as Facet };
    }
    // More may match than the candidates hold: a page the filters could not fill goes to the full-text indexes.
    if (hasFilter && found.matches < (params[7] as number)) return null;
    const [cells, themes] = await Promise.all([this.db.query(CELL_FACETS, filters), this.themesOf(filters)]);
    const within = fromCells(cells);
    // The rarest word's deeds, as many as its document frequency says, times the share of its checked candidates
    // that matched the whole query and the filters; never below what was seen nor above the filters' count.
    const share = found.candidates > 0 ? found.matches / found.candidates : 0;
    const total = roundAbout(Math.min(Math.max(within.total, found.matches), Math.max(found.matches, Math.round(found.rarest * share))));
    const scaleBy = within.total > 0 ? total / within.total : 0;
    const scale = (facet: Facet): Facet => Object.fromEntries(Object.entries(facet).map(([k, n]) => [k, roundAbout(n * scaleBy)]).filter(([, n]) => Number(n) > 0));
    return { total, totalExact: false, page, sectors: scale(within.sectors), organisations: scale(within.organisations), years: scale(within.years), themes: scale(themes) };
  }

  /**
   * Beyond EXACT_UP_TO matches: the total is the planner's estimate of the matching rows (PostgreSQL keeps the
   * most common words of `search` in its column statistics), never below the matches already seen, rounded to
   * two significant figures; the facets are the pre-counted cells of the filters (kept incrementally) scaled to
   * that total, rounded the same way.
   */
  private async estimate(tsq: string, filters: Array<string | number | boolean | null>) {
    const [plan] = await this.db.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM deed_search d WHERE d.search @@ $1::tsquery ${filtersFrom(2)}`, [tsq, ...filters]);
    const rows = Number(plan['QUERY PLAN'][0].Plan['Plan Rows']);
    const [cells, themes] = await Promise.all([this.db.query(CELL_FACETS, filters), this.themesOf(filters)]);
    const within = fromCells(cells);
    const total = roundAbout(Math.min(Math.max(rows, EXACT_UP_TO + 1), Math.max(within.total, EXACT_UP_TO + 1)));
    const share = within.total > 0 ? total / within.total : 0;
    const scale = (facet: Facet): Facet => Object.fromEntries(Object.entries(facet).map(([k, n]) => [k, roundAbout(n * share)]).filter(([, n]) => Number(n) > 0));
    return { total, sectors: scale(within.sectors), organisations: scale(within.organisations), years: scale(within.years), themes: scale(themes) };
  }

  /** The theme facet of browsing and filtering: from the pre-counted cells, or the theme pairs of a theme filter. */
  private themesOf(filters: Array<string | number | boolean | null>): Promise<Facet> {
    const [, theme] = filters;
    if (theme !== null) {
      return filters.filter((f) => f !== null).length === 1
        ? this.db.query(THEME_PAIRS, [theme]).then(themeFacet)
        : this.db.query(THEMES_WITH_THEME, filters).then((rows) => rows[0].themes as Facet);
    }
    const noFilter = filters.every((f) => f === null);
    return this.db.query(noFilter ? ALL_THEMES : CELL_THEMES, noFilter ? [] : filters).then(themeFacet);
  }

  /** `(word:* | similar | similar) & …`: each word as a prefix, or one of its look-alikes in the catalogue. */
  private async widenedQuery(words: string[]): Promise<{ tsq: string; similar: Map<string, string[]> }> {
    const rows: { word: string; similar: string[] }[] = await this.db.query(SIMILAR_WORDS, [words, SIMILARITY, SIMILAR_PER_WORD]);
    const similar = new Map(rows.map((r) => [r.word, r.similar.filter((w) => LEXEME.test(w))]));
    return { tsq: words.map((w) => `(${[`'${w}':*`, ...(similar.get(w) ?? []).map((s) => `'${s}'`)].join(' | ')})`).join(' & '), similar };
  }
}

type Facet = Record<string, number>;

/** Text searches rank at most this many candidates of each kind: title matches, then matches anywhere. */
const RANKED = 200;
/** How many of the rarest word's strongest deeds a relevance search checks: without filters, and with. */
const CANDIDATES = 200;
const FILTERED_CANDIDATES = 1000;
/** The terms a half-typed word may stand for: the commonest ones it begins. */
const COMPLETIONS = 10;
/** Totals and facets of a text search are exact up to this many matches, estimates beyond. */
export const EXACT_UP_TO = 1000;

/** Two significant figures: 20,678 → 21,000. */
export function roundAbout(n: number): number {
  if (n < 100) return Math.round(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** How an estimated total reads: "noin 21 000" (fi), "cirka 21 000" (sv), "about 21,000" (en). */
export function aboutLabels(n: number): { fi: string; sv: string; en: string } {
  const spaced = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return { fi: `noin ${spaced}`, sv: `cirka ${spaced}`, en: `about ${n.toLocaleString('en-GB')}` };
}
/** The columns a search result shows: not the revisions. */
const PAGE_COLUMNS = Object.fromEntries(
  (['id', 'revision', 'organisation', 'title', 'aim', 'achieved', 'metrics', 'unit', 'sector', 'themes', 'size', 'scope', 'participants', 'periodFrom', 'periodTo', 'language', 'media', 'firstPublishedAt', 'publishedAt', 'year', 'awards', 'ideaIds'] as const).map((c) => [c, true]),
) as FindOptionsSelect<DeedEntry>;
const PAGE_JSON = `(SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'score', score, 'at', to_char(first_published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))), '[]') FROM page) AS page`;

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
    const names = await organisationNames(this.db, [deed.organisation]);
    return {
      ...presentPublicDeed(deed),
      organisationName: names.get(deed.organisation) ?? null,
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
    // The same pre-counted cells as browsing: every published deed once (theme '').
    const cells: FacetCell[] = await this.db.query(CELL_FACETS, [null, null, null, null, null]);
    const { total, sectors, years } = fromCells(cells);
    const perOrganisation = Object.fromEntries(cells.filter((c) => c.level === 5 && c.n > 0).map((c) => [c.organisation, c.n]));
    return { total, perYear: years, perSector: sectors, perOrganisation };
  }
}
