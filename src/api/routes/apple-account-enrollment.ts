import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { isStorableText } from '../../domain/input-hygiene.js';
import { AppError } from '../../errors.js';
import { signInForUserEnrollment } from '../../use-cases/apple/account-enrollment.js';
import { downloadEnrollmentProfile } from '../../use-cases/apple/download-profile.js';
import { errors } from '../schemas/common.js';

const ENROLL_PATH = '/mdm/apple/account-enrollment';
const LOGIN_PATH = `${ENROLL_PATH}/login`;

/**
 * Account-driven User Enrolment (iOS 17+/macOS 14+): service discovery, the device's enrol request answered with
 * the `apple-as-web` Bearer challenge, our own sign-in page, and the profile once the device returns with the token.
 */
export const appleAccountEnrollmentRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const base = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');
  app.addContentTypeParser(['application/pkcs7-signature', 'application/x-www-form-urlencoded'], { parseAs: 'buffer', bodyLimit: 65_536 }, (_r, body, done) => done(null, body));

  app.get(
    '/.well-known/com.apple.remotemanagement',
    {
      schema: {
        operationId: 'getAppleRemoteManagementDiscovery',
        security: [],
        tags: ['apple-device-protocol'],
        summary: 'Service discovery for account-driven User Enrolment',
        querystring: Type.Object({ 'user-identifier': Type.Optional(Type.String({ maxLength: 320 })), 'model-family': Type.Optional(Type.String({ maxLength: 64 })) }),
        response: { 200: Type.Object({ Servers: Type.Array(Type.Object({ Version: Type.String(), BaseURL: Type.String() })) }) },
      },
    },
    async () => ({ Servers: [{ Version: 'mdm-byod', BaseURL: `${base}${ENROLL_PATH}` }] }),
  );

  app.post(
    ENROLL_PATH,
    {
      schema: {
        operationId: 'appleAccountEnrollment',
        security: [],
        tags: ['apple-device-protocol'],
        summary: 'Device enrol request: 401 Bearer apple-as-web challenge until it returns with the access token, then the profile',
        headers: Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 404, 410, 503) },
      },
    },
    async (request, reply) => {
      const token = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token) {
        // Not an API authentication failure: this 401 is Apple's documented way to start the web sign-in.
        reply.header('www-authenticate', `Bearer method="apple-as-web" url="${base}${LOGIN_PATH}"`);
        throw new AppError('UNAUTHENTICATED', 'Sign in to enrol this device');
      }
      const profile = await downloadEnrollmentProfile(deps, token, request.ip);
      return reply.header('content-type', 'application/x-apple-aspen-config').header('cache-control', 'no-store').send(profile);
    },
  );

  app.get(
    LOGIN_PATH,
    { schema: { operationId: 'getAppleEnrollmentLoginPage', security: [], tags: ['apple-device-protocol'], summary: 'Sign-in page shown by the device during User Enrolment', response: { 200: Type.String() } } },
    async (_request, reply) => reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(loginPage()),
  );

  app.post(
    LOGIN_PATH,
    {
      config: { rateLimit: { max: deps.config.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 } },
      schema: {
        operationId: 'submitAppleEnrollmentLogin',
        security: [],
        tags: ['apple-device-protocol'],
        summary: 'Sign-in form: on success redirects to apple-remotemanagement-user-login with the enrolment access token',
        response: { 200: Type.String(), 302: Type.Null(), ...errors(400, 429) },
      },
    },
    async (request, reply) => {
      const form = new URLSearchParams(Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '');
      const email = form.get('email') ?? '';
      const password = form.get('password') ?? '';
      const totp = form.get('totp') || undefined;
      // A form body has no JSON schema, so the checks the schema layer does for JSON bodies are done here.
      if (!email || !password || email.length > 320 || password.length > 256 || !isStorableText(email) || !isStorableText(password) || (totp && !/^[0-9]{6}$/.test(totp))) {
        return reply.header('content-type', 'text/html; charset=utf-8').send(loginPage('Enter your email and password.'));
      }
      try {
        const token = await signInForUserEnrollment(deps, {
          email,
          password,
          totp,
          ip: request.ip,
          userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null,
        });
        return reply.redirect(`apple-remotemanagement-user-login://authentication-results?access-token=${token}`, 302);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        const message = (error.details as { consentRequired?: boolean } | undefined)?.consentRequired
          ? 'Accept the privacy notice for personal devices in the staff portal first, then enrol again.'
          : error.code === 'MFA_REQUIRED' ? 'Enter the code from your authenticator app.' : error.code === 'ACCOUNT_LOCKED' || error.code === 'RATE_LIMITED' ? 'Too many attempts; try again later.' : 'Email, password or code is incorrect.';
        return reply.header('content-type', 'text/html; charset=utf-8').send(loginPage(message));
      }
    },
  );
};

// Static markup only: the message is one of our fixed strings, never user input.
function loginPage(message?: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Enrol your device</title></head>
<body><h1>Sign in to enrol this device</h1>${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="${LOGIN_PATH}"><label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<label>Authenticator code <input name="totp" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code"></label>
<button type="submit">Sign in</button></form></body></html>`;
}
