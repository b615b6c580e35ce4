/**
 * The one place tests make users, devices and posture rows. Every default is written down here, so a test states
 * only what its assertion depends on and a reader knows what the rest looks like.
 *
 * Users: role STAFF, no manager, no MFA, a unique `<role>-<uuid>@example.test` address, name = the address's local
 * part, password TEST_PASSWORD.
 *
 * Devices: an enrolled corporate iPhone without an owner and without platform records (no AppleEnrollment or
 * AndroidDevice row), i.e. a device the inventory knows but no protocol has spoken for yet:
 *   userId null · platform APPLE · ownership CORPORATE · status ENROLLED · enrolledAt = clock now
 *   model / osVersion by platform: APPLE 'iPhone15,2' / '18.1', ANDROID 'Pixel 8' / '15'
 *   serialNumber: a random `SN…` for a corporate device; null for a personal one (User Enrolment and work
 *   profiles never report it, see the Device model), and null for a PENDING device, which has reported nothing
 *   displayName, lastSeenAt: null
 * A PENDING device also has no model, OS version or enrolment time. Pass `android` or `appleEnrollment` to create the
 * platform record with the device.
 *
 * This module imports no test runner, so seeding scripts can use it too.
 */
import { randomUUID } from 'node:crypto';
import type { Deps } from '../../src/deps.js';
import { hashPassword } from '../../src/domain/auth/password.js';
import { createSecretBox } from '../../src/domain/auth/secret-box.js';
import { newTotpSecret } from '../../src/domain/auth/totp.js';
import type { PostureReport } from '../../src/domain/posture.js';
import type { Prisma } from '../../src/generated/prisma/client.js';
import type { DeviceStatus, Ownership, Platform, Role } from '../../src/generated/prisma/enums.js';
import { recordPostureReport } from '../../src/use-cases/compliance/record-posture-report.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  password: string;
  totpSecret?: string;
}

let passwordHash: Promise<string> | undefined;

export async function createUser(
  deps: Deps,
  options: { role?: Role; managerId?: string | null; name?: string; mfa?: boolean; email?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD); // scrypt is deliberately slow; one hash serves every test user
  const email = options.email ?? `${(options.role ?? 'STAFF').toLowerCase()}-${randomUUID()}@example.test`;
  const totpSecret = options.mfa ? newTotpSecret() : undefined;
  const user = await deps.db.user.create({
    data: {
      email,
      name: options.name ?? email.split('@')[0]!,
      role: options.role ?? 'STAFF',
      managerId: options.managerId ?? null,
      passwordHash: await passwordHash,
      ...(totpSecret
        ? { totpSecretSealed: createSecretBox(deps.config.DATA_ENCRYPTION_KEY).seal(totpSecret), mfaEnrolledAt: deps.clock.now() }
        : {}),
    },
  });
  return { id: user.id, email, role: user.role, password: TEST_PASSWORD, totpSecret };
}

export interface DeviceOptions {
  userId?: string | null;
  platform?: Platform;
  ownership?: Ownership;
  status?: DeviceStatus;
  serialNumber?: string | null;
  model?: string | null;
  osVersion?: string | null;
  displayName?: string | null;
  enrolledAt?: Date | null;
  lastSeenAt?: Date | null;
  android?: Prisma.AndroidDeviceUncheckedCreateWithoutDeviceInput;
  appleEnrollment?: Prisma.AppleEnrollmentUncheckedCreateWithoutDeviceInput;
}

const byPlatform = { APPLE: { model: 'iPhone15,2', osVersion: '18.1' }, ANDROID: { model: 'Pixel 8', osVersion: '15' } } as const;

/** A device row with the defaults documented at the top of this file. */
export async function createDevice(deps: Deps, options: DeviceOptions = {}) {
  const platform = options.platform ?? 'APPLE';
  const ownership = options.ownership ?? 'CORPORATE';
  const status = options.status ?? 'ENROLLED';
  const reported = status !== 'PENDING';
  const pick = <T>(value: T | undefined, fallback: T) => (value === undefined ? fallback : value);
  return deps.db.device.create({
    data: {
      userId: options.userId ?? null,
      platform,
      ownership,
      status,
      serialNumber: pick(options.serialNumber, reported && ownership === 'CORPORATE' ? `SN${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}` : null),
      model: pick(options.model, reported ? byPlatform[platform].model : null),
      osVersion: pick(options.osVersion, reported ? byPlatform[platform].osVersion : null),
      displayName: options.displayName ?? null,
      enrolledAt: pick(options.enrolledAt, reported ? deps.clock.now() : null),
      lastSeenAt: options.lastSeenAt ?? null,
      ...(options.android ? { android: { create: options.android } } : {}),
      ...(options.appleEnrollment ? { appleEnrollment: { create: options.appleEnrollment } } : {}),
    },
    include: { android: true, appleEnrollment: true },
  });
}

/** Posture that passes every rule of the default (Cyber Essentials) policy on `now`. */
export function healthyPosture(platform: Platform, now: Date): PostureReport {
  return {
    encrypted: true,
    passcodePresent: true,
    passcodeCompliant: true,
    passcodeMinLength: 6,
    autoLockMinutes: 1,
    osVersion: platform === 'APPLE' ? '18.1' : '15',
    osBuild: platform === 'APPLE' ? '22B83' : 'AP4A.250905.002',
    securityPatchLevel: platform === 'ANDROID' ? new Date(now.getTime() - 3 * 86_400_000) : null,
    compromised: false,
    lastCheckInAt: now,
  };
}

/** Stores posture the way the platform integrations do (applyPostureReport), without queueing an evaluation. */
export async function storePosture(deps: Deps, deviceId: string, report: PostureReport) {
  await deps.db.$transaction((tx) => recordPostureReport(deps, deviceId, report, deps.clock.now(), tx));
}

/** A DeviceLock queued at `now` and due a wake-up at once, as the delivery statements find a fresh command. */
export async function createQueuedCommand(deps: Deps, deviceId: string, now: Date, keyed: { idempotencyKey?: string; requestedById?: string } = {}) {
  return deps.db.command.create({ data: { deviceId, requestType: 'DeviceLock', status: 'QUEUED', queuedAt: now, nextPushAt: now, ...keyed } });
}
