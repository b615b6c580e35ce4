/** Normalised posture fields; leave a field undefined when a report does not cover it (it keeps its old value). */
export interface PostureReport {
  encrypted?: boolean | null;
  passcodePresent?: boolean | null;
  passcodeCompliant?: boolean | null;
  passcodeMinLength?: number | null;
  autoLockMinutes?: number | null;
  osVersion?: string | null;
  osBuild?: string | null;
  securityPatchLevel?: Date | null;
  compromised?: boolean | null;
  supervised?: boolean | null;
  lastCheckInAt?: Date | null;
}
