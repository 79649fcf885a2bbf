// The idea funnel as Given (events) / When (command) / Then (events or a refusal).
// Sample data: an early-childhood-education idea in Imatra, reviewed and piloted by Imatra's change agents.
// Roles and organisations are the access policy's (libs/platform/src/access-policy.ts), tested in
// libs/platform/src/authorization.spec.ts and test/authorization-matrix.e2e.spec.ts; the decider keeps the submitter rule.
import { deciderSpec } from '#platform/testing';
import type { CommandContext, IdeaCommand } from './idea.commands.js';
import { ideaDecider } from './idea.decider.js';
import type {
  IdeaAdopted,
  IdeaCommented,
  IdeaEvent,
  IdeaPilotStarted,
  IdeaRejected,
  IdeaReviewStarted,
  IdeaSubmitted,
  IdeaSupported,
  IdeaWithdrawn,
  PilotMeasurementsRecorded,
} from './idea.events.js';

const spec = deciderSpec(ideaDecider);

// ---------------------------------------------------------------------------------------------
// Who is acting
// ---------------------------------------------------------------------------------------------

const now = new Date('2024-09-02T07:30:00Z');

/** Aino, a teacher in Imatra's early childhood education, submits the idea. */
const aino: CommandContext = { actor: { subject: 'sub-aino', organisation: 'imatra', roles: ['employee'] }, pseudonym: 'psn-aino', now };
/** Eero, her colleague in Imatra. */
const eero: CommandContext = { actor: { subject: 'sub-eero', organisation: 'imatra', roles: ['employee'] }, pseudonym: 'psn-eero', now };
/** Helmi, another Imatra employee, in home care. */
const helmi: CommandContext = { actor: { subject: 'sub-helmi', organisation: 'imatra', roles: ['employee'] }, pseudonym: 'psn-helmi', now };
/** Leena, a change agent of Imatra. */
const leena: CommandContext = {
  actor: { subject: 'sub-leena', organisation: 'imatra', roles: ['employee', 'change-agent'] },
  pseudonym: 'psn-leena',
  now,
};
/** Outi publishes Imatra's deeds to the catalogue, but is no change agent. */
const outi: CommandContext = { actor: { subject: 'sub-outi', organisation: 'imatra', roles: ['org-editor'] }, pseudonym: 'psn-outi', now };
/** Ville, a change agent of Lappeenranta: a change agent, but of another organisation. */
const ville: CommandContext = {
  actor: { subject: 'sub-ville', organisation: 'lappeenranta', roles: ['change-agent'] },
  pseudonym: 'psn-ville',
  now,
};
/** Sanna, an employee of Lappeenranta. */
const sanna: CommandContext = { actor: { subject: 'sub-sanna', organisation: 'lappeenranta', roles: ['employee'] }, pseudonym: 'psn-sanna', now };

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const ideaId = '0b6f1c52-7d3e-4a5b-9c1d-2e8f3a4b5c6d';

type Command<T extends IdeaCommand['type']> = Extract<IdeaCommand, { type: T }>;
type Overrides<T extends IdeaCommand['type']> = Partial<Omit<Command<T>, 'type'>>;

const submitIdea = (overrides: Overrides<'SubmitIdea'> = {}): Command<'SubmitIdea'> => ({
  type: 'SubmitIdea',
  ideaId,
  title: 'Kuvitettu päiväjärjestys pienryhmiin',
  description: 'Kuvataulu näyttää lapsille, mitä päivässä tapahtuu seuraavaksi.',
  problem: 'Siirtymät leikistä ruokailuun ja ulkoiluun venyvät ja aiheuttavat riitoja.',
  proposal: 'Kokeillaan kuvataulua kahdessa ryhmässä syksyn ajan.',
  organisation: 'imatra',
  unit: 'varhaiskasvatus',
  sector: 'education-and-early-childhood',
  themes: ['lapsen päivä', 'viestintä'],
  language: 'fi',
  media: [{ kind: 'image', url: 'https://kuvat.imatra.example/kuvataulu.jpg', caption: 'Kuvataulu Mansikkalan päiväkodissa' }],
  anonymous: false,
  context: aino,
  ...overrides,
});

const startReview = (overrides: Overrides<'StartReview'> = {}): Command<'StartReview'> => ({
  type: 'StartReview',
  team: 'Imatran muutosagentit',
  context: leena,
  ...overrides,
});

