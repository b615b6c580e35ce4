import { Type, type Static } from 'typebox';
import { dataLeakProblems, DataLeakControlsSchema } from './data-leak.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

const Version = Type.String({ pattern: '^[0-9]+(\\.[0-9]+){0,3}$' });

/**
 * Thresholds for one (ownership, platform) pair. A null threshold switches its rule off; `false` for a
 * "required" flag does the same.
 */
export const RuleSettingsSchema = Type.Object(
  {
    encryptionRequired: Type.Boolean({ description: 'Storage encryption must be on' }),
    passcodeRequired: Type.Boolean({ description: 'A screen lock passcode must be set' }),
    passcodeMinLength: Nullable(Type.Integer({ minimum: 1, maximum: 64 }), 'Minimum passcode length'),
    maxAutoLockMinutes: Nullable(Type.Integer({ minimum: 0, maximum: 1440 }), 'Longest allowed auto-lock delay'),
    minOsVersion: Nullable(Version, 'Lowest allowed OS version: iOS on iPhones (APPLE), Android (ANDROID); e.g. 17.4 or 14'),
    minIPadOsVersion: Type.Optional(Nullable(Version, 'APPLE only: lowest allowed iPadOS version; absent = minOsVersion, null = not checked')),
    minMacOsVersion: Type.Optional(Nullable(Version, 'APPLE only: lowest allowed macOS version; absent or null = not checked')),
    maxPatchAgeDays: Nullable(
      Type.Integer({ minimum: 0, maximum: 3650 }),
      'ANDROID only: days a device may stay on a security patch level after the next monthly patch level (the 1st of the following month) became installable',
    ),
    integrityRequired: Type.Boolean({ description: 'Device must not be rooted, jailbroken or otherwise compromised' }),
    maxCheckInAgeDays: Nullable(Type.Integer({ minimum: 1, maximum: 365 }), 'Longest time since the device last reported'),
    mfaRequired: Type.Boolean({ description: 'The device user must have enrolled MFA' }),
    gracePeriodHours: Type.Integer({ minimum: 0, maximum: 24 * 90, description: 'Time to fix a failing rule before the device is non-compliant' }),
    notReportable: Type.Optional(
      Type.Union([Type.Literal('PASS'), Type.Literal('FAIL')], {
        description:
          'How to count a rule whose fact this platform and enrolment type can never report (e.g. auto-lock under Apple User Enrolment, jailbreak on Apple): PASS or FAIL; absent = FAIL',
      }),
    ),
    // Optional so documents saved before data-leak controls existed stay valid and round-trip unchanged.
    dataLeak: Type.Optional(DataLeakControlsSchema),
  },
  { additionalProperties: false },
);
export type RuleSettings = Static<typeof RuleSettingsSchema>;

/** What escalation can do. There is deliberately no full wipe: escalation never erases a whole device. */
export const ESCALATION_ACTIONS = ['NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'LOCK', 'WIPE_SELECTIVE'] as const;

export const EscalationStepSchema = Type.Object(
  {
    action: Type.Enum(ESCALATION_ACTIONS),
    afterHours: Type.Number({ minimum: 0, maximum: 24 * 365, description: 'Hours after the grace deadline' }),
  },
  { additionalProperties: false },
);
export type EscalationStep = Static<typeof EscalationStepSchema>;

const PerPlatform = Type.Object({ APPLE: RuleSettingsSchema, ANDROID: RuleSettingsSchema }, { additionalProperties: false });
const Escalation = Type.Array(EscalationStepSchema, { maxItems: 10 });

export const PolicyDocumentSchema = Type.Object(
  {
    settings: Type.Object({ CORPORATE: PerPlatform, PERSONAL: PerPlatform }, { additionalProperties: false }),
    escalation: Type.Object({ CORPORATE: Escalation, PERSONAL: Escalation }, { additionalProperties: false }),
  },
  { $id: 'CompliancePolicyDocument', additionalProperties: false },
);

export type OwnershipKey = 'CORPORATE' | 'PERSONAL';
export type PlatformKey = 'APPLE' | 'ANDROID';

export interface PolicyDocument {
  settings: Record<OwnershipKey, Record<PlatformKey, RuleSettings>>;
  escalation: Record<OwnershipKey, EscalationStep[]>;
}

/** Escalation steps in the order they run: by delay, then as written. */
export function orderedSteps(steps: EscalationStep[]): EscalationStep[] {
  return steps.map((step, index) => ({ step, index }))
    .sort((a, b) => a.step.afterHours - b.step.afterHours || a.index - b.index)
    .map(({ step }) => step);
}

/** Problems a schema cannot express; an empty list means the document is usable. */
export function policyProblems(document: PolicyDocument): string[] {
  const problems: string[] = [];
  for (const ownership of ['CORPORATE', 'PERSONAL'] as const) {
    const seen = new Set<string>();
    for (const step of document.escalation[ownership]) {
      if (seen.has(step.action)) problems.push(`escalation.${ownership}: ${step.action} appears twice`);
      seen.add(step.action);
    }
    for (const platform of ['APPLE', 'ANDROID'] as const) {
      problems.push(...dataLeakProblems(ownership, platform, document.settings[ownership][platform].dataLeak));
    }
  }
  return problems;
}
