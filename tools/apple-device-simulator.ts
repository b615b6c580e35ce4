import { randomBytes, randomUUID } from 'node:crypto';
import forge from 'node-forge';
import { decodePlist, encodePlist, isDict, type PlistDict } from '../src/mdm/apple/plist.js';
import { readPkcs12, signDetached, type KeyPairPem } from '../src/mdm/apple/pki.js';

/**
 * Plays an iPhone/iPad/Mac enrolling against our server the way a real device does: downloads the signed
 * profile, installs the identity from its PKCS#12, signs every request with a detached CMS `Mdm-Signature`
 * (SHA-1, no signed attributes, like real devices; configurable), and answers commands with results shaped like
 * the captures in tests/fixtures/apple.
 */
export interface DeviceHttpRequest {
  method: 'GET' | 'PUT' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface DeviceHttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type DeviceTransport = (request: DeviceHttpRequest) => Promise<DeviceHttpResponse>;

export interface SimulatedDeviceOptions {
  /** User Enrolment: identifies by EnrollmentID only (no UDID, no serial). */
  userEnrollment?: boolean;
  productName?: string;
  osVersion?: string;
  buildVersion?: string;
  passcodePresent?: boolean;
  /** Whether the passcode meets every installed passcode profile (PasscodeCompliant / PasscodeCompliantWithProfiles). */
  passcodeCompliant?: boolean;
  /** Null: the key is left out of SecurityInfo (seen in some captures). */
  hardwareEncryptionCaps?: number | null;
  /** Macs (product name iMac…/Mac…): FileVault state reported as FDE_Enabled. */
  fileVault?: boolean;
  /** Answer InstallProfile with an error (e.g. a profile the device refuses). */
  refuseProfiles?: boolean;
  signing?: { digest: 'sha1' | 'sha256'; signedAttributes: boolean };
  /** Answer NotNow to these request types (device locked, etc.). */
  notNowFor?: string[];
  /** DeviceInformation IsSupervised (devices set up through Apple Business Manager or Configurator). */
  supervised?: boolean;
  /** Refuse every InstallProfile with an installation error, as a device does when a payload is not allowed. */
  failInstallProfile?: boolean;
}

export interface InstalledProfile {
  serverUrl: string;
  checkInUrl: string;
  topic: string;
  accessRights?: number;
  identifier: string;
  enrollmentMode?: string;
  raw: PlistDict;
}

export class AppleDeviceSimulator {
  readonly udid = randomBytes(20).toString('hex');
  readonly enrollmentId = randomUUID().toUpperCase();
  readonly serialNumber = `F${randomBytes(5).toString('hex').toUpperCase()}`;
  readonly pushToken = randomBytes(32);
  readonly pushMagic = randomUUID().toUpperCase();
  identity?: KeyPairPem;
  profile?: InstalledProfile;
  /** Every command plist received, in order. */
  readonly received: PlistDict[] = [];
  /** Profiles installed by InstallProfile, by PayloadIdentifier; ProfileList reports them. */
  readonly installedProfiles = new Map<string, PlistDict>();
  /** Refuse InstallProfile (starts as the option; tests flip it to model a device that starts accepting). */
  failInstallProfile: boolean;
  private readonly options: Required<Omit<SimulatedDeviceOptions, 'signing'>> & { signing: { digest: 'sha1' | 'sha256'; signedAttributes: boolean } };

  constructor(
    private readonly transport: DeviceTransport,
    options: SimulatedDeviceOptions = {},
  ) {
    this.options = {
      userEnrollment: false,
      productName: 'iPhone14,2',
      osVersion: '17.5.1',
      buildVersion: '21F90',
      passcodePresent: true,
      passcodeCompliant: true,
      hardwareEncryptionCaps: 3,
      fileVault: true,
      refuseProfiles: false,
      notNowFor: [],
      supervised: false,
      failInstallProfile: false,
      ...options,
      signing: options.signing ?? { digest: 'sha1', signedAttributes: false },
    };
    this.failInstallProfile = this.options.failInstallProfile;
  }

  /** Changes what the device reports from now on (the person fixes or breaks something). */
  set(options: Partial<Omit<SimulatedDeviceOptions, 'signing'>>) {
    Object.assign(this.options, options);
  }

