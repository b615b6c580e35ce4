import { useEffect, useState, type FormEvent } from 'react';
import { api, ok } from '../api/client';
import { Dialog, ErrorMessage, Field, LoadState, Page, When } from '../components/ui';
import { diffPolicies, showValue } from '../lib/policy-diff';
import { leaves, setLeaf } from '../lib/policy-leaves';
import { useLoad } from '../lib/use-load';

export function PolicyEditor() {
  const policy = useLoad(() => ok(api.GET('/v1/compliance/policy', { params: { query: {} } })));
  const presets = useLoad(() => ok(api.GET('/v1/compliance/presets')));
  type Doc = NonNullable<typeof policy.data>['document'];
  const [draft, setDraft] = useState<Doc>();
  const [reviewing, setReviewing] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<number>();
  useEffect(() => {
    if (policy.data) setDraft(policy.data.document);
  }, [policy.data]);

  const changes = policy.data && draft ? diffPolicies(policy.data.document, draft) : [];
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || !policy.data) return;
    try {
      const result = await ok(api.PUT('/v1/compliance/policy', { body: { document: draft, expectedVersion: policy.data.version } }));
      setSaved(result.version);
      setReviewing(false);
      policy.reload();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Page title="Compliance policy">
      <LoadState loaded={policy}>
        {(current) => (
          <>
            <p>
              Version {current.version} {current.preset ? `(from preset ${current.preset})` : ''}, saved <When iso={current.createdAt} />.
            </p>
            {saved ? (
              <p role="status" className="alert alert-ok">
                Saved as version {saved}. Every device is being re-judged.
              </p>
            ) : null}
            <LoadState loaded={presets}>
              {(list) => (
                <Field label="Start from a preset">
                  {(id) => (
                    <select
                      id={id}
                      defaultValue=""
                      onChange={(e) => {
                        const preset = list.find((p) => p.id === e.target.value);
                        if (preset) setDraft(preset.document);
                      }}
                    >
                      <option value="">Keep the current settings</option>
                      {list.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </LoadState>
            {draft ? (
              <fieldset className="card">
                <legend>Settings</legend>
                <div className="grid">
                  {leaves(draft).map((leaf) => {
                    const name = leaf.path.join(' › ');
                    return (
                      <Field key={name} label={name}>
                        {(id) =>
                          typeof leaf.value === 'boolean' ? (
                            <input id={id} type="checkbox" checked={leaf.value} onChange={(e) => setDraft(setLeaf(draft, leaf.path, e.target.checked))} />
                          ) : typeof leaf.value === 'number' ? (
                            <input id={id} type="number" value={leaf.value} onChange={(e) => setDraft(setLeaf(draft, leaf.path, Number(e.target.value)))} />
                          ) : (
                            <input id={id} value={leaf.value} onChange={(e) => setDraft(setLeaf(draft, leaf.path, e.target.value))} />
                          )
                        }
                      </Field>
                    );
                  })}
                </div>
              </fieldset>
            ) : null}
            <button type="button" className="primary" disabled={changes.length === 0} onClick={() => setReviewing(true)}>
              Review {changes.length} change(s)
            </button>
            <Dialog open={reviewing} title="Review changes" onClose={() => setReviewing(false)}>
              <form onSubmit={save}>
                <ul className="diff">
                  {changes.map((c) => (
                    <li key={c.path}>
                      <code>{c.path}</code>: <del>{showValue(c.before)}</del> → <ins>{showValue(c.after)}</ins>
                    </li>
                  ))}
                </ul>
                <ErrorMessage error={error} />
                <div className="buttons">
                  <button type="submit" className="primary">
                    Save as version {current.version + 1}
                  </button>
                  <button type="button" onClick={() => setReviewing(false)}>
                    Back
                  </button>
                </div>
              </form>
            </Dialog>
          </>
        )}
      </LoadState>
    </Page>
  );
}

export function PublishNotice() {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [done, setDone] = useState<number>();
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setDone((await ok(api.POST('/v1/privacy-notices', { body: { title, body } }))).version);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Page title="Privacy notice">
      <form className="card" onSubmit={submit}>
        <p>Publishing a new version asks every BYOD user to accept it before enrolling another personal device.</p>
        <Field label="Title">{(id) => <input id={id} value={title} minLength={3} maxLength={200} onChange={(e) => setTitle(e.target.value)} required />}</Field>
        <Field label="Text" hint="Say plainly what IT can and cannot see and do on a personal phone. Blank lines separate paragraphs.">
          {(id, hint) => <textarea id={id} aria-describedby={hint} rows={12} value={body} minLength={20} onChange={(e) => setBody(e.target.value)} required />}
        </Field>
        <ErrorMessage error={error} />
        {done ? (
          <p role="status" className="alert alert-ok">
            Published as version {done}.
          </p>
        ) : null}
        <button type="submit" className="primary">
          Publish
        </button>
      </form>
    </Page>
  );
}

const ROLES = ['STAFF', 'MANAGER', 'IT', 'ADMIN'] as const;

export function Users() {
  const users = useLoad(() => ok(api.GET('/v1/users', { params: { query: { limit: 200 } } })));
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState({ email: '', name: '', role: 'STAFF' as (typeof ROLES)[number], password: '' });
  const [error, setError] = useState<unknown>();
  const changeRole = async (id: string, role: (typeof ROLES)[number]) => {
    setError(undefined);
    try {
      await ok(api.PATCH('/v1/users/{id}', { params: { path: { id } }, body: { role } }));
      users.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await ok(api.POST('/v1/users', { body: form }));
      setCreating(false);
      users.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Page
      title="Users and roles"
      actions={
        <button type="button" onClick={() => setCreating(true)}>
          Add a user
        </button>
      }
    >
      <ErrorMessage error={error} />
      <LoadState loaded={users}>
        {(data) => (
          <ul className="stack plain">
            {data.items.map((user) => (
              <li key={user.id} className="card row">
                <span>
                  {user.name} <span className="muted">{user.email}</span>
                </span>
                <label className="inline">
                  Role{' '}
                  <select value={user.role} onChange={(e) => changeRole(user.id, e.target.value as (typeof ROLES)[number])}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <Dialog open={creating} title="Add a user" onClose={() => setCreating(false)}>
        <form onSubmit={create}>
          <Field label="Name">{(id) => <input id={id} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />}</Field>
          <Field label="Email">{(id) => <input id={id} type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />}</Field>
          <Field label="Role">
            {(id) => (
              <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as (typeof ROLES)[number] })}>
                {ROLES.map((r) => (
                  <option key={r}>{r}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="First password" hint="At least 12 characters">
            {(id, hint) => <input id={id} aria-describedby={hint} type="password" autoComplete="new-password" minLength={12} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />}
          </Field>
          <div className="buttons">
            <button type="submit" className="primary">
              Add
            </button>
            <button type="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
    </Page>
  );
}

export function Webhooks() {
  const hooks = useLoad(() => ok(api.GET('/v1/webhooks')));
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState<string>();
  const [error, setError] = useState<unknown>();
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      setSecret((await ok(api.POST('/v1/webhooks', { body: { url } }))).secret);
      setUrl('');
      hooks.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  const remove = async (id: string) => {
    try {
      await ok(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } }));
      hooks.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Page title="Webhooks">
      <form className="row" onSubmit={add}>
        <Field label="HTTPS address">{(id) => <input id={id} type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />}</Field>
        <button type="submit">Add webhook</button>
      </form>
      {secret ? (
        <p role="status" className="alert alert-warn">
          Signing secret (shown once): <code className="secret">{secret}</code>
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <LoadState loaded={hooks}>
        {(data) => (
          <ul className="stack plain">
            {(Array.isArray(data) ? data : (data as { items: unknown[] }).items).map((raw) => {
              const hook = raw as { id: string; url: string; active?: boolean };
              return (
                <li key={hook.id} className="card row">
                  <span className="break">{hook.url}</span>
                  <button type="button" className="danger" onClick={() => remove(hook.id)}>
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </LoadState>
    </Page>
  );
}
