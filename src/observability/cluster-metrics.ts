import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Db } from '../db/prisma.js';
import { auditChainBounds, readMetricSummaries, type SummaryRow } from '../storage/metric-summary-store.js';

/** Upper bounds (seconds) of the command delivery histogram; the database trigger uses the same list. */
export const COMMAND_DELIVERY_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 21600, 86400];

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'completed'] as const;

/** One line of a custom metric, as prom-client's registry prints it (metricName for histogram parts). */
interface Sample {
  metricName?: string;
  labels: Record<string, string>;
  value: number;
}

interface Snapshot {
  summaries: SummaryRow[];
  queues: { queue: string; state: string; count: number }[];
  auditChainEvents: number;
}

/**
 * Fleet-wide figures every API replica reports alike (take max(), not sum(), across replicas in queries):
 * devices by compliance state and commands by status from the trigger-maintained summaries, command delivery
 * latency, BullMQ queue depth per state, audit chain length. One scrape costs one small summary query,
 * two primary-key lookups and one Redis round trip per queue.
 */
export function registerClusterMetrics(registry: Registry, sources: { db: Db; redis: Redis; prefix: string; queueNames: string[] }) {
  const queues = sources.queueNames.map((name) => new Queue(name, { connection: sources.redis, prefix: sources.prefix }));
  let inFlight: Promise<Snapshot> | undefined;

  // prom-client asks every metric at once for one scrape: they share one read, and the next scrape reads afresh.
  const snapshot = (): Promise<Snapshot> => {
    inFlight ??= (async () => {
      const [summaries, bounds, counts] = await Promise.all([
        readMetricSummaries(sources.db),
        auditChainBounds(sources.db),
        Promise.all(queues.map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) }))),
      ]);
      return {
        summaries,
        queues: counts.flatMap(({ queue, counts }) => Object.entries(counts).map(([state, count]) => ({ queue, state, count }))),
        auditChainEvents: bounds.first === null || bounds.last === null ? 0 : Number(bounds.last - bounds.first + 1n),
      };
    })().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const custom = (name: string, help: string, type: 'gauge' | 'histogram', values: (s: Snapshot) => Sample[]) => {
    registry.registerMetric({
      name,
      help,
      type,
      async get() {
        return { name, help, type, aggregator: 'max', values: values(await snapshot()) };
      },
      reset() {},
    } as never);
  };
  const series = (s: Snapshot, name: string) => s.summaries.filter((r) => r.series === name);

  custom('mdm_devices_by_compliance_state', 'Devices by platform and compliance state', 'gauge', (s) =>
    series(s, 'devices_by_compliance_state').map((r) => ({ labels: r.labels, value: r.value })),
  );
  custom('mdm_commands', 'Commands stored, by platform, request type and status', 'gauge', (s) =>
    series(s, 'commands_by_status').map((r) => ({ labels: r.labels, value: r.value })),
  );
  custom('mdm_command_delivery_seconds', 'Time from a command being queued to the device acknowledging it', 'histogram', (s) => {
    const buckets = series(s, 'command_delivery_seconds_bucket');
    const sums = series(s, 'command_delivery_seconds_sum');
    const platforms = [...new Set([...buckets, ...sums].map((r) => r.labels.platform ?? 'UNKNOWN'))];
    return platforms.flatMap((platform) => {
      const mine = buckets.filter((r) => r.labels.platform === platform);
      const at = (le: string) => mine.filter((r) => r.labels.le === le).reduce((n, r) => n + r.value, 0);
      let cumulative = 0;
      const values: Sample[] = COMMAND_DELIVERY_BUCKETS.map((bound) => {
        cumulative += at(String(bound));
        return { metricName: 'mdm_command_delivery_seconds_bucket', labels: { platform, le: String(bound) }, value: cumulative };
      });
      const count = cumulative + at('+Inf');
      values.push({ metricName: 'mdm_command_delivery_seconds_bucket', labels: { platform, le: '+Inf' }, value: count });
      values.push({ metricName: 'mdm_command_delivery_seconds_sum', labels: { platform }, value: sums.find((r) => r.labels.platform === platform)?.value ?? 0 });
      values.push({ metricName: 'mdm_command_delivery_seconds_count', labels: { platform }, value: count });
      return values;
    });
  });
  custom('mdm_queue_jobs', 'BullMQ jobs per queue and state (waiting, active, delayed, failed, prioritized, completed)', 'gauge', (s) =>
    s.queues.map((q) => ({ labels: { queue: q.queue, state: q.state }, value: q.count })),
  );
  custom('mdm_audit_chain_events', 'Audit events in the hash chain held in the database (first to last id)', 'gauge', (s) => [
    { labels: {}, value: s.auditChainEvents },
  ]);

  return {
    async close() {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