  get isMac(): boolean {
    return /^(i?Mac|MacBook|Macmini|MacPro|VirtualMac)/i.test(this.options.productName);
  }

  get identityFields(): PlistDict {
    return this.options.userEnrollment ? { EnrollmentID: this.enrollmentId } : { UDID: this.udid };
  }

  /** GET the profile URL, check it is CMS-signed, install it (identity + MDM payload). */
  async enrol(profileUrl: string): Promise<DeviceHttpResponse> {
    const response = await this.transport({ method: 'GET', url: profileUrl, headers: { 'user-agent': 'MDM/1.0' } });
    if (response.status !== 200) return response;
    this.install(response.body);
    return response;
  }

  install(signedProfile: Buffer) {
    const message = forge.pkcs7.messageFromAsn1(forge.asn1.fromDer(signedProfile.toString('binary'))) as forge.pkcs7.PkcsSignedData;
    const content = (message as unknown as { rawCapture: { content?: forge.asn1.Asn1 } }).rawCapture.content;
    const xml = contentBytes(content);
    const profile = decodePlist(xml);
    const payloads = (profile.PayloadContent as PlistDict[]) ?? [];
    const mdm = payloads.find((p) => p.PayloadType === 'com.apple.mdm');
    if (!mdm) throw new Error('profile has no com.apple.mdm payload');
    const identityPayload = payloads.find((p) => p.PayloadUUID === mdm.IdentityCertificateUUID);
    if (!identityPayload || identityPayload.PayloadType !== 'com.apple.security.pkcs12') throw new Error('identity payload missing');
    this.identity = readPkcs12(Buffer.from(identityPayload.PayloadContent as Uint8Array), identityPayload.Password as string);
    this.profile = {
      serverUrl: mdm.ServerURL as string,
      checkInUrl: (mdm.CheckInURL as string) ?? (mdm.ServerURL as string),
      topic: mdm.Topic as string,
      accessRights: mdm.AccessRights as number | undefined,
      identifier: profile.PayloadIdentifier as string,
      enrollmentMode: mdm.EnrollmentMode as string | undefined,
      raw: profile,
    };
  }

  authenticate() {
    const extra: PlistDict = this.options.userEnrollment
      ? {}
      : { SerialNumber: this.serialNumber, IMEI: '35 000000 000000 0', MEID: '35000000000000' };
    return this.checkin({
      MessageType: 'Authenticate',
      Topic: this.requireProfile().topic,
      OSVersion: this.options.osVersion,
      BuildVersion: this.options.buildVersion,
      ProductName: this.options.productName,
      ...extra,
    });
  }

  tokenUpdate() {
    return this.checkin({
      MessageType: 'TokenUpdate',
      Topic: this.requireProfile().topic,
      Token: this.pushToken,
      PushMagic: this.pushMagic,
      AwaitingConfiguration: false,
      ...(this.options.userEnrollment ? {} : { UnlockToken: randomBytes(64) }),
    });
  }

  checkOut() {
    return this.checkin({ MessageType: 'CheckOut', Topic: this.requireProfile().topic });
  }

  checkin(message: PlistDict, tamper?: (body: Buffer) => Buffer) {
    return this.send(this.requireProfile().checkInUrl, 'application/x-apple-aspen-mdm-checkin', { ...message, ...this.identityFields }, tamper);
  }

  /** One connect request; returns the server's reply and the command in it, if any. */
  async connect(report: PlistDict): Promise<{ response: DeviceHttpResponse; command: PlistDict | null }> {
    const response = await this.send(this.requireProfile().serverUrl, 'application/x-apple-aspen-mdm', { ...report, ...this.identityFields });
    const command = response.status === 200 && response.body.length > 0 ? decodePlist(response.body) : null;
    if (command) this.received.push(command);
    return { response, command };
  }

  /** What a device does after a push: Idle, then answer every command until the server sends an empty body. */
  async runSession(maxCommands = 20): Promise<PlistDict[]> {
    const handled: PlistDict[] = [];
    let { command } = await this.connect({ Status: 'Idle' });
    while (command && handled.length < maxCommands) {
      handled.push(command);
      ({ command } = await this.connect(this.answer(command)));
    }
    return handled;
  }

