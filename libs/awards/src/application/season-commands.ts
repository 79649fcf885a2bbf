// The write side of Gaala: look up what the decider needs from the catalogue, then decide on the season stream.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '#event-store';
import { APP_CONFIG, commandMetadata, CLOCK, ProblemException, PSEUDONYMIZER, type Actor, type AppConfig, type Clock, type Pseudonymizer } from '#platform';
import { decideAndWait, ProjectionRunner, underLease } from '#projections';
import { seasonDecider, type NomineeEvidence, type SeasonCommand, type SeasonContext, type SeasonState } from '../domain/award-season.decider.js';
import { seasonStreamId, type Nominee } from '../domain/award-season.events.js';
import { AwardSeasonView, NominationView } from '../read-models/award-views.entity.js';

/** A season command without its context: the handler adds who and when. */
export type SeasonCommandBody = SeasonCommand extends infer C ? (C extends SeasonCommand ? Omit<C, 'context'> : never) : never;

export class ExecuteSeasonCommand {
  constructor(
    readonly seasonId: string,
    readonly command: SeasonCommandBody,
    readonly actor: Actor,
    readonly requestId: string,
    /** From If-Match: the version the caller last saw. */
    readonly expectedVersion?: number,
  ) {}
}

export interface SeasonCommandResult {
  seasonId: string;
  version: number;
  events: string[];
  state: SeasonState;
}

@CommandHandler(ExecuteSeasonCommand)
export class ExecuteSeasonCommandHandler implements ICommandHandler<ExecuteSeasonCommand, SeasonCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ seasonId, command, actor, requestId, expectedVersion }: ExecuteSeasonCommand): Promise<SeasonCommandResult> {
    const now = this.clock.now();
    const pseudonym = this.pseudonyms.of(actor);
    const context: SeasonContext = { actor, pseudonym, now };
    const written = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, seasonDecider, {
      what: 'award season',
      streamId: seasonStreamId(seasonId),
      command: { ...command, context } as SeasonCommand,
      expectedVersion,
      metadata: commandMetadata(actor, pseudonym, now, requestId),
      // Organisers and jurors read the nominations and the scores next (the season itself is inline).
      reads: ['award-nominations', 'award-scores'],
    });
    return { seasonId, version: written.version, events: written.eventTypes, state: written.state };
  }
}

/** What a nominator sends: which fields count depends on the series' kind. */
export interface NominationRequest {
  series: string;
  deedId?: string;
  organisation?: string;
  name?: string;
  unit?: string;
  employeeSubject?: string;
  justification?: string;
}

/** Resolves a nomination request into a nominee and the catalogue's evidence about it. */
@Injectable()
export class NomineeResolver {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async season(seasonId: string): Promise<AwardSeasonView> {
    const season = await this.db.getRepository(AwardSeasonView).findOneBy({ id: seasonId });
    if (!season) throw ProblemException.of(404, 'award-season-not-found', 'There is no such award season.');
    return season;
  }

  async resolve(seasonId: string, request: NominationRequest, actor: Actor): Promise<{ nominee: Nominee; evidence: NomineeEvidence }> {
    const season = await this.season(seasonId);
    const series = season.series.find((s) => s.key === request.series);
    if (!series) throw ProblemException.of(404, 'award-series-not-found', `The season has no series "${request.series}". Series: ${season.series.map((s) => s.key).join(', ')}.`);
    const require = (field: keyof NominationRequest, what: string) => {
      if (!request[field]) throw ProblemException.validation([{ field, message: `${field} is required: ${what}` }]);
      return request[field] as string;
    };
    switch (series.kind) {
      case 'deeds': {
        const deedId = require('deedId', `"${series.name}" nominates published deeds`);
        const [deed] = await this.db.query(`SELECT organisation, title, status, first_published_at FROM deed_entries WHERE id = $1`, [deedId]);
        if (!deed) throw ProblemException.of(404, 'deed-not-found', 'There is no such deed in the catalogue.');
        return {
          nominee: { kind: 'deed', deedId, organisation: deed.organisation, title: deed.title },
          evidence: { deed: { organisation: deed.organisation, title: deed.title, status: deed.status, firstPublishedAt: deed.first_published_at ? new Date(deed.first_published_at).toISOString() : null } },
        };
      }
      case 'organisations': {
        const organisation = request.organisation ?? actor.organisation;
        const [{ n }] = await this.db.query(
          `SELECT count(*)::int AS n FROM deed_entries WHERE organisation = $1 AND status = 'published' AND first_published_at >= $2 AND first_published_at < $3`,
          [organisation, season.eligibleFrom, season.eligibleTo],
        );
        return { nominee: { kind: 'organisation', organisation }, evidence: { publishedDeeds: n } };
      }
      case 'employees': {
        const name = require('name', `"${series.name}" nominates named employees`);
        const organisation = request.organisation ?? actor.organisation;
        return {
          nominee: {
            kind: 'employee',
            organisation,
            name,
            ...(request.unit ? { unit: request.unit } : {}),
            ...(request.employeeSubject ? { person: this.pseudonyms.of(request.employeeSubject) } : {}),
          },
          evidence: {},
        };
      }
      default: {
        const unknown: never = series.kind;
        return unknown;
      }
    }
  }

  /** The season a nomination belongs to (routes that name only the nomination). */
  async seasonOf(nominationId: string): Promise<string> {
    const nomination = await this.db.getRepository(NominationView).findOneBy({ id: nominationId });
    if (!nomination) throw ProblemException.of(404, 'award-nomination-not-found', 'There is no such nomination.');
    return nomination.seasonId;
  }
}

const SYSTEM: Actor = { subject: 'system:gaala', organisation: 'kehittamo', roles: ['admin'] };

/** After the gala, announces the season's awards: they reach the catalogue and the public results. */
export class ResultsAnnouncer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Gaala');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ExecuteSeasonCommandHandler) private readonly handler: ExecuteSeasonCommandHandler,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.announceDue().catch((e) => this.logger.warn(`announcing results failed: ${(e as Error).message}`)), 1_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Seasons whose gala has passed with awards not yet announced; one run at a time. */
  announceDue(): Promise<number> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<number> {
    // One process announces (the others skip the tick); a crashed holder's lease runs out in a minute.
    return (await underLease(this.db, 'gaala-announcer', 60_000, () => this.announce())) ?? 0;
  }

  private async announce(): Promise<number> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM award_seasons WHERE gala_at <= $1 AND (NOT published OR announced < jsonb_array_length(awards))`,
      [this.clock.now()],
    );
    for (const season of due) {
      await this.handler.execute(new ExecuteSeasonCommand(season.id, { type: 'AnnounceResults' }, SYSTEM, `gaala:${season.id}`));
      this.logger.log(`Season ${season.id}: results announced`);
    }
    return due.length;
  }
}
