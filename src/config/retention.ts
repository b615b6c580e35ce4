import { Type } from 'typebox';

const days = (fallback: number, what: string) =>
  Type.Integer({ default: fallback, minimum: 0, description: `Days ${what} are kept (0: for ever)` });

/** How long each kind of operational data is kept; the retention job removes older rows in small batches. */
export const retentionConfig = Type.Object({
  RETENTION_COMPLIANCE_HISTORY_DAYS: days(730, 'compliance state changes (device history)'),
  RETENTION_NOTIFICATIONS_DAYS: days(365, 'in-app notifications'),
  RETENTION_EMAIL_DELIVERIES_DAYS: days(90, 'sent, failed or skipped e-mails'),
  RETENTION_WEBHOOK_DELIVERIES_DAYS: days(90, 'delivered or failed webhook deliveries'),
  RETENTION_COMMAND_PAYLOADS_DAYS: days(180, 'payloads and results of finished commands (the command row itself stays)'),
  RETENTION_POSTURE_REPORTS_DAYS: days(
    90,
    'raw posture reports (Apple DeviceInformation/SecurityInfo/ProfileList answers, Android non-compliance details) and the posture of devices no longer managed',
  ),
  RETENTION_INCIDENTS_DAYS: days(2190, 'closed lost/stolen incident records (with their playbook steps), counted from closing'),
  RETENTION_PERSONAL_DEVICE_DAYS: days(
    30,
    'after a personal device left management (unenrolled or wiped) before its posture, identifiers and compliance history are removed',
  ),
  RETENTION_PUBSUB_MESSAGE_IDS_DAYS: days(30, 'Android Pub/Sub message ids kept to drop redeliveries'),
  RETENTION_BATCH_SIZE: Type.Integer({ default: 1000, minimum: 10, maximum: 50_000, description: 'Rows removed per statement; small batches keep locks short' }),
});
