import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs embedded with defaults when nothing is set', () => {
    const config = loadConfig({}, []);
    expect(config.database).toEqual({ mode: 'embedded' });
    expect(config.port).toBe(3000);
    expect(config.projections).toEqual({ mode: 'run', batchSize: 500, pollMs: 250, consistencyWaitMs: 2000 });
    expect(config.demo).toBe(false);
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, and reads --demo', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/kehittamo' }, ['--demo']);
    expect(config.database).toEqual({ mode: 'postgres', url: 'postgres://u@db:5432/kehittamo' });
    expect(config.demo).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ AUTH_JWKS_URL: 'https://login.example/jwks' }, 'AUTH_ISSUER'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ PSEUDONYM_KEY: 'short' }, 'PSEUDONYM_KEY'],
    [{ PROJECTION_BATCH_SIZE: '0' }, 'PROJECTION_BATCH_SIZE'],
  ])('stops on %j with a message that names %s', (env, variable) => {
    expect(() => loadConfig(env, [])).toThrow(ConfigError);
    expect(() => loadConfig(env, [])).toThrow(new RegExp(variable));
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' }, []);
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('event store choice', () => {
  it('keeps events in PostgreSQL unless told otherwise', () => {
    expect(loadConfig({}, []).eventStore).toEqual({ kind: 'postgres' });
  });

  it('uses KurrentDB with a connection string', () => {
    const env = { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://localhost:2113?tls=false' };
    expect(loadConfig(env, []).eventStore).toEqual({ kind: 'kurrentdb', connectionString: 'kurrentdb://localhost:2113?tls=false' });
  });

  it.each([
    [{ EVENT_STORE: 'mongodb' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_CONNECTION_STRING'],
    [{ EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'http://x' }, 'KURRENTDB_CONNECTION_STRING'],
  ])('stops on %j naming %s', (env, variable) => {
    expect(() => loadConfig(env, [])).toThrow(new RegExp(variable));
  });
});
