import { Type } from 'typebox';

/** Settings for the operations area: wipes and locks, incidents, audit review, webhooks. */
export const operationsConfig = Type.Object({
  FULL_WIPE_REQUIRES_APPROVAL: Type.Boolean({
    default: false,
    description: 'When true, a full wipe waits for a second IT/ADMIN to approve it (POST /v1/wipes/{id}/approve)',
  }),
  BYOD_CONSENT_REQUIRED: Type.Boolean({
    default: true,
    description: 'Personal devices enrol only after their user accepted the current privacy notice (turn off only for tests and demos)',
  }),
  COMMAND_DELIVERY_LEASE_SECONDS: Type.Integer({
    default: 120,
    minimum: 5,
    description: 'How long a delivery worker holds a command; after it passes (worker died), the reconciler re-queues it',
  }),
  COMMAND_REPUSH_BACKOFF_SECONDS: Type.String({
    default: '60,300,900,3600',
    pattern: '^[1-9][0-9]*(,[1-9][0-9]*)*$',
    description: 'Waits after the 1st, 2nd, ... wake-up push of a command the device has not fetched (or answered) before pushing again; the last value repeats',
  }),
  COMMAND_DELIVERY_DEADLINE_SECONDS: Type.Integer({
    default: 7 * 24 * 3600,
    minimum: 1,
    description: 'A command not delivered (and answered) this long after it was queued is marked EXPIRED and announced (webhook command.expired)',
  }),
  COMMAND_EXPIRY_ALERT_MINUTES: Type.Integer({
    default: 15,
    minimum: 1,
    maximum: 1440,
    description:
      'IT is notified (and e-mailed) of the first expired command at once; later expiries are collected into one alert at most this often',
  }),
  COMMAND_SWEEP_INTERVAL_MS: Type.Integer({
    default: 30_000,
    minimum: 100,
    description: 'How often every worker looks in PostgreSQL for commands due a (re-)push, expired commands and lost webhook jobs',
  }),
  SCHEDULE_ASSERT_INTERVAL_MS: Type.Integer({
    default: 60_000,
    minimum: 100,
    description: 'How often every worker re-creates the BullMQ job schedulers (sweeps) in case Redis lost them',
  }),
  INCIDENT_PLAYBOOK: Type.String({
    default: 'contain,reset_credentials,notify',
    pattern: '^((contain|reset_credentials|notify)(,(contain|reset_credentials|notify))*)?$',
    description: 'Steps run automatically when a lost/stolen device incident opens (comma-separated: contain, reset_credentials, notify)',
  }),
  INCIDENT_FOLLOW_UP_TOKEN_TTL_HOURS: Type.Integer({
    default: 168,
    minimum: 1,
    maximum: 720,
    description: 'How long the follow-up token given to someone reporting their own device lost stays valid (it also stops when the incident closes)',
  }),
  WEBHOOK_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100, description: 'Timeout of one webhook POST' }),
  WEBHOOK_CA_FILE: Type.Optional(
    Type.String({ description: 'PEM file of extra CA certificates trusted for webhook endpoints (private PKI); public CAs are always trusted' }),
  ),
  WEBHOOK_ALLOW_HTTP: Type.Boolean({ default: false, description: 'Allow plain http:// webhook URLs (development only)' }),
  ANOMALY_WINDOW_MINUTES: Type.Integer({ default: 60, minimum: 1, description: 'Window the audit anomaly counters look back over' }),
  ANOMALY_MAX_WIPES_PER_ACTOR: Type.Integer({ default: 5, minimum: 1, description: 'Wipe requests by one actor within the window above which they are flagged' }),
  ANOMALY_MAX_FAILED_LOGINS: Type.Integer({ default: 10, minimum: 1, description: 'Failed logins for one account (or unknown email) within the window above which it is flagged' }),
  ANOMALY_SPRAY_MIN_ACCOUNTS: Type.Integer({ default: 10, minimum: 2, description: 'Distinct accounts failing to sign in within the window, from few addresses, that is flagged as password spraying' }),
  ANOMALY_SPRAY_MAX_ADDRESSES: Type.Integer({ default: 3, minimum: 1, description: 'At most this many client addresses behind those failures counts as "few"' }),
  OFFICE_HOURS_UTC: Type.String({
    default: '07:00-19:00',
    pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$',
    description: 'Working hours (UTC, HH:MM-HH:MM); personal-data access by a user outside them is flagged for review',
  }),
});
