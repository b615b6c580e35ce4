import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';
import { auditActorOf, isFleetAdmin, type Actor } from '../../domain/access.js';
import { bulkRefusal, countByReason, isDisruptive, type BulkActionName, type BulkTarget } from '../../domain/devices/bulk-actions.js';
import type { InventoryFilter } from '../../domain/devices/inventory-query.js';
import { AppError } from '../../errors.js';
import { createDeviceInventoryStore } from '../../storage/device-inventory-store.js';
import { assertRecentMfa } from '../auth/assert-recent-mfa.js';
import { queueBulkActionBatch } from './run-bulk-action.js';

export interface BulkActionRequest {
  action: BulkActionName;
  reason: string;
  deviceIds?: string[];
  filter?: InventoryFilter;
  dryRun: boolean;
}

/** Serialises the hourly-cap check with the insert, so two requests cannot both pass it. */
const BULK_CAP_LOCK = 0x6d646d_62756c; // "mdm" "bul"
const INSERT_CHUNK = 5000;
const LISTED_REFUSALS = 500;

/**
 * Resolves the selection (ids, or the inventory filter over the whole fleet) once, and works out which devices would
 * be refused and why. A dry run answers that and changes nothing. A real run stores the action and one row per
 * device, then a job carries it out in batches through the single-device use cases. Lock and selective wipe need a
 * recent MFA, a second approver above BULK_ACTION_APPROVAL_THRESHOLD devices, and stay under the hourly cap.
 */
export async function createBulkAction(deps: Deps, actor: Actor, input: BulkActionRequest) {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can act on devices in bulk');
  if ((input.deviceIds === undefined) === (input.filter === undefined)) throw new AppError('VALIDATION_FAILED', 'Give either deviceIds or filter');
  const disruptive = isDisruptive(input.action);
  if (disruptive && !input.dryRun) {
    if (actor.serviceAccount) throw new AppError('FORBIDDEN', 'Bulk lock and wipe need a person who proved MFA; API keys can only dry-run them');
    assertRecentMfa(deps, actor);
  }

  const targets = await resolve(deps, input);
  const refused: { deviceId: string; reason: string }[] = [];
  const eligible: string[] = [];
  for (const t of targets) {
    const reason = t.missing ? 'Device not found' : bulkRefusal(t, input.action);
    if (reason) refused.push({ deviceId: t.id, reason });
    else eligible.push(t.id);
  }
  const summary = {
    action: input.action,
    total: targets.length,
    eligible: eligible.length,
    refused: refused.length,
    refusedByReason: countByReason(refused),
    refusals: refused.slice(0, LISTED_REFUSALS),
    needsApproval: disruptive && eligible.length > deps.config.BULK_ACTION_APPROVAL_THRESHOLD,
  };
  if (input.dryRun) return { dryRun: true as const, id: null, status: null, ...summary };
  if (eligible.length === 0) throw new AppError('UNPROCESSABLE', 'No device in the selection can take this action', { details: { refusedByReason: summary.refusedByReason } });

  const now = deps.clock.now();
  const status = summary.needsApproval ? 'AWAITING_APPROVAL' : 'QUEUED';
  const created = await deps.db.$transaction(async (tx) => {
    if (disruptive) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BULK_CAP_LOCK}::bigint)`;
      const recent = await tx.bulkAction.aggregate({
        _sum: { total: true },
        where: { action: { in: ['LOCK', 'WIPE_SELECTIVE'] }, createdAt: { gt: new Date(now.getTime() - 3_600_000) } },
      });
      const used = recent._sum.total ?? 0;
      if (used + eligible.length > deps.config.BULK_ACTION_HOURLY_DEVICE_CAP) {
        throw new AppError('RATE_LIMITED', `Bulk lock and wipe are capped at ${deps.config.BULK_ACTION_HOURLY_DEVICE_CAP} devices an hour`, {
          details: { capPerHour: deps.config.BULK_ACTION_HOURLY_DEVICE_CAP, usedThisHour: used, requested: eligible.length },
        });
      }
    }
    const action = await tx.bulkAction.create({
      data: {
        action: input.action,
        reason: input.reason,
        selection: (input.deviceIds ? { deviceIds: input.deviceIds } : { filter: input.filter }) as Prisma.InputJsonValue,
        status,
        total: eligible.length,
        requestedById: actor.serviceAccount ? null : actor.userId,
        serviceAccountId: actor.serviceAccount?.id ?? null,
        createdAt: now,
      },
    });
    const rows = [
      ...eligible.map((deviceId) => ({ bulkActionId: action.id, deviceId, status: 'PENDING' as const, updatedAt: now })),
      ...refused.filter((r) => r.reason !== 'Device not found').map((r) => ({ bulkActionId: action.id, deviceId: r.deviceId, status: 'REFUSED' as const, refusal: r.reason, updatedAt: now })),
    ];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.bulkActionItem.createMany({ data: rows.slice(i, i + INSERT_CHUNK) });
    await deps.audit.record(
      { ...auditActorOf(actor), action: 'device_action.bulk_requested', targetType: 'bulk_action', targetId: action.id, details: { action: input.action, reason: input.reason, status, eligible: eligible.length, refused: refused.length, selection: input.deviceIds ? { deviceIds: input.deviceIds.length } : { filter: input.filter } } },
      tx,
    );
    return action;
  });
  if (status === 'QUEUED') await queueBulkActionBatch(deps, created.id, 0);
  return { dryRun: false as const, id: created.id, status, ...summary };
}

async function resolve(deps: Deps, input: BulkActionRequest): Promise<(BulkTarget & { id: string; missing?: true })[]> {
  if (input.filter) return createDeviceInventoryStore(deps.db).ids({ kind: 'fleet' }, input.filter);
  const ids = [...new Set(input.deviceIds)];
  const found = await deps.db.device.findMany({ where: { id: { in: ids } }, select: { id: true, platform: true, ownership: true, status: true, userId: true } });
  const byId = new Map(found.map((d) => [d.id, d]));
  return ids.map((id) => byId.get(id) ?? { id, missing: true as const, platform: 'APPLE' as const, ownership: 'CORPORATE' as const, status: 'PENDING' as const, userId: null });
}
