import { Type } from 'typebox';

/** Outbound e-mail (SMTP). Off while SMTP_URL is unset: notifications are then kept in the API only. */
export const emailConfig = Type.Object({
  SMTP_URL: Type.Optional(
    Type.String({ pattern: '^smtps?://', description: 'SMTP server, e.g. smtp://user:pass@relay:587 (STARTTLS when offered) or smtps://relay:465; e-mail is off when unset' }),
  ),
  SMTP_FROM: Type.String({ default: 'MDM <mdm@localhost>', minLength: 3, description: 'From address of every e-mail' }),
  SMTP_REQUIRE_TLS: Type.Boolean({ default: false, description: 'Refuse to send over smtp:// unless the server offers STARTTLS' }),
  SMTP_TLS_REJECT_UNAUTHORIZED: Type.Boolean({ default: true, description: 'Verify the SMTP server certificate (turn off only for tests)' }),
  SMTP_CA_FILE: Type.Optional(Type.String({ description: 'PEM file of CA certificates trusted for the SMTP server (private PKI)' })),
  EMAIL_DIGEST_HOURS: Type.Integer({
    default: 24,
    minimum: 1,
    description: 'Managers get team notifications as one digest e-mail at most this often (the first at once), not one e-mail per device',
  }),
  CHAT_WEBHOOK_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Microsoft Teams or Slack incoming webhook; role-addressed notifications are also posted there (off when unset)' }),
  ),
  CHAT_WEBHOOK_FORMAT: Type.Union([Type.Literal('slack'), Type.Literal('teams')], { default: 'slack', description: 'Message format of CHAT_WEBHOOK_URL: slack (text with mrkdwn) or teams (Adaptive Card)' }),
  CHAT_WEBHOOK_AUDIENCE: Type.String({ default: 'IT', pattern: '^[A-Z_]+$', description: 'Which role-addressed notifications go to the channel (one role: IT and ADMIN get the same events)' }),
});
