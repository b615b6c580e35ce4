import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { Prisma } from '../../db/prisma.js';
import { hashPassword } from '../../domain/auth/password.js';
import type { Incident } from '../../generated/prisma/client.js';
import { requestDeviceAction } from '../commands/request-device-action.js';

export type IncidentDeps = Pick<Deps, 'db' | 'queue' | 'audit' | 'clock' | 'config' | 'logger' | 'apple' | 'android' | 'webhooks'>;

/** Who performs a step: a person, or the playbook acting for the person who opened the incident. */
export interface StepActor {
  actorType: 'user' | 'system';
  actorId: string;
  ip?: string | null;
  /** For playbook steps: the person whose report started them. */
  triggeredBy?: string;
  /**
   * The session the device's own user reported from (another device): it survives the playbook's session
   * revocation, so the reporter can follow the incident and is never locked out of it.
   */
  reporterSessionId?: string;
}

/** Ends the user's sessions except the one the reporter is using (audited as kept in the step details). */
async function endSessions(deps: IncidentDeps, userId: string, reason: string, keep?: string): Promise<number> {
  const { count } = await deps.db.session.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: deps.clock.now(), revokedReason: reason },
  });
  return count;
}

export async function addStep(deps: IncidentDeps, incident: Incident, step: string, actor: StepActor, details: Record<string, unknown> = {}) {
  const at = deps.clock.now();
  const data = { ...details, ...(actor.triggeredBy ? { triggeredBy: actor.triggeredBy } : {}) };
  await deps.db.$transaction(async (tx) => {
    await tx.incidentStep.create({ data: { incidentId: incident.id, step, actorType: actor.actorType, actorId: actor.actorId, at, details: data as Prisma.InputJsonValue } });
    await deps.audit.record({ actorType: actor.actorType, actorId: actor.actorId, action: `incident.${step}`, targetType: 'incident', targetId: incident.id, ip: actor.ip ?? null, details: data }, tx);
  });
  try {
    await deps.webhooks.publisher.publish(`incident.${step}`, { incidentId: incident.id, deviceId: incident.deviceId, userId: incident.userId, kind: incident.kind, step, at: at.toISOString(), actor: { type: actor.actorType, id: actor.actorId } });
  } catch (error) {
    deps.logger.warn({ err: error, incidentId: incident.id }, 'could not publish incident webhook');
  }
}

/**
 * Contain: end every session (and with them the refresh tokens) of the device's user, and take the work data out
 * of reach: a corporate device is locked; a personal one cannot be (and must not be erased), so its work data is
 * removed instead (Apple: the managed profiles and apps go with the enrolment profile; Android: the work profile
 * is wiped). The step records what was actually done: `contained` when the device action was queued,
 * `containment_incomplete` when only the sessions could be ended.
 */
export async function contain(deps: IncidentDeps, incident: Incident, actor: StepActor) {
  const device = await deps.db.device.findUnique({ where: { id: incident.deviceId }, select: { ownership: true } });
  const action = device?.ownership === 'PERSONAL' ? 'WIPE_SELECTIVE' : 'LOCK';
  let deviceAction: Record<string, unknown>;
  let queued = false;
  try {
    const { command, effect } = await requestDeviceAction(deps, { system: 'incident', onBehalfOf: actor.triggeredBy ?? actor.actorId }, {
      deviceId: incident.deviceId,
      action,
      reason: `Incident ${incident.id}: device reported ${incident.kind.toLowerCase()}`,
      ...(action === 'LOCK' ? { message: 'This device has been reported lost. Please return it to the IT service desk.' } : {}),
      idempotencyKey: `incident-${incident.id}-${action === 'LOCK' ? 'lock' : 'selective-wipe'}`,
    });
    deviceAction = { action, commandId: command.id, status: command.status, effect };
    queued = true;
  } catch (error) {
    // The account is still contained below; the timeline shows why the device action could not be queued.
    deviceAction = { action, error: error instanceof Error ? error.message : String(error) };
  }
  const sessionsRevoked = incident.userId ? await endSessions(deps, incident.userId, `incident:${incident.id}`, actor.reporterSessionId) : 0;
  const details = {
    deviceAction,
    ...(action === 'LOCK' ? { lock: deviceAction } : { selectiveWipe: deviceAction }),
    sessionsRevoked,
    ...(actor.reporterSessionId ? { reporterSessionKept: true } : {}),
  };
  await addStep(deps, incident, queued ? 'contained' : 'containment_incomplete', actor, details);
  return { deviceAction, lock: deviceAction, sessionsRevoked };
}

/**
 * Reset credentials: the password may have been saved on the device and the authenticator app was probably on
 * it. The old password stops working at once; the user gets a temporary one from IT out of band, must change it
 * at next sign-in and enrol MFA again. Only an IT/ADMIN running the step sees the temporary password.
 */
export async function resetCredentials(deps: IncidentDeps, incident: Incident, actor: StepActor, options: { revealTemporaryPassword: boolean }) {
  if (!incident.userId) {
    await addStep(deps, incident, 'credentials_reset', actor, { skipped: 'the device has no user' });
    return { temporaryPassword: null };
  }
  const temporaryPassword = randomBytes(18).toString('base64url');
  await deps.db.user.update({
    where: { id: incident.userId },
    data: { passwordHash: await hashPassword(temporaryPassword), mustResetPassword: true, mustReenrollMfa: true, failedLoginCount: 0, lockedUntil: null },
  });
  await endSessions(deps, incident.userId, `incident:${incident.id}:credentials`, actor.reporterSessionId);
  await addStep(deps, incident, 'credentials_reset', actor, {
    mustResetPassword: true,
    mustReenrollMfa: true,
    temporaryPasswordIssued: options.revealTemporaryPassword,
    // The reporter keeps following the incident from their session; IT gives them the temporary password (reset_credentials step).
    ...(actor.reporterSessionId ? { reporterSessionKept: true } : {}),
  });
  return { temporaryPassword: options.revealTemporaryPassword ? temporaryPassword : null };
}

/** Notify: a notification for IT and ADMIN leads (and the user's manager), and the outbound webhook. */
export async function notify(deps: IncidentDeps, incident: Incident, actor: StepActor) {
  const owner = incident.userId ? await deps.db.user.findUnique({ where: { id: incident.userId }, select: { name: true, managerId: true } }) : null;
  const subject = `Device reported ${incident.kind.toLowerCase()}${owner ? ` (${owner.name})` : ''}`;
  const body = `Incident ${incident.id}: follow the timeline at GET /v1/incidents/${incident.id}, record the harm assessment, actions and lessons.`;
  const now = deps.clock.now();
  const recipients = [
    { audience: 'IT', userId: null },
    { audience: 'ADMIN', userId: null },
    ...(owner?.managerId ? [{ audience: null, userId: owner.managerId }] : []),
  ];
  await deps.db.notification.createMany({
    data: recipients.map((r) => ({ kind: 'incident', audience: r.audience, userId: r.userId, subject, body, incidentId: incident.id, createdAt: now })),
  });
  await addStep(deps, incident, 'notified', actor, { notifications: recipients.length, audiences: recipients.map((r) => r.audience ?? 'manager') });
}
