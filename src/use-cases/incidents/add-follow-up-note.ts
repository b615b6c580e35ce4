import { redactDeviceFor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { addStep, type IncidentDeps } from './incident-steps.js';
import { requireFollowUpToken } from './follow-up-token.js';
import { loadIncident } from './load-incident.js';

/** Enough for any real follow-up; a leaked token cannot flood the incident's timeline. */
const MAX_REPORTER_NOTES = 50;

/** The reporter adds a note to their incident's timeline with its follow-up token ("found it at home", ...). */
export async function addFollowUpNote(deps: IncidentDeps, token: unknown, incidentId: string, note: string, ip: string | null) {
  const { tokenId, userId, incident } = await requireFollowUpToken(deps, token, incidentId, ip);
  const notes = await deps.db.incidentStep.count({ where: { incidentId, step: 'reporter_note' } });
  if (notes >= MAX_REPORTER_NOTES) throw new AppError('CONFLICT', `This incident already has ${MAX_REPORTER_NOTES} notes from its reporter; contact IT`);
  await addStep(deps, incident, 'reporter_note', { actorType: 'user', actorId: userId, ip }, { note, via: 'follow-up-token', tokenId });
  return redactDeviceFor('owner', await loadIncident(deps, incidentId));
}
