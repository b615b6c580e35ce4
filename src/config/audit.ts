import { Type } from 'typebox';

/** Settings of the audit chain's sealer and its signed checkpoints. */
export const auditConfig = Type.Object({
  AUDIT_SEAL_INTERVAL_MS: Type.Integer({
    default: 200,
    minimum: 10,
    maximum: 60_000,
    description: 'How often the worker seals new audit events into the hash chain; an event is sealed within about this delay once its transaction and every older one have ended',
  }),
  AUDIT_SEAL_BATCH_SIZE: Type.Integer({ default: 1_000, minimum: 1, maximum: 50_000, description: 'Most audit events sealed in one transaction' }),
  AUDIT_CHECKPOINT_SIGNING_KEY: Type.Optional(
    Type.String({
      description:
        'Ed25519 private key (PKCS#8 PEM, or that PEM base64-encoded) signing audit checkpoints. Generate: openssl genpkey -algorithm ed25519. Without it no checkpoints are made',
    }),
  ),
  AUDIT_WEBHOOK_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Receiver (e.g. a SIEM) to which every sealed audit event is POSTed in chain order, at least once, signed like other webhooks; unset = no audit stream. http:// only with WEBHOOK_ALLOW_HTTP',
    }),
  ),
  AUDIT_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 32, description: 'HMAC key signing audit stream requests (x-mdm-signature); at least 32 characters' })),
  AUDIT_WEBHOOK_BATCH_SIZE: Type.Integer({ default: 100, minimum: 1, maximum: 1_000, description: 'Most audit events in one audit stream request' }),
  AUDIT_WEBHOOK_INTERVAL_MS: Type.Integer({ default: 1_000, minimum: 10, maximum: 60_000, description: 'How often the worker looks for newly sealed events to stream' }),
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: Type.Integer({
    default: 3_600,
    minimum: 1,
    description: 'Time between signed checkpoints of the audit chain head (made only when new events were sealed)',
  }),
  AUDIT_ARCHIVE_MIN_AGE_DAYS: Type.Integer({
    default: 365,
    minimum: 0,
    description: 'An audit segment may be archived (exported, then removed) only once its newest event is at least this old',
  }),
});

/** Audit settings that are only wrong together. */
export function auditConfigProblems(config: { AUDIT_WEBHOOK_URL?: string; AUDIT_WEBHOOK_SECRET?: string; WEBHOOK_ALLOW_HTTP: boolean }): string[] {
  const problems: string[] = [];
  if (config.AUDIT_WEBHOOK_URL && !config.AUDIT_WEBHOOK_SECRET) problems.push('AUDIT_WEBHOOK_SECRET is required when AUDIT_WEBHOOK_URL is set');
  if (config.AUDIT_WEBHOOK_URL?.startsWith('http://') && !config.WEBHOOK_ALLOW_HTTP) problems.push('AUDIT_WEBHOOK_URL must be https:// (WEBHOOK_ALLOW_HTTP=true only for development)');
  return problems;
}
