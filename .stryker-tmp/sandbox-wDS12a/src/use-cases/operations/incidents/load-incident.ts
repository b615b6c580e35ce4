// @ts-nocheck
import type { Deps } from '../../../container.js';
import { deviceViewFor, type Actor, type DeviceView } from '../../../domain/access.js';
import { AppError, notFound } from '../../../errors.js';
import { toIncidentView } from './incident-view.js';

export async function loadIncident(deps: Pick<Deps, 'db'>, id: string) {
  const incident = await deps.db.incident.findUnique({ where: { id }, include: { steps: { orderBy: { seq: 'asc' } } } });
  if (!incident) throw notFound('Incident');
  return toIncidentView(incident);
}

/** The incident if the caller may see it (its user, their manager, IT, ADMIN), else 404. */
export async function findVisibleIncident(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  const incident = await deps.db.incident.findUnique({ where: { id } });
  if (!incident) throw notFound('Incident');
  const owner = incident.userId ? await deps.db.user.findUnique({ where: { id: incident.userId }, select: { id: true, managerId: true } }) : null;
  const view: DeviceView | null = deviceViewFor(actor, owner) ?? (incident.openedById === actor.userId ? 'manager' : null);
  if (!view) throw notFound('Incident');
  return Object.assign(incident, { view });
}

/** Handling an incident after it opened (assessment, actions, closing) is IT's job. */
export async function findManagedIncident(deps: Pick<Deps, 'db'>, actor: Actor, id: string) {
  const incident = await findVisibleIncident(deps, actor, id);
  if (actor.role !== 'IT' && actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only IT and ADMIN handle incidents');
  if (incident.status === 'CLOSED') throw new AppError('CONFLICT', 'The incident is closed');
  return incident;
}
