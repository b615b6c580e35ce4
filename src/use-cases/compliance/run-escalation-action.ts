import type { Deps } from '../../deps.js';
import type { Tx } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import type { RuleResult } from '../../domain/compliance/rules.js';
import type { EscalationDeviceAction } from './device-action-requester.js';

type ActionDeps = Deps;

/** A lock/wipe request claimed longer ago than this is taken to have crashed midway and may be claimed again. */
const CLAIM_TIMEOUT_MS = 10 * 60_000;

/**
 * Carries out one escalation step. The step's row moves out of PENDING exactly once (a conditional update), so
 * a retried or duplicated job never notifies twice or sends a second command. Nothing happens when the device
 * is no longer non-compliant in the same failure episode.
 */
export async function runEscalationAction(deps: ActionDeps, actionId: string, options: { lastAttempt?: boolean } = {}): Promise<void> {
  const { db, clock } = deps;
  const action = await db.complianceEscalationAction.findUnique({
    where: { id: actionId },
    include: { device: { include: { compliance: { include: { detail: true } }, user: { select: { id: true, name: true, managerId: true } } } } },
  });
  const reclaimable = action?.status === 'REQUESTING' && (action.claimedAt?.getTime() ?? 0) < clock.now().getTime() - CLAIM_TIMEOUT_MS;
  if (!action || (action.status !== 'PENDING' && !reclaimable)) return;
  const { device } = action;
  const compliance = device.compliance;

  const finish = async (tx: Tx, status: 'DONE' | 'SKIPPED' | 'FAILED', detail: string, commandId: string | null = null) => {
    const { count } = await tx.complianceEscalationAction.updateMany({
      where: { id: actionId, status: { in: ['PENDING', 'REQUESTING'] } },
      data: { status, detail, commandId, completedAt: clock.now() },
    });
    if (count === 1) {
      await deps.audit.record(
        { actorType: 'system', action: `compliance.escalation.${action.action.toLowerCase()}`, targetType: 'device', targetId: device.id, details: { status, detail, commandId, episodeStartedAt: action.episodeStartedAt.toISOString() } },
        tx,
      );
    }
    return count === 1;
  };

  const sameEpisode = compliance?.state === 'NONCOMPLIANT' && compliance.episodeStartedAt?.getTime() === action.episodeStartedAt.getTime();
  if (!compliance || !sameEpisode) {
    await db.$transaction((tx) => finish(tx, 'SKIPPED', 'device is no longer non-compliant'));
    return;
  }
  const results = ((compliance.detail?.results ?? []) as unknown as RuleResult[]).filter((r) => r.status === 'fail');
  const now = clock.now();

  switch (action.action) {
    case 'NOTIFY_USER': {
      if (!device.user) return void (await db.$transaction((tx) => finish(tx, 'SKIPPED', 'device has no user')));
      const user = device.user;
      await db.$transaction(async (tx) => {
        if (!(await finish(tx, 'DONE', 'user notified'))) return;
        await tx.complianceNotification.create({
          data: {
            recipientUserId: user.id,
            deviceId: device.id,
            kind: 'DEVICE_NONCOMPLIANT',
            episodeStartedAt: action.episodeStartedAt,
            subject: `Your ${device.platform === 'APPLE' ? 'iPhone or iPad' : 'Android phone'} no longer meets the security policy`,
            body: ['Please fix the following on your device:', ...results.map((r) => `- ${r.remediation}`)].join('\n'),
            createdAt: now,
          },
        });
      });
      return;
    }
    case 'NOTIFY_MANAGER': {
      const managerId = device.user?.managerId;
      if (!managerId) return void (await db.$transaction((tx) => finish(tx, 'SKIPPED', 'user has no manager')));
      await db.$transaction(async (tx) => {
        if (!(await finish(tx, 'DONE', 'manager notified'))) return;
        // Managers get the person and the failing rules, never device details (privacy boundary).
        await tx.complianceNotification.create({
          data: {
            recipientUserId: managerId,
            deviceId: device.id,
            kind: 'TEAM_DEVICE_NONCOMPLIANT',
            episodeStartedAt: action.episodeStartedAt,
            subject: `A device of ${device.user!.name} no longer meets the security policy`,
            body: `Failing checks: ${results.map((r) => r.rule).join(', ')}. ${device.user!.name} has been told how to fix them.`,
            createdAt: now,
          },
        });
      });
      return;
    }
    case 'BLOCK': {
      await db.$transaction(async (tx) => {
        if (!(await finish(tx, 'DONE', 'access blocked'))) return;
        await tx.deviceCompliance.update({ where: { deviceId: device.id }, data: { blocked: true, blockedAt: now } });
      });
      return;
    }
    case 'LOCK':
    case 'WIPE_SELECTIVE':
    {
      // Claim first: of two copies of this job running at once, only one may send the command.
      const claimedAt = clock.now();
      const { count } = await db.complianceEscalationAction.updateMany({
        where: { id: actionId, status: action.status, claimedAt: action.claimedAt },
        data: { status: 'REQUESTING', claimedAt },
      });
      if (count === 0) return;
      await requestDeviceAction(deps, actionId, action.action, device.id, finish, options.lastAttempt ?? false);
    }
  }
}

async function requestDeviceAction(
  deps: ActionDeps,
  actionId: string,
  action: EscalationDeviceAction,
  deviceId: string,
  finish: (tx: Tx, status: 'DONE' | 'SKIPPED' | 'FAILED', detail: string, commandId?: string | null) => Promise<boolean>,
  lastAttempt: boolean,
): Promise<void> {
  try {
    // The key makes a retry after a crash between "requested" and "recorded" return the same command.
    const { commandId } = await deps.compliance.deviceActions.request(deps, {
      deviceId,
      action,
      reason: 'Compliance escalation: the grace period ended with security rules still failing',
      idempotencyKey: `compliance-escalation-${actionId}`,
    });
    await deps.db.$transaction((tx) => finish(tx, 'DONE', `${action} requested`, commandId));
  } catch (error) {
    // The enrolment cannot do it (e.g. lock on an Apple User Enrolment, device unenrolled): retrying will not help.
    if (error instanceof AppError && (error.code === 'UNPROCESSABLE' || error.code === 'CONFLICT' || error.code === 'FORBIDDEN')) {
      await deps.db.$transaction((tx) => finish(tx, 'SKIPPED', error.message));
      return;
    }
    if (lastAttempt) await deps.db.$transaction((tx) => finish(tx, 'FAILED', error instanceof Error ? error.message : String(error)));
    else await deps.db.complianceEscalationAction.updateMany({ where: { id: actionId, status: 'REQUESTING' }, data: { status: 'PENDING', claimedAt: null } });
    throw error;
  }
}
