import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';
import { takeUnalertedExpiries } from '../../storage/command-queue.js';

const ALERT_LOCK = 0x6d646d_657870; // "mdm" "exp"
const KIND = 'command_expired';
/** Commands listed one by one in the alert; the rest are counted. */
const LISTED = 50;

/**
 * Tells IT about commands (locks, wipes, posture queries, ...) that expired before their device fetched and answered
 * them: one notification for the IT audience, which the outbox trigger turns into one e-mail per IT user in the same
 * transaction. The first expiry is announced at once; later ones are collected and announced together at most every
 * COMMAND_EXPIRY_ALERT_MINUTES, so 500 expiries make one e-mail, not 500. The delivery sweep runs it after expiring
 * commands, so collected expiries go out without a new one; the commands are marked alerted in the notification's
 * transaction (none announced twice or lost to a crash), and one worker alerts at a time (advisory lock; the others
 * skip). Returns how many commands the alert announced (0: none due, or within the period).
 */
export async function alertExpiredCommands(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  return deps.db.$transaction(async (tx) => {
    const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${ALERT_LOCK}::bigint) AS locked`;
    if (!locked) return 0;
    const last = await tx.notification.findFirst({ where: { kind: KIND, audience: 'IT' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
    if (last && now.getTime() - last.createdAt.getTime() < deps.config.COMMAND_EXPIRY_ALERT_MINUTES * 60_000) return 0;
    const expired = await takeUnalertedExpiries(tx, now);
    if (expired.length === 0) return 0;
    expired.sort((a, b) => (a.expiredAt?.getTime() ?? 0) - (b.expiredAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
    const platforms = new Map(
      (await tx.device.findMany({ where: { id: { in: [...new Set(expired.map((c) => c.deviceId))] } }, select: { id: true, platform: true } })).map((d) => [d.id, d.platform]),
    );
    const wipes = expired.filter((c) => c.action === 'WIPE_FULL' || c.action === 'WIPE_SELECTIVE').length;
    const subject =
      `${expired.length} ${expired.length === 1 ? 'command' : 'commands'} expired before reaching ${expired.length === 1 ? 'its device' : 'their devices'}` +
      (wipes ? ` (${wipes} ${wipes === 1 ? 'wipe' : 'wipes'})` : '');
    const lines = expired.slice(0, LISTED).map(
      (c) =>
        `- ${c.action ?? c.requestType}${c.action ? ` (${c.requestType})` : ''} for ${platforms.get(c.deviceId) ?? 'device'} device ${c.deviceId}: ` +
        `queued ${c.queuedAt?.toISOString() ?? '?'}, woken ${c.pushes} ${c.pushes === 1 ? 'time' : 'times'}, expired ${c.expiredAt?.toISOString() ?? '?'}`,
    );
    if (expired.length > LISTED) lines.push(`... and ${expired.length - LISTED} more.`);
    lines.push('', 'Each command and its delivery history: GET /v1/devices/{deviceId}/commands.');
    const data: Prisma.InputJsonValue = { count: expired.length, wipes, commandIds: expired.slice(0, 1000).map((c) => c.id) };
    await tx.notification.create({ data: { kind: KIND, audience: 'IT', subject, body: lines.join('\n'), data, createdAt: now } });
    return expired.length;
  });
}
