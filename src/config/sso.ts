import { Type } from 'typebox';

/** Single sign-on with OpenID Connect, and whether local passwords still work. */
export const ssoConfig = Type.Object({
  OIDC_ISSUER_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'OpenID provider issuer URL (its /.well-known/openid-configuration is read); unset = single sign-on off' }),
  ),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, description: 'Client id registered at the OpenID provider' })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, description: 'Client secret (client_secret_basic); unset = a public client (PKCE only)' })),
  OIDC_SCOPES: Type.String({ default: 'openid email profile', pattern: '(^|\\s)openid(\\s|$)', description: 'Space-separated scopes asked for; must include openid' }),
  OIDC_EMAIL_CLAIM: Type.String({ default: 'email', minLength: 1, description: 'Claim (ID token, else userinfo) carrying the email users are matched by, e.g. email, preferred_username or upn' }),
  OIDC_GROUPS_CLAIM: Type.String({ default: 'groups', minLength: 1, description: 'Claim carrying the user\'s groups, read by OIDC_GROUP_ROLE_MAP' }),
  OIDC_GROUP_ROLE_MAP: Type.String({
    default: '',
    pattern: '^(|[^=,]+=(ADMIN|IT|MANAGER|STAFF)(,[^=,]+=(ADMIN|IT|MANAGER|STAFF))*)$',
    description: 'group=ROLE pairs, comma-separated (e.g. "mdm-admins=ADMIN,mdm-it=IT"); when set, every SSO sign-in sets the role to the highest mapped group, STAFF when none matches (the break-glass ADMIN excepted)',
  }),
  OIDC_JIT_CREATE: Type.Boolean({ default: false, description: 'Create a STAFF user at the first SSO sign-in of an unknown email' }),
  OIDC_LABEL: Type.String({ default: 'Sign in with your organisation', minLength: 1, maxLength: 80, description: 'Text of the console\'s SSO button' }),
  OIDC_ALLOW_HTTP: Type.Boolean({ default: false, description: 'Allow a plain http:// issuer (development and tests only)' }),
  LOCAL_PASSWORD_SIGNIN: Type.Union([Type.Literal('on'), Type.Literal('off')], {
    default: 'on',
    description: 'off: password sign-in is refused for everyone except BREAK_GLASS_ADMIN_EMAIL (use single sign-on)',
  }),
  BREAK_GLASS_ADMIN_EMAIL: Type.Optional(
    Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'The one ADMIN who may still sign in with password (and TOTP) when LOCAL_PASSWORD_SIGNIN=off' }),
  ),
});

/** Settings that are only wrong together; reported like the others, by name. */
export function ssoConfigProblems(config: { OIDC_ISSUER_URL?: string; OIDC_CLIENT_ID?: string; OIDC_ALLOW_HTTP: boolean; LOCAL_PASSWORD_SIGNIN: string }): string[] {
  const problems: string[] = [];
  if (config.OIDC_ISSUER_URL && !config.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required when OIDC_ISSUER_URL is set');
  if (config.OIDC_ISSUER_URL?.startsWith('http://') && !config.OIDC_ALLOW_HTTP) problems.push('OIDC_ISSUER_URL must be https:// (OIDC_ALLOW_HTTP=true only for development)');
  // Without single sign-on, switching passwords off would leave only the break-glass account able to sign in.
  if (config.LOCAL_PASSWORD_SIGNIN === 'off' && !config.OIDC_ISSUER_URL) problems.push('LOCAL_PASSWORD_SIGNIN=off needs single sign-on (OIDC_ISSUER_URL)');
  return problems;
}
