import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource, In } from 'typeorm';
import { compareCheckpoints, EVENT_STORE, type Checkpoint, type EventStore } from '#event-store';
import { ideaDecider, ideaStreamId, IdeaView, type IdeaCommand } from '#ideas';
import { APP_CONFIG, commandMetadata, nameBasedId, ProblemException, PSEUDONYMIZER, type Actor, type AppConfig, type Pseudonymizer } from '#platform';
import { decideAndWait, ProjectionRunner, type Written } from '#projections';
import { deedDecider, type DeedCommand, type DeedState } from '../domain/deed.decider.js';
import { deedStreamId, type DeedContent } from '../domain/deed.events.js';


/** A deed's editors read it back from the catalogue's entries (kept from the feed, with the search tables). */
const DEED_EDITOR_READS = ['deed-entries'];
export interface DeedCommandOptions {
  expectedVersion?: number;
  requestId: string;
  eventIdSeed?: string;
}

export class ExecuteDeedCommand {
  constructor(
    readonly deedId: string,
    readonly command: DeedCommand,
    readonly options: DeedCommandOptions,
  ) {}
}

export interface DeedCommandResult {
  id: string;
  version: number;
  status: string;
  revision: number;
  checkpoint: Written<unknown>['checkpoint'];
  visible: boolean;
}

const metadataFor = (actor: Actor, pseudonymizer: Pseudonymizer, now: Date, requestId: string) =>
  commandMetadata(actor, pseudonymizer.of(actor), now, requestId);

/** The ideas a deed came from: they must be adopted ideas of the deed's organisation, and they link back to it. */
@Injectable()
export class IdeaLinks {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  async check(deedId: string, ideaIds: string[], organisation: string): Promise<void> {
    if (ideaIds.length === 0) return;
    const ideas = await this.db.getRepository(IdeaView).findBy({ id: In(ideaIds) });
    const missing = ideaIds.filter((id) => !ideas.some((idea) => idea.id === id));
    if (missing.length > 0) throw ProblemException.validation(missing.map((id) => ({ field: 'ideaIds', message: `there is no idea ${id}` })));
    for (const idea of ideas) {
      if (idea.organisation !== organisation) throw ProblemException.of(403, 'other-organisation', `Idea ${idea.id} belongs to another organisation; a deed can only come from its own organisation's ideas.`);
      if (idea.stage !== 'adopted') throw ProblemException.of(409, 'idea-not-adopted', `Idea ${idea.id} is ${idea.stage}; only adopted ideas become deeds.`, { code: 'idea.not-adopted' });
      if (idea.deedId && idea.deedId !== deedId) throw ProblemException.of(409, 'idea-deed-exists', `Idea ${idea.id} already has a deed.`, { code: 'idea.deed-exists' });
    }
  }

  /** Links the ideas to the deed; answers the position of the last link, for the caller's consistency token. */
  async link(deedId: string, ideaIds: string[], actor: Actor, now: Date, requestId: string): Promise<Checkpoint | undefined> {
    let last: Checkpoint | undefined;
    for (const ideaId of ideaIds) {
      const link: IdeaCommand = { type: 'LinkDeed', deedId, context: { actor, pseudonym: this.pseudonyms.of(actor), now } };
      const linked = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, ideaDecider, {
        what: 'idea',
        streamId: ideaStreamId(ideaId),
        command: link,
        eventIds: (i) => nameBasedId(`${ideaStreamId(ideaId)}:link-deed:${deedId}:${i}`),
        metadata: metadataFor(actor, this.pseudonyms, now, requestId),
      });
      if (!last || compareCheckpoints(linked.checkpoint, last) > 0) last = linked.checkpoint;
    }
    return last;
  }
}

@CommandHandler(ExecuteDeedCommand)
export class ExecuteDeedCommandHandler implements ICommandHandler<ExecuteDeedCommand, DeedCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(IdeaLinks) private readonly ideaLinks: IdeaLinks,
  ) {}

  async execute({ deedId, command, options }: ExecuteDeedCommand): Promise<DeedCommandResult> {
    const streamId = deedStreamId(deedId);
    const linking = command.type === 'DraftDeed' ? command.ideaIds : [];
    // Check the ideas before the draft exists, so a refused link leaves nothing behind.
    if (command.type === 'DraftDeed') await this.ideaLinks.check(deedId, linking, command.organisation);
    const seed = options.eventIdSeed;
    const written = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, deedDecider, {
      what: 'deed',
      streamId,
      command,
      expectedVersion: options.expectedVersion,
      eventIds: seed ? (i) => nameBasedId(`${streamId}:${seed}:${i}`) : undefined,
      metadata: metadataFor(command.context.actor, this.pseudonyms, command.context.now, options.requestId),
      reads: DEED_EDITOR_READS,
    });
    const linked = linking.length > 0 ? await this.ideaLinks.link(deedId, linking, command.context.actor, command.context.now, options.requestId) : undefined;
    const state = written.state as Exclude<DeedState, { status: 'none' }>;
    // The token covers the links too: they come after the deed in the feed.
    const checkpoint = linked && compareCheckpoints(linked, written.checkpoint) > 0 ? linked : written.checkpoint;
    return { id: deedId, version: written.version, status: state.status, revision: state.revision, checkpoint, visible: written.visible };
  }
}

