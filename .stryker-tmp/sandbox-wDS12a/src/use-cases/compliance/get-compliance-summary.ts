// @ts-nocheck
import type { Deps } from '../../container.js';
import type { Actor } from '../../domain/access.js';
import { RULE_IDS } from '../../domain/compliance/rules.js';
import type { SummaryCounts } from '../../compliance/report-store.js';
import { reportScope } from './list-noncompliant.js';

const STATES = ['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN'] as const;

export interface ComplianceSummary {
  scope: 'fleet' | 'team';
  total: number;
  byState: Record<(typeof STATES)[number], number>;
  byPlatform: Record<'APPLE' | 'ANDROID', number>;
  byOwnership: Record<'CORPORATE' | 'PERSONAL', number>;
  /** Devices in grace or non-compliant, per failing rule. */
  byFailingRule: Record<string, number>;
  /** Full breakdown, for charts: at most 16 rows. */
  groups: SummaryCounts['groups'];
}

/** Counts by state, platform, ownership and failing rule, aggregated in SQL; managers get their team's. */
export async function getComplianceSummary(deps: Pick<Deps, 'compliance'>, actor: Actor): Promise<ComplianceSummary> {
  const scope = reportScope(actor);
  const { groups, failingRules } = await deps.compliance.reports.summary(scope);
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const summary: ComplianceSummary = {
    scope: scope.kind,
    total: 0,
    byState: zero(STATES),
    byPlatform: zero(['APPLE', 'ANDROID'] as const),
    byOwnership: zero(['CORPORATE', 'PERSONAL'] as const),
    byFailingRule: zero(RULE_IDS),
    groups,
  };
  // Folds the (at most 16) aggregated rows; the devices themselves were counted by PostgreSQL.
  for (const g of groups) {
    summary.total += g.count;
    summary.byState[g.state] += g.count;
    summary.byPlatform[g.platform] += g.count;
    summary.byOwnership[g.ownership] += g.count;
  }
  for (const r of failingRules) summary.byFailingRule[r.rule] = r.count;
  return summary;
}
