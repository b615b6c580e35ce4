import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import type { Incident } from '../api/types';
import { DataTable } from '../components/data-table';
import { Pager } from '../components/pager';
import { ErrorMessage, Field, LoadState, Page, When } from '../components/ui';
import { statusText } from '../lib/commands';
import { useCursorPages } from '../lib/cursor-pages';
import { useLoad } from '../lib/use-load';

const kindText = (kind: Incident['kind']) => (kind === 'STOLEN' ? 'Stolen device' : 'Lost device');

interface IncidentFilters {
  status: '' | 'OPEN' | 'CLOSED';
  userId: string;
  from: string;
  to: string;
}

/** A date field (yyyy-mm-dd, the reader's calendar day) as the instant it starts in the reader's time zone. */
const startOfDay = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const endOfDay = (day: string) => (day ? new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined);

/** Lost and stolen devices for IT and ADMIN, open ones first by default, each leading to its playbook. */
export function Incidents() {
  const pages = useCursorPages<IncidentFilters>({ status: 'OPEN', userId: '', from: '', to: '' });
  const [form, setForm] = useState(pages.query);
  const people = useLoad(() => ok(api.GET('/v1/users', { params: { query: { limit: 200 } } })));
  const names = new Map((people.data?.items ?? []).map((u) => [u.id, u.name]));
  const { status, userId, from, to } = pages.query;
  const loaded = useLoad(
    () =>
      ok(
        api.GET('/v1/incidents', {
          params: {
            query: {
              limit: 25,
              ...(status ? { status } : {}),
              ...(userId ? { userId } : {}),
              ...(from ? { openedFrom: startOfDay(from) } : {}),
              ...(to ? { openedTo: endOfDay(to) } : {}),
              ...(pages.cursor ? { cursor: pages.cursor } : {}),
            },
          },
        }),
      ),
    [JSON.stringify(pages.query), pages.cursor],
  );
  const set = (key: keyof IncidentFilters) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  return (
    <Page title="Incidents">
      <form
        className="card"
        aria-label="Filter incidents"
        onSubmit={(e) => {
          e.preventDefault();
          pages.setQuery(form);
        }}
      >
        <div className="grid">
          <Field label="Status">
            {(id) => (
              <select id={id} value={form.status} onChange={set('status')}>
                <option value="OPEN">Open</option>
                <option value="CLOSED">Closed</option>
                <option value="">Any</option>
              </select>
            )}
          </Field>
          <Field label="Person">
            {(id) => (
              <select id={id} value={form.userId} onChange={set('userId')}>
                <option value="">Anyone</option>
                {(people.data?.items ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Opened on or after">{(id) => <input id={id} type="date" value={form.from} onChange={set('from')} />}</Field>
          <Field label="Opened on or before">{(id) => <input id={id} type="date" value={form.to} onChange={set('to')} />}</Field>
        </div>
        <button type="submit">Filter</button>
      </form>
      <LoadState loaded={loaded}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p className="card">No incident matches.</p>
            ) : (
              <DataTable
                label="Incident list"
                rows={page.items}
                rowKey={(i) => i.id}
                columns={[
                  { header: 'Incident', cell: (i) => <Link to={`/it/incidents/${i.id}`}>{kindText(i.kind)}</Link> },
                  { header: 'Opened', cell: (i) => <When iso={i.openedAt} /> },
                  { header: 'Status', cell: (i) => statusText(i.status) },
                  { header: 'Person', cell: (i) => (i.userId ? (names.get(i.userId) ?? 'Unknown person') : 'No user') },
                  { header: 'Risk', cell: (i) => i.assessment.riskLevel ?? 'not assessed' },
                  { header: 'Device', cell: (i) => <Link to={`/it/devices/${i.deviceId}`}>Device</Link> },
                ]}
              />
            )}
            <Pager label="Incident pages" page={pages.page} previous={pages.previous} next={page.nextCursor ? () => pages.next(page.nextCursor!) : undefined} />
          </>
        )}
      </LoadState>
    </Page>
  );
}

const DATA_CATEGORIES: [string, string][] = [
  ['email', 'Work email'],
  ['patient-records', 'Patient or resident records'],
  ['contacts', 'Contacts'],
  ['photos', 'Photos taken for work'],
];

const STEPS: { step: 'contain' | 'reset_credentials' | 'notify'; label: string; done: string }[] = [
  { step: 'contain', label: 'Lock or wipe the device again', done: 'contained' },
  { step: 'reset_credentials', label: "Reset the person's password", done: 'credentials_reset' },
  { step: 'notify', label: 'Notify the data protection officer', done: 'notified' },
];