const satisfaction = { name: 'henkilöstön tyytyväisyys', unit: '%', baseline: 62, target: 68 };
const communication = { name: 'sisäinen viestintä', unit: '%', baseline: 45, target: 60 };

const startPilot = (overrides: Overrides<'StartPilot'> = {}): Command<'StartPilot'> => ({
  type: 'StartPilot',
  goal: 'Sujuvammat siirtymätilanteet ja vähemmän riitoja',
  team: 'Mansikkalan päiväkodin pilottitiimi',
  startsOn: '2024-10-01',
  endsOn: '2024-12-20',
  metrics: [satisfaction, communication],
  context: leena,
  ...overrides,
});

const recordMeasurements = (overrides: Overrides<'RecordMeasurements'> = {}): Command<'RecordMeasurements'> => ({
  type: 'RecordMeasurements',
  measurements: [
    { metric: 'henkilöstön tyytyväisyys', value: 66, measuredOn: '2024-11-15' },
    { metric: 'sisäinen viestintä', value: 55, measuredOn: '2024-11-15' },
  ],
  context: leena,
  ...overrides,
});

const adoptIdea = (overrides: Overrides<'AdoptIdea'> = {}): Command<'AdoptIdea'> => ({
  type: 'AdoptIdea',
  result: 'Kuvataulut otetaan käyttöön kaikissa Imatran päiväkodeissa keväästä 2025.',
  metrics: [
    { metric: 'henkilöstön tyytyväisyys', value: 68 },
    { metric: 'sisäinen viestintä', value: 60 },
  ],
  context: leena,
  ...overrides,
});

const rejectIdea = (overrides: Overrides<'RejectIdea'> = {}): Command<'RejectIdea'> => ({
  type: 'RejectIdea',
  reason: 'Sama kokeilu on jo käynnissä koko varhaiskasvatuksessa.',
  context: leena,
  ...overrides,
});

const withdrawIdea = (overrides: Overrides<'WithdrawIdea'> = {}): Command<'WithdrawIdea'> => ({
  type: 'WithdrawIdea',
  reason: 'Ryhmämme teki tämän jo itse.',
  context: aino,
  ...overrides,
});

const commentIdea = (overrides: Overrides<'CommentIdea'> = {}): Command<'CommentIdea'> => ({
  type: 'CommentIdea',
  commentId: 'comment-1',
  text: 'Meillä Vuoksenniskalla toimisi sama malli.',
  context: eero,
  ...overrides,
});

const supportIdea = (overrides: Overrides<'SupportIdea'> = {}): Command<'SupportIdea'> => ({
  type: 'SupportIdea',
  context: eero,
  ...overrides,
});

// ---------------------------------------------------------------------------------------------
// Events and histories
// ---------------------------------------------------------------------------------------------