export class OpenDeedFromIdea {
  constructor(
    readonly ideaId: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly requestId: string,
  ) {}
}

/** Prefills a deed draft from an adopted idea and its pilot results, and links the two both ways. */
@CommandHandler(OpenDeedFromIdea)
export class OpenDeedFromIdeaHandler implements ICommandHandler<OpenDeedFromIdea, DeedCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(ExecuteDeedCommandHandler) private readonly deeds: ExecuteDeedCommandHandler,
    @Inject(IdeaLinks) private readonly ideaLinks: IdeaLinks,
  ) {}

  async execute({ ideaId, actor, now, requestId }: OpenDeedFromIdea): Promise<DeedCommandResult> {
    const idea = await this.db.getRepository(IdeaView).findOneBy({ id: ideaId });
    if (!idea) throw ProblemException.of(404, 'idea-not-found', 'There is no such idea.');
    if (idea.stage !== 'adopted') throw ProblemException.of(409, 'idea-not-adopted', `Only an adopted idea can become a deed; this one is ${idea.stage}.`, { code: 'idea.not-adopted' });
    // The deed's id follows from the idea's: a retry finds the same draft instead of making another.
    const deedId = nameBasedId(`deed-from-idea:${ideaId}`);
    if (idea.deedId && idea.deedId !== deedId) throw ProblemException.of(409, 'idea-deed-exists', 'The idea already has a deed; edit that deed instead.');

    const [first] = await this.store.readStream(deedStreamId(deedId), { toVersion: 1 });
    let result: DeedCommandResult | undefined;
    if (!first) {
      result = await this.deeds.execute(
        new ExecuteDeedCommand(
          deedId,
          { type: 'DraftDeed', deedId, organisation: idea.organisation, content: prefill(idea), ideaIds: [ideaId], source: 'idea', context: { actor, now } },
          { requestId, eventIdSeed: 'from-idea' },
        ),
      );
    }
    // A retry after a crash between the draft and the link completes the link.
    const linked = await this.ideaLinks.link(deedId, [ideaId], actor, now, requestId);
    if (result) return linked && compareCheckpoints(linked, result.checkpoint) > 0 ? { ...result, checkpoint: linked } : result;
    const events = await this.store.readStream(deedStreamId(deedId));
    const state = events.reduce((s, e) => deedDecider.evolve(s, { type: e.type, data: e.data } as never), deedDecider.initialState());
    const last = events[events.length - 1];
    return {
      id: deedId,
      version: last.streamVersion,
      status: state.status,
      revision: state.status === 'none' ? 0 : state.revision,
      checkpoint: linked && compareCheckpoints(linked, last.checkpoint) > 0 ? linked : last.checkpoint,
      visible: await this.projections.waitFor(last.checkpoint, this.config.projections.consistencyWaitMs, DEED_EDITOR_READS),
    };
  }
}

export function prefill(idea: IdeaView): DeedContent {
  const pilotMetrics = idea.pilot?.metrics ?? [];
  const metrics = (idea.result?.metrics ?? []).map((r) => {
    const plan = pilotMetrics.find((m) => m.name.trim().toLowerCase() === r.metric.trim().toLowerCase());
    return { name: plan?.name ?? r.metric, value: r.value, ...(plan?.unit ? { unit: plan.unit } : {}), ...(plan ? { baseline: plan.baseline } : {}) };
  });
  const title = idea.title.length >= 3 ? idea.title : `${idea.title} – kehittämisteko`;
  return {
    title,
    aim: idea.problem ?? idea.description,
    achieved: idea.result?.summary ?? idea.description,
    metrics,
    unit: idea.unit,
    sector: idea.sector as DeedContent['sector'],
    themes: idea.themes,
    size: 'small',
    scope: 'unit',
    participants: ['staff'],
    periodFrom: idea.pilot?.startsOn ?? new Date(idea.submittedAt).toISOString().slice(0, 10),
    ...(idea.pilot?.endsOn ? { periodTo: idea.pilot.endsOn } : {}),
    language: idea.language as DeedContent['language'],
    // The idea's media stay with the idea: they are sealed with the submitter's key (a voice or a face
    // can name the submitter of an anonymous idea), while a deed is written for publication and kept in
    // clear. The editor adds the deed's own media.
    media: [],
  };
}
