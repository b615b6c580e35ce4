/**
 * The parts of the Android Management API v1 resources this backend reads or writes, as JSON on the wire.
 * Enums stay `string`: Google keeps adding values, and unknown ones must be handled, not rejected.
 */

export interface UserFacingMessage {
  defaultMessage?: string;
  localizedMessages?: Record<string, string>;
}

export interface NonComplianceDetail {
  settingName?: string;
  nonComplianceReason?: string;
  fieldPath?: string;
  packageName?: string;
  currentValue?: unknown;
  installationFailureReason?: string;
  specificNonComplianceReason?: string;
  specificNonComplianceContext?: Record<string, unknown>;
}

export interface PasswordRequirements {
  passwordScope?: string;
  passwordQuality?: string;
  passwordMinimumLength?: number;
  unifiedLockSettings?: string;
  maximumFailedPasswordsForWipe?: number;
  requirePasswordUnlock?: string;
  [key: string]: unknown;
}

export interface AmapiDevice {
  name?: string;
  userName?: string;
  managementMode?: string;
  ownership?: string;
  state?: string;
  appliedState?: string;
  policyCompliant?: boolean;
  nonComplianceDetails?: NonComplianceDetail[];
  enrollmentTime?: string;
  lastStatusReportTime?: string;
  lastPolicySyncTime?: string;
  policyName?: string;
  appliedPolicyName?: string;
  appliedPolicyVersion?: string;
  apiLevel?: number;
  enrollmentTokenName?: string;
  enrollmentTokenData?: string;
  softwareInfo?: {
    androidVersion?: string;
    androidBuildNumber?: string;
    securityPatchLevel?: string;
    [key: string]: unknown;
  };
  hardwareInfo?: {
    brand?: string;
    manufacturer?: string;
    model?: string;
    serialNumber?: string;
    enterpriseSpecificId?: string;
    [key: string]: unknown;
  };
  deviceSettings?: {
    isDeviceSecure?: boolean;
    isEncrypted?: boolean;
    encryptionStatus?: string;
    unknownSourcesEnabled?: boolean;
    developmentSettingsEnabled?: boolean;
    adbEnabled?: boolean;
    verifyAppsEnabled?: boolean;
  };
  securityPosture?: {
    devicePosture?: string;
    postureDetails?: { securityRisk?: string; advice?: UserFacingMessage[] }[];
  };
  appliedPasswordPolicies?: PasswordRequirements[];
  [key: string]: unknown;
}

/** Device command (issueCommand body, and Operation.metadata). */
export interface AmapiCommand {
  type?: string;
  duration?: string;
  createTime?: string;
  userName?: string;
  errorCode?: string;
  newPassword?: string;
  resetPasswordFlags?: string[];
  wipeParams?: { wipeDataFlags?: string[]; wipeReason?: UserFacingMessage };
  startLostModeParams?: {
    lostMessage?: UserFacingMessage;
    lostPhoneNumber?: UserFacingMessage;
    lostEmailAddress?: string;
    lostStreetAddress?: UserFacingMessage;
    lostOrganization?: UserFacingMessage;
  };
  startLostModeStatus?: { status?: string };
  stopLostModeStatus?: { status?: string };
  [key: string]: unknown;
}

export interface AmapiOperation {
  name?: string;
  metadata?: AmapiCommand & { '@type'?: string };
  done?: boolean;
  error?: { code?: number; message?: string; details?: unknown[] };
  response?: Record<string, unknown>;
}

export interface AmapiEnrollmentToken {
  name?: string;
  value?: string;
  duration?: string;
  expirationTimestamp?: string;
  policyName?: string;
  additionalData?: string;
  qrCode?: string;
  oneTimeOnly?: boolean;
  allowPersonalUsage?: string;
}

export interface PolicyEnforcementRule {
  settingName: string;
  blockAction: { blockAfterDays: number; blockScope?: string };
  wipeAction: { wipeAfterDays: number; preserveFrp?: boolean };
}

export interface AmapiPolicy {
  name?: string;
  version?: string;
  passwordPolicies?: PasswordRequirements[];
  maximumTimeToLock?: string;
  encryptionPolicy?: string;
  screenCaptureDisabled?: boolean;
  minimumApiLevel?: number;
  advancedSecurityOverrides?: Record<string, unknown>;
  statusReportingSettings?: Record<string, unknown>;
  personalUsagePolicies?: Record<string, unknown>;
  policyEnforcementRules?: PolicyEnforcementRule[];
  crossProfilePolicies?: Record<string, string>;
  cameraAccess?: string;
  playStoreMode?: string;
  applications?: { packageName: string; installType?: string; [key: string]: unknown }[];
  [key: string]: unknown;
}
