// What a failure of the database under a request becomes: 503 with Retry-After (try again), never a 500.
import { toProblem } from './problem.js';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('toProblem', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['the server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a connection cut mid-statement', new Error('Connection terminated unexpectedly')],
    ['a pooled client that lost its connection', new Error('Client has encountered a connection error and is not queryable')],
    ['a transaction whose connection died before its next statement', named('QueryRunnerProviderAlreadyReleasedError', 'Database connection provided by a query runner was already released')],
  ])('answers 503 for %s', (_what, error) => {
    const { problem, headers } = toProblem(error);
    expect(problem).toMatchObject({ status: 503, type: 'https://kehittamo.fi/problems/unavailable' });
    expect(headers['Retry-After']).toBe('5');
  });

  it('answers 500 for a failure of our own', () => {
    expect(toProblem(new TypeError('x is undefined')).problem).toMatchObject({ status: 500, type: 'https://kehittamo.fi/problems/internal' });
  });
});
