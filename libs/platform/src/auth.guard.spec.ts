// The global guard on its own: fail closed without a policy line, 401 before 403, role before organisation.
import 'reflect-metadata';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import type { ModuleRef } from '@nestjs/core';
import { BearerAuthGuard } from './auth.guard.js';
import { Authorize } from './authorization.js';
import type { PolicyKey } from './access-policy.js';
import { loadConfig } from './config.js';
import { AuthenticationError, loadOrCreateLocalKeys, signLocalToken, TokenVerifier, type Role } from './identity.js';
import { ProblemException } from './problem.js';

class Routes {
  unlabelled() {}
  @Authorize('catalogue.search') search() {}
  @Authorize('ideas.review') review() {}
  @Authorize('ideas.list') list() {}
  @Authorize('awards.score') score() {}
}

describe('BearerAuthGuard', () => {
  let dataDir: string;
  let guard: BearerAuthGuard;
  let sign: (organisation: string, ...roles: Role[]) => Promise<string>;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kehittamo-guard-'));
    const config = loadConfig({ DATA_DIR: dataDir }, []);
    const keys = await loadOrCreateLocalKeys(dataDir);
    // Only the routes above that need no target resolver are used, so no module is asked for one.
    guard = new BearerAuthGuard(new Reflector(), await TokenVerifier.create(config), null as unknown as ModuleRef);
    sign = (organisation, ...roles) => signLocalToken(keys, config.auth, { subject: 'someone', organisation, roles });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const request = (handler: keyof Routes, options: { token?: string; query?: Record<string, unknown> } = {}) => {
    const req = { method: 'GET', path: `/${handler}`, headers: options.token ? { authorization: `Bearer ${options.token}` } : {}, query: options.query ?? {}, body: {}, params: {} };
    const context = new ExecutionContextHost([req, {}, () => undefined], Routes, Routes.prototype[handler] as () => void);
    context.setType('http');
    return guard.canActivate(context);
  };
  const problem = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    if (!(error instanceof ProblemException)) throw new Error(`expected a problem, got ${String(error)}`);
    return error.problem;
  };

  it('refuses a route that names no policy line, with or without a token', async () => {
    expect(await problem(request('unlabelled'))).toMatchObject({ status: 403, type: expect.stringMatching(/no-access-policy$/) });
    expect(await problem(request('unlabelled', { token: await sign('imatra', 'admin') }))).toMatchObject({ status: 403 });
  });

  it('lets anyone through to a public route, but not with a bad token', async () => {
    await expect(request('search')).resolves.toBe(true);
    await expect(request('search', { token: 'not-a-token' })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('needs a token, then a role, then the organisation', async () => {
    await expect(request('review')).rejects.toBeInstanceOf(AuthenticationError);
    expect(await problem(request('review', { token: await sign('imatra', 'employee', 'admin') }))).toMatchObject({
      status: 403,
      code: 'ideas.review.forbidden' satisfies `${PolicyKey}.forbidden`,
      detail: "Only change agents of the idea's organisation may start a review.",
    });
    const employee = await sign('imatra', 'employee');
    await expect(request('list', { token: employee })).resolves.toBe(true);
    await expect(request('list', { token: employee, query: { organisation: 'imatra' } })).resolves.toBe(true);
    expect(await problem(request('list', { token: employee, query: { organisation: 'lahti' } }))).toMatchObject({
      status: 403,
      code: 'ideas.list.other-organisation',
      detail: "Only people of their own organisation and programme admins may list ideas. This is lahti's; you act for imatra.",
    });
    // A malformed organisation names none: the route's validation answers it with a 400.
    await expect(request('list', { token: employee, query: { organisation: 'Not An Organisation' } })).resolves.toBe(true);
    await expect(request('list', { token: await sign('imatra', 'admin'), query: { organisation: 'lahti' } })).resolves.toBe(true);
  });

  it('leaves relationships to the state holder, but not roles', async () => {
    await expect(request('score', { token: await sign('imatra', 'juror') })).resolves.toBe(true);
    expect(await problem(request('score', { token: await sign('imatra', 'jury-chair') }))).toMatchObject({ status: 403 });
  });
});