const submitted: IdeaSubmitted = {
  type: 'IdeaSubmitted',
  data: {
    ideaId,
    title: 'Kuvitettu päiväjärjestys pienryhmiin',
    description: 'Kuvataulu näyttää lapsille, mitä päivässä tapahtuu seuraavaksi.',
    problem: 'Siirtymät leikistä ruokailuun ja ulkoiluun venyvät ja aiheuttavat riitoja.',
    proposal: 'Kokeillaan kuvataulua kahdessa ryhmässä syksyn ajan.',
    organisation: 'imatra',
    unit: 'varhaiskasvatus',
    sector: 'education-and-early-childhood',
    themes: ['lapsen päivä', 'viestintä'],
    language: 'fi',
    media: [{ kind: 'image', url: 'https://kuvat.imatra.example/kuvataulu.jpg', caption: 'Kuvataulu Mansikkalan päiväkodissa' }],
    anonymous: false,
    submitter: 'psn-aino',
  },
};
const reviewStarted: IdeaReviewStarted = { type: 'IdeaReviewStarted', data: { ideaId, team: 'Imatran muutosagentit' } };
const pilotStarted: IdeaPilotStarted = {
  type: 'IdeaPilotStarted',
  data: {
    ideaId,
    goal: 'Sujuvammat siirtymätilanteet ja vähemmän riitoja',
    team: 'Mansikkalan päiväkodin pilottitiimi',
    startsOn: '2024-10-01',
    endsOn: '2024-12-20',
    metrics: [satisfaction, communication],
  },
};
const measured: PilotMeasurementsRecorded = {
  type: 'PilotMeasurementsRecorded',
  data: {
    ideaId,
    measurements: [
      { metric: 'henkilöstön tyytyväisyys', value: 66, measuredOn: '2024-11-15' },
      { metric: 'sisäinen viestintä', value: 55, measuredOn: '2024-11-15' },
    ],
  },
};
const adopted: IdeaAdopted = {
  type: 'IdeaAdopted',
  data: {
    ideaId,
    result: 'Kuvataulut otetaan käyttöön kaikissa Imatran päiväkodeissa keväästä 2025.',
    metrics: [
      { metric: 'henkilöstön tyytyväisyys', value: 68 },
      { metric: 'sisäinen viestintä', value: 60 },
    ],
  },
};
const rejected: IdeaRejected = { type: 'IdeaRejected', data: { ideaId, reason: 'Sama kokeilu on jo käynnissä koko varhaiskasvatuksessa.' } };
const withdrawn: IdeaWithdrawn = { type: 'IdeaWithdrawn', data: { ideaId, reason: 'Ryhmämme teki tämän jo itse.' } };
const supportedBy = (supporter: string): IdeaSupported => ({ type: 'IdeaSupported', data: { ideaId, supporter } });
const commentedBy = (author: string, text: string, commentId = 'comment-1'): IdeaCommented => ({
  type: 'IdeaCommented',
  data: { ideaId, commentId, text, author },
});

/** The idea's history at each stage of the funnel. */
const history = {
  submitted: [submitted],
  inReview: [submitted, reviewStarted],
  piloting: [submitted, reviewStarted, pilotStarted],
  adopted: [submitted, reviewStarted, pilotStarted, measured, adopted],
  rejected: [submitted, reviewStarted, rejected],
  withdrawn: [submitted, withdrawn],
} satisfies Record<string, IdeaEvent[]>;

type StageName = keyof typeof history;

// ---------------------------------------------------------------------------------------------
// Submitting
// ---------------------------------------------------------------------------------------------

describe('submitting an idea', () => {
  it('records the idea with the submitter as a pseudonym, not a name', () => {
    spec().when(submitIdea()).then(submitted);
  });

  it('keeps the submitter pseudonym on an anonymous idea, so it still shows up in "my ideas"', () => {
    spec()
      .when(submitIdea({ anonymous: true }))
      .then({ ...submitted, data: { ...submitted.data, anonymous: true } });
  });

  it('accepts an idea in Swedish without the optional problem and proposal', () => {
    const { problem: _problem, proposal: _proposal, ...rest } = submitIdea({
      title: 'Bildschema för småbarnspedagogiken',
      description: 'Ett bildschema visar barnen vad som händer härnäst.',
      language: 'sv',
      media: [],
    });
    const { problem: _p, proposal: _q, ...expected } = submitted.data;
    spec()
      .when(rest)
      .then({
        type: 'IdeaSubmitted',
        data: { ...expected, title: 'Bildschema för småbarnspedagogiken', description: 'Ett bildschema visar barnen vad som händer härnäst.', language: 'sv', media: [] },
      });
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
  ])('refuses an idea whose title is %s', (_label, title) => {
    spec().when(submitIdea({ title })).thenRefused('invalid', 'idea.title-required');
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n\t '],
  ])('refuses an idea whose description is %s', (_label, description) => {
    spec().when(submitIdea({ description })).thenRefused('invalid', 'idea.description-required');
  });

  it('does not submit the same idea twice', () => {
    spec(submitted).when(submitIdea()).thenRefused('conflict', 'idea.exists');
  });
});

// ---------------------------------------------------------------------------------------------
// Review
// ---------------------------------------------------------------------------------------------

describe('starting a review', () => {
  it('lets a change agent of Imatra take a submitted idea into review', () => {
    spec(submitted).when(startReview()).then(reviewStarted);
  });

  it.each<StageName>(['inReview', 'piloting', 'adopted', 'rejected', 'withdrawn'])('cannot start when the idea is %s', (stage) => {
    spec(...history[stage])
      .when(startReview())
      .thenRefused('conflict', 'idea.not-submitted');
  });

  it('names the team that reviews the idea', () => {
    spec(submitted)
      .when(startReview({ team: '  ' }))
      .thenRefused('invalid', 'idea.team-required');
  });
});

