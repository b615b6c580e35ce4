// @ts-nocheck
import { Type } from 'typebox';

const optional = (pattern: string, description: string) => Type.Optional(Type.String({ pattern, description }));

/**
 * Settings for Android Enterprise through the Android Management API (AMAPI). Without ANDROID_ENTERPRISE_NAME and
 * service-account credentials the Android routes answer 503 and the rest of the service runs normally.
 */
export const androidConfig = Type.Object({
  ANDROID_ENTERPRISE_NAME: optional('^enterprises/[A-Za-z0-9_-]+$', 'AMAPI enterprise resource name, e.g. enterprises/LC02my9vtl'),
  ANDROID_SERVICE_ACCOUNT_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'Path of the Google service-account key file (role Android Management User)' }),
  ),
  ANDROID_SERVICE_ACCOUNT_JSON: Type.Optional(
    Type.String({ minLength: 2, description: 'The service-account key JSON itself, instead of ANDROID_SERVICE_ACCOUNT_FILE' }),
  ),
  ANDROID_API_ROOT_URL: Type.String({
    default: 'https://androidmanagement.googleapis.com/',
    pattern: '^https?://.+/$',
    description: 'Root URL of the Android Management API (ends with /); tests point it at a local fake',
  }),
  ANDROID_PUBSUB_TOPIC: optional('^projects/[^/]+/topics/[^/]+$', 'Pub/Sub topic AMAPI publishes notifications to (projects/{p}/topics/{t})'),
  ANDROID_PUSH_AUDIENCE: Type.Optional(
    Type.String({ minLength: 1, description: 'Audience of the OIDC token on Pub/Sub pushes (the push subscription setting); pushes are refused while unset' }),
  ),
  ANDROID_PUSH_SERVICE_ACCOUNT_EMAIL: Type.Optional(
    Type.String({ minLength: 3, description: 'Service account the push subscription signs its OIDC tokens as; pushes are refused while unset' }),
  ),
  ANDROID_PUSH_JWKS_URL: Type.String({
    default: 'https://www.googleapis.com/oauth2/v3/certs',
    pattern: '^https?://',
    description: "JWKS URL of the keys that sign Pub/Sub push tokens (Google's OAuth2 certificates)",
  }),
  ANDROID_ENROLLMENT_TOKEN_TTL_SECONDS: Type.Integer({
    default: 86_400,
    minimum: 60,
    description: 'How long an Android enrolment QR code / link stays usable',
  }),
  ANDROID_CORPORATE_POLICY_ID: Type.String({ default: 'company-owned', pattern: '^[A-Za-z0-9_-]+$', description: 'AMAPI policy id for company-owned devices' }),
  ANDROID_PERSONAL_POLICY_ID: Type.String({ default: 'personally-owned', pattern: '^[A-Za-z0-9_-]+$', description: 'AMAPI policy id for personally-owned work profiles' }),
  ANDROID_PASSCODE_MIN_LENGTH: Type.Integer({ default: 6, minimum: 4, maximum: 16, description: 'Minimum passcode length pushed to Android until compliance settings provide one' }),
  ANDROID_MAX_AUTO_LOCK_MINUTES: Type.Integer({ default: 5, minimum: 1, maximum: 60, description: 'Longest screen-lock timeout pushed to Android until compliance settings provide one' }),
  ANDROID_MIN_OS_VERSION: Type.String({ default: '12', pattern: '^[0-9]+(\\.[0-9]+)?$', description: 'Lowest Android version pushed as minimumApiLevel until compliance settings provide one' }),
  ANDROID_BLOCK_AFTER_DAYS: Type.Integer({ default: 3, minimum: 0, description: 'Days of non-compliance before AMAPI blocks work apps, unless compliance gives a grace period' }),
  ANDROID_WIPE_AFTER_DAYS: Type.Integer({ default: 30, minimum: 1, description: 'Days of non-compliance before AMAPI wipes (factory reset when company-owned, work profile on BYOD); must exceed the block days' }),
});
