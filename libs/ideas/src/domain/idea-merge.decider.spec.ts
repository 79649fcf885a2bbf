// Merging duplicates as Given (events) / When (command) / Then (events or a refusal).
import { deciderSpec } from '#platform/testing';
import type { CommandContext, IdeaCommand } from './idea.commands.js';
import { ideaDecider, survivorSnapshot } from './idea.decider.js';
import type { IdeaEvent, IdeaSubmitted } from './idea.events.js';

const spec = deciderSpec(ideaDecider);
const now = new Date('2025-03-03T08:00:00Z');
const leena: CommandContext = { actor: { subject: 'sub-leena', organisation: 'imatra', roles: ['change-agent'] }, pseudonym: 'psn-leena', now };
const eero: CommandContext = { actor: { subject: 'sub-eero', organisation: 'imatra', roles: ['employee'] }, pseudonym: 'psn-eero', now };

const duplicateId = '11111111-1111-4111-8111-111111111111';
const survivorId = '22222222-2222-4222-8222-222222222222';

const submitted = (ideaId: string, submitter: string, organisation = 'imatra'): IdeaSubmitted => ({
  type: 'IdeaSubmitted',
  data: {
    ideaId,
    title: 'Yhteinen varauskalenteri',
    description: 'Kokoustilat yhteen kalenteriin.',
    organisation,
    unit: 'hallinto',
    sector: 'business-and-support',
    themes: [],
    language: 'fi',
    media: [],
    anonymous: false,
    submitter,
  },
});
const supported = (ideaId: string, supporter: string): IdeaEvent => ({ type: 'IdeaSupported', data: { ideaId, supporter } });
const survivorState = (...events: IdeaEvent[]) => survivorSnapshot(events.reduce(ideaDecider.evolve, ideaDecider.initialState()));
const merge = (survivor = survivorState(submitted(survivorId, 'psn-aino')), context = leena): IdeaCommand => ({ type: 'MergeIdea', survivor, context });
const absorb = (supporters: string[], context = leena): IdeaCommand => ({
  type: 'AbsorbDuplicate',
  duplicateId,
  supporters,
  comments: [{ commentId: 'c1', text: 'Sama idea kuin tämä.', author: 'psn-eero', at: '2025-03-01T10:00:00.000Z' }],
  context,
});

describe('merging a duplicate into another idea', () => {
  it('marks the duplicate merged into the survivor', () => {
    spec(submitted(duplicateId, 'psn-helmi')).when(merge()).then({ type: 'IdeaMerged', data: { ideaId: duplicateId, survivorId } });
  });

  it('is a no-op when repeated for the same survivor (a retry completes the merge)', () => {
    spec(submitted(duplicateId, 'psn-helmi'), { type: 'IdeaMerged', data: { ideaId: duplicateId, survivorId } }).when(merge()).then();
  });

  it('does not merge an idea into itself, into a missing idea, or across organisations', () => {
    spec(submitted(duplicateId, 'psn-helmi')).when(merge(survivorState(submitted(duplicateId, 'psn-helmi')))).thenRefused('invalid', 'idea.merge-into-itself');
    spec(submitted(duplicateId, 'psn-helmi')).when(merge({ ideaId: survivorId, status: 'none' })).thenRefused('not-found', 'idea.survivor-not-found');
    spec(submitted(duplicateId, 'psn-helmi'))
      .when(merge(survivorState(submitted(survivorId, 'psn-sanna', 'lappeenranta'))))
      .thenRefused('forbidden', 'idea.merge-other-organisation');
  });

  it('merges only ideas not yet piloted, into ideas still open', () => {
    const piloting: IdeaEvent[] = [
      submitted(duplicateId, 'psn-helmi'),
      { type: 'IdeaReviewStarted', data: { ideaId: duplicateId, team: 't' } },
      { type: 'IdeaPilotStarted', data: { ideaId: duplicateId, goal: 'g', team: 't', startsOn: '2025-01-01', endsOn: '2025-02-01', metrics: [{ name: 'm', baseline: 1 }] } },
    ];
    spec(...piloting).when(merge()).thenRefused('conflict', 'idea.not-submitted-or-in-review');
    const rejected = survivorState(submitted(survivorId, 'psn-aino'), { type: 'IdeaRejected', data: { ideaId: survivorId, reason: 'Ei nyt.' } });
    spec(submitted(duplicateId, 'psn-helmi')).when(merge(rejected)).thenRefused('conflict', 'idea.survivor-closed');
    const mergedAway = survivorState(submitted(survivorId, 'psn-aino'), { type: 'IdeaMerged', data: { ideaId: survivorId, survivorId: 'elsewhere' } });
    const error = spec(submitted(duplicateId, 'psn-helmi')).when(merge(mergedAway)).thenRefused('conflict', 'idea.survivor-merged');
    expect(error.message).toContain('elsewhere');
  });

  it('closes the merged idea to supports and comments, pointing to the survivor', () => {
    const history: IdeaEvent[] = [submitted(duplicateId, 'psn-helmi'), { type: 'IdeaMerged', data: { ideaId: duplicateId, survivorId } }];
    const error = spec(...history).when({ type: 'SupportIdea', context: eero }).thenRefused('conflict', 'idea.merged');
    expect(error.message).toContain(survivorId);
    spec(...history).when({ type: 'CommentIdea', commentId: 'c', text: 'Hei', context: eero }).thenRefused('conflict', 'idea.merged');
    spec(...history).when({ type: 'StartReview', team: 't', context: leena }).thenRefused('conflict', 'idea.not-submitted');
  });
});

describe('the survivor taking over a duplicate', () => {
  it('takes supports once per person, never its own submitter, and the comments', () => {
    spec(submitted(survivorId, 'psn-aino'), supported(survivorId, 'psn-eero'))
      .when(absorb(['psn-eero', 'psn-aino', 'psn-helmi', 'psn-helmi']))
      .then({
        type: 'DuplicateMerged',
        data: { ideaId: survivorId, duplicateId, supporters: ['psn-helmi'], comments: [{ commentId: 'c1', text: 'Sama idea kuin tämä.', author: 'psn-eero', at: '2025-03-01T10:00:00.000Z' }] },
      });
  });

  it('keeps one support per person afterwards', () => {
    const history: IdeaEvent[] = [
      submitted(survivorId, 'psn-aino'),
      { type: 'DuplicateMerged', data: { ideaId: survivorId, duplicateId, supporters: ['psn-helmi'], comments: [] } },
    ];
    spec(...history).when({ type: 'SupportIdea', context: { ...eero, pseudonym: 'psn-helmi' } }).thenRefused('conflict', 'idea.already-supported');
    // The same duplicate again changes nothing.
    spec(...history).when(absorb(['psn-helmi', 'psn-outi'])).then();
  });

});