// ---------------------------------------------------------------------------------------------
// Pilot
// ---------------------------------------------------------------------------------------------

describe('starting a pilot', () => {
  it('starts a pilot with a goal, a team, dates and metrics with baselines', () => {
    spec(...history.inReview).when(startPilot()).then(pilotStarted);
  });

  it('allows a one-day pilot', () => {
    spec(...history.inReview)
      .when(startPilot({ startsOn: '2024-10-15', endsOn: '2024-10-15' }))
      .then({ ...pilotStarted, data: { ...pilotStarted.data, startsOn: '2024-10-15', endsOn: '2024-10-15' } });
  });

  it('refuses a pilot that ends before it starts', () => {
    spec(...history.inReview)
      .when(startPilot({ startsOn: '2024-12-20', endsOn: '2024-10-01' }))
      .thenRefused('invalid', 'idea.pilot-ends-before-start');
  });

  it('refuses two metrics with the same name', () => {
    spec(...history.inReview)
      .when(startPilot({ metrics: [satisfaction, { ...satisfaction, baseline: 50 }] }))
      .thenRefused('invalid', 'idea.metric-names-repeat');
  });

  it('treats metric names that differ only in case or spacing as the same name', () => {
    spec(...history.inReview)
      .when(startPilot({ metrics: [satisfaction, { name: ' Henkilöstön Tyytyväisyys ', baseline: 62 }] }))
      .thenRefused('invalid', 'idea.metric-names-repeat');
  });

  it.each<StageName>(['submitted', 'piloting', 'adopted', 'rejected', 'withdrawn'])('cannot start when the idea is %s', (stage) => {
    spec(...history[stage])
      .when(startPilot())
      .thenRefused('conflict', 'idea.not-in-review');
  });
});

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

describe('recording pilot measurements', () => {
  it('records measurements of the pilot metrics', () => {
    spec(...history.piloting).when(recordMeasurements()).then(measured);
  });

  it('records measurements again later in the pilot', () => {
    const december = [{ metric: 'henkilöstön tyytyväisyys', value: 68, measuredOn: '2024-12-18' }];
    spec(...history.piloting, measured)
      .when(recordMeasurements({ measurements: december }))
      .then({ type: 'PilotMeasurementsRecorded', data: { ideaId, measurements: december } });
  });

  it('refuses a measurement of a metric the pilot does not have, and says which metrics it has', () => {
    const error = spec(...history.piloting)
      .when(recordMeasurements({ measurements: [{ metric: 'muutosjohtaminen', value: 25, measuredOn: '2024-11-15' }] }))
      .thenRefused('invalid', 'idea.unknown-metric');
    expect(error.message).toContain('"muutosjohtaminen"');
    expect(error.message).toContain('henkilöstön tyytyväisyys, sisäinen viestintä');
  });

  it('refuses the whole batch when one of the measurements is unknown', () => {
    spec(...history.piloting)
      .when(
        recordMeasurements({
          measurements: [
            { metric: 'henkilöstön tyytyväisyys', value: 66, measuredOn: '2024-11-15' },
            { metric: 'asiakastyytyväisyys', value: 4.2, measuredOn: '2024-11-15' },
          ],
        }),
      )
      .thenRefused('invalid', 'idea.unknown-metric');
  });

  it.each<StageName>(['submitted', 'inReview', 'adopted', 'rejected', 'withdrawn'])('cannot record when the idea is %s', (stage) => {
    spec(...history[stage])
      .when(recordMeasurements())
      .thenRefused('conflict', 'idea.not-piloting');
  });
});

// ---------------------------------------------------------------------------------------------
// Adoption
// ---------------------------------------------------------------------------------------------

