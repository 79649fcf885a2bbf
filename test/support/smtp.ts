// A real SMTP server for the tests (the smtp-server package): records every mail it accepts (answers 250 to),
// and can hold its answer to a chosen mail, so a test can stop the sender while that mail is unanswered.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  /** The body as text (quoted-printable decoded). */
  text: string;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  received: ReceivedMail[];
  /** Holds the answer to the n-th mail to arrive from now on (1 = the next); resolves when it has arrived. */
  holdNth(n: number): Promise<ReceivedMail>;
  /** True once the sender of the held mail has hung up. */
  heldSenderGone(): boolean;
  /** Answers the held mail: it counts as received only if its sender is still connected to hear the 250. */
  release(): boolean;
  close(): Promise<void>;
}

const header = (raw: string, name: string): string => {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
};

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) back to text. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
  );
}

function bodyText(raw: string): string {
  const [, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (!/quoted-printable/i.test(header(raw, 'Content-Transfer-Encoding'))) return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const closed = new Set<string>();
  let holdAt: number | undefined;
  let arrivals = 0;
  let heldArrived: ((mail: ReceivedMail) => void) | undefined;
  let held: { mail: ReceivedMail; session: SMTPServerSession; answer: (error?: Error) => void } | undefined;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          messageId: header(raw, 'Message-ID'),
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: decodeHeader(header(raw, 'Subject')),
          text: bodyText(raw),
          raw,
        };
        arrivals++;
        if (holdAt !== undefined && arrivals === holdAt) {
          held = { mail, session, answer: callback };
          heldArrived?.(mail);
          return;
        }
        received.push(mail);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    holdNth(n) {
      holdAt = arrivals + n;
      return new Promise((resolve) => (heldArrived = resolve));
    },
    heldSenderGone: () => held !== undefined && closed.has(held.session.id),
    release() {
      if (!held) return false;
      const { mail, session, answer } = held;
      held = undefined;
      holdAt = undefined;
      const heard = !closed.has(session.id);
      if (heard) received.push(mail);
      answer(heard ? undefined : new Error('the client went away'));
      return heard;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
