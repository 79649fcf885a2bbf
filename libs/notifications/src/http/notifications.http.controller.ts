import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { EVENT_STORE, formatToken, type EventStore } from '#event-store';
import { Authorize, APP_CONFIG, CLOCK, commandMetadata, CurrentActor, ProblemException, PSEUDONYMIZER, requestId, type Actor, type AppConfig, type Clock, type Pseudonymizer } from '#platform';
import { decideAndWait, ProjectionRunner, waitForToken } from '#projections';
import { DEFAULT_PREFERENCES, NOTIFICATION_LANGUAGES, preferencesDecider, preferencesStreamId, type NotificationKind, type NotificationLanguage, type PreferencesEvent } from '../domain/preferences.js';
import { render, type NotificationParams } from '../domain/templates.js';
import { usableAddress } from '../read-models/notification.projection.js';
import { ListNotificationsQueryDto, NotificationPreferencesDto } from './notification.dto.js';

const notFound = () => ProblemException.of(404, 'notification-not-found', 'There is no such notification of yours.');
const anyUuid = new ParseUUIDPipe({ exceptionFactory: notFound });

interface FeedRow {
  id: string;
  /** The row's sequence number as text: the next page's cursor. */
  cursor: string;
  kind: NotificationKind;
  params: NotificationParams;
  occurred_at: Date;
  read_at: Date | null;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/me')
export class NotificationsController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  /** Without an SMTP server, mail is shown in the app as well (and written to the outbox directory). */
  private visible(alias = ''): string {
    const p = alias ? `${alias}.` : '';
    return this.config.notifications.smtpUrl ? `${p}in_app` : `(${p}in_app OR ${p}email_mode <> 'none')`;
  }

  private async language(person: string): Promise<NotificationLanguage> {
    const [row] = await this.db.query('SELECT language FROM notification_people WHERE person = $1', [person]);
    return (NOTIFICATION_LANGUAGES as readonly string[]).includes(row?.language) ? row.language : DEFAULT_PREFERENCES.language;
  }

  private async unread(person: string): Promise<number> {
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM notifications WHERE recipient = $1 AND read_at IS NULL AND ${this.visible()}`, [person]);
    return count;
  }

  @Authorize('notifications.preferences')
  @Get('notification-preferences')
  @ApiOperation({ summary: 'My notification preferences (defaults until I set them)' })
  async preferences(@CurrentActor() actor: Actor) {
    const person = this.pseudonyms.of(actor);
    const events = await this.store.readStream(preferencesStreamId(person));
    const last = events[events.length - 1];
    if (!last) return { ...DEFAULT_PREFERENCES, email: null, set: false, version: 0 };
    const { channels, email, frequency, language, kinds } = (last.data as PreferencesEvent['data']);
    return { channels, email: usableAddress(email), frequency, language, kinds, set: true, version: last.streamVersion };
  }

  @Authorize('notifications.set-preferences')
  @Put('notification-preferences')
  @ApiOperation({ summary: 'Set my notification preferences: channels, e-mail address, frequency, language, kinds' })
  async setPreferences(@CurrentActor() actor: Actor, @Body() dto: NotificationPreferencesDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const person = this.pseudonyms.of(actor);
    const written = await decideAndWait(this.store, this.projections, this.config.projections.consistencyWaitMs, preferencesDecider, {
      what: 'notification preferences',
      // Who is told what, and the person's data export, read the preferences from the notifier's tables.
      reads: ['notifications'],
      streamId: preferencesStreamId(person),
      command: {
        type: 'SetNotificationPreferences',
        person,
        organisation: actor.organisation,
        roles: actor.roles,
        preferences: { channels: dto.channels, ...(dto.email ? { email: dto.email } : {}), frequency: dto.frequency, language: dto.language, kinds: dto.kinds },
      },
      metadata: commandMetadata(actor, person, this.clock.now(), requestId(req)),
    });
    res.setHeader('ETag', `"${written.version}"`);
    res.setHeader('X-Consistency-Token', formatToken(written.checkpoint));
    return { channels: dto.channels, email: dto.email ?? null, frequency: dto.frequency, language: dto.language, kinds: dto.kinds, set: true, version: written.version };
  }

  @Authorize('notifications.list')
  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first (cursor pagination), with the unread count' })
  async list(@CurrentActor() actor: Actor, @Query() query: ListNotificationsQueryDto, @Req() req: Request) {
    await waitForToken(this.projections, req, ['notifications']);
    const person = this.pseudonyms.of(actor);
    const limit = query.limit ?? 20;
    if (query.cursor !== undefined && !/^\d{1,18}$/.test(query.cursor)) {
      throw ProblemException.validation([{ field: 'cursor', message: 'cursor is not one this API gave out' }]);
    }
    const rows: FeedRow[] = await this.db.query(
      `SELECT n.id, n.seq::text AS cursor, n.kind, n.params, n.occurred_at, n.read_at FROM notifications n
       WHERE n.recipient = $1 AND ${this.visible('n')} AND ($2::bigint IS NULL OR n.seq < $2::bigint) AND (NOT $3 OR n.read_at IS NULL)
       ORDER BY n.seq DESC LIMIT $4`,
      [person, query.cursor ?? null, query.unread ?? false, limit + 1],
    );
    const language = await this.language(person);
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => {
        const text = render(row.kind, row.params, language);
        return { id: row.id, kind: row.kind, at: new Date(row.occurred_at).toISOString(), read: row.read_at !== null, subject: text.subject, text: text.text, link: text.link };
      }),
      unread: await this.unread(person),
      nextCursor: rows.length > limit ? page[page.length - 1].cursor : null,
    };
  }

  @Authorize('notifications.read-all')
  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications as read' })
  async readAll(@CurrentActor() actor: Actor) {
    const person = this.pseudonyms.of(actor);
    const [, marked] = await this.db.query(`UPDATE notifications SET read_at = now() WHERE recipient = $1 AND read_at IS NULL AND ${this.visible()}`, [person]);
    return { marked: Number(marked ?? 0), unread: await this.unread(person) };
  }

  @Authorize('notifications.read')
  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of my notifications as read' })
  async read(@CurrentActor() actor: Actor, @Param('id', anyUuid) id: string) {
    const person = this.pseudonyms.of(actor);
    // An UPDATE answers [rows, count].
    const [updated]: [{ id: string }[], number] = await this.db.query(
      `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient = $2 AND ${this.visible()} RETURNING id`,
      [id, person],
    );
    // Someone else's notification is "not found" too: ids never tell whether they exist.
    if (updated.length === 0) throw notFound();
    return { id, read: true, unread: await this.unread(person) };
  }
}
