import { typeormStore, type Projection } from '#projections';
import { stageAfter } from '../domain/idea.events.js';
import { FunnelFact } from './funnel-fact.entity.js';
import { ideaKey, occurredAt, type RecordedIdeaEvent } from './idea-events.js';

const DAY_MS = 86_400_000;

export function evolveFunnelFact(row: FunnelFact | undefined, recorded: RecordedIdeaEvent): FunnelFact | undefined {
  const at = occurredAt(recorded);
  if (recorded.type === 'IdeaSubmitted') {
    const d = recorded.data;
    return Object.assign(new FunnelFact(), {
      ideaId: d.ideaId,
      version: recorded.streamVersion,
      organisation: d.organisation,
      unit: d.unit,
      sector: d.sector,
      stage: 'submitted',
      submittedAt: at,
      stageEnteredAt: at,
      reachedReview: false,
      reachedPilot: false,
      daysSubmitted: null,
      daysInReview: null,
      daysPiloting: null,
    });
  }
  if (!row) return undefined;
  // A merged duplicate leaves the funnel: its row stays, marked, and the funnel query skips it.
  if (recorded.type === 'IdeaMerged') return { ...row, version: recorded.streamVersion, stage: 'merged', stageEnteredAt: at };
  const stage = stageAfter(recorded);
  if (!stage) return { ...row, version: recorded.streamVersion };
  // Leaving a stage closes its stay: that is what the median lead times are made of.
  const stayed = Math.max(0, (at.getTime() - new Date(row.stageEnteredAt).getTime()) / DAY_MS);
  const closed: Partial<FunnelFact> =
    row.stage === 'submitted' ? { daysSubmitted: stayed } : row.stage === 'inReview' ? { daysInReview: stayed } : row.stage === 'piloting' ? { daysPiloting: stayed } : {};
  return {
    ...row,
    ...closed,
    version: recorded.streamVersion,
    stage,
    stageEnteredAt: at,
    reachedReview: row.reachedReview || stage === 'inReview',
    reachedPilot: row.reachedPilot || stage === 'piloting',
  };
}

export const funnelProjection: Projection<FunnelFact> = {
  name: 'funnel',
  keyOf: ideaKey,
  evolve: (row, event) => evolveFunnelFact(row, event as RecordedIdeaEvent),
  store: typeormStore(FunnelFact, 'ideaId'),
};
