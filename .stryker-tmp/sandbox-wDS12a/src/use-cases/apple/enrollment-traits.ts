// @ts-nocheck
import type { DbOrTx } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import { isMacProduct, type EnrollmentTraits } from '../../mdm/apple/commands.js';

/** What an Apple device's enrolment allows, from its stored enrolment (Authenticate tells User Enrolment apart). */
export async function loadEnrollmentTraits(db: DbOrTx, deviceId: string) {
  const device = await db.device.findUnique({ where: { id: deviceId }, include: { appleEnrollment: true } });
  const enrollment = device?.appleEnrollment;
  if (!device || !enrollment) throw new AppError('NOT_FOUND', 'Device not found');
  const product = (enrollment.lastAuthenticate as { ProductName?: string } | null)?.ProductName ?? device.model;
  const traits: EnrollmentTraits = {
    kind: enrollment.type ?? (enrollment.userEnrollment ? 'USER' : 'DEVICE'),
    ownership: device.ownership,
    accessRights: enrollment.accessRights,
    macOS: isMacProduct(product),
  };
  return { device, enrollment, traits };
}
