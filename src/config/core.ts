import { Type } from 'typebox';

/** Settings every process needs. Area settings live beside this file (apple.ts, android.ts, ...). */
export const coreConfig = Type.Object({
  DATABASE_URL: Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL connection string' }),
  DATABASE_PREPARED_STATEMENTS: Type.Boolean({
    default: true,
    description: 'Prepare the hot plain-SQL statements once per connection; false behind a pooler that keeps no prepared statements (PgBouncer before 1.21 in transaction mode)',
  }),
  REDIS_URL: Type.String({ pattern: '^rediss?://', description: 'Redis connection string' }),
  REDIS_PREFIX: Type.String({ default: 'mdm', minLength: 1, description: 'Prefix for every Redis key (BullMQ queues included)' }),
  HOST: Type.String({ default: '0.0.0.0' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  PUBLIC_BASE_URL: Type.String({ default: 'http://localhost:3000', pattern: '^https?://', description: 'URL devices and users reach this server at' }),
  JWT_SECRET: Type.String({ minLength: 32, description: 'HMAC secret for access tokens (at least 32 characters)' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ default: 900, minimum: 60 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ default: 30, minimum: 1 }),
  DATA_ENCRYPTION_KEY: Type.String({
    pattern: '^[A-Za-z0-9+/]{43}=$',
    description: '32-byte key, base64, sealing secrets at rest (TOTP secrets). Generate: openssl rand -base64 32',
  }),
  TOTP_ISSUER: Type.String({ default: 'MDM' }),
  TRUST_PROXY: Type.String({
    default: '',
    pattern: '^(|false|[0-9]{1,2}|[0-9A-Fa-f:.]+(/[0-9]{1,3})?(,[0-9A-Fa-f:.]+(/[0-9]{1,3})?)*)$',
    description: 'Reverse proxies whose X-Forwarded-For is believed: empty (none, the default), a hop count, or comma-separated proxy addresses/CIDRs',
  }),
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 10, minimum: 1, description: 'Sign-in attempts per client address per minute, over all sign-in endpoints together' }),
  LOGIN_ACCOUNT_RATE_LIMIT_PER_HOUR: Type.Integer({ default: 20, minimum: 1, description: 'Sign-in attempts per account (email) per hour, from any address, over all sign-in endpoints together' }),
  LOCKOUT_THRESHOLD: Type.Integer({ default: 5, minimum: 1, description: 'Failed logins before the account locks' }),
  LOCKOUT_BASE_SECONDS: Type.Integer({ default: 60, minimum: 1, description: 'First lockout; doubles with each further failure' }),
  STEP_UP_MAX_AGE_SECONDS: Type.Integer({ default: 300, minimum: 30, description: 'How recent an MFA must be for sensitive actions' }),
  BODY_LIMIT_BYTES: Type.Integer({ default: 1_048_576, minimum: 1024 }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10_000, minimum: 0 }),
  WORKER_CONCURRENCY: Type.Integer({ default: 10, minimum: 1 }),
});