describe('adopting an idea', () => {
  it('adopts a piloted idea with its result and measured metric values', () => {
    spec(...history.piloting, measured).when(adoptIdea()).then(adopted);
  });

  it.each<StageName>(['submitted', 'inReview', 'adopted', 'rejected', 'withdrawn'])('only adopts a piloted idea, not one that is %s', (stage) => {
    spec(...history[stage])
      .when(adoptIdea())
      .thenRefused('conflict', 'idea.not-piloting');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '    '],
  ])('needs the result of the pilot, not one that is %s', (_label, result) => {
    spec(...history.piloting)
      .when(adoptIdea({ result }))
      .thenRefused('invalid', 'idea.result-required');
  });

  it('refuses a result for a metric the pilot did not have', () => {
    const error = spec(...history.piloting)
      .when(adoptIdea({ metrics: [{ metric: 'muutosjohtaminen', value: 25 }] }))
      .thenRefused('invalid', 'idea.unknown-metric');
    expect(error.message).toContain('"muutosjohtaminen"');
  });
});

// ---------------------------------------------------------------------------------------------
// Rejection
// ---------------------------------------------------------------------------------------------

describe('rejecting an idea', () => {
  it.each<StageName>(['submitted', 'inReview', 'piloting'])('rejects an idea that is %s, with a reason', (stage) => {
    spec(...history[stage])
      .when(rejectIdea())
      .then(rejected);
  });

  it.each<StageName>(['adopted', 'rejected', 'withdrawn'])('cannot reject an idea that is %s', (stage) => {
    spec(...history[stage])
      .when(rejectIdea())
      .thenRefused('conflict', 'idea.not-submitted-or-in-review-or-piloting');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '  '],
  ])('needs a reason the submitter can read, not one that is %s', (_label, reason) => {
    spec(...history.inReview)
      .when(rejectIdea({ reason }))
      .thenRefused('invalid', 'idea.reason-required');
  });
});

// ---------------------------------------------------------------------------------------------
// Withdrawal
// ---------------------------------------------------------------------------------------------

describe('withdrawing an idea', () => {
  it.each<StageName>(['submitted', 'inReview'])('lets the submitter withdraw an idea that is %s', (stage) => {
    spec(...history[stage])
      .when(withdrawIdea())
      .then(withdrawn);
  });

  it('recognises the submitter by pseudonym, whatever roles they hold now', () => {
    const ainoAsChangeAgent: CommandContext = { ...aino, actor: { ...aino.actor, roles: ['employee', 'change-agent'] } };
    spec(submitted)
      .when(withdrawIdea({ context: ainoAsChangeAgent }))
      .then(withdrawn);
  });

  it('needs no reason, and records none when none is given', () => {
    const decision = ideaDecider.decide(withdrawIdea({ reason: undefined }), [submitted].reduce(ideaDecider.evolve, ideaDecider.initialState()));
    expect(decision).toStrictEqual({ ok: true, events: [{ type: 'IdeaWithdrawn', data: { ideaId } }] });
  });

  it.each([
    ['a colleague', eero],
    ['a change agent', leena],
  ])('is for the submitter only, not for %s', (_who, context) => {
    spec(submitted).when(withdrawIdea({ context })).thenRefused('forbidden', 'idea.submitter-only');
  });

  it.each<StageName>(['piloting', 'adopted', 'rejected', 'withdrawn'])('is too late once the idea is %s', (stage) => {
    spec(...history[stage])
      .when(withdrawIdea())
      .thenRefused('conflict', 'idea.not-submitted-or-in-review');
  });
});

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

describe('commenting on an idea', () => {
  it('records a colleague\u2019s comment with the author as a pseudonym', () => {
    spec(submitted).when(commentIdea()).then(commentedBy('psn-eero', 'Meillä Vuoksenniskalla toimisi sama malli.'));
  });

  it('lets the submitter answer in the discussion', () => {
    spec(submitted, commentedBy('psn-eero', 'Meillä Vuoksenniskalla toimisi sama malli.'))
      .when(commentIdea({ commentId: 'comment-2', text: 'Tervetuloa mukaan kokeiluun!', context: aino }))
      .then(commentedBy('psn-aino', 'Tervetuloa mukaan kokeiluun!', 'comment-2'));
  });

  it.each<StageName>(['inReview', 'piloting', 'adopted', 'rejected'])('takes comments while the idea is %s', (stage) => {
    spec(...history[stage])
      .when(commentIdea())
      .then(commentedBy('psn-eero', 'Meillä Vuoksenniskalla toimisi sama malli.'));
  });

  it("records the uploads a comment carries, and leaves `media` out of a comment without any", () => {
    const media = [{ kind: 'image' as const, url: '/api/media/0b0c0d0e-0000-4000-8000-000000000001', mediaId: '0b0c0d0e-0000-4000-8000-000000000001', sha256: 'a'.repeat(64), type: 'image/png', alt: 'Kuluneet jarrupalat' }];
    const plain = commentedBy('psn-eero', 'Meillä Vuoksenniskalla toimisi sama malli.');
    spec(submitted).when(commentIdea({ media })).then({ ...plain, data: { ...plain.data, media } });
    spec(submitted).when(commentIdea({ media: [] })).then(plain);
  });

  it('takes no comments on a withdrawn idea', () => {
    spec(...history.withdrawn)
      .when(commentIdea())
      .thenRefused('conflict', 'idea.withdrawn');
  });

  it.each([
    ['empty', ''],
    ['only whitespace', ' \n '],
  ])('refuses a comment that is %s', (_label, text) => {
    spec(submitted).when(commentIdea({ text })).thenRefused('invalid', 'idea.comment-empty');
  });
});

