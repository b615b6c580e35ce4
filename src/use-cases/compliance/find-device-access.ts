import type { BaseDeps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { getDeviceAccess, type DeviceAccessView } from './get-device-access.js';

export interface DeviceIdentifier {
  serialNumber?: string;
  udid?: string;
  /** AMAPI resource name, enterprises/{e}/devices/{d}. */
  androidDeviceName?: string;
}

/**
 * The access decision for a device named the way an identity provider or VPN knows it (serial number, UDID, or
 * Android device name) rather than by our id. A serial number can outlive one enrolment: the enrolled one wins,
 * then the newest.
 */
export async function findDeviceAccess(deps: Pick<BaseDeps, 'db'>, identifier: DeviceIdentifier): Promise<DeviceAccessView> {
  const given = Object.entries(identifier).filter(([, v]) => v !== undefined);
  if (given.length !== 1) throw new AppError('VALIDATION_FAILED', 'Give exactly one of serialNumber, udid, androidDeviceName');
  let deviceId: string | undefined;
  if (identifier.serialNumber !== undefined) {
    const devices = await deps.db.device.findMany({ where: { serialNumber: identifier.serialNumber }, select: { id: true, status: true, enrolledAt: true, createdAt: true }, take: 20 });
    devices.sort((a, b) => Number(b.status === 'ENROLLED') - Number(a.status === 'ENROLLED') || (b.enrolledAt ?? b.createdAt).getTime() - (a.enrolledAt ?? a.createdAt).getTime());
    deviceId = devices[0]?.id;
  } else if (identifier.udid !== undefined) {
    // Device enrolments are keyed by their UDID (enrollmentId, unique); udid also holds it once reported.
    const enrollment = await deps.db.appleEnrollment.findFirst({ where: { OR: [{ enrollmentId: identifier.udid, type: 'DEVICE' }, { udid: identifier.udid }] }, select: { deviceId: true } });
    deviceId = enrollment?.deviceId;
  } else if (identifier.androidDeviceName !== undefined) {
    deviceId = (await deps.db.androidDevice.findUnique({ where: { amapiName: identifier.androidDeviceName }, select: { deviceId: true } }))?.deviceId;
  }
  if (!deviceId) throw notFound('Device');
  return getDeviceAccess(deps, deviceId);
}
