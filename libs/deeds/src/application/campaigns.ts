import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore } from '#event-store';
import { APP_CONFIG, commandMetadata, CLOCK, ProblemException, PSEUDONYMIZER, type Actor, type AppConfig, type Clock, type Pseudonymizer } from '#platform';
import { decideAndWait, ProjectionRunner, underLease } from '#projections';
import { campaignDecider, campaignStreamId, rankStandings, type CampaignCommand } from '../domain/campaign.js';
import { CampaignView } from '../read-models/campaign-view.entity.js';
import { organisationNames } from '#organisations';

/** Deeds first published in the window, not unpublished before it closed: straight from the projected events. */
export async function computeStandings(db: DataSource, startsAt: Date, endsAt: Date) {
  const rows: { organisation: string; sector: string; first_published_at: Date }[] = await db.query(
    `SELECT organisation, sector, first_published_at FROM deed_entries
     WHERE first_published_at >= $1 AND first_published_at < $2
       AND NOT (status = 'unpublished' AND unpublished_at < $2)`,
    [startsAt, endsAt],
  );
  return rankStandings(
    rows.map((r) => ({ organisation: r.organisation, sector: r.sector, publishedAt: new Date(r.first_published_at) })),
    startsAt,
    endsAt,
  );
}

/** The standings with each organisation's registered names, as the pages show them. */
async function namedStandings(db: DataSource, standings: { organisation: string }[]) {
  const names = await organisationNames(db, standings.map((s) => s.organisation));
  return standings.map((s) => ({ ...s, organisationName: names.get(s.organisation) ?? null }));
}

export class ExecuteCampaignCommand {
  constructor(
    readonly campaignId: string,
    readonly command: CampaignCommand,
    readonly requestId: string,
  ) {}
}

@CommandHandler(ExecuteCampaignCommand)
export class ExecuteCampaignCommandHandler implements ICommandHandler<ExecuteCampaignCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ campaignId, command, requestId }: ExecuteCampaignCommand) {
    const written = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, campaignDecider, {
      what: 'campaign',
      streamId: campaignStreamId(campaignId),
      command,
      metadata: commandMetadata(command.actor, this.pseudonyms.of(command.actor), this.clock.now(), requestId),
    });
    return { id: campaignId, version: written.version, status: written.state.status };
  }
}

export class GetCampaignQuery {
  constructor(
    readonly campaignId: string,
    readonly now: Date,
  ) {}
}

@QueryHandler(GetCampaignQuery)
export class GetCampaignHandler implements IQueryHandler<GetCampaignQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ campaignId, now }: GetCampaignQuery) {
    const campaign = await this.db.getRepository(CampaignView).findOneBy({ id: campaignId });
    if (!campaign) throw ProblemException.of(404, 'campaign-not-found', 'There is no such campaign.');
    const standings = await computeStandings(this.db, campaign.startsAt, campaign.endsAt);
    const phase = now < campaign.startsAt ? 'upcoming' : now < campaign.endsAt ? 'running' : 'ended';
    return {
      id: campaign.id,
      name: campaign.name,
      startsAt: campaign.startsAt,
      endsAt: campaign.endsAt,
      status: campaign.status,
      phase,
      mostInventive: campaign.winner,
      closedAt: campaign.closedAt,
      standings: await namedStandings(this.db, standings),
    };
  }
}

export class ListCampaignsQuery {}

@QueryHandler(ListCampaignsQuery)
export class ListCampaignsHandler implements IQueryHandler<ListCampaignsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute() {
    const campaigns = await this.db.getRepository(CampaignView).find({ order: { startsAt: 'DESC', id: 'ASC' } });
    return campaigns.map((c) => ({ id: c.id, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt, status: c.status, mostInventive: c.winner }));
  }
}

const SYSTEM: Actor = { subject: 'system:campaign-closer', organisation: 'kehittamo', roles: ['admin'] };

/** Closes campaigns whose window has ended, recording the most inventive organisation. */
export class CampaignCloser implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Campaigns');
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ExecuteCampaignCommandHandler) private readonly handler: ExecuteCampaignCommandHandler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.campaigns.closePollMs === 0) return;
    this.timer = setInterval(() => void this.closeEnded().catch((e) => this.logger.warn(`closing campaigns failed: ${(e as Error).message}`)), this.config.campaigns.closePollMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async closeEnded(): Promise<number> {
    // One process closes (the others skip the tick); a crashed holder's lease runs out in a minute.
    return (await underLease(this.db, 'campaign-closer', 60_000, () => this.close())) ?? 0;
  }

  private async close(): Promise<number> {
    const now = this.clock.now();
    const ended = await this.db.query(`SELECT id, starts_at, ends_at FROM campaign_views WHERE status = 'open' AND ends_at <= $1`, [now]);
    for (const campaign of ended) {
      const standings = await computeStandings(this.db, new Date(campaign.starts_at), new Date(campaign.ends_at));
      await this.handler.execute(
        new ExecuteCampaignCommand(
          campaign.id,
          { type: 'CloseCampaign', standings: standings.map(({ organisation, deeds, reachedAt, sectors }) => ({ organisation, deeds, reachedAt, sectors })), now, actor: SYSTEM },
          `campaign-closer:${campaign.id}`,
        ),
      );
      this.logger.log(`Campaign ${campaign.id} closed; most inventive: ${standings[0]?.organisation ?? 'nobody'}`);
    }
    return ended.length;
  }
}
