import type { Deps } from '../../deps.js';
import type { Judgement, ComplianceStateName } from '../../domain/compliance/judge.js';
import { failingNotice, fixedNotice, reminderAt, reminderNotice, type Notice } from '../../domain/compliance/notices.js';
import type { RuleResult } from '../../domain/compliance/rules.js';
import { remindUserJob } from '../../jobs/definitions/compliance.js';

type NotifyDeps = Pick<Deps, 'db' | 'queue' | 'clock'>;

async function store(deps: NotifyDeps, deviceId: string, userId: string, episodeStartedAt: Date, notice: Notice): Promise<boolean> {
  // One of each kind per device, user and episode: a re-evaluation or a retried job never repeats a message.
  const { count } = await deps.db.complianceNotification.createMany({
    data: [{ recipientUserId: userId, deviceId, kind: notice.kind, episodeStartedAt, subject: notice.subject, body: notice.body, createdAt: deps.clock.now() }],
    skipDuplicates: true,
  });
  return count === 1;
}

/**
 * After an evaluation: tells the device's user at once when a failure episode starts (deadline and fix) and
 * schedules a reminder before the deadline; tells them when the device is compliant again.
 */
export async function notifyDeviceUser(
  deps: NotifyDeps,
  input: { deviceId: string; userId: string | null; platform: 'APPLE' | 'ANDROID'; previous: { state: ComplianceStateName; episodeStartedAt: Date | null } | null; judgement: Judgement; results: RuleResult[] },
): Promise<void> {
  const { deviceId, userId, judgement, previous } = input;
  if (!userId) return;
  const started = judgement.episodeStartedAt;
  if (started && judgement.graceDeadline && !previous?.episodeStartedAt) {
    await store(deps, deviceId, userId, started, failingNotice(input.platform, input.results, judgement.graceDeadline));
    const remindAt = reminderAt(started, judgement.graceDeadline);
    const now = deps.clock.now();
    if (remindAt && remindAt.getTime() > now.getTime()) {
      await deps.queue.enqueue(remindUserJob, { deviceId, episodeStartedAt: started.toISOString() }, { jobId: `remind-${deviceId}-${started.getTime()}`, delayMs: remindAt.getTime() - now.getTime() });
    }
  } else if (judgement.state === 'COMPLIANT' && previous?.episodeStartedAt) {
    await store(deps, deviceId, userId, previous.episodeStartedAt, fixedNotice(input.platform));
  }
}

/** The reminder job: only while the same failure episode is still in grace. */
export async function remindDeviceUser(deps: NotifyDeps, input: { deviceId: string; episodeStartedAt: string }): Promise<boolean> {
  const device = await deps.db.device.findUnique({
    where: { id: input.deviceId },
    select: { userId: true, platform: true, compliance: { select: { state: true, episodeStartedAt: true, graceDeadline: true, detail: { select: { results: true } } } } },
  });
  const c = device?.compliance;
  if (!device?.userId || !c || c.state !== 'IN_GRACE' || !c.graceDeadline || c.episodeStartedAt?.toISOString() !== input.episodeStartedAt) return false;
  const results = (c.detail?.results ?? []) as unknown as RuleResult[];
  return store(deps, input.deviceId, device.userId, c.episodeStartedAt, reminderNotice(device.platform, results, c.graceDeadline));
}
