import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';
import { describeChange, judge, type ComplianceStateName } from '../../domain/compliance/judge.js';
import { evaluateRules, type DeviceFacts } from '../../domain/compliance/rules.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { escalateDeviceJob, evaluateDeviceJob } from '../../jobs/definitions/compliance.js';
import { PASSCODE_PROFILE_KIND } from '../../mdm/apple/managed-profiles.js';
import { appleSource } from '../../mdm/apple/posture.js';
import { androidSource } from '../../mdm/android/posture.js';
import { notifyDeviceUser } from './notify-device-user.js';
import { dataLeakEvidence } from './data-leak-evidence.js';

export type EvaluateDeps = Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'webhooks'>;

export interface EvaluationOutcome {
  deviceId: string;
  state: ComplianceStateName | null;
  previousState: ComplianceStateName | null;
  policyVersion: number;
}

/** Devices that left management are no longer judged; their compliance row goes so reports stop counting them. */
const RETIRED = new Set(['RETIRING', 'UNENROLLED', 'WIPED']);

/**
 * Judges one device against the policy in force and stores the result. The device row is locked for the
 * transaction, so evaluations racing on one device (posture job, policy batch, sweep) apply one after the other
 * and never lose a first-failing time.
 */
export async function evaluateDevice(deps: EvaluateDeps, deviceId: string): Promise<EvaluationOutcome | null> {
  const { db, audit, clock } = deps;
  const now = clock.now();
  const policy = await currentPolicy(deps);

  const outcome = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Device" WHERE id = ${deviceId}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    const device = await tx.device.findUniqueOrThrow({
      where: { id: deviceId },
      include: {
        posture: true,
        user: { select: { mfaEnrolledAt: true, mustReenrollMfa: true, idpMfaAt: true } },
        compliance: true,
        complianceRuleFailures: true,
        appleEnrollment: { select: { type: true, userEnrollment: true, lastSecurityInfo: true, lastAuthenticate: true } },
        appleProfiles: { where: { kind: PASSCODE_PROFILE_KIND }, select: { state: true, settings: true } },
        android: { select: { managementMode: true, nonComplianceDetails: true } },
      },
    });
    const previous = device.compliance;
    if (RETIRED.has(device.status)) {
      if (previous) {
        await tx.deviceCompliance.delete({ where: { deviceId } });
        await tx.deviceRuleFailure.deleteMany({ where: { deviceId } });
      }
      return { deviceId, state: null, previousState: previous?.state ?? null, policyVersion: policy.version, changed: false, judgement: null };
    }

    const settings = policy.document.settings[device.ownership][device.platform];
    const facts: DeviceFacts = {
      platform: device.platform,
      ownership: device.ownership,
      posture: device.posture,
      device: { osVersion: device.osVersion, lastSeenAt: device.lastSeenAt },
      // Our TOTP, or MFA the identity provider asserted at the user's last single sign-on.
      user: device.user ? { mfaEnrolled: (device.user.mfaEnrolledAt !== null && !device.user.mustReenrollMfa) || device.user.idpMfaAt !== null } : null,
      source: platformSource(device),
      dataLeak: await dataLeakEvidence(deps, tx, device, settings),
    };
    const results = evaluateRules(facts, settings, now);
    const judgement = judge(
      results,
      {
        failureClocks: new Map(device.complianceRuleFailures.map((f) => [f.rule, f.firstFailedAt])),
        episodeStartedAt: previous?.episodeStartedAt ?? null,
      },
      settings.gracePeriodHours,
      now,
    );

    const changed = previous?.state !== judgement.state;
    // Block ends with the failure episode: once nothing fails, the IdP/VPN lets the device back in.
    const unblock = previous?.blocked === true && judgement.failing.length === 0;
    const row = {
      userId: device.userId,
      platform: device.platform,
      ownership: device.ownership,
      state: judgement.state,
      graceDeadline: judgement.graceDeadline,
      episodeStartedAt: judgement.episodeStartedAt,
      failingRules: judgement.failing,
      unknownRules: judgement.unknown,
      policyVersion: policy.version,
      evaluatedAt: now,
      ...(changed ? { stateChangedAt: now } : {}),
      ...(unblock ? { blocked: false, blockedAt: null } : {}),
    };
    await tx.deviceCompliance.upsert({
      where: { deviceId },
      create: { deviceId, ...row, stateChangedAt: now },
      update: row,
    });
    const detail = { results: results as unknown as Prisma.InputJsonValue };
    await tx.deviceComplianceResult.upsert({ where: { deviceId }, create: { deviceId, ...detail }, update: detail });

    const keep = [...judgement.failureClocks.keys()];
    await tx.deviceRuleFailure.deleteMany({ where: { deviceId, rule: { notIn: keep } } });
    const known = new Set(device.complianceRuleFailures.map((f) => f.rule));
    const fresh = keep.filter((rule) => !known.has(rule));
    if (fresh.length > 0) {
      await tx.deviceRuleFailure.createMany({
        data: fresh.map((rule) => ({ deviceId, rule, firstFailedAt: judgement.failureClocks.get(rule)! })),
        skipDuplicates: true,
      });
    }

    if (changed) {
      const reason = describeChange(previous?.state ?? null, judgement);
      await tx.complianceStateChange.create({
        data: { deviceId, fromState: previous?.state ?? null, toState: judgement.state, reason, failingRules: judgement.failing, policyVersion: policy.version, at: now },
      });
      await audit.record(
        {
          actorType: 'system',
          action: 'compliance.state_changed',
          targetType: 'device',
          targetId: deviceId,
          details: { from: previous?.state ?? null, to: judgement.state, reason, failingRules: judgement.failing, graceDeadline: judgement.graceDeadline?.toISOString() ?? null, policyVersion: policy.version },
        },
        tx,
      );
    }
    if (unblock) {
      await audit.record({ actorType: 'system', action: 'compliance.unblocked', targetType: 'device', targetId: deviceId, details: { reason: 'no rule fails any more' } }, tx);
    }
    return {
      deviceId, state: judgement.state, previousState: previous?.state ?? null, policyVersion: policy.version, changed, judgement, userId: device.userId,
      platform: device.platform, results, previous: previous ? { state: previous.state, episodeStartedAt: previous.episodeStartedAt } : null,
    };
  });
  if (!outcome) return null;
  if (outcome.judgement && 'results' in outcome) {
    await notifyDeviceUser(deps, { deviceId, userId: outcome.userId ?? null, platform: outcome.platform, previous: outcome.previous, judgement: outcome.judgement, results: outcome.results });
  }

  if (outcome.changed && outcome.judgement) {
    await deps.webhooks.publisher.publish('device.compliance_changed', {
      deviceId,
      userId: outcome.userId ?? null,
      from: outcome.previousState,
      to: outcome.state,
      failingRules: outcome.judgement.failing,
      graceDeadline: outcome.judgement.graceDeadline?.toISOString() ?? null,
      policyVersion: outcome.policyVersion,
      at: now.toISOString(),
    });
  }
  const deadline = outcome.judgement?.graceDeadline;
  if (outcome.state === 'IN_GRACE' && deadline) {
    // Judge again when grace ends; the id makes repeated evaluations within one episode schedule it once.
    await deps.queue.enqueue(evaluateDeviceJob, { deviceId }, { jobId: `grace-end-${deviceId}-${deadline.getTime()}`, delayMs: deadline.getTime() - now.getTime() });
  } else if (outcome.state === 'NONCOMPLIANT') {
    await deps.queue.enqueue(escalateDeviceJob, { deviceId });
  }
  return { deviceId, state: outcome.state, previousState: outcome.previousState, policyVersion: outcome.policyVersion };
}

/** How this device's platform and enrolment report facts (null when it never enrolled through us: posture alone). */
function platformSource(device: {
  model: string | null;
  appleEnrollment: { type: 'DEVICE' | 'USER' | null; userEnrollment: boolean; lastSecurityInfo: unknown; lastAuthenticate: unknown } | null;
  appleProfiles: { state: string; settings: unknown }[];
  android: { managementMode: string | null; nonComplianceDetails: unknown } | null;
}): DeviceFacts['source'] {
  if (device.appleEnrollment) {
    const enrollment = device.appleEnrollment;
    const productName = (enrollment.lastAuthenticate as { ProductName?: string } | null)?.ProductName ?? device.model;
    return appleSource({
      productName,
      enrollmentType: enrollment.type ?? (enrollment.userEnrollment ? 'USER' : 'DEVICE'),
      lastSecurityInfo: enrollment.lastSecurityInfo,
      passcodeProfile: device.appleProfiles[0] ?? null,
    });
  }
  if (device.android) return androidSource(device.android);
  return null;
}
