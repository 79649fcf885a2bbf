import type { RecordedEvent } from '#event-store';
import type { IdeaEvent } from '../domain/idea.events.js';
import { evolveFunnelFact } from './funnel.projection.js';
import { evolveIdeaView } from './idea-view.projection.js';
import type { FunnelFact } from './funnel-fact.entity.js';
import type { IdeaView } from './idea-view.entity.js';
import type { RecordedIdeaEvent } from './idea-events.js';

const ideaId = '0b6c1f7e-8a4d-4c52-9a0e-3f1d2b7c9e11';
let version = 0;

function recorded(event: IdeaEvent, occurredAt: string, roles = ['change-agent']): RecordedIdeaEvent {
  version += 1;
  return {
    ...event,
    eventId: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
    streamId: `idea-${ideaId}`,
    streamVersion: version,
    schemaVersion: 1,
    metadata: { occurredAt, actor: { subject: 'p_agent', organisation: 'imatra', roles } },
    checkpoint: { transactionId: String(700 + version), position: String(version) },
    recordedAt: occurredAt,
  } as RecordedEvent & IdeaEvent as RecordedIdeaEvent;
}

const submitted = (): IdeaEvent => ({
  type: 'IdeaSubmitted',
  data: {
    ideaId,
    title: 'Kuvalliset päiväjärjestykset',
    description: 'Kuvat auttavat lapsia hahmottamaan päivän kulun.',
    organisation: 'imatra',
    unit: 'varhaiskasvatus',
    sector: 'education-and-early-childhood',
    themes: ['saavutettavuus'],
    language: 'fi',
    media: [],
    anonymous: true,
    submitter: 'p_submitter',
  },
});

function foldBoth(events: RecordedIdeaEvent[]): { fact?: FunnelFact; view?: IdeaView } {
  let fact: FunnelFact | undefined;
  let view: IdeaView | undefined;
  for (const event of events) {
    fact = evolveFunnelFact(fact, event);
    view = evolveIdeaView(view, event);
  }
  return { fact, view };
}

beforeEach(() => {
  version = 0;
});

