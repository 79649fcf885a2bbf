// Merging as Given events / Then rows: the duplicate points on and leaves the funnel; the survivor takes over.
import type { RecordedEvent } from '#event-store';
import type { IdeaEvent } from '../domain/idea.events.js';
import { evolveFunnelFact } from './funnel.projection.js';
import { evolveIdeaView } from './idea-view.projection.js';
import type { FunnelFact } from './funnel-fact.entity.js';
import type { IdeaView } from './idea-view.entity.js';
import type { RecordedIdeaEvent } from './idea-events.js';

const duplicateId = '0b6c1f7e-8a4d-4c52-9a0e-3f1d2b7c9e11';
const survivorId = '1c7d2a8f-9b5e-4d63-8b1f-4a2e3c8d0f22';
let position = 0;

function recorded(ideaId: string, version: number, event: IdeaEvent, occurredAt: string): RecordedIdeaEvent {
  position += 1;
  return {
    ...event,
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId: `idea-${ideaId}`,
    streamVersion: version,
    schemaVersion: 1,
    metadata: { occurredAt, actor: { subject: 'p_agent', organisation: 'imatra', roles: ['change-agent'] } },
    checkpoint: { transactionId: String(700 + position), position: String(position) },
    recordedAt: occurredAt,
  } as RecordedEvent & IdeaEvent as RecordedIdeaEvent;
}

const submitted = (ideaId: string, submitter: string): IdeaEvent => ({
  type: 'IdeaSubmitted',
  data: { ideaId, title: 'Kalenteri', description: 'Yksi kalenteri.', organisation: 'imatra', unit: 'hallinto', sector: 'business-and-support', themes: [], language: 'fi', media: [], anonymous: false, submitter },
});

function fold<Row>(evolve: (row: Row | undefined, e: RecordedIdeaEvent) => Row | undefined, events: RecordedIdeaEvent[]): Row | undefined {
  return events.reduce<Row | undefined>((row, e) => evolve(row, e), undefined);
}

describe('merging in the read models', () => {
  it('marks the duplicate merged, pointing to the survivor, and takes it out of the funnel', () => {
    const events = [
      recorded(duplicateId, 1, submitted(duplicateId, 'p_helmi'), '2026-01-01T08:00:00Z'),
      recorded(duplicateId, 2, { type: 'IdeaMerged', data: { ideaId: duplicateId, survivorId } }, '2026-01-03T08:00:00Z'),
    ];
    const view = fold<IdeaView>(evolveIdeaView, events)!;
    expect(view).toMatchObject({ stage: 'merged', mergedInto: survivorId, version: 2 });
    expect(view.history.map((h) => h.stage)).toEqual(['submitted', 'merged']);
    const fact = fold<FunnelFact>(evolveFunnelFact, events)!;
    expect(fact).toMatchObject({ stage: 'merged', version: 2, reachedReview: false });
  });

  it('adds the moved supporters and comments to the survivor, comments in time order', () => {
    const events = [
      recorded(survivorId, 1, submitted(survivorId, 'p_aino'), '2026-01-01T08:00:00Z'),
      recorded(survivorId, 2, { type: 'IdeaCommented', data: { ideaId: survivorId, commentId: 'c2', text: 'Myöhempi', author: 'p_eero' } }, '2026-01-05T08:00:00Z'),
      recorded(survivorId, 3, { type: 'IdeaSupported', data: { ideaId: survivorId, supporter: 'p_eero' } }, '2026-01-05T09:00:00Z'),
      recorded(
        survivorId,
        4,
        {
          type: 'DuplicateMerged',
          data: { ideaId: survivorId, duplicateId, supporters: ['p_helmi', 'p_outi'], comments: [{ commentId: 'c1', text: 'Aiempi', author: 'p_sanna', at: '2026-01-02T08:00:00.000Z' }] },
        },
        '2026-01-06T08:00:00Z',
      ),
    ];
    const view = fold<IdeaView>(evolveIdeaView, events)!;
    expect(view).toMatchObject({ stage: 'submitted', supportCount: 3, supporters: ['p_eero', 'p_helmi', 'p_outi'], mergedFrom: [duplicateId] });
    expect(view.comments.map((c) => c.text)).toEqual(['Aiempi', 'Myöhempi']);
    expect(fold<FunnelFact>(evolveFunnelFact, events)).toMatchObject({ stage: 'submitted', version: 4 });
  });
});
