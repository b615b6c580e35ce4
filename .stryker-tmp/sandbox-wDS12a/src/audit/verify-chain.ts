// @ts-nocheck
import type { DbOrTx } from '../db/prisma.js';
import { auditEventHash, GENESIS_HASH } from './audit-hash.js';

export interface ChainBreak {
  /** The first event whose stored hashes do not match the chain. */
  id: string;
  reason: 'prev_hash_mismatch' | 'hash_mismatch' | 'unchained';
  at: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBroken: ChainBreak | null;
  /** Hash of the last event checked: keep it elsewhere to detect later truncation of the tail. */
  headHash: string;
}

const BATCH = 2_000;

/**
 * Recomputes every event's hash in insertion order. An edited row fails its own hash; a deleted or inserted
 * row breaks the next row's link to its predecessor.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<ChainReport> {
  let previous = GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.auditEvent.findMany({
      where: cursor !== undefined ? { id: { gt: cursor } } : {},
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      const broken = (reason: ChainBreak['reason']): ChainReport => ({
        ok: false,
        checked,
        firstBroken: { id: row.id.toString(), reason, at: row.at.toISOString() },
        headHash: previous,
      });
      if (!row.hash || !row.prevHash) return broken('unchained');
      if (row.prevHash !== previous) return broken('prev_hash_mismatch');
      if (auditEventHash(row.prevHash, row) !== row.hash) return broken('hash_mismatch');
      previous = row.hash;
      checked += 1;
    }
    if (rows.length < BATCH) break;
    cursor = rows.at(-1)!.id;
  }
  return { ok: true, checked, firstBroken: null, headHash: previous };
}