  /** A result for `command`, shaped like the real captures. */
  answer(command: PlistDict): PlistDict {
    const uuid = command.CommandUUID as string;
    const body = isDict(command.Command) ? command.Command : {};
    const type = body.RequestType as string;
    if (this.options.notNowFor.includes(type)) return { CommandUUID: uuid, Status: 'NotNow' };
    switch (type) {
      case 'DeviceInformation': {
        const all: PlistDict = {
          OSVersion: this.options.osVersion,
          BuildVersion: this.options.buildVersion,
          ProductName: this.options.productName,
          Model: 'MLPF3',
          ModelName: this.isMac ? 'iMac' : this.options.productName.startsWith('iPad') ? 'iPad' : 'iPhone',
          DeviceName: 'Test device',
          IsSupervised: this.options.supervised,
          ...(this.options.userEnrollment ? {} : { SerialNumber: this.serialNumber, UDID: this.udid, IsDeviceLocatorServiceEnabled: true, IsActivationLockEnabled: false }),
        };
        const queries = (body.Queries as string[] | undefined) ?? Object.keys(all);
        return { CommandUUID: uuid, Status: 'Acknowledged', QueryResponses: Object.fromEntries(queries.filter((q) => q in all).map((q) => [q, all[q]])) };
      }
      case 'SecurityInfo': {
        const management = { EnrolledViaDEP: false, IsUserEnrollment: this.options.userEnrollment, IsActivationLockManageable: false };
        if (this.isMac) {
          // macOS shape (securityinfo_response_macos10.13.plist): FileVault, firewall, SIP; no passcode keys.
          const info: PlistDict = {
            FDE_Enabled: this.options.fileVault,
            FirewallSettings: { FirewallEnabled: true, BlockAllIncoming: false, StealthMode: false, Applications: [] },
            FirmwarePasswordStatus: {},
            SystemIntegrityProtectionEnabled: true,
            ManagementStatus: management,
          };
          return { CommandUUID: uuid, Status: 'Acknowledged', SecurityInfo: info };
        }
        // iOS shape (securityinfo_response_ios11.plist).
        const info: PlistDict = { PasscodeCompliant: this.options.passcodeCompliant, ManagementStatus: management };
        if (this.options.hardwareEncryptionCaps !== null) info.HardwareEncryptionCaps = this.options.hardwareEncryptionCaps;
        // User Enrolment hides whether a passcode is set (Apple schema: forbidden keys).
        if (!this.options.userEnrollment) {
          info.PasscodePresent = this.options.passcodePresent;
          info.PasscodeCompliantWithProfiles = this.options.passcodeCompliant;
          info.PasscodeLockGracePeriod = 0;
          info.PasscodeLockGracePeriodEnforced = 0;
        }
        return { CommandUUID: uuid, Status: 'Acknowledged', SecurityInfo: info };
      }
      case 'ProfileList': {
        // Shape of profilelist_response_ios11.plist: the enrolment profile plus every profile installed by MDM.
        const entry = (p: PlistDict) => ({
          PayloadIdentifier: p.PayloadIdentifier,
          PayloadUUID: p.PayloadUUID,
          PayloadVersion: 1,
          PayloadDisplayName: p.PayloadDisplayName ?? 'Profile',
          PayloadOrganization: p.PayloadOrganization ?? 'MDM',
          PayloadRemovalDisallowed: false,
          HasRemovalPasscode: false,
          IsEncrypted: false,
          IsManaged: true,
          PayloadContent: ((p.PayloadContent as PlistDict[] | undefined) ?? []).map((c) => ({ PayloadType: c.PayloadType, PayloadIdentifier: c.PayloadIdentifier, PayloadVersion: 1 })),
        });
        const enrolment = this.profile?.raw ?? { PayloadIdentifier: 'x', PayloadUUID: randomUUID() };
        return { CommandUUID: uuid, Status: 'Acknowledged', ProfileList: [entry(enrolment), ...[...this.installedProfiles.values()].map(listedProfile)] };
      }
      case 'DeviceLock':
        return { CommandUUID: uuid, Status: 'Acknowledged', ...(this.options.passcodePresent ? {} : { MessageResult: 'NoPasscodeSet' }) };
      case 'InstallProfile': {
        if (this.options.refuseProfiles || this.failInstallProfile) {
          return { CommandUUID: uuid, Status: 'Error', ErrorChain: [{ ErrorCode: 4001, ErrorDomain: 'MCProfileErrorDomain', LocalizedDescription: 'The profile could not be installed.', USEnglishDescription: 'The profile could not be installed.' }] };
        }
        const installed = decodePlist(Buffer.from(body.Payload as Uint8Array));
        this.installedProfiles.set(installed.PayloadIdentifier as string, installed);
        return { CommandUUID: uuid, Status: 'Acknowledged' };
      }
      case 'RemoveProfile': {
        const identifier = body.Identifier as string;
        // Removing the enrolment profile itself is how a device leaves management (selective wipe).
        if (identifier !== this.profile?.identifier && !this.installedProfiles.delete(identifier)) {
          // error_response_removeprofile_not_managed_ios11.plist
          return { CommandUUID: uuid, Status: 'Error', ErrorChain: [{ ErrorCode: 12013, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: `The profile “${identifier}” is not managed by MDM.`, USEnglishDescription: `The profile “${identifier}” is not managed by MDM.` }] };
        }
        return { CommandUUID: uuid, Status: 'Acknowledged' };
      }
      case 'EraseDevice':
        return { CommandUUID: uuid, Status: 'Acknowledged' };
      default:
        return {
          CommandUUID: uuid,
          Status: 'Error',
          ErrorChain: [{ ErrorCode: 12021, ErrorDomain: 'MCMDMErrorDomain', LocalizedDescription: `“${type}” is not a valid request type.`, USEnglishDescription: `“${type}” is not a valid request type.` }],
        };
    }
  }

