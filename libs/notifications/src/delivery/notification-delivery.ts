// Sends the outbox, never from a request: a loop that gathers due daily digests, claims mail for a lease,
// sends it and records the server's answer.
//
// The guarantee (docs/notifications.md):
//  - nothing is lost: a mail row is only ever left as `sent`, `failed` (permanent refusal, or out of attempts;
//    visible in the table) or `dropped` (the person turned e-mail off meanwhile). A claim whose sender died
//    expires after the lease and the mail is taken over by the next sender;
//  - nothing is repeated, except in one window: the server has answered 250 to the DATA of a mail but the
//    sender stopped before it committed `sent` (milliseconds). That mail is sent again after the lease, with the
//    same Message-ID, so the receiving system can recognise it as the same message. The local outbox has no
//    such window: a taken-over mail whose file exists is marked sent without writing it again.
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { nameBasedId, newId, systemClock, type AppConfig, type Clock } from '#platform';
import { lockKey } from '#projections';
import { NOTIFICATION_LANGUAGES, type NotificationKind, type NotificationLanguage } from '../domain/preferences.js';
import { renderDigest, renderMail, type NotificationParams } from '../domain/templates.js';
import { finnishDay, usableAddress } from '../read-models/notification.projection.js';
import { OutboxTransport, PermanentMailError, SmtpTransport, type MailTransport, type OutgoingMail } from './mail-transport.js';

export interface DeliveryReport {
  digests: number;
  sent: number;
  failed: number;
  dropped: number;
  retried: number;
}

interface ClaimedMail {
  id: string;
  message_id: string;
  recipient: string;
  kind: 'single' | 'digest';
  notification_ids: string[];
  digest_day: string | null;
  attempts: number;
  /** The state before this claim: `claimed` means an earlier sender took it and never recorded an outcome. */
  previous: string;
}

/** The address part of "Name <address>". */
const domainOf = (from: string): string => /@([^\s<>@]+?)>?$/.exec(from.trim())?.[1] ?? 'kehittamo.invalid';

export function outboxDir(config: AppConfig): string {
  return join(config.dataDir, 'outbox');
}