// ---------------------------------------------------------------------------------------------
// Support
// ---------------------------------------------------------------------------------------------

describe('supporting an idea', () => {
  it('records a colleague\u2019s support', () => {
    spec(submitted).when(supportIdea()).then(supportedBy('psn-eero'));
  });

  it('lets several colleagues support the same idea', () => {
    spec(submitted, supportedBy('psn-eero'))
      .when(supportIdea({ context: helmi }))
      .then(supportedBy('psn-helmi'));
  });

  it('allows one support per person', () => {
    spec(submitted, supportedBy('psn-eero'))
      .when(supportIdea())
      .thenRefused('conflict', 'idea.already-supported');
  });

  it('remembers supporters across the funnel', () => {
    spec(submitted, supportedBy('psn-eero'), reviewStarted, pilotStarted)
      .when(supportIdea())
      .thenRefused('conflict', 'idea.already-supported');
  });

  it('does not let the submitter support their own idea', () => {
    spec(submitted).when(supportIdea({ context: aino })).thenRefused('conflict', 'idea.own-idea');
  });

  it.each<StageName>(['inReview', 'piloting', 'adopted'])('can support an idea that is %s', (stage) => {
    spec(...history[stage])
      .when(supportIdea())
      .then(supportedBy('psn-eero'));
  });

  it.each<StageName>(['rejected', 'withdrawn'])('cannot support an idea that is %s', (stage) => {
    spec(...history[stage])
      .when(supportIdea())
      .thenRefused('conflict', 'idea.closed');
  });
});

// ---------------------------------------------------------------------------------------------
// An idea that does not exist
// ---------------------------------------------------------------------------------------------

