// @ts-nocheck
import type { BaseDeps } from '../container.js';
import type { DbOrTx, Prisma } from '../db/prisma.js';
import { findPreset } from '../domain/compliance/presets.js';
import type { PolicyDocument } from '../domain/compliance/policy.js';

export interface StoredPolicy {
  version: number;
  preset: string | null;
  document: PolicyDocument;
  createdById: string | null;
  createdAt: Date;
}

/**
 * The policy in force: the highest stored version. With none stored yet, the configured default preset is
 * saved as version 1 first, so every evaluation can name the version it used.
 */
export async function currentPolicy(deps: Pick<BaseDeps, 'db' | 'config' | 'clock'>, db: DbOrTx = deps.db): Promise<StoredPolicy> {
  const latest = await db.compliancePolicyVersion.findFirst({ orderBy: { version: 'desc' } });
  if (latest) return toStored(latest);
  const preset = findPreset(deps.config.COMPLIANCE_DEFAULT_PRESET)!;
  await db.compliancePolicyVersion.createMany({
    data: [{ version: 1, preset: preset.id, document: preset.document as unknown as Prisma.InputJsonValue, createdAt: deps.clock.now() }],
    skipDuplicates: true,
  });
  return toStored((await db.compliancePolicyVersion.findFirst({ orderBy: { version: 'desc' } }))!);
}

function toStored(row: { version: number; preset: string | null; document: unknown; createdById: string | null; createdAt: Date }): StoredPolicy {
  return { version: row.version, preset: row.preset, document: row.document as PolicyDocument, createdById: row.createdById, createdAt: row.createdAt };
}
