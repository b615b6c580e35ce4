import type { Deps } from '../../deps.js';
import { Prisma } from '../../db/prisma.js';
import { AppError } from '../../errors.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { policyProblems, type PolicyDocument } from '../../domain/compliance/policy.js';
import { findPreset } from '../../domain/compliance/presets.js';
import { currentPolicy } from '../../storage/policy-store.js';
import { pushAndroidPoliciesJob } from '../../jobs/definitions/android.js';
import { syncFleetProfilesJob } from '../../jobs/definitions/apple.js';
import { requestFleetReevaluation } from './reevaluate-fleet.js';
import { toPolicyView, type PolicyView } from './policy-view.js';

export type UpdatePolicyInput = { preset: string; document?: undefined } | { document: PolicyDocument; preset?: undefined };

/**
 * Saves a new policy version (a whole document, or a preset) and starts re-judging every device against it.
 * `expectedVersion` guards against two administrators overwriting each other's edits.
 */
export async function updatePolicy(deps: Deps, actor: Actor, input: UpdatePolicyInput & { expectedVersion?: number }): Promise<PolicyView> {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can change the compliance policy');
  let document: PolicyDocument;
  let preset: string | null = null;
  if (input.preset !== undefined) {
    const found = findPreset(input.preset);
    if (!found) throw new AppError('VALIDATION_FAILED', `Unknown preset ${input.preset}`);
    document = found.document;
    preset = found.id;
  } else {
    document = input.document;
  }
  const problems = policyProblems(document);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'The policy is not usable', { details: { problems } });

  const now = deps.clock.now();
  const current = await currentPolicy(deps);
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new AppError('CONFLICT', `The policy changed meanwhile (now version ${current.version})`, { details: { version: current.version } });
  }
  const saved = await deps.db.$transaction(async (tx) => {
    const version = current.version + 1;
    try {
      const row = await tx.compliancePolicyVersion.create({
        data: { version, preset, document: document as unknown as Prisma.InputJsonValue, createdById: actor.userId, createdAt: now },
      });
      await deps.audit.record(
        { actorType: 'user', actorId: actor.userId, action: 'compliance.policy_changed', targetType: 'compliance_policy', targetId: String(version), ip: actor.ip ?? null, details: { version, preset, previousVersion: current.version } },
        tx,
      );
      return row;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw new AppError('CONFLICT', 'Another policy change was saved at the same time; reload and try again');
      }
      throw error;
    }
  });
  await requestFleetReevaluation(deps, saved.version);
  // Android enforces part of the policy on the device itself (AMAPI password, lock and encryption policies).
  await deps.queue.enqueue(pushAndroidPoliciesJob, { CORPORATE: document.settings.CORPORATE.ANDROID, PERSONAL: document.settings.PERSONAL.ANDROID });
  // Apple enforces the passcode requirements and the data-leak controls through profiles derived from the policy
  // (use-cases/apple/sync-apple-profiles.ts): install the versions that changed.
  await deps.queue.enqueue(syncFleetProfilesJob, { policyVersion: saved.version }, { jobId: `apple-profiles-${saved.version}-start` });
  return toPolicyView({ ...saved, document, preset });
}
