import { Type } from 'typebox';
import type { BaseDeps, Deps } from '../../container.js';
import type { Ownership } from '../../generated/prisma/enums.js';
import type { Prisma } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import { buildAndroidPolicies, PolicyInputError, type AndroidPolicyInputs } from '../../mdm/android/policy.js';
import { requireAmapi } from '../../mdm/android/services.js';

/** The compliance settings pushAndroidPolicies accepts (HTTP body and job payload); all optional. */
export const AndroidPolicySettings = Type.Object(
  {
    passcodeMinLength: Type.Optional(Type.Integer({ minimum: 4, maximum: 16 })),
    maxAutoLockMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    minApiLevel: Type.Optional(Type.Integer({ minimum: 21 })),
    blockAfterDays: Type.Optional(Type.Integer({ minimum: 0 })),
    wipeAfterDays: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

/** Configuration defaults for whatever the compliance settings do not (yet) provide. */
export function defaultPolicyInputs(config: BaseDeps['config']): AndroidPolicyInputs {
  return {
    passcodeMinLength: config.ANDROID_PASSCODE_MIN_LENGTH,
    maxAutoLockMinutes: config.ANDROID_MAX_AUTO_LOCK_MINUTES,
    minApiLevel: config.ANDROID_MIN_API_LEVEL,
    blockAfterDays: config.ANDROID_BLOCK_AFTER_DAYS,
    wipeAfterDays: config.ANDROID_WIPE_AFTER_DAYS,
  };
}

export interface PushedPolicy {
  name: string;
  ownership: Ownership;
  version: string | null;
}

/**
 * Turns the organisation's compliance settings into the two AMAPI policies and patches them (which creates them
 * the first time). Devices pick a changed policy up on their next sync. Compliance calls this (or enqueues
 * `android.push-policies`) whenever the settings change.
 */
export async function pushAndroidPolicies(deps: Deps, settings: Partial<AndroidPolicyInputs> = {}): Promise<PushedPolicy[]> {
  const { client, enterprise } = requireAmapi(deps.android.amapi);
  const inputs = { ...defaultPolicyInputs(deps.config), ...settings };
  let policies;
  try {
    policies = buildAndroidPolicies(inputs);
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
  await deps.audit.record({ actorType: 'system', action: 'android.policies.pushed', details: { inputs, policies: pushed } });
  if (deps.config.ANDROID_PUBSUB_TOPIC) {
    await client.patchEnterprise(
      enterprise,
      { pubsubTopic: deps.config.ANDROID_PUBSUB_TOPIC, enabledNotificationTypes: ['ENROLLMENT', 'STATUS_REPORT', 'COMMAND'] },
      ['pubsubTopic', 'enabledNotificationTypes'],
    );
  }
  return pushed;
}
