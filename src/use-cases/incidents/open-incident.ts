import { deviceViewFor, redactDeviceFor, type Actor } from '../../domain/access.js';
import { parsePlaybook } from '../../domain/incidents/playbook.js';
import { AppError, notFound } from '../../errors.js';
import { addStep, contain, notify, resetCredentials, type IncidentDeps } from './incident-steps.js';
import { loadIncident } from './load-incident.js';
import { issueFollowUpToken } from './follow-up-token.js';

export interface OpenIncidentInput {
  deviceId: string;
  kind: 'LOST' | 'STOLEN';
  description?: string;
  lastSeenAt?: string;
  lastLocation?: string;
}

/**
 * A lost or stolen device, reported by its user, their manager or IT. The organisation's playbook
 * (INCIDENT_PLAYBOOK) runs at once: a phone in a stranger's hands should not wait for office hours.
 */
export async function openIncident(deps: IncidentDeps, actor: Actor, input: OpenIncidentInput) {
  const device = await deps.db.device.findUnique({ where: { id: input.deviceId }, include: { user: { select: { id: true, managerId: true } } } });
  const view = device ? deviceViewFor(actor, device.user) : null;
  if (!device || !view) throw notFound('Device');
  const open = await deps.db.incident.findFirst({ where: { deviceId: device.id, status: 'OPEN' }, select: { id: true } });
  if (open) throw new AppError('CONFLICT', 'An incident is already open for this device', { details: { incidentId: open.id } });

  const now = deps.clock.now();
  const incident = await deps.db.incident.create({
    data: {
      deviceId: device.id,
      userId: device.userId,
      kind: input.kind,
      description: input.description ?? null,
      lastSeenAt: input.lastSeenAt ? new Date(input.lastSeenAt) : null,
      lastLocation: input.lastLocation ?? null,
      openedById: actor.userId,
      openedAt: now,
    },
  });
  await addStep(deps, incident, 'opened', { actorType: 'user', actorId: actor.userId, ip: actor.ip }, { kind: input.kind });

  // When the owner reports their own device, the session they report from is on another device: it stays.
  const reporterSessionId = actor.userId === device.userId ? actor.sessionId : undefined;
  const playbook = { actorType: 'system' as const, actorId: 'playbook', triggeredBy: actor.userId, ...(reporterSessionId ? { reporterSessionId } : {}) };
  for (const step of parsePlaybook(deps.config.INCIDENT_PLAYBOOK)) {
    if (step === 'contain') await contain(deps, incident, playbook);
    if (step === 'reset_credentials') await resetCredentials(deps, incident, playbook, { revealTemporaryPassword: false });
    if (step === 'notify') await notify(deps, incident, playbook);
  }
  // The owner reporting their own device may be locked out next (sessions ended, authenticator on the lost phone):
  // they get a follow-up token, once, in this answer.
  const followUp = actor.userId === device.userId ? await issueFollowUpToken(deps, deps.db, incident, actor.userId) : null;
  if (followUp) {
    await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'incident.follow_up_token_issued', targetType: 'incident', targetId: incident.id, ip: actor.ip ?? null, details: { expiresAt: followUp.expiresAt } });
  }
  return { ...redactDeviceFor(view, await loadIncident(deps, incident.id)), followUp };
}
