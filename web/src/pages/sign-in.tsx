import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, session } from '../api/session';
import { ErrorMessage, Field, Page } from '../components/ui';
import { landingFor } from '../nav';

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
      <form className="card narrow" onSubmit={submit}>
        <Field label="Work email">
          {(id) => <input id={id} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />}
        </Field>
        <Field label="Password">
          {(id) => <input id={id} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />}
        </Field>
        {needsCode ? (
          <Field label="Authenticator code" hint="The 6-digit code your authenticator app shows now">
            {(id, hint) => (
              <input
                id={id}
                ref={codeRef}
                aria-describedby={hint}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                value={totp}
                onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))}
                required
              />
            )}
          </Field>
        ) : null}
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </Page>
  );
}
