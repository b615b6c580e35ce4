import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The OpenAPI contract's names for operations whose route schema does not set its own `operationId`, and the
 * operations open without a user credential. Public and device-protocol operations (health probes, sign-in,
 * enrolment, the MDM check-in and command channel, Pub/Sub push) authenticate inside their protocol or not at
 * all; they declare `security: []` so the document says so instead of leaving it unsaid.
 *
 * New routes set `operationId` in their schema; a route with neither is refused at start-up, so the document
 * can never again ship an operation integrators cannot name, or one whose security is left unsaid.
 */
const OPERATIONS: Record<string, { id: string; public?: true; summary?: string }> = {
  'GET /healthz': { id: 'getLiveness', public: true, summary: 'Liveness: the process is up' },
  'GET /readyz': { id: 'getReadiness', public: true, summary: 'Readiness: PostgreSQL and Redis answer' },
  'POST /v1/auth/login': { id: 'login', public: true },
  'POST /v1/auth/refresh': { id: 'refreshSession', public: true },
  'POST /v1/auth/logout': { id: 'logout' },
  'POST /v1/auth/mfa/enroll': { id: 'enrollMfa' },
  'POST /v1/auth/mfa/verify': { id: 'verifyMfa' },
  'POST /v1/auth/password': { id: 'changePassword' },
  'POST /v1/users': { id: 'createUser' },
  'GET /v1/users': { id: 'listUsers' },
  'GET /v1/users/:id': { id: 'getUser' },
  'PATCH /v1/users/:id': { id: 'updateUser' },
  'POST /v1/users/:id/disable': { id: 'disableUser' },
  'GET /v1/devices/:id/commands': { id: 'listDeviceCommands' },
  'POST /v1/devices/:id/commands': { id: 'queueAppleCommand' },
  'GET /v1/commands/:id': { id: 'getCommand' },
  'DELETE /v1/commands/:id': { id: 'cancelCommand' },
  'GET /.well-known/com.apple.remotemanagement': { id: 'getAppleRemoteManagementDiscovery', public: true },
  'POST /mdm/apple/account-enrollment': { id: 'appleAccountEnrollment', public: true },
  'GET /mdm/apple/account-enrollment/login': { id: 'getAppleEnrollmentLoginPage', public: true },
  'POST /mdm/apple/account-enrollment/login': { id: 'submitAppleEnrollmentLogin', public: true },
  'POST /v1/enrollments': { id: 'createEnrollment' },
  'GET /v1/enrollments/:token/profile': { id: 'getEnrollmentProfile', public: true },
  'PUT /mdm/apple/checkin': { id: 'appleCheckin', public: true },
  'PUT /mdm/apple/connect': { id: 'appleConnect', public: true },
  'GET /v1/android/devices/:id': { id: 'getAndroidDevice' },
  'POST /mdm/android/pubsub': { id: 'androidPubsubPush', public: true },
  'POST /v1/android/policies/push': { id: 'pushAndroidPolicies' },
  'POST /v1/android/devices/:id/commands': { id: 'issueAndroidCommand' },
  'GET /v1/compliance/policy': { id: 'getCompliancePolicy' },
  'PUT /v1/compliance/policy': { id: 'updateCompliancePolicy' },
  'GET /v1/compliance/presets': { id: 'listCompliancePresets' },
  'GET /v1/me/devices': { id: 'listMyDevices' },
  'GET /v1/users/:id/compliance': { id: 'getUserCompliance' },
  'GET /v1/devices/:id/compliance/history': { id: 'listDeviceComplianceHistory' },
  'GET /v1/me/notifications': { id: 'listMyComplianceNotifications' },
  'GET /v1/reports/noncompliant': { id: 'listNoncompliantDevices' },
  'GET /v1/reports/summary': { id: 'getComplianceSummary' },
  'POST /v1/devices/:id/lock': { id: 'lockDevice' },
  'POST /v1/devices/:id/wipe': { id: 'wipeDevice' },
  'POST /v1/wipes/:id/approve': { id: 'approveWipe' },
  'GET /v1/audit': { id: 'listAuditEvents' },
  'GET /v1/audit/verify': { id: 'verifyAuditChain' },
  'GET /v1/audit/anomalies': { id: 'listAuditAnomalies' },
  'GET /v1/audit/checkpoints': { id: 'listAuditCheckpoints' },
  'POST /v1/admin/queue-dashboard/session': { id: 'openQueueDashboardSession' },
  'GET /v1/privacy-notices/data-protection': { id: 'getDataProtectionNotice' },
  'GET /v1/devices/:id/data-protection': { id: 'getDeviceDataProtection' },
  'GET /v1/incidents': { id: 'listIncidents' },
  'POST /v1/devices/:id/retire': { id: 'retireDevice' },
  'POST /v1/webhooks': { id: 'createWebhook' },
  'GET /v1/webhooks': { id: 'listWebhooks' },
  'PATCH /v1/webhooks/:id': { id: 'updateWebhook' },
  'DELETE /v1/webhooks/:id': { id: 'deleteWebhook' },
  'GET /v1/webhooks/:id/deliveries': { id: 'listWebhookDeliveries' },
  'POST /v1/incidents': { id: 'openIncident' },
  'GET /v1/incidents/:id': { id: 'getIncident' },
  'POST /v1/incidents/:id/steps/:step': { id: 'runIncidentStep' },
  'PUT /v1/incidents/:id/assessment': { id: 'assessIncident' },
  'POST /v1/incidents/:id/actions': { id: 'recordIncidentAction' },
  'POST /v1/incidents/:id/close': { id: 'closeIncident' },
  'GET /v1/notifications': { id: 'listNotifications' },
  'POST /v1/privacy-notices': { id: 'publishPrivacyNotice' },
  'GET /v1/privacy-notices/current': { id: 'getCurrentPrivacyNotice' },
  'POST /v1/consents': { id: 'acceptPrivacyNotice' },
  'GET /v1/consents/me': { id: 'getMyConsent' },
  'DELETE /v1/consents/me': { id: 'withdrawMyConsent' },
  'GET /v1/users/:id/consent': { id: 'getUserConsent' },
};

interface DocumentedSchema {
  hide?: boolean;
  operationId?: string;
  summary?: string;
  security?: unknown[];
}

/** Completes each route's schema from OPERATIONS before @fastify/swagger reads it (it reads the same object later). */
export const operationCatalogue = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
      if (methods.length === 0) return;
      const schema = route.schema as DocumentedSchema | undefined;
      if (!schema || schema.hide) return;
      const entry = OPERATIONS[`${methods[0]} ${route.url}`];
      if (entry) {
        schema.operationId ??= entry.id;
        schema.summary ??= entry.summary;
        if (entry.public) schema.security ??= [];
      }
      if (!schema.operationId) throw new Error(`${methods[0]} ${route.url}: set schema.operationId`);
      if (!schema.security) throw new Error(`${methods[0]} ${route.url}: declare schema.security ([] for a public or device-protocol operation)`);
    });
  },
  { name: 'operation-catalogue' },
);
