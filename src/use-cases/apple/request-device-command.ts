import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { Actor } from '../../domain/access.js';
import { postureQueries, refusal, type AppleRequestType } from '../../mdm/apple/commands.js';
import { getCommand, type CommandView } from '../commands/get-command.js';
import { loadEnrollmentTraits } from '../../storage/apple-enrollment-traits.js';
import { queueAppleCommands } from './queue-commands.js';
import { requestDeviceAction } from '../commands/request-device-action.js';
import { syncAppleProfiles } from './sync-apple-profiles.js';
import { PASSCODE_PROFILE_KIND, type ManagedProfileKind } from '../../mdm/apple/managed-profiles.js';

export interface DeviceCommandInput {
  requestType: AppleRequestType;
  /** DeviceInformation: query names (default: the posture set). */
  queries?: string[];
  /** RemoveProfile: PayloadIdentifier of the profile. */
  identifier?: string;
  /** InstallProfile: which of the profiles derived from the policy to send again. */
  profile?: ManagedProfileKind;
  /** DeviceLock: lock-screen message and phone number; DeviceLock/EraseDevice: macOS Find My PIN. */
  message?: string;
  phoneNumber?: string;
  pin?: string;
  reason?: string;
}

// Apple's schema forbids these DeviceInformation queries on User Enrolment (hardware and network identifiers).
const USER_ENROLLMENT_FORBIDDEN_QUERIES = new Set([
  'UDID', 'SerialNumber', 'IMEI', 'MEID', 'ModemFirmwareVersion', 'IsActivationLockEnabled', 'IsDoNotDisturbInEffect',
  'IsCloudBackupEnabled', 'LastCloudBackupDate', 'IsMDMLostModeEnabled', 'PushToken', 'SoftwareUpdateDeviceID',
  'SoftwareUpdateSettings', 'iTunesStoreAccountHash', 'iTunesStoreAccountIsActive', 'WiFiMAC', 'BluetoothMAC',
  'EthernetMAC', 'PhoneNumber', 'ICCID', 'CurrentCarrierNetwork', 'SubscriberCarrierNetwork', 'CurrentMCC', 'CurrentMNC',
  'SubscriberMCC', 'SubscriberMNC', 'IsRoaming', 'DataRoamingEnabled', 'VoiceRoamingEnabled', 'PersonalHotspotEnabled',
  'ServiceSubscriptions', 'CarrierSettingsVersion',
]);

/**
 * Queues one MDM command asked for through the API. Commands the enrolment cannot carry out (EraseDevice on a
 * personal device or User Enrolment, anything outside the profile's AccessRights) are refused before queueing.
 * Roles and step-up MFA are checked by the route.
 */
export async function requestAppleDeviceCommand(deps: Deps, actor: Actor, deviceId: string, input: DeviceCommandInput): Promise<CommandView> {
  const { device, traits } = await loadEnrollmentTraits(deps.db, deviceId).catch(() => {
    throw notFound('Device');
  });
  if (device.platform !== 'APPLE') throw notFound('Device');
  // Lock and erase are the generic device actions: the same personal-device refusal, step-up, approval and
  // delivery path apply whichever API asked for them.
  if (input.requestType === 'DeviceLock' || input.requestType === 'EraseDevice') {
    const { command } = await requestDeviceAction(deps, actor, {
      deviceId,
      action: input.requestType === 'DeviceLock' ? 'LOCK' : 'WIPE_FULL',
      reason: input.reason ?? `${input.requestType} requested through the API`,
      message: input.message,
      phoneNumber: input.phoneNumber,
      pin: input.pin,
    });
    return command;
  }
  if (device.status !== 'ENROLLED') throw new AppError('CONFLICT', `The device is ${device.status.toLowerCase()}, not enrolled`);
  const refused = refusal(input.requestType, traits);
  if (refused) throw new AppError('UNPROCESSABLE', refused);

  let payload: Record<string, unknown>;
  switch (input.requestType) {
    case 'DeviceInformation': {
      // A personal device is asked no more than a User Enrolment may be: no hardware or network identifiers.
      const minimal = traits.kind === 'USER' || traits.ownership === 'PERSONAL';
      const queries = input.queries ?? postureQueries(minimal ? 'USER' : traits.kind);
      const forbidden = minimal ? queries.filter((q) => USER_ENROLLMENT_FORBIDDEN_QUERIES.has(q)) : [];
      if (forbidden.length) {
        throw new AppError('UNPROCESSABLE', `${traits.kind === 'USER' ? 'User Enrolment' : 'A personal device'} does not allow these queries: ${forbidden.join(', ')}`);
      }
      payload = { Queries: queries };
      break;
    }
    case 'SecurityInfo':
      payload = {};
      break;
    case 'ProfileList':
      payload = { ManagedOnly: true };
      break;
    case 'InstallProfile': {
      // Profiles are derived from the compliance policy for this device: installing one again is a resync through
      // the same path as enrolment and policy changes (any other outdated profile goes along in the same round).
      const kind = input.profile ?? PASSCODE_PROFILE_KIND;
      const { installed } = await syncAppleProfiles(deps, device.id, {
        reinstall: kind,
        requestedById: actor.userId,
        reason: input.reason ?? 'InstallProfile requested through the API',
        ip: actor.ip,
      });
      const command = installed.find((i) => i.kind === kind);
      if (!command) throw new AppError('UNPROCESSABLE', `The compliance policy asks for no ${kind} profile on this device`);
      return getCommand(deps, actor, command.commandId);
    }
    case 'RemoveProfile':
      if (!input.identifier) throw new AppError('VALIDATION_FAILED', 'RemoveProfile needs the profile identifier');
      payload = { Identifier: input.identifier };
      break;
  }
  const [id] = await queueAppleCommands(deps, device.id, [{ requestType: input.requestType, payload, priority: 0 }], {
    requestedById: actor.userId,
    reason: input.reason ?? `${input.requestType} requested through the API`,
    ip: actor.ip,
  });
  return getCommand(deps, actor, id!);
}
