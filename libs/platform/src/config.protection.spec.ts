import { ConfigError, loadConfig } from './config.js';

describe('configuration of write limits, trusted proxies and CORS origins', () => {
  it('limits writes by default (60 a minute per user, 600 per address), trusts no proxy and allows no origin', () => {
    const config = loadConfig({}, []);
    expect(config.rateLimit).toEqual({ enabled: true, writesPerMinuteUser: 60, writesPerMinuteAddress: 600 });
    expect(config.trustProxy).toBe(false);
    expect(config.cors).toEqual([]);
  });

  it('reads the limits, RATE_LIMIT=off and the proxies to trust', () => {
    const config = loadConfig({ RATE_LIMIT_WRITES_PER_MINUTE_USER: '5', RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS: '1000000000', TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8' }, []);
    expect(config.rateLimit).toEqual({ enabled: true, writesPerMinuteUser: 5, writesPerMinuteAddress: 1_000_000_000 });
    expect(config.trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
    expect(loadConfig({ RATE_LIMIT: 'off' }, []).rateLimit.enabled).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }, []).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'off' }, []).trustProxy).toBe(false);
  });

  it('reads CORS_ORIGINS as a plain list, per organisation, or both', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://intra.imatra.fi/, http://localhost:8080' }, []).cors).toEqual([
      { origin: 'https://intra.imatra.fi', organisations: [] },
      { origin: 'http://localhost:8080', organisations: [] },
    ]);
    const mixed = loadConfig({ CORS_ORIGINS: 'imatra=https://intranet.imatra.fi|https://X.imatra.fi;lahti=https://intra.lahti.fi,https://shared.fi; https://open.fi;kunteko=https://shared.fi' }, []);
    expect(mixed.cors).toEqual([
      { origin: 'https://intranet.imatra.fi', organisations: ['imatra'] },
      { origin: 'https://x.imatra.fi', organisations: ['imatra'] },
      { origin: 'https://intra.lahti.fi', organisations: ['lahti'] },
      { origin: 'https://shared.fi', organisations: ['kunteko', 'lahti'] },
      { origin: 'https://open.fi', organisations: [] },
    ]);
  });

  it.each([
    [{ RATE_LIMIT: 'maybe' }, 'RATE_LIMIT'],
    [{ RATE_LIMIT_WRITES_PER_MINUTE_USER: '0' }, 'RATE_LIMIT_WRITES_PER_MINUTE_USER'],
    [{ RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS: 'lots' }, 'RATE_LIMIT_WRITES_PER_MINUTE_ADDRESS'],
    [{ TRUST_PROXY: 'on' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '99' }, 'TRUST_PROXY'],
    [{ CORS_ORIGINS: 'intra.imatra.fi' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://intra.imatra.fi/widget' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'Imatra=https://intra.imatra.fi' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'imatra=' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'imatra=ftp://intra.imatra.fi' }, 'CORS_ORIGINS'],
  ])('stops on %j with a message that names %s', (env, variable) => {
    expect(() => loadConfig(env, [])).toThrow(ConfigError);
    expect(() => loadConfig(env, [])).toThrow(new RegExp(variable));
  });
});
