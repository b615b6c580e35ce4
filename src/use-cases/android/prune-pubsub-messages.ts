import type { BaseDeps } from '../../deps.js';

/** Pub/Sub redelivers for at most 7 days; message ids older than that can no longer come back. */
export async function prunePubsubMessages(deps: Pick<BaseDeps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - 8 * 86_400_000);
  const { count } = await deps.db.androidPubsubMessage.deleteMany({ where: { receivedAt: { lt: cutoff } } });
  return count;
}
