// Operations: liveness, readiness (database, event store, projections, Kafka when configured) and Prometheus metrics.
import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { EVENT_STORE, compareCheckpoints, type EventStore } from '#event-store';
import { checkKafka, KAFKA } from '#messaging';
import { Authorize, ProblemException } from '#platform';
import { ProjectionRunner } from '#projections';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(KAFKA) private readonly kafka: Kafka | null,
  ) {}

  @Authorize('ops.live')
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Authorize('ops.ready')
  @Get('health/ready')
  async ready() {
    try {
      const checks = [() => this.database(), () => this.eventStore(), () => this.projections()];
      if (this.kafka) checks.push(() => this.kafkaBroker(this.kafka!));
      return await this.health.check(checks);
    } catch (error) {
      const details = (error as { getResponse?: () => unknown }).getResponse?.() ?? {};
      throw new ProblemException({ type: 'https://kehittamo.fi/problems/not-ready', title: 'Service Unavailable', status: 503, detail: 'Not ready: see details.', details }, { 'Retry-After': '5' });
    }
  }

  private async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    try {
      await withTimeout(this.db.query('SELECT 1'), 2_000);
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async eventStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventStore');
    try {
      const head = await withTimeout(this.store.head(), 2_000);
      return check.up({ events: head.count });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async projections(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('projections');
    try {
      const status = await withTimeout(this.runner.status(), 2_000);
      // A parked projection degrades the service but does not take it out: commands and the other views go on.
      const parked = status
        .filter((s) => s.lastError)
        .map((s) => ({ name: s.name, error: s.lastError, failures: s.failures, retryAt: s.parkedUntil, event: s.failedEvent }));
      const rebuilding = status.filter((s) => s.rebuild).map((s) => ({ name: s.name, ...s.rebuild }));
      return check.up({ projections: status.length, ...(parked.length > 0 ? { degraded: true, parked } : {}), ...(rebuilding.length > 0 ? { rebuilding } : {}) });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  private async kafkaBroker(kafka: Kafka): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('kafka');
    try {
      return check.up(await checkKafka(kafka, 3_000));
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  /** Prometheus text format: projection lag (events not yet applied) and checkpoints, per projection. */
  @Authorize('ops.metrics')
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async metrics(): Promise<string> {
    const head = await this.store.head();
    const status = await this.runner.status();
    const lines = [
      '# HELP kehittamo_events_total Events in the event store.',
      '# TYPE kehittamo_events_total gauge',
      `kehittamo_events_total ${head.count}`,
      '# HELP kehittamo_projection_lag_events Events in the store that the projection has not applied yet.',
      '# TYPE kehittamo_projection_lag_events gauge',
    ];
    for (const name of this.runner.names) {
      const s = status.find((x) => x.name === name);
      let lag = head.count;
      if (s?.mode === 'inline') lag = 0;
      else if (s) {
        if (compareCheckpoints(s.checkpoint, head.checkpoint) >= 0) lag = 0;
        else {
          const [row] = await this.db.query(
            `SELECT count(*)::int AS n FROM events WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)`,
            [s.checkpoint.transactionId, s.checkpoint.position],
          );
          lag = row.n;
        }
      }
      lines.push(`kehittamo_projection_lag_events{projection="${name}"} ${lag}`);
    }
    lines.push('# HELP kehittamo_projection_events_applied_total Events applied since the last rebuild.', '# TYPE kehittamo_projection_events_applied_total counter');
    for (const s of status) lines.push(`kehittamo_projection_events_applied_total{projection="${s.name}"} ${s.eventsApplied}`);
    lines.push('# HELP kehittamo_projection_failing Whether the projection\'s last batch failed (1) or not (0).', '# TYPE kehittamo_projection_failing gauge');
    for (const s of status) lines.push(`kehittamo_projection_failing{projection="${s.name}"} ${s.lastError ? 1 : 0}`);
    lines.push('# HELP kehittamo_projection_parked Whether the projection is parked after a failure (1) or running (0).', '# TYPE kehittamo_projection_parked gauge');
    for (const s of status) lines.push(`kehittamo_projection_parked{projection="${s.name}"} ${s.parkedUntil || s.lastError ? 1 : 0}`);
    lines.push('# HELP kehittamo_projection_failures Failures in a row of the projection (0 when running).', '# TYPE kehittamo_projection_failures gauge');
    for (const s of status) lines.push(`kehittamo_projection_failures{projection="${s.name}"} ${s.failures}`);
    lines.push('# HELP kehittamo_projection_inline Whether the projection is kept in the append transaction (1) or from the feed (0).', '# TYPE kehittamo_projection_inline gauge');
    for (const s of status) lines.push(`kehittamo_projection_inline{projection="${s.name}"} ${s.mode === 'inline' ? 1 : 0}`);
    lines.push('# HELP kehittamo_projection_rebuild_events Events applied by a rebuild in progress, and its total.', '# TYPE kehittamo_projection_rebuild_events gauge');
    for (const s of status) if (s.rebuild) lines.push(`kehittamo_projection_rebuild_events{projection="${s.name}",of="done"} ${s.rebuild.done}`, `kehittamo_projection_rebuild_events{projection="${s.name}",of="total"} ${s.rebuild.total}`);
    return lines.join('\n') + '\n';
  }
}
