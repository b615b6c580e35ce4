// @ts-nocheck
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type SignInScope = 'account' | 'address';

/**
 * Counts one sign-in attempt per account (email) or per client address in a fixed window, in Redis so every API
 * process and every sign-in endpoint shares the count. The subject is hashed: the key names no person.
 * Returns the count including this attempt and the seconds until the window ends.
 */
export async function countSignInAttempt(
  redis: Redis,
  prefix: string,
  scope: SignInScope,
  subject: string,
  windowSeconds: number,
): Promise<{ count: number; retryAfterSeconds: number }> {
  const key = `${prefix}:signin:${scope}:${createHash('sha256').update(subject).digest('hex')}`;
  const replies = (await redis.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec()) ?? [];
  const count = Number(replies[0]?.[1] ?? 0);
  const ttl = Number(replies[2]?.[1] ?? windowSeconds);
  return { count, retryAfterSeconds: Math.max(1, ttl) };
}