describe('an idea that does not exist', () => {
  it.each<[string, IdeaCommand]>([
    ['start a review', startReview()],
    ['start a pilot', startPilot()],
    ['record measurements', recordMeasurements()],
    ['adopt', adoptIdea()],
    ['reject', rejectIdea()],
    ['withdraw', withdrawIdea()],
    ['comment', commentIdea()],
    ['support', supportIdea()],
  ])('cannot %s', (_action, command) => {
    spec().when(command).thenRefused('not-found', 'idea.not-found');
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals are sentences a person can read
// ---------------------------------------------------------------------------------------------

describe('refusal messages', () => {
  const refusals: [string, IdeaEvent[], IdeaCommand][] = [
    ['submitting twice', [submitted], submitIdea()],
    ['submitting without a title', [], submitIdea({ title: '' })],
    ['submitting without a description', [], submitIdea({ description: '' })],
    ['an unknown idea', [], startReview()],
    ['reviewing an idea in review', history.inReview, startReview()],
    ['reviewing without a team', [submitted], startReview({ team: '' })],
    ['piloting a submitted idea', history.submitted, startPilot()],
    ['a pilot ending before it starts', history.inReview, startPilot({ startsOn: '2024-12-20', endsOn: '2024-10-01' })],
    ['repeated metric names', history.inReview, startPilot({ metrics: [satisfaction, satisfaction] })],
    ['measuring an unknown metric', history.piloting, recordMeasurements({ measurements: [{ metric: 'x', value: 1, measuredOn: '2024-11-01' }] })],
    ['measuring an adopted idea', history.adopted, recordMeasurements()],
    ['adopting an idea in review', history.inReview, adoptIdea()],
    ['adopting without a result', history.piloting, adoptIdea({ result: '' })],
    ['adopting with an unknown metric', history.piloting, adoptIdea({ metrics: [{ metric: 'x', value: 1 }] })],
    ['rejecting an adopted idea', history.adopted, rejectIdea()],
    ['rejecting without a reason', [submitted], rejectIdea({ reason: '' })],
    ['a colleague withdrawing', [submitted], withdrawIdea({ context: eero })],
    ['withdrawing a piloted idea', history.piloting, withdrawIdea()],
    ['commenting on a withdrawn idea', history.withdrawn, commentIdea()],
    ['an empty comment', [submitted], commentIdea({ text: '' })],
    ['supporting twice', [submitted, supportedBy('psn-eero')], supportIdea()],
    ['supporting one\u2019s own idea', [submitted], supportIdea({ context: aino })],
    ['supporting a rejected idea', history.rejected, supportIdea()],
  ];

  it.each(refusals)('reads as a sentence: %s', (_case, given, command) => {
    const decision = ideaDecider.decide(command, given.reduce(ideaDecider.evolve, ideaDecider.initialState()));
    if (decision.ok) throw new Error(`Expected a refusal, got ${JSON.stringify(decision.events)}`);
    const { message } = spec(...given)
      .when(command)
      .thenRefused(decision.error.kind, decision.error.code);
    // Starts with a capital letter, ends with a full stop.
    expect(message).toMatch(/^[A-ZÅÄÖ].*\.$/s);
    // No leaked internals: machine codes, camel-cased stage names, missing values.
    expect(message).not.toContain(decision.error.code);
    expect(message).not.toMatch(/\b(inReview|piloting|undefined|null|NaN)\b|\[object/);
  });

  it('says where the idea is and when the action would have been possible', () => {
    const error = spec(...history.adopted)
      .when(rejectIdea())
      .thenRefused('conflict');
    expect(error.message).toBe(
      'Cannot reject the idea: the idea is adopted; this is only possible when it is submitted or in review or being piloted.',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The whole funnel
// ---------------------------------------------------------------------------------------------

describe('the idea funnel, from submission to adoption', () => {
  it('moves the idea through every stage', () => {
    const afterSubmit = spec().when(submitIdea()).state();
    expect(afterSubmit).toEqual({ status: 'submitted', ideaId, organisation: 'imatra', submitter: 'psn-aino', supporters: [], metrics: [] });

    expect(spec(submitted).when(startReview()).state()).toMatchObject({ status: 'inReview' });

    const afterPilot = spec(...history.inReview).when(startPilot()).state();
    expect(afterPilot).toMatchObject({ status: 'piloting', metrics: [satisfaction, communication] });

    const afterMeasuring = spec(...history.piloting).when(recordMeasurements()).state();
    expect(afterMeasuring).toMatchObject({ status: 'piloting', metrics: [satisfaction, communication] });

    const afterAdoption = spec(...history.piloting, measured).when(adoptIdea()).state();
    expect(afterAdoption).toEqual({
      status: 'adopted',
      ideaId,
      organisation: 'imatra',
      submitter: 'psn-aino',
      supporters: [],
      metrics: [satisfaction, communication],
    });
  });

  it('keeps the supporters gathered along the way', () => {
    const state = spec(submitted, supportedBy('psn-eero'), reviewStarted, pilotStarted)
      .when(supportIdea({ context: helmi }))
      .state();
    expect(state).toMatchObject({ status: 'piloting', supporters: ['psn-eero', 'psn-helmi'] });
  });

  it('leaves the stage alone when a comment arrives', () => {
    expect(spec(...history.inReview).when(commentIdea()).state()).toMatchObject({ status: 'inReview' });
  });

  it.each<[string, IdeaEvent[], IdeaCommand, string]>([
    ['a rejection', history.piloting, rejectIdea(), 'rejected'],
    ['a withdrawal', history.inReview, withdrawIdea(), 'withdrawn'],
  ])('ends early with %s', (_how, given, command, status) => {
    expect(spec(...given).when(command).state()).toMatchObject({ status });
  });

  it('ignores events of an idea that was never submitted', () => {
    const state = [reviewStarted, pilotStarted, supportedBy('psn-eero')].reduce(ideaDecider.evolve, ideaDecider.initialState());
    expect(state).toEqual({ status: 'none' });
  });
});
