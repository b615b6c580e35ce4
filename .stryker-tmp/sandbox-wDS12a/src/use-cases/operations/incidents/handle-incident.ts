// @ts-nocheck
import { redactDeviceFor, type Actor } from '../../../domain/access.js';
import { suggestedRisk, type AutomaticStep, type RiskLevel } from '../../../domain/operations/incident-playbook.js';
import { AppError } from '../../../errors.js';
import { addStep, contain, notify, resetCredentials, type IncidentDeps } from './incident-steps.js';
import { findManagedIncident, findVisibleIncident, loadIncident } from './load-incident.js';

const asStepActor = (actor: Actor) => ({ actorType: 'user' as const, actorId: actor.userId, ip: actor.ip });

/** The timeline and assessment. Reading it is audited: it is about a person and possibly a data breach. */
export async function getIncident(deps: IncidentDeps, actor: Actor, id: string) {
  const { view } = await findVisibleIncident(deps, actor, id);
  await deps.audit.record({ actorType: 'user', actorId: actor.userId, action: 'incident.read', targetType: 'incident', targetId: id, ip: actor.ip ?? null });
  return redactDeviceFor(view, await loadIncident(deps, id));
}

/** Runs (or runs again) one playbook step by hand, e.g. when it is not automatic in this organisation's playbook. */
export async function runIncidentStep(deps: IncidentDeps, actor: Actor, id: string, step: AutomaticStep) {
  const incident = await findManagedIncident(deps, actor, id);
  let temporaryPassword: string | null = null;
  if (step === 'contain') await contain(deps, incident, asStepActor(actor));
  if (step === 'reset_credentials') ({ temporaryPassword } = await resetCredentials(deps, incident, asStepActor(actor), { revealTemporaryPassword: true }));
  if (step === 'notify') await notify(deps, incident, asStepActor(actor));
  return { incident: await loadIncident(deps, id), temporaryPassword };
}

export interface AssessmentInput {
  dataCategories: string[];
  patientDataExposed?: boolean | null;
  deviceEncrypted?: boolean | null;
  riskLevel?: RiskLevel;
  notes?: string;
}

/** Harm assessment. Encryption defaults to what the device last reported; the risk to a suggestion from both. */
export async function assessIncident(deps: IncidentDeps, actor: Actor, id: string, input: AssessmentInput) {
  const incident = await findManagedIncident(deps, actor, id);
  const posture = await deps.db.devicePosture.findUnique({ where: { deviceId: incident.deviceId }, select: { encrypted: true } });
  const deviceEncrypted = input.deviceEncrypted !== undefined ? input.deviceEncrypted : (posture?.encrypted ?? null);
  const patientDataExposed = input.patientDataExposed ?? null;
  const riskLevel = input.riskLevel ?? suggestedRisk({ patientDataExposed, deviceEncrypted, dataCategories: input.dataCategories });
  const updated = await deps.db.incident.update({
    where: { id },
    data: { dataCategories: input.dataCategories, patientDataExposed, deviceEncrypted, riskLevel, assessment: input.notes ?? null, assessedAt: deps.clock.now(), assessedById: actor.userId },
  });
  await addStep(deps, updated, 'assessed', asStepActor(actor), { dataCategories: input.dataCategories, patientDataExposed, deviceEncrypted, riskLevel });
  return loadIncident(deps, id);
}

export async function recordIncidentAction(deps: IncidentDeps, actor: Actor, id: string, action: string) {
  const incident = await findManagedIncident(deps, actor, id);
  await addStep(deps, incident, 'action', asStepActor(actor), { action });
  return loadIncident(deps, id);
}

/** Closing needs a harm assessment and the lessons learned: the record a regulator or auditor will ask for. */
export async function closeIncident(deps: IncidentDeps, actor: Actor, id: string, lessons: string) {
  const incident = await findManagedIncident(deps, actor, id);
  if (!incident.assessedAt) throw new AppError('CONFLICT', 'Record the harm assessment before closing the incident');
  const { count } = await deps.db.incident.updateMany({
    where: { id, status: 'OPEN' },
    data: { status: 'CLOSED', lessons, closedAt: deps.clock.now(), closedById: actor.userId },
  });
  if (count === 0) throw new AppError('CONFLICT', 'The incident is closed');
  await addStep(deps, incident, 'closed', asStepActor(actor), { lessons });
  return loadIncident(deps, id);
}