describe('funnel facts', () => {
  it('counts the days spent in each stage that the idea has left', () => {
    const { fact } = foldBoth([
      recorded(submitted(), '2026-01-01T08:00:00Z', ['employee']),
      recorded({ type: 'IdeaReviewStarted', data: { ideaId, team: 'Muutosagentit' } }, '2026-01-04T08:00:00Z'),
      recorded(
        { type: 'IdeaPilotStarted', data: { ideaId, goal: 'Rauhallisemmat siirtymät', team: 'Päiväkoti Tainionvirta', startsOn: '2026-01-15', endsOn: '2026-03-15', metrics: [{ name: 'Siirtymien kesto', unit: 'min', baseline: 12 }] } },
        '2026-01-14T08:00:00Z',
      ),
      recorded({ type: 'IdeaCommented', data: { ideaId, commentId: 'c1', text: 'Hyvä!', author: 'p_x' } }, '2026-02-01T08:00:00Z', ['employee']),
      recorded({ type: 'IdeaAdopted', data: { ideaId, result: 'Siirtymät nopeutuivat.', metrics: [{ metric: 'Siirtymien kesto', value: 8 }] } }, '2026-03-20T20:00:00Z'),
    ]);
    expect(fact).toMatchObject({
      stage: 'adopted',
      version: 5,
      reachedReview: true,
      reachedPilot: true,
      daysSubmitted: 3,
      daysInReview: 10,
    });
    expect(fact!.daysPiloting).toBeCloseTo(65.5, 5);
  });

  it('records an early rejection without a pilot', () => {
    const { fact } = foldBoth([
      recorded(submitted(), '2026-05-01T00:00:00Z', ['employee']),
      recorded({ type: 'IdeaRejected', data: { ideaId, reason: 'Päällekkäinen hankkeen kanssa.' } }, '2026-05-03T12:00:00Z'),
    ]);
    expect(fact).toMatchObject({ stage: 'rejected', reachedReview: false, reachedPilot: false, daysSubmitted: 2.5, daysInReview: null, daysPiloting: null });
  });

  it('ignores events of an idea it never saw submitted', () => {
    expect(evolveFunnelFact(undefined, recorded({ type: 'IdeaReviewStarted', data: { ideaId, team: 'x' } }, '2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('idea views', () => {
  it('keeps a history of every stage with the role that took the step and the reason', () => {
    const { view } = foldBoth([
      recorded(submitted(), '2026-01-01T08:00:00Z', ['employee']),
      recorded({ type: 'IdeaReviewStarted', data: { ideaId, team: 'Muutosagentit' } }, '2026-01-04T08:00:00Z', ['employee', 'change-agent']),
      recorded({ type: 'IdeaSupported', data: { ideaId, supporter: 'p_a' } }, '2026-01-05T08:00:00Z', ['employee']),
      recorded({ type: 'IdeaSupported', data: { ideaId, supporter: 'p_b' } }, '2026-01-05T09:00:00Z', ['employee']),
      recorded({ type: 'IdeaRejected', data: { ideaId, reason: 'Ei resursseja tänä vuonna.' } }, '2026-01-10T08:00:00Z'),
    ]);
    expect(view).toMatchObject({ stage: 'rejected', version: 5, supportCount: 2, supporters: ['p_a', 'p_b'], rejectionReason: 'Ei resursseja tänä vuonna.', reviewTeam: 'Muutosagentit' });
    expect(view!.history).toEqual([
      { event: 'IdeaSubmitted', stage: 'submitted', at: '2026-01-01T08:00:00.000Z', actorRole: 'employee' },
      { event: 'IdeaReviewStarted', stage: 'inReview', at: '2026-01-04T08:00:00.000Z', actorRole: 'change-agent' },
      { event: 'IdeaRejected', stage: 'rejected', at: '2026-01-10T08:00:00.000Z', actorRole: 'change-agent', reason: 'Ei resursseja tänä vuonna.' },
    ]);
  });

  it('gathers pilot measurements and the adoption result', () => {
    const { view } = foldBoth([
      recorded(submitted(), '2026-01-01T08:00:00Z', ['employee']),
      recorded({ type: 'IdeaReviewStarted', data: { ideaId, team: 'Muutosagentit' } }, '2026-01-02T08:00:00Z'),
      recorded({ type: 'IdeaPilotStarted', data: { ideaId, goal: 'g', team: 't', startsOn: '2026-01-03', endsOn: '2026-02-03', metrics: [{ name: 'Tyytyväisyys', baseline: 60 }] } }, '2026-01-03T08:00:00Z'),
      recorded({ type: 'PilotMeasurementsRecorded', data: { ideaId, measurements: [{ metric: 'Tyytyväisyys', value: 64, measuredOn: '2026-01-20' }] } }, '2026-01-20T08:00:00Z'),
      recorded({ type: 'PilotMeasurementsRecorded', data: { ideaId, measurements: [{ metric: 'Tyytyväisyys', value: 66, measuredOn: '2026-02-03' }] } }, '2026-02-03T08:00:00Z'),
      recorded({ type: 'IdeaAdopted', data: { ideaId, result: 'Tyytyväisyys +6 %', metrics: [{ metric: 'Tyytyväisyys', value: 66 }] } }, '2026-02-10T08:00:00Z'),
    ]);
    expect(view!.measurements.map((m) => m.value)).toEqual([64, 66]);
    expect(view!.result).toEqual({ summary: 'Tyytyväisyys +6 %', metrics: [{ metric: 'Tyytyväisyys', value: 66 }] });
    expect(view!.pilot).toMatchObject({ startsOn: '2026-01-03', endsOn: '2026-02-03' });
    expect(view!.stage).toBe('adopted');
  });
});
