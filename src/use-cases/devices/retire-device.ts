import type { Deps } from '../../deps.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { AppError, notFound } from '../../errors.js';
import { closeOpenCommandsOfDevice } from '../../storage/command-queue.js';
import { requestEvaluation } from '../compliance/request-evaluation.js';

export interface RetiredDevice {
  deviceId: string;
  /** CANCELLED: a pending enrolment that never completed; RETIRED: an enrolled device taken out of management. */
  outcome: 'CANCELLED' | 'RETIRED';
  status: 'UNENROLLED';
  cancelledCommands: number;
  revokedCertificates: number;
}

/**
 * IT cancels a pending enrolment or retires a device. The record stays (UNENROLLED, history and audit kept);
 * the enrolment link stops working, the Apple device identity is revoked so the device can no longer talk to
 * the server, and commands still waiting are cancelled: nothing is left that can never be delivered.
 */
export async function retireDevice(deps: Pick<Deps, 'db' | 'audit' | 'clock' | 'queue'>, actor: Actor, deviceId: string, reason: string): Promise<RetiredDevice> {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can cancel enrolments or retire devices');
  const now = deps.clock.now();
  const result = await deps.db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM "Device" WHERE id = ${deviceId}::uuid FOR UPDATE`;
    const status = locked[0]?.status;
    if (!status) throw notFound('Device');
    if (status === 'UNENROLLED' || status === 'WIPED') throw new AppError('CONFLICT', `The device is already ${status.toLowerCase()}`);
    const outcome: RetiredDevice['outcome'] = status === 'PENDING' ? 'CANCELLED' : 'RETIRED';
    await tx.device.update({ where: { id: deviceId }, data: { status: 'UNENROLLED' } });
    const apple = await tx.appleEnrollment.findUnique({ where: { deviceId }, select: { id: true } });
    let revokedCertificates = 0;
    if (apple) {
      await tx.appleEnrollment.update({
        where: { id: apple.id },
        // The link expires now; the binding goes, so any later request with the old identity is refused.
        data: { tokenExpiresAt: now, checkedOutAt: now, enrollmentId: null, certSha256: null, pushTokenHex: null, pushMagic: null },
      });
      ({ count: revokedCertificates } = await tx.appleCertificate.updateMany({
        where: { enrollmentId: apple.id, revokedAt: null },
        data: { revokedAt: now, revokedReason: `device ${outcome.toLowerCase()} by IT: ${reason}` },
      }));
    }
    const cancelledCommands = (await closeOpenCommandsOfDevice(tx, deviceId, { as: 'CANCELLED', now, reason: `device ${outcome.toLowerCase()}` })).length;
    await deps.audit.record(
      {
        actorType: 'user',
        actorId: actor.userId,
        action: outcome === 'CANCELLED' ? 'device.enrollment_cancelled' : 'device.retired',
        targetType: 'device',
        targetId: deviceId,
        ip: actor.ip ?? null,
        details: { reason, previousStatus: status, cancelledCommands, revokedCertificates },
      },
      tx,
    );
    return { deviceId, outcome, status: 'UNENROLLED' as const, cancelledCommands, revokedCertificates };
  });
  // Compliance stops judging it (its row goes), so reports no longer count it.
  await requestEvaluation(deps, deviceId);
  return result;
}