  /** Sends a signed device request. `tamper` alters the body after signing (for negative tests). */
  async send(url: string, contentType: string, message: PlistDict, tamper?: (body: Buffer) => Buffer, identity = this.identity) {
    if (!identity) throw new Error('device has no identity: enrol first');
    const body = encodePlist(message);
    const signature = signDetached(body, identity, this.options.signing).toString('base64');
    return this.sendRaw(url, contentType, tamper ? tamper(body) : body, signature);
  }

  sendRaw(url: string, contentType: string, body: Buffer, signature?: string) {
    return this.transport({
      method: 'PUT',
      url,
      headers: { 'content-type': contentType, 'user-agent': 'MDM/1.0', ...(signature ? { 'mdm-signature': signature } : {}) },
      body,
    });
  }

  private requireProfile(): InstalledProfile {
    if (!this.profile) throw new Error('device has no profile: enrol first');
    return this.profile;
  }
}

/** A ProfileList entry shaped like a real device's (tests/fixtures/apple/profilelist_response_ios11.plist). */
function listedProfile(profile: PlistDict): PlistDict {
  const pick = (p: PlistDict, keys: string[]) => Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
  return {
    HasRemovalPasscode: false,
    IsEncrypted: false,
    IsManaged: true,
    PayloadRemovalDisallowed: false,
    ...pick(profile, ['PayloadDescription', 'PayloadDisplayName', 'PayloadIdentifier', 'PayloadOrganization', 'PayloadUUID', 'PayloadVersion']),
    PayloadContent: ((profile.PayloadContent as PlistDict[]) ?? []).map((p) => pick(p, ['PayloadDescription', 'PayloadDisplayName', 'PayloadIdentifier', 'PayloadType', 'PayloadVersion'])),
  };
}

function contentBytes(node: forge.asn1.Asn1 | undefined): Buffer {
  if (!node) throw new Error('signed profile has no content');
  // eContent is [0] EXPLICIT OCTET STRING, possibly constructed from segments.
  const flatten = (n: forge.asn1.Asn1): string =>
    Array.isArray(n.value) ? (n.value as forge.asn1.Asn1[]).map(flatten).join('') : (n.value as string);
  return Buffer.from(flatten(node), 'binary');
}

/** Transport over Fastify's inject (tests): URLs in the profile are absolute, inject wants the path. */
export function injectTransport(app: { inject: (options: object) => Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined>; rawPayload: Buffer }> }): DeviceTransport {
  return async (request) => {
    const url = new URL(request.url, 'http://localhost');
    const response = await app.inject({ method: request.method, url: `${url.pathname}${url.search}`, headers: request.headers, payload: request.body });
    return { status: response.statusCode, headers: response.headers, body: response.rawPayload };
  };
}

/** Transport over real HTTP (the simulate-apple-device script). */
export const fetchTransport: DeviceTransport = async (request) => {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
};
