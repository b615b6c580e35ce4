import { Type, type Static } from 'typebox';
import { dataLeakProblems, DataLeakControlsSchema } from './data-leak.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

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
    minOsVersion: Nullable(Type.String({ pattern: '^[0-9]+(\\.[0-9]+){0,3}$' }), 'Lowest allowed OS version, e.g. 17.4 or 14'),
    maxPatchAgeDays: Nullable(Type.Integer({ minimum: 1, maximum: 3650 }), 'Android only: oldest allowed security patch level, in days'),
    integrityRequired: Type.Boolean({ description: 'Device must not be rooted, jailbroken or otherwise compromised' }),
    maxCheckInAgeDays: Nullable(Type.Integer({ minimum: 1, maximum: 365 }), 'Longest time since the device last reported'),
    mfaRequired: Type.Boolean({ description: 'The device user must have enrolled MFA' }),
    gracePeriodHours: Type.Integer({ minimum: 0, maximum: 24 * 90, description: 'Time to fix a failing rule before the device is non-compliant' }),
    // Optional so documents saved before data-leak controls existed stay valid and round-trip unchanged.
    dataLeak: Type.Optional(DataLeakControlsSchema),
  },
);
export type RuleSettings = Static<typeof RuleSettingsSchema>;

/** What escalation can do. There is deliberately no full wipe: escalation never erases a whole device. */
export const ESCALATION_ACTIONS = ['NOTIFY_USER', 'NOTIFY_MANAGER', 'BLOCK', 'LOCK', 'WIPE_SELECTIVE'] as const;

export const EscalationStepSchema = Type.Object({
  action: Type.Enum(ESCALATION_ACTIONS),
  afterHours: Type.Number({ minimum: 0, maximum: 24 * 365, description: 'Hours after the grace deadline' }),
});
export type EscalationStep = Static<typeof EscalationStepSchema>;

const PerPlatform = Type.Object({ APPLE: RuleSettingsSchema, ANDROID: RuleSettingsSchema });
const Escalation = Type.Array(EscalationStepSchema, { maxItems: 10 });

export const PolicyDocumentSchema = Type.Object(
  {
    settings: Type.Object({ CORPORATE: PerPlatform, PERSONAL: PerPlatform }),
    escalation: Type.Object({ CORPORATE: Escalation, PERSONAL: Escalation }),
  },
  { $id: 'CompliancePolicyDocument' },
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
