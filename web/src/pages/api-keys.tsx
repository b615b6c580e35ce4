import { useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import type { paths } from '../api/schema';
import type { ApiKey } from '../api/types';
import { DataTable } from '../components/data-table';
import { StepUpDialog } from '../components/step-up';
import { Dialog, ErrorMessage, Field, LoadState, Page, When } from '../components/ui';
import { statusText } from '../lib/commands';
import { useLoad } from '../lib/use-load';

type KeyRequest = paths['/v1/service-accounts/{id}/keys']['post']['requestBody']['content']['application/json'];
type Scope = KeyRequest['scopes'][number];

const SCOPES: [Scope, string][] = [
  ['devices:read', 'Read the device inventory'],
  ['compliance:read', 'Read compliance'],
  ['access:read', 'Ask whether a device may reach work apps'],
  ['audit:read', 'Read the audit log'],
  ['commands:write', 'Send device commands and bulk actions'],
];

interface KeyForm {
  scopes: Scope[];
  expiresOn: string;
  cidrs: string;
}

/** The key settings form as the API's request: the expiry day ends in the reader's time zone, CIDRs by comma or space. */
function keyRequest(form: KeyForm): KeyRequest {
  const allowedCidrs = form.cidrs.split(/[\s,]+/).filter(Boolean);
  return {
    scopes: form.scopes,
    ...(form.expiresOn ? { expiresAt: new Date(`${form.expiresOn}T23:59:59`).toISOString() } : {}),
    ...(allowedCidrs.length ? { allowedCidrs } : {}),
  };
}

function KeyFields({ form, onChange }: { form: KeyForm; onChange: (form: KeyForm) => void }) {
  return (
    <>
      <fieldset>
        <legend>What the key may do</legend>
        {SCOPES.map(([scope, label]) => (
          <label key={scope} className="inline">
            <input
              type="checkbox"
              checked={form.scopes.includes(scope)}
              onChange={(e) => onChange({ ...form, scopes: e.target.checked ? [...form.scopes, scope] : form.scopes.filter((s) => s !== scope) })}
            />{' '}
            {label} <code>{scope}</code>
          </label>
        ))}
      </fieldset>
      <Field label="Expires at the end of (optional)">{(id) => <input id={id} type="date" value={form.expiresOn} onChange={(e) => onChange({ ...form, expiresOn: e.target.value })} />}</Field>
      <Field label="Works only from these addresses (optional)" hint="IP addresses or CIDR ranges, separated by commas; empty: from anywhere">
        {(id, hint) => <input id={id} aria-describedby={hint} value={form.cidrs} onChange={(e) => onChange({ ...form, cidrs: e.target.value })} />}
      </Field>
    </>
  );
}

const EMPTY_KEY: KeyForm = { scopes: ['devices:read'], expiresOn: '', cidrs: '' };

type Pending = { kind: 'create'; name: string; description: string; key: KeyForm } | { kind: 'issue'; accountId: string; key: KeyForm } | { kind: 'rotate'; key: ApiKey; overlapSeconds: number };

/**
 * Service accounts and their API keys (ADMIN). Minting a key (new account, new key, rotation) is confirmed with a
 * fresh authenticator code; the whole key is shown once, since the server keeps only its hash.
 */
export function ApiKeys() {
  const accounts = useLoad(() => ok(api.GET('/v1/service-accounts')));
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState({ name: '', description: '', key: EMPTY_KEY });
  const [issueFor, setIssueFor] = useState<string>();
  const [issueKey, setIssueKey] = useState(EMPTY_KEY);
  const [pending, setPending] = useState<Pending>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const [revokeReason, setRevokeReason] = useState('');
  const [secret, setSecret] = useState<{ text: string; note: string }>();
  const [error, setError] = useState<unknown>();

  const mint = async () => {
    if (!pending) return;
    if (pending.kind === 'create') {
      const created = await ok(api.POST('/v1/service-accounts', { body: { name: pending.name, ...(pending.description ? { description: pending.description } : {}), key: keyRequest(pending.key) } }));
      setSecret({ text: created.secret, note: `Key for ${created.serviceAccount.name}` });
      setCreating(false);
      setDraft({ name: '', description: '', key: EMPTY_KEY });
    } else if (pending.kind === 'issue') {
      const issued = await ok(api.POST('/v1/service-accounts/{id}/keys', { params: { path: { id: pending.accountId } }, body: keyRequest(pending.key) }));
      setSecret({ text: issued.secret, note: 'New key' });
      setIssueFor(undefined);
    } else {
      const rotated = await ok(api.POST('/v1/api-keys/{id}/rotate', { params: { path: { id: pending.key.id } }, body: { overlapSeconds: pending.overlapSeconds } }));
      setSecret({ text: rotated.secret, note: `Replaces ${pending.key.prefix}…, which stops working ${new Date(rotated.previousKeyEndsAt).toLocaleString()}` });
    }
    accounts.reload();
  };
  const revoke = async (event: FormEvent) => {
    event.preventDefault();
    if (!revoking) return;
    setError(undefined);
    try {
      await ok(api.DELETE('/v1/api-keys/{id}', { params: { path: { id: revoking.id }, query: revokeReason.trim() ? { reason: revokeReason.trim() } : {} } }));
      setRevoking(undefined);
      setRevokeReason('');
      accounts.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Page
      title="API keys"
      actions={
        <button type="button" onClick={() => setCreating(true)}>
          Add a service account
        </button>
      }
    >
      <p>Integrations (an HR system, a SIEM, a network access controller) sign in with an API key that belongs to a service account.</p>
      {secret ? (
        <div role="status" className="alert alert-warn">
          <p>
            {secret.note}. Copy it now: it is shown only once. <code className="secret">{secret.text}</code>
          </p>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      <LoadState loaded={accounts}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="card">No service accounts yet.</p>
          ) : (
            <div className="stack">
              {data.items.map((account) => (
                <section key={account.id} className="card" aria-labelledby={`sa-${account.id}`}>
                  <h2 id={`sa-${account.id}`}>{account.name}</h2>
                  {account.description ? <p className="muted">{account.description}</p> : null}
                  {account.keys.length ? (
                    <DataTable
                      label={`Keys of ${account.name}`}
                      rows={account.keys}
                      rowKey={(k) => k.id}
                      columns={[
                        { header: 'Key', cell: (k) => <code>{k.prefix}…</code> },
                        { header: 'State', cell: (k) => statusText(k.state) },
                        { header: 'Scopes', cell: (k) => k.scopes.join(', ') },
                        { header: 'Expires', cell: (k) => <When iso={k.expiresAt} /> },
                        { header: 'Last used', cell: (k) => (k.lastUsedAt ? <><When iso={k.lastUsedAt} />{k.lastUsedIp ? ` from ${k.lastUsedIp}` : ''}</> : 'never') },
                        {
                          header: 'Actions',
                          cell: (k) =>
                            k.state === 'active' ? (
                              <span className="buttons">
                                <button type="button" onClick={() => setPending({ kind: 'rotate', key: k, overlapSeconds: 3600 })} aria-label={`Rotate ${k.prefix}`}>
                                  Rotate
                                </button>
                                <button type="button" className="danger" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.prefix}`}>
                                  Revoke
                                </button>
                              </span>
                            ) : (
                              '—'
                            ),
                        },
                      ]}
                    />
                  ) : (
                    <p>No keys.</p>
                  )}
                  <button type="button" onClick={() => setIssueFor(account.id)}>
                    New key for {account.name}
                  </button>
                </section>
              ))}
            </div>
          )
        }
      </LoadState>
      <Dialog open={creating} title="Add a service account" onClose={() => setCreating(false)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setPending({ kind: 'create', name: draft.name.trim(), description: draft.description.trim(), key: draft.key });
          }}
        >
          <Field label="Name">{(id) => <input id={id} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={100} />}</Field>
          <Field label="What it is for (optional)">{(id) => <input id={id} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} maxLength={500} />}</Field>
          <KeyFields form={draft.key} onChange={(key) => setDraft({ ...draft, key })} />
          <div className="buttons">
            <button type="submit" className="primary" disabled={!draft.key.scopes.length}>
              Continue
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
      <Dialog open={issueFor !== undefined} title="New key" onClose={() => setIssueFor(undefined)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (issueFor) setPending({ kind: 'issue', accountId: issueFor, key: issueKey });
          }}
        >
          <KeyFields form={issueKey} onChange={setIssueKey} />
          <div className="buttons">
            <button type="submit" className="primary" disabled={!issueKey.scopes.length}>
              Continue
            </button>
            <button type="button" onClick={() => setIssueFor(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
      <Dialog open={revoking !== undefined} title="Revoke this key?" onClose={() => setRevoking(undefined)}>
        <form onSubmit={revoke}>
          <p>Requests with {revoking?.prefix}… fail from now on. This cannot be undone.</p>
          <Field label="Reason (optional, recorded in the audit log)">{(id) => <input id={id} value={revokeReason} maxLength={500} onChange={(e) => setRevokeReason(e.target.value)} />}</Field>
          <div className="buttons">
            <button type="submit" className="danger">
              Revoke
            </button>
            <button type="button" onClick={() => setRevoking(undefined)}>
              Keep it
            </button>
          </div>
        </form>
      </Dialog>
      {pending ? (
        <StepUpDialog
          open
          title={pending.kind === 'rotate' ? 'Rotate key' : 'Create key'}
          description={
            pending.kind === 'rotate' ? `A new key replaces ${pending.key.prefix}…; the old one keeps working for an hour so the integration can switch.` : 'A new API key will be shown once.'
          }
          confirmLabel={pending.kind === 'rotate' ? 'Rotate' : 'Create key'}
          reasonRequired={false}
          onClose={() => setPending(undefined)}
          action={mint}
        />
      ) : null}
    </Page>
  );
}
