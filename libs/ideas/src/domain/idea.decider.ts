// The idea's life: a pure decider. No I/O, no clock: time and actor come with the command.
// Who may act is the access policy's (libs/platform/src/access-policy.ts), checked before a command is issued;
// the decider completes it where only the idea knows the answer (who submitted it).
import { accept, permits, refuse, type Decision } from '#platform';
import type { IdeaCommand } from './idea.commands.js';
import type { IdeaEvent, IdeaStatus, MovedComment, PilotMetric } from './idea.events.js';

export type IdeaState =
  | { status: 'none' }
  | {
      status: IdeaStatus;
      ideaId: string;
      organisation: string;
      submitter: string;
      supporters: string[];
      metrics: PilotMetric[];
      deedId?: string;
      /** Set once the idea has been merged into another one. */
      survivorId?: string;
      /** Duplicates merged into this idea. */
      merged?: string[];
    };

export const initialState = (): IdeaState => ({ status: 'none' });

export function evolve(state: IdeaState, event: IdeaEvent): IdeaState {
  if (event.type === 'IdeaSubmitted') {
    const { ideaId, organisation, submitter } = event.data;
    return { status: 'submitted', ideaId, organisation, submitter, supporters: [], metrics: [] };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'IdeaReviewStarted':
      return { ...state, status: 'inReview' };
    case 'IdeaPilotStarted':
      return { ...state, status: 'piloting', metrics: event.data.metrics };
    case 'IdeaAdopted':
      return { ...state, status: 'adopted' };
    case 'IdeaRejected':
      return { ...state, status: 'rejected' };
    case 'IdeaWithdrawn':
      return { ...state, status: 'withdrawn' };
    case 'IdeaSupported':
      return { ...state, supporters: [...state.supporters, event.data.supporter] };
    case 'IdeaDeedLinked':
      return { ...state, deedId: event.data.deedId };
    case 'IdeaMerged':
      return { ...state, status: 'merged', survivorId: event.data.survivorId };
    case 'DuplicateMerged':
      return { ...state, supporters: [...state.supporters, ...event.data.supporters], merged: [...(state.merged ?? []), event.data.duplicateId] };
    case 'PilotMeasurementsRecorded':
    case 'IdeaCommented':
      return state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

type Existing = Exclude<IdeaState, { status: 'none' }>;

const STAGE_NAMES: Record<IdeaStatus, string> = {
  merged: 'merged into another idea',
  submitted: 'submitted',
  inReview: 'in review',
  piloting: 'being piloted',
  adopted: 'adopted',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
};

function wrongStage(state: Existing, action: string, allowed: IdeaStatus[]): Decision<IdeaEvent> {
  const where = allowed.map((stage) => STAGE_NAMES[stage]).join(' or ');
  const code = allowed.map((stage) => stage.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).join('-or-');
  return refuse('conflict', `idea.not-${code}`, `Cannot ${action}: the idea is ${STAGE_NAMES[state.status]}; this is only possible when it is ${where}.`);
}

const blank = (text: string | undefined): boolean => text === undefined || text.trim().length === 0;
/** Metric names match regardless of case and surrounding space. */
const metricKey = (name: string): string => name.trim().toLowerCase();
const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export function decide(command: IdeaCommand, state: IdeaState): Decision<IdeaEvent> {
  if (command.type === 'SubmitIdea') {
    if (state.status !== 'none') return refuse('conflict', 'idea.exists', 'This idea has already been submitted.');
    if (blank(command.title)) return refuse('invalid', 'idea.title-required', 'An idea needs a title.');
    if (blank(command.description)) return refuse('invalid', 'idea.description-required', 'An idea needs a description.');
    const { type: _type, context, ...data } = command;
    return accept({ type: 'IdeaSubmitted', data: { ...data, submitter: context.pseudonym } });
  }
  if (state.status === 'none') return refuse('not-found', 'idea.not-found', 'There is no such idea.');
  const { ideaId } = state;

  switch (command.type) {
    case 'StartReview': {
      if (state.status !== 'submitted') return wrongStage(state, 'start a review', ['submitted']);
      if (blank(command.team)) return refuse('invalid', 'idea.team-required', 'Name the change-agent team that reviews the idea.');
      return accept({ type: 'IdeaReviewStarted', data: { ideaId, team: command.team } });
    }
    case 'StartPilot': {
      if (state.status !== 'inReview') return wrongStage(state, 'start a pilot', ['inReview']);
      if (blank(command.goal)) return refuse('invalid', 'idea.pilot-goal-required', 'A pilot needs a goal.');
      if (blank(command.team)) return refuse('invalid', 'idea.team-required', 'Name the team that runs the pilot.');
      if (!isDate(command.startsOn) || !isDate(command.endsOn)) return refuse('invalid', 'idea.pilot-dates-invalid', 'The pilot needs start and end dates (YYYY-MM-DD).');
      if (command.endsOn < command.startsOn) return refuse('invalid', 'idea.pilot-ends-before-start', 'The pilot cannot end before it starts.');
      if (command.metrics.length === 0) return refuse('invalid', 'idea.pilot-metrics-required', 'A pilot needs at least one metric with a baseline.');
      if (command.metrics.some((metric) => blank(metric.name))) return refuse('invalid', 'idea.metric-name-required', 'Every pilot metric needs a name.');
      const names = command.metrics.map((metric) => metricKey(metric.name));
      if (new Set(names).size !== names.length) return refuse('invalid', 'idea.metric-names-repeat', 'Each pilot metric needs a name of its own.');
      const { goal, team, startsOn, endsOn, metrics } = command;
      return accept({ type: 'IdeaPilotStarted', data: { ideaId, goal, team, startsOn, endsOn, metrics } });
    }
    case 'RecordMeasurements': {
      if (state.status !== 'piloting') return wrongStage(state, 'record measurements', ['piloting']);
      if (command.measurements.length === 0) return refuse('invalid', 'idea.measurements-required', 'Record at least one measurement.');
      const known = new Set(state.metrics.map((metric) => metricKey(metric.name)));
      const unknown = command.measurements.find((measurement) => !known.has(metricKey(measurement.metric)));
      if (unknown) {
        const list = state.metrics.map((metric) => metric.name).join(', ') || 'none';
        return refuse('invalid', 'idea.unknown-metric', `The pilot has no metric "${unknown.metric}" (its metrics: ${list}).`);
      }
      return accept({ type: 'PilotMeasurementsRecorded', data: { ideaId, measurements: command.measurements } });
    }
    case 'AdoptIdea': {
      if (state.status !== 'piloting') return wrongStage(state, 'adopt the idea', ['piloting']);
      if (blank(command.result)) return refuse('invalid', 'idea.result-required', 'Describe what the pilot achieved.');
      const known = new Set(state.metrics.map((metric) => metricKey(metric.name)));
      const unknown = command.metrics.find((result) => !known.has(metricKey(result.metric)));
      if (unknown) return refuse('invalid', 'idea.unknown-metric', `The pilot has no metric "${unknown.metric}".`);
      return accept({ type: 'IdeaAdopted', data: { ideaId, result: command.result, metrics: command.metrics } });
    }
    case 'RejectIdea': {
      if (!['submitted', 'inReview', 'piloting'].includes(state.status)) {
        return wrongStage(state, 'reject the idea', ['submitted', 'inReview', 'piloting']);
      }
      if (blank(command.reason)) return refuse('invalid', 'idea.reason-required', 'A rejection needs a reason the submitter can read.');
      return accept({ type: 'IdeaRejected', data: { ideaId, reason: command.reason } });
    }
    case 'WithdrawIdea': {
      const submitter = command.context.pseudonym === state.submitter;
      if (!permits('ideas.withdraw', command.context.actor, { organisation: state.organisation, relations: { submitter } })) {
        return refuse('forbidden', 'idea.submitter-only', 'Only the person who submitted the idea may withdraw it.');
      }
      if (state.status !== 'submitted' && state.status !== 'inReview') {
        return wrongStage(state, 'withdraw the idea', ['submitted', 'inReview']);
      }
      return accept({ type: 'IdeaWithdrawn', data: { ideaId, ...(command.reason ? { reason: command.reason } : {}) } });
    }
    case 'CommentIdea': {
      if (state.status === 'withdrawn') return refuse('conflict', 'idea.withdrawn', 'The idea has been withdrawn; it takes no more comments.');
      if (state.status === 'merged') return mergedAway(state, 'comment');
      if (blank(command.text)) return refuse('invalid', 'idea.comment-empty', 'A comment cannot be empty.');
      return accept({
        type: 'IdeaCommented',
        data: { ideaId, commentId: command.commentId, text: command.text, author: command.context.pseudonym, ...(command.media?.length ? { media: command.media } : {}) },
      });
    }
    case 'SupportIdea': {
      if (state.status === 'merged') return mergedAway(state, 'support it');
      if (state.status === 'withdrawn' || state.status === 'rejected') {
        return refuse('conflict', 'idea.closed', `The idea is ${STAGE_NAMES[state.status]}; it can no longer be supported.`);
      }
      if (command.context.pseudonym === state.submitter) return refuse('conflict', 'idea.own-idea', 'You cannot support your own idea.');
      if (state.supporters.includes(command.context.pseudonym)) {
        return refuse('conflict', 'idea.already-supported', 'You already support this idea: one support per person.');
      }
      return accept({ type: 'IdeaSupported', data: { ideaId, supporter: command.context.pseudonym } });
    }
    case 'LinkDeed': {
      if (state.status !== 'adopted') return wrongStage(state, 'turn the idea into a deed', ['adopted']);
      if (state.deedId === command.deedId) return accept();
      if (state.deedId) return refuse('conflict', 'idea.deed-exists', 'The idea already has a deed; edit that deed instead.');
      return accept({ type: 'IdeaDeedLinked', data: { ideaId, deedId: command.deedId } });
    }
    case 'MergeIdea':
      return decideMerge(command, state);
    case 'AbsorbDuplicate':
      return decideAbsorb(command, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function mergedAway(state: Existing, action: string): Decision<IdeaEvent> {
  return refuse('conflict', 'idea.merged', `The idea was merged into idea ${state.survivorId}; ${action} there instead.`);
}

/** Stages a duplicate can be merged from: before a pilot has produced anything of its own. */
const MERGEABLE: IdeaStatus[] = ['submitted', 'inReview'];
/** Stages an idea can absorb a duplicate in: still alive. */
const SURVIVING: IdeaStatus[] = ['submitted', 'inReview', 'piloting', 'adopted'];

/** On the duplicate's stream: it leaves the funnel and points to the survivor. */
function decideMerge(command: Extract<IdeaCommand, { type: 'MergeIdea' }>, state: Existing): Decision<IdeaEvent> {
  const { survivor } = command;
  // Merging again into the same survivor is a retry: nothing new on this stream.
  if (state.status === 'merged' && state.survivorId === survivor.ideaId) return accept();
  if (survivor.ideaId === state.ideaId) return refuse('invalid', 'idea.merge-into-itself', 'An idea cannot be merged into itself.');
  if (!MERGEABLE.includes(state.status)) return wrongStage(state, 'merge the idea into another', MERGEABLE);
  if (survivor.status === 'none') return refuse('not-found', 'idea.survivor-not-found', 'There is no idea to merge this one into.');
  if (survivor.organisation !== state.organisation) {
    return refuse('forbidden', 'idea.merge-other-organisation', 'Ideas can be merged only within one organisation.');
  }
  if (survivor.status === 'merged') {
    return refuse('conflict', 'idea.survivor-merged', `That idea was itself merged into idea ${survivor.survivorId}; merge into that one.`);
  }
  if (!SURVIVING.includes(survivor.status)) {
    return refuse('conflict', 'idea.survivor-closed', `That idea is ${STAGE_NAMES[survivor.status]}; merge duplicates into an idea that is still open.`);
  }
  return accept({ type: 'IdeaMerged', data: { ideaId: state.ideaId, survivorId: survivor.ideaId } });
}

/** On the survivor's stream: supports move over (one per person, never the submitter's own), comments too. */
function decideAbsorb(command: Extract<IdeaCommand, { type: 'AbsorbDuplicate' }>, state: Existing): Decision<IdeaEvent> {
  if ((state.merged ?? []).includes(command.duplicateId)) return accept();
  const seen = new Set([...state.supporters, state.submitter]);
  const supporters: string[] = [];
  for (const supporter of command.supporters) {
    if (seen.has(supporter)) continue;
    seen.add(supporter);
    supporters.push(supporter);
  }
  const comments: MovedComment[] = command.comments.map(({ commentId, text, author, at, media }) => ({ commentId, text, author, at, ...(media?.length ? { media } : {}) }));
  return accept({ type: 'DuplicateMerged', data: { ideaId: state.ideaId, duplicateId: command.duplicateId, supporters, comments } });
}

/** What the merge needs to know of the other idea: read by the handler, so the decider stays pure. */
export function survivorSnapshot(state: IdeaState): SurvivorSnapshot {
  return state.status === 'none'
    ? { ideaId: '', status: 'none' }
    : { ideaId: state.ideaId, status: state.status, organisation: state.organisation, ...(state.survivorId ? { survivorId: state.survivorId } : {}) };
}

export type SurvivorSnapshot = { ideaId: string; status: 'none' } | { ideaId: string; status: IdeaStatus; organisation: string; survivorId?: string };

export const ideaDecider = { decide, evolve, initialState };
