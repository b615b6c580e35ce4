import type { Db } from '../db/prisma.js';

export interface SummaryRow {
  series: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Reads the trigger-maintained metric summaries: folded totals plus the deltas not folded yet (a few rows at
 * most, as the rollup job folds them every few seconds), so a scrape is exact without scanning devices or commands.
 */
export async function readMetricSummaries(db: Db): Promise<SummaryRow[]> {
  const rows = await db.$queryRaw<{ series: string; labels: Record<string, string>; value: number }[]>`
    SELECT series, labels, sum(value)::float8 AS value FROM (
      SELECT series, labels, value FROM "MetricCounter"
      UNION ALL
      SELECT series, labels, delta FROM "MetricDelta"
    ) s
    GROUP BY series, labels`;
  return rows.map((r) => ({ series: r.series, labels: r.labels, value: Number(r.value) }));
}

/**
 * Folds up to `limit` pending deltas into the running totals in one statement. Rows are deleted as they are
 * folded, so two replicas running this at once never count a delta twice. Returns how many were folded.
 */
export async function foldMetricDeltas(db: Db, limit = 50_000): Promise<number> {
  const [row] = await db.$queryRaw<{ folded: bigint }[]>`
    WITH moved AS (
      DELETE FROM "MetricDelta" WHERE id IN (SELECT id FROM "MetricDelta" ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING series, labels, delta
    ), summed AS (
      SELECT series, labels, sum(delta) AS delta, count(*) AS n FROM moved GROUP BY series, labels
    ), upserted AS (
      INSERT INTO "MetricCounter" (series, "labelKey", labels, value)
      SELECT series, labels::text, labels, delta FROM summed
      ON CONFLICT (series, "labelKey") DO UPDATE SET value = "MetricCounter".value + EXCLUDED.value
      RETURNING 1
    )
    SELECT coalesce(sum(n), 0)::bigint AS folded FROM summed, (SELECT count(*) FROM upserted) u`;
  return Number(row?.folded ?? 0);
}

/** Length of the audit hash chain held in the database: first to last event id, both read from the primary key. */
export async function auditChainBounds(db: Db): Promise<{ first: bigint | null; last: bigint | null }> {
  const [row] = await db.$queryRaw<{ first: bigint | null; last: bigint | null }[]>`
    SELECT (SELECT id FROM "AuditEvent" ORDER BY id ASC LIMIT 1) AS first, (SELECT id FROM "AuditEvent" ORDER BY id DESC LIMIT 1) AS last`;
  return { first: row?.first ?? null, last: row?.last ?? null };
}
