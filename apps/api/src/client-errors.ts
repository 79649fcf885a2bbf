// Requests that Node's HTTP parser refuses before the application sees them (headers over the size limit, a
// malformed request line) still get an RFC 9457 answer instead of a bare status line.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, { status: number; title: string; slug: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, title: 'Request Header Fields Too Large', slug: 'headers-too-large', detail: 'The request headers are larger than the server accepts.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, title: 'Request Timeout', slug: 'request-timeout', detail: 'The request did not arrive in time.' },
};
const MALFORMED = { status: 400, title: 'Bad Request', slug: 'malformed-request', detail: 'The request is not well-formed HTTP.' };

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection that is gone, or one already answering, cannot take an answer.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const body = JSON.stringify({ type: `https://kehittamo.fi/problems/${answer.slug}`, title: answer.title, status: answer.status, detail: answer.detail });
    socket.end(
      `HTTP/1.1 ${answer.status} ${answer.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
