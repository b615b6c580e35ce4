import type { DbOrTx } from '../db/prisma.js';
import type { AppleEnrollment, Device } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import { isMacProduct, type EnrollmentTraits } from '../mdm/apple/commands.js';

/** What an Apple device's enrolment allows, from its stored enrolment (Authenticate tells User Enrolment apart). */
export async function loadEnrollmentTraits(db: DbOrTx, deviceId: string) {
  const device = await db.device.findUnique({ where: { id: deviceId }, include: { appleEnrollment: true } });
  const enrollment = device?.appleEnrollment;
  if (!device || !enrollment) throw new AppError('NOT_FOUND', 'Device not found');
  return { device, enrollment, traits: traitsOf(device, enrollment, (enrollment.lastAuthenticate as { ProductName?: string } | null)?.ProductName) };
}

type TraitColumns = Pick<AppleEnrollment, 'type' | 'userEnrollment' | 'accessRights' | 'profileIdentifier'>;

/** The traits from a device and its enrolment's columns; the product name tells a Mac apart when the model does not. */
export function traitsOf(device: Pick<Device, 'ownership' | 'model'>, enrollment: Pick<TraitColumns, 'type' | 'userEnrollment' | 'accessRights'>, productName: string | null | undefined): EnrollmentTraits {
  return {
    kind: enrollment.type ?? (enrollment.userEnrollment ? 'USER' : 'DEVICE'),
    ownership: device.ownership,
    accessRights: enrollment.accessRights,
    macOS: isMacProduct(productName ?? device.model),
  };
}
