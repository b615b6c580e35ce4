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
