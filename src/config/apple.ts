import { Type } from 'typebox';

/** Settings for the apple area (Apple MDM: CA, enrolment profiles, check-in, APNs). */
export const appleConfig = Type.Object({
  APPLE_CA_DIR: Type.String({
    default: 'var/apple-ca',
    minLength: 1,
    description: 'Directory holding the device CA certificate and its passphrase-encrypted key; created on first use',
  }),
  APPLE_CA_PASSPHRASE: Type.Optional(
    Type.String({ minLength: 16, description: 'Passphrase encrypting the CA and profile-signing keys at rest (default: derived from DATA_ENCRYPTION_KEY)' }),
  ),
  APPLE_IDENTITY_CERT_DAYS: Type.Integer({ default: 730, minimum: 30, maximum: 3650, description: 'Lifetime of device identity certificates' }),
  APPLE_PROFILE_SIGNING_CERT_PATH: Type.Optional(
    Type.String({ description: 'PEM certificate (+ chain) signing enrolment profiles; default: a signer issued by our CA' }),
  ),
  APPLE_PROFILE_SIGNING_KEY_PATH: Type.Optional(Type.String({ description: 'PEM private key for APPLE_PROFILE_SIGNING_CERT_PATH' })),
  APPLE_PUSH_CERT_PATH: Type.Optional(
    Type.String({ description: 'PEM MDM push certificate from identity.apple.com; the APNs topic is read from its UID' }),
  ),
  APPLE_PUSH_KEY_PATH: Type.Optional(Type.String({ description: 'PEM private key of the MDM push certificate' })),
  APPLE_PUSH_KEY_PASSPHRASE: Type.Optional(Type.String({ description: 'Passphrase of APPLE_PUSH_KEY_PATH when encrypted' })),
  APNS_HOST: Type.String({
    default: 'https://api.push.apple.com',
    pattern: '^https://',
    description: 'APNs endpoint (HTTP/2); https://api.push.apple.com:2197 when port 443 is blocked',
  }),
  APNS_CA_PATH: Type.Optional(Type.String({ description: 'Extra PEM CA trusted for the APNs connection (test doubles, TLS-inspecting proxies)' })),
  APNS_REQUEST_TIMEOUT_MS: Type.Integer({
    default: 15_000,
    minimum: 100,
    maximum: 300_000,
    description:
      'How long one push (connection included) may wait for APNs to answer; past it the push counts as failed, the connection is replaced and the push is retried with backoff',
  }),
  APPLE_ENROLLMENT_TOKEN_TTL_MINUTES: Type.Integer({ default: 1440, minimum: 5, description: 'How long an enrolment link stays valid' }),
  APPLE_ORGANIZATION_NAME: Type.String({ default: 'MDM', description: 'Shown on enrolment and policy profiles' }),
  APPLE_PROFILE_IDENTIFIER_PREFIX: Type.String({
    default: 'org.example.mdm',
    pattern: '^[A-Za-z0-9.-]+$',
    description: 'Reverse-DNS prefix of PayloadIdentifiers we create',
  }),
  APPLE_CLIENT_CERT_HEADER: Type.Optional(
    Type.String({
      pattern: '^[a-z0-9-]+$',
      description: 'Header in which a TLS-terminating proxy passes the device certificate (RFC 9440 Client-Cert or URL-escaped PEM); unset = Mdm-Signature only',
    }),
  ),
  APPLE_POSTURE_REFRESH_MS: Type.Integer({
    default: 8 * 3600_000,
    minimum: 60_000,
    description: 'How often DeviceInformation and SecurityInfo are re-queried on every enrolled Apple device',
  }),
  APPLE_LAST_SEEN_FLUSH_MS: Type.Integer({
    default: 1_000,
    minimum: 10,
    maximum: 60_000,
    description: 'Device last-seen times are kept in memory and written in one batch this often (not on every device request)',
  }),
  APPLE_CHECKIN_BODY_LIMIT_BYTES: Type.Integer({ default: 524_288, minimum: 4096, description: 'Largest check-in/connect body accepted' }),
});
