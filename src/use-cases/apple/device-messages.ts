import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { EnrollmentIdentity } from '../../mdm/apple/messages.js';
import { decodePlist, PlistError, type PlistDict } from '../../mdm/apple/plist.js';
import type { DeviceEnrollment } from '../../storage/apple-device-store.js';
import type { AuthenticatedDevice } from './authenticate-device.js';
import { matchesStoredIdentity } from '../../domain/devices/minimum-identifiers.js';

/** Decodes a device body; a body we cannot read is a 400 that changes nothing (but is audited). */
export async function decodeDeviceBody<T>(deps: Deps, body: Buffer, endpoint: string, ip: string | null, parse: (dict: PlistDict) => T): Promise<T> {
  try {
    return parse(decodePlist(body, deps.config.APPLE_CHECKIN_BODY_LIMIT_BYTES));
  } catch (error) {
    if (!(error instanceof PlistError)) throw error;
    await deps.audit.record({ actorType: 'device', action: 'apple.request.rejected', ip, details: { endpoint, reason: error.message } });
    throw new AppError('BAD_REQUEST', `Unreadable device message: ${error.message}`);
  }
}

/**
 * After Authenticate, every message must come from the certificate bound to the enrolment and name the same
 * UDID/EnrollmentID; anything else (another device's certificate, a stolen identity) is refused.
 */
export async function requireBoundEnrollment(
  deps: Deps,
  auth: AuthenticatedDevice,
  identity: EnrollmentIdentity,
  endpoint: string,
  ip: string | null,
): Promise<DeviceEnrollment> {
  const enrollment = auth.enrollment;
  if ( enrollment.certSha256 !== auth.certificateSha256 || !matchesStoredIdentity(enrollment.enrollmentId, identity.id) || enrollment.checkedOutAt) {
    await deps.audit.record({
      actorType: 'device',
      actorId: identity.id,
      action: 'apple.request.rejected',
      targetType: enrollment ? 'device' : null,
      targetId: enrollment?.deviceId ?? null,
      ip,
      details: { endpoint, reason: 'certificate not bound to this enrolment', certificateSha256: auth.certificateSha256 },
    });
    throw new AppError('BAD_SIGNATURE', 'Certificate is not bound to this enrolment');
  }
  return enrollment;
}
