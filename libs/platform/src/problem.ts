// RFC 9457 problem details: the one shape every error answer takes.
import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ExceptionFilter,
  type ValidationError,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { DomainError } from './result.js';
import { AuthenticationError } from './identity.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const problemType = (slug: string) => `https://kehittamo.fi/problems/${slug}`;

export class ProblemException extends HttpException {
  constructor(readonly problem: Problem, readonly headers: Record<string, string> = {}) {
    super(problem, problem.status);
  }

  static of(status: number, slug: string, detail: string, extra: Partial<Problem> = {}): ProblemException {
    return new ProblemException({ type: problemType(slug), title: TITLES[status] ?? 'Error', status, detail, ...extra });
  }

  static fromDomain(error: DomainError): ProblemException {
    const status = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409 }[error.kind];
    return ProblemException.of(status, error.code.replace(/\./g, '-'), error.message, { code: error.code });
  }

  static validation(errors: FieldError[]): ProblemException {
    return ProblemException.of(400, 'validation', `${errors.length} field(s) are not valid.`, { errors });
  }
}

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator with our rules: unknown fields are refused, every invalid field is named. */
export function problemValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => ProblemException.validation(flatten(errors)),
  });
}

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.status(problem.status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.type('application/problem+json').send(JSON.stringify(problem));
}

/** Turns every exception into problem details; anything unexpected is logged and answered without internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { problem, headers } = toProblem(exception, this.logger);
    sendProblem(res, { ...problem, instance: req.originalUrl }, headers);
  }
}

export function toProblem(exception: unknown, logger?: Logger): { problem: Problem; headers: Record<string, string> } {
  if (exception instanceof ProblemException) return { problem: exception.problem, headers: exception.headers };
  if (exception instanceof AuthenticationError) {
    return {
      problem: ProblemException.of(401, 'unauthenticated', exception.message).problem,
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const detail = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
    const slug = (TITLES[status] ?? 'error').toLowerCase().replace(/\s+/g, '-');
    return { problem: ProblemException.of(status, slug, detail).problem, headers: {} };
  }
  // Errors raised by body parsing (malformed JSON, too large, bad charset) carry their own 4xx status.
  const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (exception as { type?: string }).type;
    const detail =
      type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : type === 'entity.too.large'
          ? 'The request body is too large.'
          : (exception as Error).message;
    const slug = type === 'entity.parse.failed' ? 'malformed-json' : type === 'entity.too.large' ? 'body-too-large' : 'bad-request';
    return { problem: ProblemException.of(status, slug, detail).problem, headers: {} };
  }
  if ((exception as Error)?.name === 'WrongExpectedVersionError') {
    const detail = 'Many changes reached this item at once and yours could not be saved. Try again.';
    return { problem: ProblemException.of(409, 'concurrent-change', detail).problem, headers: { 'Retry-After': '1' } };
  }
  if (isUnavailable(exception)) {
    return { problem: ProblemException.of(503, 'unavailable', 'The service is temporarily unavailable. Try again shortly.').problem, headers: { 'Retry-After': '5' } };
  }
  logger?.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { problem: ProblemException.of(HttpStatus.INTERNAL_SERVER_ERROR, 'internal', 'Something went wrong on our side.').problem, headers: {} };
}

function isUnavailable(exception: unknown): boolean {
  const code = (exception as { code?: string })?.code;
  const message = (exception as Error)?.message ?? '';
  return (
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === '57P01' || // admin shutdown
    code === '57P03' || // cannot connect now
    code === '08006' ||
    code === '08001' ||
    /Connection terminated|timeout exceeded when trying to connect|encountered a connection error and is not queryable/i.test(message) ||
    // TypeORM, when the connection under a transaction died and it released it before the next statement.
    (exception as Error)?.name === 'QueryRunnerProviderAlreadyReleasedError'
  );
}

/** Express error middleware for failures that happen before Nest's pipeline (body parsing). */
export function expressProblemHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { problem, headers } = toProblem(error, logger);
    sendProblem(res, { ...problem, instance: req.originalUrl }, headers);
  };
}
