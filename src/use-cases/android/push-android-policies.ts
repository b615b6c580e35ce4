import type { BaseDeps, Deps } from '../../deps.js';
import type { Ownership } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import { buildAndroidPolicy, PolicyInputError, type AndroidRuleSettings } from '../../mdm/android/policy.js';
import type { AmapiPolicy } from '../../mdm/android/amapi-types.js';
import { requireAmapi } from '../../integrations/android/services.js';
import { currentPolicy } from '../../storage/policy-store.js';

export type AndroidPolicySettingsInput = Partial<Record<Ownership, Partial<AndroidRuleSettings>>>;

/** Configuration defaults for whatever the compliance settings do not provide. */
export function defaultRuleSettings(config: BaseDeps['config']): AndroidRuleSettings {
  return {
    encryptionRequired: true,
    passcodeRequired: true,
    passcodeMinLength: config.ANDROID_PASSCODE_MIN_LENGTH,
    maxAutoLockMinutes: config.ANDROID_MAX_AUTO_LOCK_MINUTES,
    minOsVersion: config.ANDROID_MIN_OS_VERSION,
    gracePeriodHours: null,
  };
}

export interface PushedPolicy {
  name: string;
  ownership: Ownership;
  version: string | null;
}

/** The ANDROID rule settings of the compliance policy in force. */
export async function complianceAndroidSettings(deps: Deps): Promise<{ version: number; settings: AndroidPolicySettingsInput }> {
  const { version, document } = await currentPolicy(deps);
  return { version, settings: { CORPORATE: document.settings.CORPORATE.ANDROID, PERSONAL: document.settings.PERSONAL.ANDROID } };
}

/**
 * Turns the organisation's compliance settings into the two AMAPI policies (company-owned, personally-owned work
 * profile) and patches them, which creates them the first time; devices pick a change up on their next sync.
 * Compliance queues `android.push-policies` with its ANDROID settings after every policy change; without settings
 * (first enrolment, POST /v1/android/policies/push) this reads the compliance policy in force. A side or field
 * missing takes the configured default.
 */
export async function pushAndroidPolicies(deps: Deps, explicit?: AndroidPolicySettingsInput): Promise<PushedPolicy[]> {
  const { client, enterprise } = requireAmapi(deps.android.amapi);
  const source = explicit ? { version: null, settings: explicit } : await complianceAndroidSettings(deps);
  const settings = source.settings;
  const defaults = defaultRuleSettings(deps.config);
  const days = { blockAfterDays: deps.config.ANDROID_BLOCK_AFTER_DAYS, wipeAfterDays: deps.config.ANDROID_WIPE_AFTER_DAYS };
  const inputs = { CORPORATE: { ...defaults, ...settings.CORPORATE }, PERSONAL: { ...defaults, ...settings.PERSONAL } };
  let policies: Record<Ownership, AmapiPolicy>;
  try {
    policies = { CORPORATE: buildAndroidPolicy('CORPORATE', inputs.CORPORATE, days), PERSONAL: buildAndroidPolicy('PERSONAL', inputs.PERSONAL, days) };
  } catch (error) {
    if (error instanceof PolicyInputError) throw new AppError('VALIDATION_FAILED', error.message);
    throw error;
  }
  const ids: Record<Ownership, string> = { CORPORATE: deps.config.ANDROID_CORPORATE_POLICY_ID, PERSONAL: deps.config.ANDROID_PERSONAL_POLICY_ID };
  const pushed: PushedPolicy[] = [];
  for (const ownership of ['CORPORATE', 'PERSONAL'] as const) {
    const name = `${enterprise}/policies/${ids[ownership]}`;
    const body = policies[ownership];
    const saved = await client.patchPolicy(name, body);
    const row = {
      ownership,
      version: saved.version ?? null,
      maximumTimeToLockMs: Number(body.maximumTimeToLock ?? 0),
      body: body as Prisma.InputJsonValue,
      pushedAt: deps.clock.now(),
    };
    await deps.db.androidPolicy.upsert({ where: { name }, create: { name, ...row }, update: row });
    pushed.push({ name, ownership, version: row.version });
  }
  await deps.audit.record({ actorType: 'system', action: 'android.policies.pushed', details: { complianceVersion: source.version, inputs: pick(inputs), policies: pushed } });
  if (deps.config.ANDROID_PUBSUB_TOPIC) {
    await client.patchEnterprise(
      enterprise,
      { pubsubTopic: deps.config.ANDROID_PUBSUB_TOPIC, enabledNotificationTypes: ['ENROLLMENT', 'STATUS_REPORT', 'COMMAND'] },
      ['pubsubTopic', 'enabledNotificationTypes'],
    );
  }
  return pushed;
}

/** Only the fields that shaped the policies (compliance's settings carry more). */
function pick(inputs: Record<Ownership, AndroidRuleSettings>) {
  const keys = ['encryptionRequired', 'passcodeRequired', 'passcodeMinLength', 'maxAutoLockMinutes', 'minOsVersion', 'gracePeriodHours', 'dataLeak'] as const;
  return Object.fromEntries(
    (['CORPORATE', 'PERSONAL'] as const).map((o) => [o, Object.fromEntries(keys.map((k) => [k, inputs[o][k] ?? null]))]),
  );
}
