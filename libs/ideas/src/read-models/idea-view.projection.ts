import { typeormStore, type Projection } from '#projections';
import { stageAfter } from '../domain/idea.events.js';
import { IdeaView, type HistoryEntry } from './idea-view.entity.js';
import { actorRole, ideaKey, occurredAt, type RecordedIdeaEvent } from './idea-events.js';

/**
 * What an anonymous idea's history tells of its submitter's own steps (submission, withdrawal): that the
 * submitter took them, never their role, which in a small unit names the person.
 */
export const ANONYMOUS_SUBMITTER_ROLE = 'submitter';

function roleIn(row: Pick<IdeaView, 'anonymous' | 'submitter'>, recorded: RecordedIdeaEvent): string {
  return row.anonymous && recorded.metadata.actor?.subject === row.submitter ? ANONYMOUS_SUBMITTER_ROLE : actorRole(recorded);
}

export function evolveIdeaView(row: IdeaView | undefined, recorded: RecordedIdeaEvent): IdeaView | undefined {
  const at = occurredAt(recorded);
  const stage = stageAfter(recorded);
  if (recorded.type === 'IdeaSubmitted') {
    const d = recorded.data;
    return Object.assign(new IdeaView(), {
      id: d.ideaId,
      version: recorded.streamVersion,
      organisation: d.organisation,
      unit: d.unit,
      sector: d.sector,
      themes: d.themes,
      language: d.language,
      title: d.title,
      description: d.description,
      problem: d.problem ?? null,
      proposal: d.proposal ?? null,
      media: d.media,
      anonymous: d.anonymous,
      submitter: d.submitter,
      stage: 'submitted',
      submittedAt: at,
      updatedAt: at,
      reviewTeam: null,
      pilot: null,
      measurements: [],
      result: null,
      rejectionReason: null,
      withdrawalReason: null,
      supportCount: 0,
      supporters: [],
      deedId: null,
      comments: [],
      history: [{ event: recorded.type, stage: 'submitted', at: at.toISOString(), actorRole: roleIn(d, recorded) }],
      mergedInto: null,
      mergedFrom: [],
    });
  }
  if (!row) return undefined;
  const next: IdeaView = { ...row, version: recorded.streamVersion, updatedAt: at };
  const step = (reason?: string): HistoryEntry[] => [
    ...row.history,
    { event: recorded.type, stage: stage ?? row.stage, at: at.toISOString(), actorRole: roleIn(row, recorded), ...(reason ? { reason } : {}) },
  ];
  switch (recorded.type) {
    case 'IdeaReviewStarted':
      return { ...next, stage: 'inReview', reviewTeam: recorded.data.team, history: step() };
    case 'IdeaPilotStarted': {
      const { goal, team, startsOn, endsOn, metrics } = recorded.data;
      return { ...next, stage: 'piloting', pilot: { goal, team, startsOn, endsOn, metrics }, history: step() };
    }
    case 'PilotMeasurementsRecorded':
      return { ...next, measurements: [...row.measurements, ...recorded.data.measurements], history: step() };
    case 'IdeaAdopted':
      return { ...next, stage: 'adopted', result: { summary: recorded.data.result, metrics: recorded.data.metrics }, history: step() };
    case 'IdeaRejected':
      return { ...next, stage: 'rejected', rejectionReason: recorded.data.reason, history: step(recorded.data.reason) };
    case 'IdeaWithdrawn':
      return { ...next, stage: 'withdrawn', withdrawalReason: recorded.data.reason ?? null, history: step(recorded.data.reason) };
    case 'IdeaCommented':
      return {
        ...next,
        comments: [
          ...row.comments,
          {
            id: recorded.data.commentId,
            text: recorded.data.text,
            author: recorded.data.author,
            at: at.toISOString(),
            ...(recorded.data.media?.length ? { media: recorded.data.media } : {}),
          },
        ],
      };
    case 'IdeaDeedLinked':
      return { ...next, deedId: recorded.data.deedId, history: step() };
    case 'IdeaSupported':
      return { ...next, supportCount: row.supportCount + 1, supporters: [...row.supporters, recorded.data.supporter] };
    case 'IdeaMerged':
      return { ...next, stage: 'merged', mergedInto: recorded.data.survivorId, history: [...row.history, { event: recorded.type, stage: 'merged', at: at.toISOString(), actorRole: roleIn(row, recorded) }] };
    case 'DuplicateMerged': {
      const { supporters, comments, duplicateId } = recorded.data;
      const moved = comments.map((c) => ({ id: c.commentId, text: c.text, author: c.author, at: c.at, ...(c.media?.length ? { media: c.media } : {}) }));
      return {
        ...next,
        supportCount: row.supportCount + supporters.length,
        supporters: [...row.supporters, ...supporters],
        comments: [...row.comments, ...moved].sort((a, b) => a.at.localeCompare(b.at)),
        mergedFrom: [...(row.mergedFrom ?? []), duplicateId],
        history: step(),
      };
    }
    default: {
      const unknown: never = recorded;
      return unknown;
    }
  }
}

export const ideaViewProjection: Projection<IdeaView> = {
  name: 'idea-views',
  keyOf: ideaKey,
  evolve: (row, event) => evolveIdeaView(row, event as RecordedIdeaEvent),
  store: typeormStore(IdeaView, 'id'),
  // The idea's own view: its submitter and the change agents read it straight back after each command.
  inline: true,
};
