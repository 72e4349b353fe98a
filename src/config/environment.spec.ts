import { ConfigurationError, loadEnvironment } from './environment';

const SECRET = 'a'.repeat(32);

function rejection(raw: Record<string, string>): string {
  try {
    loadEnvironment(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}

describe('loadEnvironment', () => {
  it('fills in the defaults from an empty environment', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({
      APP_ROLE: 'all',
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: '.data',
      DB_POOL_SIZE: 10,
      JWT_TTL_SECONDS: 12 * 3600,
      LOGIN_MAX_CONSECUTIVE_FAILURES: 10,
      LOGIN_BLOCK_SECONDS: 3600,
      LOGIN_MAX_DAILY_FAILURES_PER_ADDRESS: 100,
      LOG_LEVEL: 'info',
      QUEUE_PREFIX: 'proxima',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.ADMIN_EMAIL).toBeUndefined();
  });

  it('reads and converts the values given', () => {
    const env = loadEnvironment({
      APP_ROLE: 'worker',
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db:5432/proxima',
      REDIS_URL: 'rediss://cache:6380',
      JWT_SECRET: SECRET,
      JWT_TTL_SECONDS: '3600',
      ADMIN_EMAIL: 'admin@proxima.example',
      ADMIN_PASSWORD: 'long enough password',
      SEED_DEMO: 'yes',
      LOGIN_MAX_CONSECUTIVE_FAILURES: '5',
    });
    expect(env).toMatchObject({
      APP_ROLE: 'worker',
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@db:5432/proxima',
      REDIS_URL: 'rediss://cache:6380',
      JWT_SECRET: SECRET,
      JWT_TTL_SECONDS: 3600,
      ADMIN_EMAIL: 'admin@proxima.example',
      SEED_DEMO: true,
      LOGIN_MAX_CONSECUTIVE_FAILURES: 5,
    });
  });

  it('treats blank optional values as unset', () => {
    const env = loadEnvironment({ DATABASE_URL: '', REDIS_URL: '', JWT_SECRET: '', PORT: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it.each([
    [{ APP_ROLE: 'web' }, 'APP_ROLE'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '-1' }, 'PORT'],
    [{ PORT: '80.5' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://db/proxima' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'localhost:5432' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'a'.repeat(31) }, 'JWT_SECRET'],
    [{ JWT_TTL_SECONDS: '10' }, 'JWT_TTL_SECONDS'],
    [{ DB_POOL_SIZE: '0' }, 'DB_POOL_SIZE'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ QUEUE_PREFIX: 'has:colon' }, 'QUEUE_PREFIX'],
    [{ ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'long enough password' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'admin@proxima.example', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
  ])('stops on %j with a message naming %s', (raw, variable) => {
    const message = rejection(raw);
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain(variable);
  });

  it('names only the wrong variable, once, with every reason', () => {
    const message = rejection({ PORT: 'eighty', JWT_SECRET: SECRET });
    expect(message.match(/PORT/g)).toHaveLength(1);
    expect(message).toMatch(/^Invalid configuration: PORT /);
    for (const reason of [
      'must be an integer number',
      'must not be less than 0',
      'must not be greater than 65535',
    ]) {
      expect(message).toContain(reason);
    }
  });

  it('rejects ADMIN_EMAIL without ADMIN_PASSWORD and the reverse', () => {
    expect(rejection({ ADMIN_EMAIL: 'admin@proxima.example' })).toContain('ADMIN_EMAIL and ADMIN_PASSWORD');
    expect(rejection({ ADMIN_PASSWORD: 'long enough password' })).toContain('ADMIN_EMAIL and ADMIN_PASSWORD');
  });
});
