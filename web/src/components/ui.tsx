import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ApiError } from '../api/session';
import { STATE_LABELS, type ComplianceState } from '../lib/compliance';
import { formatDateTime, relativeTo } from '../lib/format';
import type { Loaded } from '../lib/use-load';

export function StateBadge({ state }: { state: ComplianceState }) {
  return <span className={`badge badge-${state.toLowerCase()}`}>{STATE_LABELS[state]}</span>;
}

export function When({ iso, relative = false }: { iso: string | null | undefined; relative?: boolean }) {
  if (!iso) return <>—</>;
  return (
    <time dateTime={iso}>
      {formatDateTime(iso)}
      {relative ? ` (${relativeTo(iso)})` : ''}
    </time>
  );
}

/** A clear message for a failed request: what happened, in words, and the server's code for support. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div role="alert" className="alert alert-error">
      <p>{friendly(error) ?? message}</p>
      {code ? <p className="muted">Reference: {code}</p> : null}
    </div>
  );
}

function friendly(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'The email or password is not right.';
    case 'MFA_REQUIRED':
      return 'Enter the 6-digit code from your authenticator app.';
    case 'ACCOUNT_LOCKED':
      return 'Too many failed attempts: the account is locked for a while. Try again later.';
    case 'RATE_LIMITED':
      return 'Too many attempts from this network. Wait a minute and try again.';
    case 'FORBIDDEN':
      return `You are not allowed to do this. ${error.message}`;
    case 'STEP_UP_REQUIRED':
      return 'Confirm it is you with a fresh authenticator code.';
    case 'UNAUTHENTICATED':
      return 'Your session has ended. Sign in again.';
    default:
      return undefined;
  }
}

export function LoadState<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (loaded.loading && loaded.data === undefined) return <p aria-live="polite">Loading…</p>;
  if (loaded.data === undefined) return null;
  return <>{children(loaded.data)}</>;
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Device compliance`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A modal dialog on the native <dialog> element: focus moves in, Escape closes, focus returns to the opener. */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}

export function Field({ label, children, hint }: { label: string; children: (id: string, describedBy?: string) => ReactNode; hint?: string }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {children(id, hintId)}
    </div>
  );
}