/** A server's answer or error with the recipient's address taken out: the mail records keep no address. */
export function withoutAddress(text: string | undefined, address: string): string | undefined {
  if (text === undefined || address.length === 0) return text;
  return text.split(new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi')).join('<recipient>');
}

/**
 * After a person's erasure: their mail records keep no server answer or error (which may quote the address),
 * and their mail written to the local outbox is removed. Mail still waiting is dropped when it is claimed,
 * since the rebuilt read model holds no address any more.
 */
export async function forgetMailOf(db: Pick<DataSource, 'query'>, outbox: string, person: string): Promise<number> {
  const [rows]: [{ id: string }[], number] = await db.query(
    `UPDATE notification_mails SET address = NULL, response = NULL, last_error = NULL WHERE recipient = $1 RETURNING id`,
    [person],
  );
  for (const { id } of rows) await rm(join(outbox, `${id}.eml`), { force: true });
  return rows.length;
}

export function transportFor(config: AppConfig): MailTransport {
  const { smtpUrl, leaseMs } = config.notifications;
  return smtpUrl ? new SmtpTransport(smtpUrl, Math.max(500, Math.floor(leaseMs / 4))) : new OutboxTransport(outboxDir(config));
}

/** The last Finnish day whose digests are due at `now`: yesterday once the digest hour has passed, else the day before. */
export function lastDueDay(now: Date, digestHour: number): string {
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(now));
  const back = hour >= digestHour ? 1 : 2;
  const today = finnishDay(now);
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

export class NotificationDelivery {
  private readonly logger = new Logger('Notifications');
  readonly worker = `${hostname()}:${process.pid}:${newId().slice(0, 8)}`;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    readonly transport: MailTransport = transportFor(config),
    private readonly clock: Clock = systemClock,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the mail in flight, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.transport.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let busy = false;
      try {
        const report = await this.runOnce({ stopping: () => !this.running });
        busy = report.sent + report.failed + report.dropped + report.retried + report.digests > 0;
        failures = 0;
      } catch (error) {
        failures++;
        this.logger.error(`delivery round failed (attempt ${failures}), will retry: ${(error as Error).message}`);
      }
      if (busy || !this.running) continue;
      const delay = failures > 0 ? Math.min(30_000, this.config.notifications.pollMs * 2 ** failures) : this.config.notifications.pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** One round: plan due digests, then claim and send a batch. */
  async runOnce(options: { batch?: number; stopping?: () => boolean } = {}): Promise<DeliveryReport> {
    const report: DeliveryReport = { digests: await this.planDigests(this.clock.now()), sent: 0, failed: 0, dropped: 0, retried: 0 };
    const claimed = await this.claim(options.batch ?? 10);
    for (const [index, mail] of claimed.entries()) {
      if (options.stopping?.()) {
        // Give back what is not started yet, so the next sender need not wait for the lease.
        await this.db.query(`UPDATE notification_mails SET state = 'pending', claimed_by = NULL, claimed_until = NULL, attempts = attempts - 1 WHERE id = ANY($1) AND claimed_by = $2 AND state = 'claimed'`, [
          claimed.slice(index).map((m) => m.id),
          this.worker,
        ]);
        break;
      }
      const outcome = await this.deliverOne(mail);
      if (outcome !== 'lost') report[outcome]++;
    }
    return report;
  }

  /**
   * Gathers each person's due digest notifications (all of one Finnish day) into one mail. The mail's id comes
   * from its contents, so two planners racing write the same row once.
   */
  async planDigests(now: Date): Promise<number> {
    const due = lastDueDay(now, this.config.notifications.digestHour);
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [lockKey('notification-digests')]);
      const groups: { recipient: string; day: string; ids: string[] }[] = await tx.query(
        `SELECT recipient, to_char(digest_day, 'YYYY-MM-DD') AS day, array_agg(id ORDER BY seq) AS ids
         FROM notifications WHERE email_mode = 'digest' AND mail_id IS NULL AND digest_day <= $1::date
         GROUP BY recipient, digest_day ORDER BY digest_day, recipient`,
        [due],
      );
      for (const group of groups) {
        const id = nameBasedId(`digest:${group.recipient}:${group.day}:${group.ids.join(',')}`);
        await tx.query(`INSERT INTO notification_mails (id, recipient, kind, notification_ids, digest_day) VALUES ($1, $2, 'digest', $3, $4) ON CONFLICT (id) DO NOTHING`, [
          id,
          group.recipient,
          group.ids,
          group.day,
        ]);
        await tx.query('UPDATE notifications SET mail_id = $2 WHERE id = ANY($1)', [group.ids, id]);
      }
      return groups.length;
    });
  }

  /** Claims due mail for this sender for one lease, committed before anything is sent. */
  private async claim(limit: number): Promise<ClaimedMail[]> {
    const domain = domainOf(this.config.notifications.from);
    // An UPDATE answers [rows, count].
    const [rows]: [ClaimedMail[], number] = await this.db.query(
      `WITH picked AS (
         SELECT id, state AS previous FROM notification_mails
         WHERE (state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
            OR (state = 'claimed' AND claimed_until < now())
         ORDER BY created_at, id
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE notification_mails m
       SET state = 'claimed', claimed_by = $2, claimed_until = now() + make_interval(secs => $3::float8 / 1000), attempts = m.attempts + 1,
           message_id = coalesce(m.message_id, '<' || m.id || '@' || $4 || '>')
       FROM picked WHERE m.id = picked.id
       RETURNING m.id, m.message_id, m.recipient, m.kind, m.notification_ids, to_char(m.digest_day, 'YYYY-MM-DD') AS digest_day, m.attempts, picked.previous`,
      [limit, this.worker, this.config.notifications.leaseMs, domain],
    );
    return rows;
  }

  private async deliverOne(mail: ClaimedMail): Promise<'sent' | 'failed' | 'dropped' | 'retried' | 'lost'> {
    // The claim covers the whole batch: renew it for this mail, and leave the mail if another sender took it over.
    const [renewed]: [unknown[], number] = await this.db.query(
      `UPDATE notification_mails SET claimed_until = now() + make_interval(secs => $3::float8 / 1000)
       WHERE id = $1 AND claimed_by = $2 AND state = 'claimed' RETURNING id`,
      [mail.id, this.worker, this.config.notifications.leaseMs],
    );
    if (renewed.length === 0) return 'lost';
    const [person]: { email: string | null; channels: string[]; language: string }[] = await this.db.query(
      'SELECT email, channels, language FROM notification_people WHERE person = $1',
      [mail.recipient],
    );
    const address = usableAddress(person?.email);
    if (!person || !address || !person.channels.includes('email')) {
      await this.finish(mail, 'dropped', { error: 'the person no longer gets e-mail' });
      return 'dropped';
    }
    const language = (NOTIFICATION_LANGUAGES as readonly string[]).includes(person.language) ? (person.language as NotificationLanguage) : 'fi';
    const items: { kind: NotificationKind; params: NotificationParams }[] = await this.db.query(
      'SELECT kind, params FROM notifications WHERE id = ANY($1) ORDER BY seq',
      [mail.notification_ids],
    );
    const { publicUrl, from } = this.config.notifications;
    const content =
      mail.kind === 'digest' ? renderDigest(items, mail.digest_day ?? '', language, publicUrl) : renderMail(items[0].kind, items[0].params, language, publicUrl);
    const outgoing: OutgoingMail = { id: mail.id, messageId: mail.message_id, from, to: address, subject: content.subject, text: content.text, language };
    if (mail.previous === 'claimed') {
      // Taken over from a sender that stopped after claiming: maybe sent, maybe not.
      const known = await this.transport.delivered(outgoing);
      if (known === true) {
        await this.finish(mail, 'sent', { address, response: 'found delivered after the earlier sender stopped' });
        return 'sent';
      }
      if (known === 'unknown') this.logger.warn(`mail ${mail.message_id} is sent again: its earlier sender stopped without recording the outcome`);
    }
    try {
      const outcome = await this.transport.send(outgoing);
      await this.finish(mail, 'sent', { address, response: outcome.response });
      return 'sent';
    } catch (error) {
      const reason = withoutAddress((error as Error).message, address)!.slice(0, 1000);
      if (error instanceof PermanentMailError || mail.attempts >= this.config.notifications.maxAttempts) {
        this.logger.error(`mail ${mail.message_id} failed for good: ${reason}`);
        await this.finish(mail, 'failed', { address, error: reason });
        return 'failed';
      }
      const backoffMs = Math.min(3_600_000, 1_000 * 2 ** mail.attempts);
      await this.db.query(
        `UPDATE notification_mails SET state = 'pending', claimed_by = NULL, claimed_until = NULL, last_error = $2,
           next_attempt_at = now() + make_interval(secs => $3::float8 / 1000) WHERE id = $1`,
        [mail.id, reason, backoffMs],
      );
      return 'retried';
    }
  }

  /**
   * The address itself is never recorded (it is personal data, and the read model it came from is erasable):
   * only that the mail went, with the server's answer stripped of it.
   */
  private async finish(mail: ClaimedMail, state: 'sent' | 'failed' | 'dropped', details: { address?: string; response?: string; error?: string }): Promise<void> {
    const address = details.address ?? '';
    await this.db.query(
      `UPDATE notification_mails SET state = $2, address = NULL, response = $3, last_error = $4, transport = $5,
         sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END, claimed_until = NULL WHERE id = $1`,
      [mail.id, state, withoutAddress(details.response, address) ?? null, withoutAddress(details.error, address) ?? null, this.transport.kind],
    );
  }
}
