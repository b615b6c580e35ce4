import type { Incident, IncidentStep } from '../../generated/prisma/client.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toIncidentView(incident: Incident & { steps: IncidentStep[] }) {
  return {
    id: incident.id,
    deviceId: incident.deviceId,
    userId: incident.userId,
    kind: incident.kind,
    status: incident.status,
    description: incident.description,
    lastSeenAt: iso(incident.lastSeenAt),
    lastLocation: incident.lastLocation,
    openedById: incident.openedById,
    openedAt: incident.openedAt.toISOString(),
    assessment: {
      dataCategories: incident.dataCategories,
      patientDataExposed: incident.patientDataExposed,
      deviceEncrypted: incident.deviceEncrypted,
      riskLevel: incident.riskLevel,
      notes: incident.assessment,
      assessedAt: iso(incident.assessedAt),
      assessedById: incident.assessedById,
    },
    lessons: incident.lessons,
    closedAt: iso(incident.closedAt),
    closedById: incident.closedById,
    timeline: incident.steps.map((s) => ({
      step: s.step,
      at: s.at.toISOString(),
      actorType: s.actorType,
      actorId: s.actorId,
      details: (s.details as Record<string, unknown> | null) ?? null,
    })),
  };
}

export type IncidentView = ReturnType<typeof toIncidentView>;
