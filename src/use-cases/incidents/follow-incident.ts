import { redactDeviceFor } from '../../domain/access.js';
import type { IncidentDeps } from './incident-steps.js';
import { requireFollowUpToken } from './follow-up-token.js';
import { loadIncident } from './load-incident.js';

/** The reporter reads their incident with its follow-up token: what they would see signed in (the owner's view), audited. */
export async function followIncident(deps: IncidentDeps, token: unknown, incidentId: string, ip: string | null) {
  const { tokenId, userId } = await requireFollowUpToken(deps, token, incidentId, ip);
  await deps.audit.record({ actorType: 'user', actorId: userId, action: 'incident.read', targetType: 'incident', targetId: incidentId, ip, details: { via: 'follow-up-token', tokenId } });
  return redactDeviceFor('owner', await loadIncident(deps, incidentId));
}
