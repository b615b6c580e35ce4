// @ts-nocheck
import type { BaseDeps } from '../../container.js';
import { AppError } from '../../errors.js';
import { isFleetAdmin, type Actor } from '../../domain/access.js';
import { currentPolicy } from '../../compliance/policy-store.js';
import { toPolicyView, type PolicyView } from './policy-view.js';

/** The policy in force, or an older version by number (every evaluation names the version it used). */
export async function getPolicy(deps: Pick<BaseDeps, 'db' | 'config' | 'clock'>, actor: Actor, version?: number): Promise<PolicyView> {
  if (!isFleetAdmin(actor)) throw new AppError('FORBIDDEN', 'Only IT and ADMIN can read the compliance policy');
  if (version === undefined) return toPolicyView(await currentPolicy(deps));
  const row = await deps.db.compliancePolicyVersion.findUnique({ where: { version } });
  if (!row) throw new AppError('NOT_FOUND', `Policy version ${version} not found`);
  return toPolicyView(row);
}
