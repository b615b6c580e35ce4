import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, session } from '../api/session';
import { fetchSsoConfig, SSO_START_PATH, ssoErrorMessage } from '../api/sso';
import { TotpField } from '../components/totp-field';
import { ErrorMessage, Field, Page } from '../components/ui';
import { useLoad } from '../lib/use-load';
import { landingFor } from '../nav';

/** The way back from the identity provider when it failed: `/?sso_error=<code>` (codes are short identifiers). */
function SsoError() {
  const [params] = useSearchParams();
  const code = params.get('sso_error');
  if (code === null) return null;
  const reference = /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? code : 'unknown';
  return (
    <div role="alert" className="alert alert-error">
      <p>{ssoErrorMessage(reference)}</p>
      <p className="muted">Reference: {reference}</p>
    </div>
  );
}

function SsoButton() {
  const sso = useLoad(() => fetchSsoConfig());
  if (!sso.data?.enabled) return null;
  return (
    <div className="card narrow sso">
      <a className="button primary" href={SSO_START_PATH}>
        {sso.data.label ?? 'Sign in with your organisation account'}
      </a>
      <p className="muted">Or sign in with your email and password below.</p>
    </div>
  );
}

export function SignIn() {
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const state = await session.signIn(email.trim(), password, needsCode ? totp : undefined);
      navigate(state.mustResetPassword ? '/account/password' : state.mustEnrollMfa ? '/account/mfa' : landingFor(state.role), { replace: true });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'MFA_REQUIRED') {
        setNeedsCode(true);
        setTimeout(() => codeRef.current?.focus(), 0);
      }
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Sign in">
      <SsoError />
      <SsoButton />
      <form className="card narrow" onSubmit={submit}>
        <Field label="Work email">
          {(id) => <input id={id} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label="Password">
          {(id) => <input id={id} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
        </Field>
        {needsCode ? <TotpField value={totp} onChange={setTotp} hint="The 6-digit code your authenticator app shows now" inputRef={codeRef} /> : null}
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </Page>
  );
}
