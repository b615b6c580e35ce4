import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentRequestId } from './request-context.js';

/**
 * Keys whose values never reach a log line, at any of the depths our code logs objects: credentials (passwords,
 * tokens, keys, TOTP codes, cookies, signatures) and device identifiers (serial number, UDID, IMEI/MEID, push
 * tokens). pino's wildcards match one level, so the common nestings are listed.
 */
const SENSITIVE_KEYS = [
  'password', 'newPassword', 'currentPassword', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'idToken',
  'secret', 'clientSecret', 'totp', 'totpSecret', 'totpSecretSealed', 'apiKey', 'privateKey', 'key', 'cookie',
  'authorization', 'x-api-key', 'mdm-signature', 'unlockToken', 'UnlockToken', 'pushMagic', 'PushMagic', 'Token',
  'serialNumber', 'SerialNumber', 'udid', 'UDID', 'imei', 'IMEI', 'meid', 'MEID', 'enrollmentToken', 'signature',
  'smtpPassword', 'pass',
];

export function redactPaths(): string[] {
  const quoted = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `["${k}"]`);
  const paths: string[] = [];
  for (const key of SENSITIVE_KEYS) {
    const q = quoted(key);
    paths.push(q.slice(q.startsWith('.') ? 1 : 0), `*${q}`, `*.*${q}`, `req.headers${q}`, `res.headers${q}`, `err.config.headers${q}`);
  }
  return paths;
}

/** Query parameters with these names are masked in logged URLs (a token in a query string is still a token). */
const SENSITIVE_QUERY = /([?&](?:token|access_token|code|password|secret|key|signature)=)[^&#]*/gi;

export function maskUrl(url: string): string {
  return url.replace(SENSITIVE_QUERY, '$1[Redacted]');
}

/**
 * The one logger of a process: JSON lines, secrets and device identifiers redacted, and the id of the request (or
 * of the request that enqueued the job) on every line written while handling it.
 */
export function createLogger(options: { level: string; destination?: DestinationStream; base?: LoggerOptions['base'] }): Logger {
  return pino(
    {
      level: options.level,
      base: options.base,
      redact: { paths: redactPaths(), censor: '[Redacted]' },
      // Fastify's per-request child loggers already bind reqId; the mixin covers everything else (use cases, jobs).
      mixin(_object, _level, logger) {
        const reqId = currentRequestId();
        return reqId && !('reqId' in logger.bindings()) ? { reqId } : {};
      },
      serializers: {
        req: (req: { method?: string; url?: string; hostname?: string; ip?: string }) => ({
          method: req.method,
          url: req.url ? maskUrl(req.url) : req.url,
          host: req.hostname,
          remoteAddress: req.ip,
        }),
      },
    },
    options.destination,
  );
}
