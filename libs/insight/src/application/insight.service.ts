// Units, incentive rules and unit activity: written as events, read by folding events (now or as of a moment).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EVENT_STORE, PostgresEventStore, START, WrongExpectedVersionError, type EventMetadata, type EventStore, type RecordedEvent, storeBeneath } from '#event-store';
import { ideaKey } from '#ideas';
import { newId, ProblemException, type FieldError } from '#platform';
import { computeActivity, finnishDay, periodsBetween, type ActivityEvent, type HeadcountEntry, type PeriodKind, type RulesVersion, type UnitActivity } from '../domain/activity.js';
import { rulesStreamId, unitsStreamId, type IncentiveRules, type IncentiveRulesPublished, type UnitHeadcountSet } from '../domain/insight.events.js';
import { parseUnitsCsv, type UnitRow } from '../domain/units-import.js';

/** Idea streams per round trip when reading an organisation's activity. */
const STREAM_BATCH = 5_000;
/** No answer spans more periods than this (ten years of months). */
export const MAX_PERIODS = 120;

const PARTICIPANT_SQL = `CASE type WHEN 'IdeaSubmitted' THEN data->>'submitter' WHEN 'IdeaCommented' THEN data->>'author' WHEN 'IdeaSupported' THEN data->>'supporter' END`;

interface ActivityRow {
  stream_id: string;
  type: string;
  occurred_at: string | null;
  recorded_at: Date;
  unit: string | null;
  participant: string | null;
}

const upTo = (events: RecordedEvent[], asOf?: Date) => (asOf ? events.filter((e) => Date.parse(e.recordedAt) <= asOf.getTime()) : events);

export interface ImportUnitsResult {
  organisation: string;
  rows: number;
  /** Headcounts recorded now (UnitHeadcountSet events). */
  changed: number;
  /** Rows that repeated what was already recorded: no event. */
  unchanged: number;
}

export interface ActivityRequest {
  organisation: string;
  unit?: string;
  kind: PeriodKind;
  from?: string;
  to?: string;
  rules?: number;
  asOf?: Date;
}

export interface ActivityAnswer {
  organisation: string;
  period: PeriodKind;
  from: string;
  to: string;
  asOf: string | null;
  /** The rules the `points` figures follow; null when no rules were published (by asOf). */
  rules: { version: number; name: string | null; publishedAt: string } | null;
  /** Every published version: `pointsByRules` holds a figure for each. */
  rulesVersions: { version: number; name: string | null; publishedAt: string }[];
  units: Array<Omit<UnitActivity, 'periods'> & { periods: Array<UnitActivity['periods'][number] & { points: number | null }> }>;
}

