// Where mail goes: an SMTP server (nodemailer), or, without one, files in DATA_DIR/outbox (one .eml per mail).
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  /** The notifier's id of the mail: names the outbox file. */
  id: string;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  language: string;
}

export interface SendOutcome {
  response: string;
}

export class PermanentMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMailError';
  }
}

export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /**
   * For a mail whose earlier attempt ended without a recorded outcome (its sender stopped): true when it is
   * known to have been delivered. The outbox can tell (the file is there or not); an SMTP server cannot be asked.
   */
  delivered(mail: OutgoingMail): Promise<boolean | 'unknown'>;
  close(): void;
}

const message = (mail: OutgoingMail) => ({
  messageId: mail.messageId,
  from: mail.from,
  to: mail.to,
  subject: mail.subject,
  text: mail.text,
  headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language },
});

export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  /** `timeoutMs` bounds every stage of a send, so a send always ends well within its claim's lease. */
  constructor(url: string, timeoutMs: number) {
    this.transporter = nodemailer.createTransport(url, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as Record<string, unknown>);
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    try {
      const info = await this.transporter.sendMail(message(mail));
      if ((info.rejected ?? []).length > 0) throw new PermanentMailError(`rejected: ${info.response}`);
      return { response: String(info.response ?? '') };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx: the server refuses this mail for good; anything else (4xx, network) is worth another try.
      if (error instanceof PermanentMailError || (code !== undefined && code >= 500 && code < 600)) throw new PermanentMailError((error as Error).message);
      throw error;
    }
  }

  async delivered(): Promise<'unknown'> {
    return 'unknown';
  }

  close(): void {
    this.transporter.close();
  }
}

/** Writes each mail to <dir>/<id>.eml: written to a temporary name, synced, then renamed, so a file is whole or absent. */
export class OutboxTransport implements MailTransport {
  readonly kind = 'outbox' as const;
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(readonly dir: string) {}

  file(mail: OutgoingMail): string {
    return join(this.dir, `${mail.id}.eml`);
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    await mkdir(this.dir, { recursive: true });
    const info = await this.composer.sendMail(message(mail));
    const temp = join(this.dir, `.${mail.id}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(info.message as Buffer);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file(mail));
    return { response: `written to ${this.file(mail)}` };
  }

  async delivered(mail: OutgoingMail): Promise<boolean> {
    try {
      await stat(this.file(mail));
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.composer.close();
  }
}
