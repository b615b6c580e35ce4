// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

const valid = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/mdm',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'a'.repeat(32),
  DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ ...valid, PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.REDIS_PREFIX).toBe('mdm');
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
  });

  it('names every missing variable at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ REDIS_URL: valid.REDIS_URL });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.problems.join('\n');
    expect(text).toContain('DATABASE_URL is required');
    expect(text).toContain('JWT_SECRET is required');
    expect(text).toContain('DATA_ENCRYPTION_KEY is required');
    expect(text).not.toContain('REDIS_URL');
  });

  it('rejects malformed values by name without echoing secrets', () => {
    expect(() => loadConfig({ ...valid, PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    let message = '';
    try {
      loadConfig({ ...valid, JWT_SECRET: 'short-secret-value' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).not.toContain('short-secret-value');
  });

  it('treats an empty variable as unset', () => {
    expect(() => loadConfig({ ...valid, JWT_SECRET: '' })).toThrow(/JWT_SECRET is required/);
  });
});