/** One incident from opening to closing: the playbook steps, the harm assessment, actions taken, then lessons. */
export function IncidentDetail() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => ok(api.GET('/v1/incidents/{id}', { params: { path: { id } } })), [id]);
  const [note, setNote] = useState('');
  const [lessons, setLessons] = useState('');
  const [risk, setRisk] = useState<'' | 'low' | 'medium' | 'high'>('');
  const [categories, setCategories] = useState<string[]>([]);
  const [patientData, setPatientData] = useState(false);
  const [temporaryPassword, setTemporaryPassword] = useState<string>();
  const [error, setError] = useState<unknown>();
  const act = (work: () => Promise<unknown>) => async (event?: FormEvent) => {
    event?.preventDefault();
    setError(undefined);
    try {
      await work();
      loaded.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <LoadState loaded={loaded}>
      {(incident) => (
        <Page title={`${kindText(incident.kind)} — ${statusText(incident.status)}`}>
          <p className="muted">
            <Link to="/it/incidents">All incidents</Link>
          </p>
          <div className="card">
            <p>
              Opened <When iso={incident.openedAt} />. <Link to={`/it/devices/${incident.deviceId}`}>The device</Link>.
              {incident.lastLocation ? ` Last seen: ${incident.lastLocation}.` : ''} {incident.description}
            </p>
            <h2>Timeline</h2>
            <ol className="timeline">
              {incident.timeline.map((entry, i) => (
                <li key={i}>
                  <When iso={entry.at} /> — {statusText(entry.step)}
                  {entry.actorType === 'system' ? <span className="muted"> (automatic)</span> : null}
                </li>
              ))}
            </ol>
            {incident.assessment.assessedAt ? (
              <p>
                Assessed risk: <strong>{incident.assessment.riskLevel}</strong>
                {incident.assessment.dataCategories.length ? `; data: ${incident.assessment.dataCategories.join(', ')}` : ''}.
              </p>
            ) : null}
          </div>
          <ErrorMessage error={error} />
          {temporaryPassword ? (
            <p role="status" className="alert alert-warn">
              Temporary password (shown once; pass it on by phone or in person): <code className="secret">{temporaryPassword}</code>
            </p>
          ) : null}
          {incident.status === 'OPEN' ? (
            <>
              <div className="card">
                <h2>Playbook</h2>
                <div className="buttons">
                  {STEPS.map(({ step, label, done }) => (
                    <button
                      key={step}
                      type="button"
                      onClick={act(async () => {
                        const result = await ok(api.POST('/v1/incidents/{id}/steps/{step}', { params: { path: { id, step } } }));
                        if (result.temporaryPassword) setTemporaryPassword(result.temporaryPassword);
                      })}
                    >
                      {label}
                      {incident.timeline.some((t) => t.step === done) ? ' (done)' : ''}
                    </button>
                  ))}
                </div>
              </div>
              <form
                className="card"
                onSubmit={act(() =>
                  ok(api.PUT('/v1/incidents/{id}/assessment', { params: { path: { id } }, body: { dataCategories: categories, patientDataExposed: patientData, ...(risk ? { riskLevel: risk } : {}) } })),
                )}
              >
                <h2>Harm assessment</h2>
                <fieldset>
                  <legend>Work data that may be exposed</legend>
                  {DATA_CATEGORIES.map(([value, label]) => (
                    <label key={value} className="inline">
                      <input type="checkbox" checked={categories.includes(value)} onChange={(e) => setCategories(e.target.checked ? [...categories, value] : categories.filter((c) => c !== value))} /> {label}
                    </label>
                  ))}
                </fieldset>
                <label className="inline">
                  <input type="checkbox" checked={patientData} onChange={(e) => setPatientData(e.target.checked)} /> Patient or resident data was exposed
                </label>
                <Field label="Risk" hint="Leave as suggested to let the service work it out from the answers above and the device's encryption">
                  {(fid, hint) => (
                    <select id={fid} aria-describedby={hint} value={risk} onChange={(e) => setRisk(e.target.value as typeof risk)}>
                      <option value="">Suggested</option>
                      <option value="low">Low</option>
                      <option value="medium">Medium</option>
                      <option value="high">High</option>
                    </select>
                  )}
                </Field>
                <button type="submit">Record assessment</button>
              </form>
              <form
                className="card"
                onSubmit={act(async () => {
                  await ok(api.POST('/v1/incidents/{id}/actions', { params: { path: { id } }, body: { action: note } }));
                  setNote('');
                })}
              >
                <Field label="Action taken">{(fid) => <input id={fid} value={note} onChange={(e) => setNote(e.target.value)} required />}</Field>
                <button type="submit">Record action</button>
              </form>
              <form className="card" onSubmit={act(() => ok(api.POST('/v1/incidents/{id}/close', { params: { path: { id } }, body: { lessons } })))}>
                <Field label="Lessons learned">{(fid) => <textarea id={fid} value={lessons} onChange={(e) => setLessons(e.target.value)} required />}</Field>
                <button type="submit">Close incident</button>
              </form>
            </>
          ) : (
            <p className="card">
              Closed <When iso={incident.closedAt} />. {incident.lessons}
            </p>
          )}
        </Page>
      )}
    </LoadState>
  );
}
