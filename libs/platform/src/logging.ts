// Structured logs: one JSON object a line, with the request's correlation id when there is one.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService, LogLevel } from '@nestjs/common';

export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

const ORDER: Record<string, number> = { debug: 0, verbose: 0, log: 1, info: 1, warn: 2, error: 3, fatal: 4 };

export class JsonLogger implements LoggerService {
  constructor(
    private readonly minimum: 'debug' | 'info' | 'warn' | 'error' = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {}

  private emit(level: string, message: unknown, rest: unknown[]): void {
    if (ORDER[level] < ORDER[this.minimum]) return;
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: level === 'log' ? 'info' : level,
      ...(context ? { context } : {}),
      ...(requestContext.getStore() ? { requestId: requestContext.getStore()!.requestId } : {}),
    };
    if (message && typeof message === 'object' && !(message instanceof Error)) Object.assign(entry, message);
    else entry.msg = message instanceof Error ? message.message : String(message);
    if (stack) entry.stack = stack;
    this.write(JSON.stringify(entry));
  }

  log(message: unknown, ...rest: unknown[]) {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.emit('fatal', message, rest);
  }
  setLogLevels(_levels: LogLevel[]) {}
}