@Injectable()
export class InsightService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Every headcount recorded for the organisation (up to asOf), oldest first. */
  async headcounts(organisation: string, asOf?: Date): Promise<HeadcountEntry[]> {
    const events = upTo(await this.store.readStream(unitsStreamId(organisation)), asOf);
    return events
      .filter((e) => e.type === 'UnitHeadcountSet')
      .map((e) => {
        const d = (e as unknown as UnitHeadcountSet).data;
        return { unit: d.unit, headcount: d.headcount, validFrom: d.validFrom, ...(d.name ? { name: d.name } : {}), recordedAt: e.recordedAt };
      });
  }

  /** Every published version of the rules (up to asOf), oldest first. */
  async rules(organisation: string, asOf?: Date): Promise<RulesVersion[]> {
    const events = upTo(await this.store.readStream(rulesStreamId(organisation)), asOf);
    return events
      .filter((e) => e.type === 'IncentiveRulesPublished')
      .map((e) => {
        const { organisation: _o, ...rules } = (e as unknown as IncentiveRulesPublished).data;
        return { ...rules, publishedAt: e.recordedAt };
      });
  }

  /**
   * Records the headcounts of a CSV as UnitHeadcountSet events, all or nothing: a file with any bad
   * cell writes nothing and every bad cell is reported. Rows equal to what is in force for that unit
   * and day already write nothing, so importing the same file twice changes nothing.
   */
  async importUnits(organisation: string, csv: string, metadata: EventMetadata): Promise<ImportUnitsResult> {
    const parsed = parseUnitsCsv(csv);
    if (parsed.errors.length) throw ProblemException.of(400, 'units-csv-invalid', `${parsed.errors.length} problem(s) in the CSV; nothing was imported.`, { errors: parsed.errors });
    for (let attempt = 0; ; attempt++) {
      const existing = await this.store.readStream(unitsStreamId(organisation));
      const current = new Map<string, UnitHeadcountSet['data']>();
      for (const event of existing) {
        if (event.type !== 'UnitHeadcountSet') continue;
        const d = (event as unknown as UnitHeadcountSet).data;
        current.set(`${d.unit}\u0000${d.validFrom}`, d);
      }
      const changes = parsed.rows.filter((row: UnitRow) => {
        const before = current.get(`${row.unit}\u0000${row.validFrom}`);
        return !before || before.headcount !== row.headcount || (row.name !== undefined && before.name !== row.name);
      });
      if (changes.length > 0) {
        try {
          await this.store.append(
            unitsStreamId(organisation),
            changes.map((row) => ({
              eventId: newId(),
              type: 'UnitHeadcountSet',
              data: { organisation, unit: row.unit, ...(row.name ? { name: row.name } : {}), headcount: row.headcount, validFrom: row.validFrom } satisfies UnitHeadcountSet['data'],
              metadata,
            })),
            existing.length > 0 ? existing[existing.length - 1].streamVersion : 0,
          );
        } catch (error) {
          // Two imports at once: read again and apply this one on top.
          if (error instanceof WrongExpectedVersionError && attempt < 3) continue;
          throw error;
        }
      }
      return { organisation, rows: parsed.rows.length, changed: changes.length, unchanged: parsed.rows.length - changes.length };
    }
  }

  /** Publishes a new version of the organisation's incentive rules (the next number). */
  async publishRules(organisation: string, rules: IncentiveRules, metadata: EventMetadata): Promise<{ version: number; publishedAt: string }> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.store.readStream(rulesStreamId(organisation));
      const version = existing.filter((e) => e.type === 'IncentiveRulesPublished').length + 1;
      try {
        await this.store.append(
          rulesStreamId(organisation),
          [{ eventId: newId(), type: 'IncentiveRulesPublished', data: { organisation, version, ...rules } satisfies IncentiveRulesPublished['data'], metadata }],
          existing.length > 0 ? existing[existing.length - 1].streamVersion : 0,
        );
        const [published] = await this.store.readStream(rulesStreamId(organisation), { fromVersion: existing.length + 1 });
        return { version, publishedAt: published?.recordedAt ?? metadata.occurredAt };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < 3) continue;
        throw error;
      }
    }
  }

  /**
   * The organisation's idea events (up to asOf), narrowed to what activity needs. PostgreSQL store:
   * idea streams found through the submissions index, their events read a batch of streams at a time,
   * only the needed columns. Another store: the feed read in order.
   */
  async *activityEvents(organisation: string, asOf?: Date): AsyncGenerator<ActivityEvent[]> {
    const limit = asOf ? asOf.toISOString() : null;
    if (!(storeBeneath(this.store) instanceof PostgresEventStore)) {
      const ideasOfOrg = new Set<string>();
      for (let after = START; ; ) {
        const batch = await this.store.readAll(after, { limit: 5_000 });
        if (batch.length === 0) break;
        after = batch[batch.length - 1].checkpoint;
        const out: ActivityEvent[] = [];
        for (const event of batch) {
          const ideaId = ideaKey(event);
          if (!ideaId || (asOf && Date.parse(event.recordedAt) > asOf.getTime())) continue;
          const data = event.data as Record<string, unknown>;
          if (event.type === 'IdeaSubmitted' && data.organisation === organisation) ideasOfOrg.add(ideaId);
          if (!ideasOfOrg.has(ideaId)) continue;
          const participant = (event.type === 'IdeaSubmitted' ? data.submitter : event.type === 'IdeaCommented' ? data.author : event.type === 'IdeaSupported' ? data.supporter : undefined) as string | undefined;
          out.push({
            ideaId,
            type: event.type,
            occurredAt: event.metadata.occurredAt ?? event.recordedAt,
            ...(event.type === 'IdeaSubmitted' ? { unit: data.unit as string } : {}),
            ...(participant ? { participant } : {}),
          });
        }
        if (out.length) yield out;
      }
      return;
    }
    let after = '';
    for (;;) {
      const streams: { stream_id: string }[] = await this.db.query(
        `SELECT stream_id FROM events
         WHERE type = 'IdeaSubmitted' AND (data->>'organisation') = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2) AND stream_id > $3
         ORDER BY stream_id LIMIT $4`,
        [organisation, limit, after, STREAM_BATCH],
      );
      if (streams.length === 0) return;
      after = streams[streams.length - 1].stream_id;
      const rows: ActivityRow[] = await this.db.query(
        `SELECT stream_id, type, metadata->>'occurredAt' AS occurred_at, recorded_at,
           CASE WHEN type = 'IdeaSubmitted' THEN data->>'unit' END AS unit, ${PARTICIPANT_SQL} AS participant
         FROM events
         WHERE stream_id = ANY($1::text[]) AND ($2::timestamptz IS NULL OR recorded_at <= $2)
         ORDER BY stream_id, stream_version`,
        [streams.map((s) => s.stream_id), limit],
      );
      yield rows.map((row) => ({
        ideaId: row.stream_id.slice('idea-'.length),
        type: row.type,
        occurredAt: row.occurred_at ?? new Date(row.recorded_at).toISOString(),
        ...(row.unit !== null ? { unit: row.unit } : {}),
        ...(row.participant !== null ? { participant: row.participant } : {}),
      }));
      if (streams.length < STREAM_BATCH) return;
    }
  }

  /** Activity per unit and period, folded from the events (as they stood at asOf, when given). */
  async activity(request: ActivityRequest): Promise<ActivityAnswer> {
    const { organisation, asOf } = request;
    const [headcounts, versions] = await Promise.all([this.headcounts(organisation, asOf), this.rules(organisation, asOf)]);
    const describe = (v: RulesVersion) => ({ version: v.version, name: v.name ?? null, publishedAt: v.publishedAt });
    let chosen: RulesVersion | undefined = versions[versions.length - 1];
    if (request.rules !== undefined) {
      chosen = versions.find((v) => v.version === request.rules);
      if (!chosen) {
        const known = versions.map((v) => v.version).join(', ') || 'none';
        throw ProblemException.validation([{ field: 'rules', message: `there is no rules version ${request.rules} for ${organisation}${asOf ? ` as of ${asOf.toISOString()}` : ''} (published: ${known})` }]);
      }
    }
    const events: ActivityEvent[] = [];
    let earliest: string | undefined;
    for await (const batch of this.activityEvents(organisation, asOf)) {
      for (const event of batch) {
        events.push(event);
        if (event.type === 'IdeaSubmitted' && (earliest === undefined || event.occurredAt < earliest)) earliest = event.occurredAt;
      }
    }
    const today = finnishDay(asOf ?? new Date());
    const firstHeadcount = headcounts.reduce<string | undefined>((min, h) => (min === undefined || h.validFrom < min ? h.validFrom : min), undefined);
    const defaultFrom = [earliest ? finnishDay(Date.parse(earliest)) : undefined, firstHeadcount].filter((d): d is string => d !== undefined).sort()[0] ?? today;
    const fromDay = request.from ?? (defaultFrom > today ? today : defaultFrom);
    const toDay = request.to ?? today;
    if (fromDay > toDay) throw ProblemException.validation([{ field: 'from', message: 'from must not be after to' }]);
    const periods = periodsBetween(fromDay, toDay, request.kind).length;
    if (periods > MAX_PERIODS) {
      throw ProblemException.validation([{ field: 'from', message: `the range spans ${periods} ${request.kind}s; ask for at most ${MAX_PERIODS} at a time (a narrower range or a longer period)` }]);
    }
    const units = computeActivity(events, headcounts, versions, { kind: request.kind, fromDay, toDay, ...(request.unit !== undefined ? { unit: request.unit } : {}) });
    return {
      organisation,
      period: request.kind,
      from: fromDay,
      to: toDay,
      asOf: asOf ? asOf.toISOString() : null,
      rules: chosen ? describe(chosen) : null,
      rulesVersions: versions.map(describe),
      units: units.map((u) => ({ ...u, periods: u.periods.map((p) => ({ ...p, points: chosen ? p.pointsByRules[String(chosen.version)] : null })) })),
    };
  }
}

export type { FieldError };
