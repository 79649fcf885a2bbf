import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { isUuid, prefixTsQuery, ProblemException, PSEUDONYMIZER, type Actor, type Pseudonymizer } from '#platform';
import { IdeaView } from '../read-models/idea-view.entity.js';

/** What a reader sees of an idea: the submitter of an anonymous idea is never shown. */
export function presentIdea(view: IdeaView, viewerPseudonym: string) {
  return {
    id: view.id,
    version: view.version,
    title: view.title,
    description: view.description,
    problem: view.problem,
    proposal: view.proposal,
    organisation: view.organisation,
    unit: view.unit,
    sector: view.sector,
    themes: view.themes,
    language: view.language,
    media: view.media,
    anonymous: view.anonymous,
    submittedByMe: view.submitter === viewerPseudonym,
    stage: view.stage,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    reviewTeam: view.reviewTeam,
    pilot: view.pilot,
    measurements: view.measurements,
    result: view.result,
    rejectionReason: view.rejectionReason,
    withdrawalReason: view.withdrawalReason,
    supportCount: view.supportCount,
    supportedByMe: view.supporters.includes(viewerPseudonym),
    deedId: view.deedId,
    // Pseudonyms never leave the server: they would let readers link an anonymous idea to its author.
    comments: view.comments.map((c) => ({ id: c.id, text: c.text, at: c.at, byMe: c.author === viewerPseudonym, media: c.media ?? [] })),
    history: view.history,
    mergedInto: view.mergedInto ?? null,
    mergedFrom: view.mergedFrom ?? [],
  };
}

export function presentIdeaSummary(view: IdeaView, viewerPseudonym: string) {
  return {
    id: view.id,
    version: view.version,
    title: view.title,
    stage: view.stage,
    organisation: view.organisation,
    unit: view.unit,
    sector: view.sector,
    themes: view.themes,
    language: view.language,
    anonymous: view.anonymous,
    submittedByMe: view.submitter === viewerPseudonym,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    supportCount: view.supportCount,
    commentCount: view.comments.length,
    // The first uploaded photo, for the board's card (fetched from its url with the reader's token).
    ...thumbnailOf(view),
  };
}

function thumbnailOf(view: IdeaView): { thumbnail?: { url: string; width?: number; height?: number; alt?: string } } {
  const photo = (view.media ?? []).find((m) => m.kind === 'image' && m.mediaId);
  if (!photo) return {};
  return { thumbnail: { url: photo.url, ...(photo.width ? { width: photo.width, height: photo.height } : {}), ...(photo.alt ? { alt: photo.alt } : {}) } };
}

export class GetIdeaQuery {
  constructor(
    readonly ideaId: string,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(GetIdeaQuery)
export class GetIdeaHandler implements IQueryHandler<GetIdeaQuery> {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ ideaId, actor }: GetIdeaQuery) {
    const view = await this.db.getRepository(IdeaView).findOneBy({ id: ideaId });
    if (!view) throw ProblemException.of(404, 'idea-not-found', 'There is no such idea.');
    return presentIdea(view, this.pseudonyms.of(actor));
  }
}

export interface IdeaListFilter {
  organisation?: string;
  stage?: string;
  unit?: string;
  sector?: string;
  q?: string;
  mine?: boolean;
  limit: number;
  cursor?: string;
}

interface Cursor {
  at: string;
  id: string;
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');

function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [string, string];
    const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    if (typeof at !== 'string' || !isoInstant.test(at) || Number.isNaN(Date.parse(at)) || typeof id !== 'string' || !isUuid(id)) throw new Error();
    return { at, id };
  } catch {
    throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not one this API gave out' }]);
  }
}

export class ListIdeasQuery {
  constructor(
    readonly filter: IdeaListFilter,
    readonly actor: Actor,
  ) {}
}

@QueryHandler(ListIdeasQuery)
export class ListIdeasHandler implements IQueryHandler<ListIdeasQuery> {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ filter, actor }: ListIdeasQuery) {
    const organisation = filter.organisation ?? actor.organisation;
    const me = this.pseudonyms.of(actor);
    const query = this.db.getRepository(IdeaView).createQueryBuilder('i').where('i.organisation = :organisation', { organisation });
    if (filter.stage) query.andWhere('i.stage = :stage', { stage: filter.stage });
    if (filter.unit) query.andWhere('i.unit = :unit', { unit: filter.unit });
    if (filter.sector) query.andWhere('i.sector = :sector', { sector: filter.sector });
    if (filter.mine) query.andWhere('i.submitter = :me', { me });
    if (filter.q) {
      // The idea's own language decides the stemmer; a plain substring match catches the rest.
      // Stems in each language, matched as prefixes while typing, plus trigram similarity for the rest.
      const tsq = prefixTsQuery(filter.q);
      query.andWhere(
        `((CAST(:tsq AS text) IS NOT NULL AND i.search @@ (to_tsquery('finnish', :tsq) || to_tsquery('swedish', :tsq) || to_tsquery('english', :tsq) || to_tsquery('simple', :tsq)))
          OR :q <% lower(i.title || ' ' || i.description))`,
        { tsq, q: filter.q.toLowerCase() },
      );
    }
    const total = await query.clone().getCount();
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      query.andWhere('(i.submitted_at, i.id) < (:at::timestamptz, :id::uuid)', { at: cursor.at, id: cursor.id });
    }
    const rows = await query
      .orderBy('i.submitted_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(filter.limit + 1)
      .getMany();
    const page = rows.slice(0, filter.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((view) => presentIdeaSummary(view, me)),
      total,
      nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: new Date(last.submittedAt).toISOString(), id: last.id }) : null,
    };
  }
}
