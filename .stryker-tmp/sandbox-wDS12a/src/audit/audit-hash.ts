// @ts-nocheck
import { createHash } from 'node:crypto';

/** The fields of an audit event that its hash covers (everything but the row id and the hash itself). */
export interface HashedAuditFields {
  at: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: unknown;
}

/** Hash of the first event: a fixed value, so an empty chain and a chain with its first row removed differ. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level. PostgreSQL's jsonb reorders keys and drops undefined values,
 * so the hash must not depend on the order the application happened to build the object in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

export function auditEventHash(prevHash: string, event: HashedAuditFields): string {
  const material = canonicalJson([
    prevHash,
    event.at.toISOString(),
    event.actorType,
    event.actorId,
    event.action,
    event.targetType,
    event.targetId,
    event.ip,
    event.details ?? null,
  ]);
  return createHash('sha256').update(material).digest('hex');
}
