import type { BaseDeps } from '../../deps.js';
import { foldMetricDeltas as fold } from '../../storage/metric-summary-store.js';

/** Folds the metric deltas triggers appended since the last run into the running totals, in bounded batches. */
export async function foldMetricDeltas(deps: Pick<BaseDeps, 'db'>, options: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const batch = options.batch ?? 50_000;
  let total = 0;
  for (let i = 0; i < (options.maxBatches ?? 20); i++) {
    const folded = await fold(deps.db, batch);
    total += folded;
    if (folded < batch) break;
  }
  return total;
}
