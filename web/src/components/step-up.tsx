import { useState, type FormEvent } from 'react';
import { session } from '../api/session';
import { TotpField } from './totp-field';
import { Dialog, ErrorMessage, Field } from './ui';

/**
 * Confirms a sensitive action: the person types a fresh authenticator code (step-up MFA, POST /v1/auth/mfa/verify),
 * then `action` runs with the renewed token. The dialog stays open with the error if either step fails.
 */
export function StepUpDialog({
  open,
  title,
  description,
  confirmLabel,
  onClose,
  action,
  reasonRequired = true,
}: {
  open: boolean;
  title: string;
  description: string;
  confirmLabel: string;
  onClose: () => void;
  action: (reason: string) => Promise<void>;
  reasonRequired?: boolean;
}) {
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await session.verifyMfa(code);
      await action(reason);
      setCode('');
      setReason('');
      onClose();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form onSubmit={submit}>
        <p>{description}</p>
        {reasonRequired ? (
          <Field label="Reason (recorded in the audit log)">
            {(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} />}
          </Field>
        ) : null}
        <TotpField value={code} onChange={setCode} hint="6 digits from your authenticator app, to confirm it is you" />
        <ErrorMessage error={error} />
        <div className="buttons">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
