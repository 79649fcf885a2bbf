import { JsonLogger, requestContext } from './logging.js';

describe('JSON logs', () => {
  it('writes one JSON object a line with level, context and the request id', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('info', (line) => lines.push(line));
    requestContext.run({ requestId: 'req-1' }, () => logger.log('Idea submitted', 'Ideas'));
    logger.debug('hidden below info', 'Ideas');
    logger.error('boom', 'Error: boom\n    at x', 'Problem');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', context: 'Ideas', requestId: 'req-1', msg: 'Idea submitted' });
    expect(JSON.parse(lines[1])).toMatchObject({ level: 'error', context: 'Problem', msg: 'boom', stack: 'Error: boom\n    at x' });
    expect(JSON.parse(lines[1])).not.toHaveProperty('requestId');
  });

  it('merges structured messages into the line', () => {
    const lines: string[] = [];
    new JsonLogger('debug', (line) => lines.push(line)).debug({ msg: 'request', status: 201, ms: 3.2 }, 'Http');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'debug', msg: 'request', status: 201, ms: 3.2, context: 'Http' });
  });
});
