// Builds the HTTP application on a runtime: security headers, CORS, body limits, problem details, validation, OpenAPI.
// Write rate limits and the per-organisation origin check are global guards (app.module.ts).
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { expressProblemHandler, JsonLogger, inputProblem, problemValidationPipe, ProblemException, requestContext, requestId } from '#platform';
import { AppModule } from './app.module.js';
import { answerClientErrors } from './client-errors.js';
import { loggablePath } from './people/loggable-path.js';
import type { Runtime } from './runtime.js';
import { enableCorsAllowList } from './cors.js';
import { useSecurityHeaders } from './security-headers.js';
import { mountWeb, webRoot } from './web.js';

export async function createHttpApp(runtime: Runtime, options: { logger?: false | undefined } = {}): Promise<NestExpressApplication> {
  const levels = { debug: ['error', 'warn', 'log', 'debug'], info: ['error', 'warn', 'log'], warn: ['error', 'warn'], error: ['error'] } as const;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(runtime), {
    bodyParser: false,
    logger: options.logger === false ? false : runtime.config.logFormat === 'json' ? new JsonLogger(runtime.config.logLevel) : [...levels[runtime.config.logLevel]],
  });
  const logger = new Logger('Http');
  answerClientErrors(app.getHttpServer());
  app.disable('x-powered-by');
  // The client address (rate limits, logs) is the socket's, or what the trusted proxies say it is.
  app.set('trust proxy', runtime.config.trustProxy);
  // Every request gets a correlation id (the caller's X-Request-Id, or a new one): in logs, events and the answer.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const id = requestId(req);
    req.headers['x-request-id'] = id;
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      if (options.logger === false || runtime.config.logLevel !== 'debug') return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      requestContext.run({ requestId: id }, () => logger.debug({ msg: 'request', method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
    });
    requestContext.run({ requestId: id }, next);
  });
  const web = webRoot();
  const signIn = runtime.config.auth.signIn;
  useSecurityHeaders(app, web ? join(web, 'public') : undefined, signIn.kind === 'oidc' ? new URL(signIn.authority).origin : undefined);
  enableCorsAllowList(app, runtime.config.cors);
  mountWeb(app);
  app.set('query parser', 'simple');
  app.use((req: Request, _res: Response, next: NextFunction) => {
    // JSON is UTF-8 (RFC 8259): other charsets (utf-7, utf-16, …) are refused, not guessed at.
    const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && req.is(['application/json', 'application/*+json'])) {
      return next(ProblemException.of(415, 'unsupported-charset', `Send JSON as UTF-8 (got charset "${charset.slice(0, 40)}").`));
    }
    next();
  });
  app.use(express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] }));
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const inBody = inputProblem(req.body, '');
    if (inBody) return next(ProblemException.validation([{ ...inBody, field: inBody.field || 'body' }]));
    const inQuery = inputProblem(req.query, 'query');
    if (inQuery) return next(ProblemException.validation([inQuery]));
    if (req.path.includes('\u0000')) return next(ProblemException.validation([{ field: 'query', message: 'the address must not contain NUL characters (%00)' }]));
    next();
  });
  app.use(expressProblemHandler(logger));
  app.useGlobalPipes(problemValidationPipe());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Kehittämö API')
      .setDescription('Staff improvement ideas, pilots, development deeds and awards. Errors are RFC 9457 problem details.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
