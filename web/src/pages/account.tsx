import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { session } from '../api/session';
import { QrCode } from '../components/qr-code';
import { TotpField } from '../components/totp-field';
import { ErrorMessage, Field, Page } from '../components/ui';
import { useSession } from '../session-context';
import { landingFor } from '../nav';

export function ChangePassword() {
  const navigate = useNavigate();
  const current = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    if (newPassword !== repeat) {
      setError(new Error('The two new passwords are not the same.'));
      return;
    }
    try {
      await ok(api.POST('/v1/auth/password', { body: { currentPassword, newPassword } }));
      session.markPasswordChanged();
      setDone(true);
      if (current?.mustEnrollMfa) navigate('/account/mfa');
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Page title="Change password">
      {current?.mustResetPassword ? <p className="alert alert-warn">You must choose a new password before continuing.</p> : null}
      <form className="card narrow" onSubmit={submit}>
        <Field label="Current password">
          {(id) => <input id={id} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} required />}
        </Field>
        <Field label="New password" hint="At least 12 characters">
          {(id, hint) => (
            <input id={id} aria-describedby={hint} type="password" autoComplete="new-password" minLength={12} value={newPassword} onChange={(e) => setNewPassword(e.target.value)} required />
          )}
        </Field>
        <Field label="New password again">
          {(id) => <input id={id} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required />}
        </Field>
        <ErrorMessage error={error} />
        {done ? <p role="status" className="alert alert-ok">Password changed. Your other sessions were signed out.</p> : null}
        <button type="submit" className="primary">
          Change password
        </button>
      </form>
    </Page>
  );
}

export function EnrollMfa() {
  const navigate = useNavigate();
  const current = useSession();
  const [enrolment, setEnrolment] = useState<{ otpauthUri: string; secret: string }>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  const start = async () => {
    setError(undefined);
    try {
      setEnrolment(await ok(api.POST('/v1/auth/mfa/enroll')));
    } catch (failure) {
      setError(failure);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await session.verifyMfa(code);
      setDone(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Page title="Two-step sign-in">
      {current?.mustEnrollMfa ? <p className="alert alert-warn">Set up two-step sign-in to continue: the compliance policy requires it.</p> : null}
      {done ? (
        <div className="card narrow">
          <p role="status" className="alert alert-ok">
            Two-step sign-in is on. You will be asked for a code when you sign in.
          </p>
          <button type="button" className="primary" onClick={() => navigate(landingFor(current?.role ?? 'STAFF'))}>
            Continue
          </button>
        </div>
      ) : !enrolment ? (
        <div className="card narrow">
          <p>Use an authenticator app (for example Microsoft Authenticator or Google Authenticator) on your phone.</p>
          <p className="muted">Setting it up again replaces the code generator you used before.</p>
          <ErrorMessage error={error} />
          <button type="button" className="primary" onClick={start}>
            Set up an authenticator app
          </button>
        </div>
      ) : (
        <form className="card narrow" onSubmit={confirm}>
          <ol>
            <li>Open your authenticator app and add an account.</li>
            <li>Scan this code, or type the key below.</li>
          </ol>
          <QrCode value={enrolment.otpauthUri} label="QR code to add this account to your authenticator app" />
          <p>
            Key: <code className="secret">{enrolment.secret}</code>
          </p>
          <TotpField label="Code shown by the app" value={code} onChange={setCode} />
          <ErrorMessage error={error} />
          <button type="submit" className="primary">
            Turn on two-step sign-in
          </button>
        </form>
      )}
    </Page>
  );
}

export function Account() {
  const navigate = useNavigate();
  const current = useSession();
  return (
    <Page title="My account">
      <div className="card">
        <p>
          Signed in as <strong>{current?.role.toLowerCase()}</strong>. Two-step sign-in in this session: {current?.mfa ? 'yes' : 'no'}.
        </p>
        <ul className="links">
          <li>
            <Link to="/account/password">Change password</Link>
          </li>
          <li>
            <Link to="/account/mfa">Set up two-step sign-in (authenticator app)</Link>
          </li>
        </ul>
        <button
          type="button"
          onClick={async () => {
            await session.signOut();
            navigate('/signin', { replace: true });
          }}
        >
          Sign out
        </button>
      </div>
    </Page>
  );
}
