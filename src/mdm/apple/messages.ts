import { PlistError, type PlistDict } from './plist.js';

/**
 * Check-in and command-report messages as devices send them (keys per Apple's device-management schema,
 * mdm/checkin/*.yaml). Decoding is strict about the keys we act on and keeps the rest for audit.
 */

export type EnrollmentKind = 'DEVICE' | 'USER';

/**
 * Who is speaking, exactly as the device said it. UDID for device channels; EnrollmentID for User Enrolment,
 * which never reveals UDID or serial. User channels (macOS UserID, Shared iPad, EnrollmentUserID) are noted so they
 * can be declined: this server manages devices, not per-user channels.
 */
export interface EnrollmentIdentity {
  kind: EnrollmentKind;
  /** Normalised id: the UDID or the EnrollmentID. */
  id: string;
  udid?: string;
  enrollmentId?: string;
  userChannel?: string;
}

export type CheckinMessage =
  | { type: 'Authenticate'; identity: EnrollmentIdentity; topic: string; osVersion?: string; buildVersion?: string; productName?: string; serialNumber?: string; model?: string; deviceName?: string; raw: PlistDict }
  | { type: 'TokenUpdate'; identity: EnrollmentIdentity; topic: string; tokenHex: string; pushMagic: string; awaitingConfiguration: boolean; raw: PlistDict }
  | { type: 'CheckOut'; identity: EnrollmentIdentity; topic?: string; raw: PlistDict }
  | { type: 'Other'; messageType: string; identity: EnrollmentIdentity; raw: PlistDict };

const IDENTIFIER = /^[A-Za-z0-9:._-]{1,128}$/;

export function resolveIdentity(message: PlistDict): EnrollmentIdentity {
  const udid = optionalString(message, 'UDID');
  const enrollmentId = optionalString(message, 'EnrollmentID');
  const userChannel = optionalString(message, 'UserID') ?? optionalString(message, 'EnrollmentUserID') ?? optionalString(message, 'UserShortName');
  if (udid && enrollmentId) throw new PlistError('message carries both UDID and EnrollmentID');
  const id = udid ?? enrollmentId;
  if (!id) throw new PlistError('message carries neither UDID nor EnrollmentID');
  if (!IDENTIFIER.test(id)) throw new PlistError('malformed enrolment identifier');
  return udid
    ? { kind: 'DEVICE', id, udid, ...(userChannel ? { userChannel } : {}) }
    : { kind: 'USER', id, enrollmentId, ...(userChannel ? { userChannel } : {}) };
}

export function parseCheckin(message: PlistDict): CheckinMessage {
  const messageType = requiredString(message, 'MessageType');
  const identity = resolveIdentity(message);
  switch (messageType) {
    case 'Authenticate':
      return {
        type: 'Authenticate',
        identity,
        topic: requiredString(message, 'Topic'),
        osVersion: optionalString(message, 'OSVersion'),
        buildVersion: optionalString(message, 'BuildVersion'),
        productName: optionalString(message, 'ProductName'),
        // User Enrolment never sends a serial; we only keep one a device volunteered.
        serialNumber: identity.kind === 'DEVICE' ? optionalString(message, 'SerialNumber') : undefined,
        model: optionalString(message, 'Model') ?? optionalString(message, 'ProductName'),
        deviceName: optionalString(message, 'DeviceName'),
        raw: message,
      };
    case 'TokenUpdate': {
      const token = message.Token;
      if (!(token instanceof Uint8Array) || token.length === 0 || token.length > 256) throw new PlistError('TokenUpdate Token must be data');
      return {
        type: 'TokenUpdate',
        identity,
        topic: requiredString(message, 'Topic'),
        tokenHex: Buffer.from(token).toString('hex'),
        pushMagic: requiredString(message, 'PushMagic'),
        awaitingConfiguration: message.AwaitingConfiguration === true,
        raw: message,
      };
    }
    case 'CheckOut':
      return { type: 'CheckOut', identity, topic: optionalString(message, 'Topic'), raw: message };
    default:
      return { type: 'Other', messageType, identity, raw: message };
  }
}

export type ReportStatus = 'Idle' | 'Acknowledged' | 'Error' | 'CommandFormatError' | 'NotNow';
const STATUSES: ReportStatus[] = ['Idle', 'Acknowledged', 'Error', 'CommandFormatError', 'NotNow'];

export interface ErrorChainItem {
  ErrorCode?: number;
  ErrorDomain?: string;
  LocalizedDescription?: string;
  USEnglishDescription?: string;
}

export interface CommandReport {
  identity: EnrollmentIdentity;
  status: ReportStatus;
  commandUuid?: string;
  errorChain?: ErrorChainItem[];
  /** Result keys other than the envelope (QueryResponses, SecurityInfo, ProfileList, MessageResult, ...). */
  result: PlistDict;
  raw: PlistDict;
}

const ENVELOPE = new Set(['UDID', 'EnrollmentID', 'UserID', 'EnrollmentUserID', 'UserShortName', 'UserLongName', 'Status', 'CommandUUID', 'ErrorChain', 'RequestType']);
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function parseReport(message: PlistDict): CommandReport {
  const identity = resolveIdentity(message);
  const status = requiredString(message, 'Status') as ReportStatus;
  if (!STATUSES.includes(status)) throw new PlistError(`unknown Status ${status}`);
  const commandUuid = optionalString(message, 'CommandUUID');
  if (status !== 'Idle' && !commandUuid) throw new PlistError(`${status} report without CommandUUID`);
  let errorChain: ErrorChainItem[] | undefined;
  if (message.ErrorChain !== undefined) {
    if (!Array.isArray(message.ErrorChain)) throw new PlistError('ErrorChain must be an array');
    errorChain = message.ErrorChain.filter((e): e is ErrorChainItem => typeof e === 'object' && e !== null);
  }
  const result = Object.fromEntries(Object.entries(message).filter(([key]) => !ENVELOPE.has(key)));
  return { identity, status, commandUuid: commandUuid && status !== 'Idle' ? commandUuid : undefined, errorChain, result, raw: message };
}

/** Command UUIDs we issue are Command row ids; anything else cannot be ours. */
export const isOurCommandUuid = (value: string) => UUID.test(value);

function requiredString(message: PlistDict, key: string): string {
  const value = message[key];
  if (typeof value !== 'string' || value.length === 0) throw new PlistError(`${key} missing`);
  if (value.length > 1024) throw new PlistError(`${key} too long`);
  return value;
}

function optionalString(message: PlistDict, key: string): string | undefined {
  const value = message[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 1024) throw new PlistError(`${key} must be a string`);
  return value.length ? value : undefined;
}
