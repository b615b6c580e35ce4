import { pgPool, type Db, type DbOrTx } from '../db/prisma.js';
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

/**
 * The same for a device the caller has already read (a lock or wipe being planned): one indexed read of the
 * enrolment columns the traits need, in plain SQL (the product name without the whole Authenticate report).
 */
export async function enrollmentTraitsOf(db: Db, device: Device) {
  const { rows } = await pgPool(db).query<TraitColumns & { productName: string | null }>(
    `SELECT "type", "userEnrollment", "accessRights", "profileIdentifier", "lastAuthenticate"->>'ProductName' AS "productName"
       FROM "AppleEnrollment" WHERE "deviceId" = $1::uuid`,
    [device.id],
  );
  const enrollment = rows[0];
  if (!enrollment) throw new AppError('NOT_FOUND', 'Device not found');
  return { enrollment, traits: traitsOf(device, enrollment, enrollment.productName) };
}

function traitsOf(device: Pick<Device, 'ownership' | 'model'>, enrollment: Pick<TraitColumns, 'type' | 'userEnrollment' | 'accessRights'>, productName: string | null | undefined): EnrollmentTraits {
  return {
    kind: enrollment.type ?? (enrollment.userEnrollment ? 'USER' : 'DEVICE'),
    ownership: device.ownership,
    accessRights: enrollment.accessRights,
    macOS: isMacProduct(productName ?? device.model),
  };
}
