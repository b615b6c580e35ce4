import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import { getDeviceDetail, listDevices, type InventoryQuery } from '../api/inventory';
import type { Command } from '../api/types';
import { StepUpDialog } from '../components/step-up';
import { ErrorMessage, Field, LoadState, Page, StateBadge, When } from '../components/ui';
import { ruleLabel } from '../lib/compliance';
import { useLoad } from '../lib/use-load';

const ACTION_LABELS: Record<string, string> = { LOCK: 'Lock', WIPE_SELECTIVE: 'Selective wipe', WIPE_FULL: 'Full wipe' };
const FINAL = new Set(['ACKNOWLEDGED', 'FAILED', 'CANCELLED']);

/** Polls a command until the device answered (or it failed), so IT sees "acknowledged" without reloading. */
function useCommandProgress(initial: Command | undefined) {
  const [command, setCommand] = useState(initial);
  useEffect(() => setCommand(initial), [initial]);
  useEffect(() => {
    if (!command || FINAL.has(command.status)) return;
    const timer = setTimeout(async () => {
      try {
        setCommand(await ok(api.GET('/v1/commands/{id}', { params: { path: { id: command.id } } })));
      } catch {
        // Keep the last known state; the next tick tries again.
      }
    }, 1500);
    return () => clearTimeout(timer);
  }, [command]);
  return command;
}

function CommandStatus({ command }: { command: Command }) {
  const live = useCommandProgress(command);
  if (!live) return null;
  return (
    <p role="status" className={`alert ${live.status === 'ACKNOWLEDGED' ? 'alert-ok' : live.status === 'FAILED' ? 'alert-error' : 'alert-warn'}`}>
      {ACTION_LABELS[live.action ?? ''] ?? live.requestType}: <strong>{live.status.toLowerCase().replace('_', ' ')}</strong>
      {live.acknowledgedAt ? (
        <>
          {' '}
          at <When iso={live.acknowledgedAt} />
        </>
      ) : null}
    </p>
  );
}

type Action = 'lock' | 'selective' | 'full';

export function DeviceDetail() {
  const { id = '' } = useParams();
  const history = useLoad(() => ok(api.GET('/v1/devices/{id}/compliance/history', { params: { path: { id }, query: { limit: 50 } } })), [id]);
  const commands = useLoad(() => ok(api.GET('/v1/devices/{id}/commands', { params: { path: { id }, query: { limit: 50 } } })), [id]);
  const detail = useLoad(() => getDeviceDetail(id), [id]);
  const [action, setAction] = useState<Action>();
  const [last, setLast] = useState<Command>();

  const run = async (reason: string) => {
    const result =
      action === 'lock'
        ? await ok(api.POST('/v1/devices/{id}/lock', { params: { path: { id } }, body: { reason } }))
        : await ok(api.POST('/v1/devices/{id}/wipe', { params: { path: { id } }, body: { kind: action === 'full' ? 'full' : 'selective', reason } }));
    setLast(result.command);
    commands.reload();
  };

  const titles: Record<Action, [string, string, string]> = {
    lock: ['Lock this device', 'The screen locks at once; the person unlocks it with their passcode.', 'Lock device'],
    selective: ['Selective wipe', 'Removes the enrolment, work apps and work data. Personal data stays.', 'Wipe work data'],
    full: ['Full wipe', 'Erases the whole device (company-owned only). This cannot be undone.', 'Erase device'],
  };

  return (
    <Page title="Device">
      <div className="buttons">
        <button type="button" onClick={() => setAction('lock')}>
          Lock
        </button>
        <button type="button" className="danger" onClick={() => setAction('selective')}>
          Selective wipe
        </button>
        <button type="button" className="danger" onClick={() => setAction('full')}>
          Full wipe
        </button>
      </div>
      {last ? <CommandStatus command={last} /> : null}
      {action ? (
        <StepUpDialog open title={titles[action][0]} description={titles[action][1]} confirmLabel={titles[action][2]} onClose={() => setAction(undefined)} action={run} />
      ) : null}
      <LoadState loaded={detail}>
        {(found) =>
          found.available ? (
            <div className="card">
              <h2>Details</h2>
              <pre className="pre">{JSON.stringify(found.value, null, 2)}</pre>
            </div>
          ) : null
        }
      </LoadState>
      <div className="card">
        <h2>Commands</h2>
        <LoadState loaded={commands}>
          {(data) =>
            data.items.length === 0 ? (
              <p>No commands yet.</p>
            ) : (
              <ul className="timeline">
                {data.items.map((command) => (
                  <li key={command.id}>
                    <strong>{ACTION_LABELS[command.action ?? ''] ?? command.requestType}</strong> — {command.status.toLowerCase().replace('_', ' ')} · requested <When iso={command.requestedAt} />
                    {command.reason ? <span className="muted"> · {command.reason}</span> : null}
                  </li>
                ))}
              </ul>
            )
          }
        </LoadState>
      </div>
      <div className="card">
        <h2>Compliance history</h2>
        <LoadState loaded={history}>
          {(data) => (
            <ol className="timeline">
              {data.items.map((item, i) => (
                <li key={i}>
                  <When iso={item.at} /> — {item.from ? <StateBadge state={item.from} /> : 'new'} → <StateBadge state={item.to} /> {item.reason}
                  {item.failingRules.length ? <span className="muted"> ({item.failingRules.map(ruleLabel).join(', ')})</span> : null}
                </li>
              ))}
            </ol>
          )}
        </LoadState>
      </div>
    </Page>
  );
}

export function People() {
  const loaded = useLoad(() => ok(api.GET('/v1/users', { params: { query: { limit: 200 } } })));
  const [filter, setFilter] = useState('');
  return (
    <Page title="People">
      <Field label="Find a person">{(id) => <input id={id} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />}</Field>
      <LoadState loaded={loaded}>
        {(data) => {
          const needle = filter.trim().toLowerCase();
          const people = data.items.filter((u) => !needle || u.name.toLowerCase().includes(needle) || u.email.toLowerCase().includes(needle));
          return (
            <ul className="stack plain">
              {people.map((user) => (
                <li key={user.id} className="card row">
                  <Link to={`/team/people/${user.id}`}>{user.name}</Link>
                  <span className="muted">
                    {user.email} · {user.role.toLowerCase()}
                    {user.disabledAt ? ' · disabled' : ''}
                  </span>
                </li>
              ))}
            </ul>
          );
        }}
      </LoadState>
    </Page>
  );
}

/** Inventory (issue 13). Until GET /v1/devices exists on this server, IT reaches devices through People and reports. */
export function Inventory() {
  const [query, setQuery] = useState<InventoryQuery>({ limit: 50 });
  const [text, setText] = useState('');
  const loaded = useLoad(() => listDevices(query), [JSON.stringify(query)]);
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ ...query, q: text, cursor: undefined });
  };
  return (
    <Page title="Devices">
      <form className="row" onSubmit={search} role="search">
        <Field label="Search by name, model, serial or person">{(id) => <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} />}</Field>
        <Field label="Platform">
          {(id) => (
            <select id={id} value={query.platform ?? ''} onChange={(e) => setQuery({ ...query, platform: e.target.value || undefined, cursor: undefined })}>
              <option value="">Any</option>
              <option value="APPLE">Apple</option>
              <option value="ANDROID">Android</option>
            </select>
          )}
        </Field>
        <button type="submit">Search</button>
      </form>
      <LoadState loaded={loaded}>
        {(result) =>
          !result.available ? (
            <p className="card">
              The device inventory is not available on this server yet. Find devices through <Link to="/it/people">People</Link> or <Link to="/team">the compliance report</Link>.
            </p>
          ) : (
            <>
              <ul className="stack plain">
                {result.value.items.map((device) => (
                  <li key={device.id} className="card row">
                    <Link to={`/it/devices/${device.id}`}>{device.displayName ?? device.model ?? device.id}</Link>
                    <span className="muted">
                      {device.user?.name ?? 'no user'} · {device.platform} · {device.complianceState ?? ''} · last seen <When iso={device.lastSeenAt} />
                    </span>
                  </li>
                ))}
              </ul>
              {result.value.nextCursor ? (
                <button type="button" onClick={() => setQuery({ ...query, cursor: result.value.nextCursor ?? undefined })}>
                  Next page
                </button>
              ) : null}
            </>
          )
        }
      </LoadState>
    </Page>
  );
}

/** The second-person rule for full wipes: the request's id comes from the requester or the audit log. */
export function Approvals() {
  const [commandId, setCommandId] = useState('');
  const [command, setCommand] = useState<Command>();
  const [error, setError] = useState<unknown>();
  const [approving, setApproving] = useState(false);
  const pending = useLoad(async () => {
    // ADMIN can list requests from the audit log; IT gets 403 and looks a request up by its id.
    const events = await ok(api.GET('/v1/audit', { params: { query: { action: 'command.requested', limit: 100 } } })).catch(() => ({ items: [] }));
    return events.items.filter((e) => (e.details as { status?: string } | null)?.status === 'AWAITING_APPROVAL').map((e) => (e.details as { commandId: string }).commandId);
  });
  const look = async (id: string) => {
    setError(undefined);
    try {
      setCommand(await ok(api.GET('/v1/commands/{id}', { params: { path: { id } } })));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Page title="Wipe approvals">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void look(commandId.trim());
        }}
      >
        <Field label="Wipe request id">{(id) => <input id={id} value={commandId} onChange={(e) => setCommandId(e.target.value)} required />}</Field>
        <button type="submit">Look up</button>
      </form>
      <LoadState loaded={pending}>
        {(ids) =>
          ids.length ? (
            <ul>
              {ids.map((id) => (
                <li key={id}>
                  <button type="button" className="link" onClick={() => void look(id)}>
                    Request {id}
                  </button>
                </li>
              ))}
            </ul>
          ) : null
        }
      </LoadState>
      <ErrorMessage error={error} />
      {command ? (
        <div className="card">
          <p>
            {ACTION_LABELS[command.action ?? ''] ?? command.requestType} of <Link to={`/it/devices/${command.deviceId}`}>device</Link>, {command.status.toLowerCase().replace('_', ' ')}, requested{' '}
            <When iso={command.requestedAt} />. Reason: {command.reason ?? '—'}
          </p>
          {command.status === 'AWAITING_APPROVAL' ? (
            <button type="button" className="danger" onClick={() => setApproving(true)}>
              Approve
            </button>
          ) : null}
          <StepUpDialog
            open={approving}
            title="Approve full wipe"
            description="As the second person, confirm this device should be erased."
            confirmLabel="Approve wipe"
            reasonRequired={false}
            onClose={() => setApproving(false)}
            action={async () => setCommand(await ok(api.POST('/v1/wipes/{id}/approve', { params: { path: { id: command.id } } })))}
          />
        </div>
      ) : null}
    </Page>
  );
}

export function Incidents() {
  const notifications = useLoad(() => ok(api.GET('/v1/notifications', { params: { query: { limit: 100 } } })));
  return (
    <Page title="Incidents">
      <LoadState loaded={notifications}>
        {(data) => {
          const seen = new Set<string>();
          const incidents = data.items.filter((n) => n.incidentId && !seen.has(n.incidentId) && seen.add(n.incidentId));
          return incidents.length === 0 ? (
            <p className="card">No incident notifications.</p>
          ) : (
            <ul className="stack plain">
              {incidents.map((n) => (
                <li key={n.id} className="card">
                  <Link to={`/it/incidents/${n.incidentId}`}>{n.subject}</Link> <span className="muted"><When iso={n.createdAt} /></span>
                </li>
              ))}
            </ul>
          );
        }}
      </LoadState>
    </Page>
  );
}

export function IncidentDetail() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => ok(api.GET('/v1/incidents/{id}', { params: { path: { id } } })), [id]);
  const [note, setNote] = useState('');
  const [lessons, setLessons] = useState('');
  const [risk, setRisk] = useState('low');
  const [error, setError] = useState<unknown>();
  const act = (work: () => Promise<unknown>) => async (event: FormEvent) => {
    event.preventDefault();
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
        <Page title={`${incident.kind === 'LOST' ? 'Lost' : 'Stolen'} device — ${incident.status.toLowerCase()}`}>
          <div className="card">
            <p>
              Opened <When iso={incident.openedAt} />. <Link to={`/it/devices/${incident.deviceId}`}>The device</Link>. {incident.description}
            </p>
            <ol className="timeline">
              {incident.timeline.map((entry, i) => (
                <li key={i}>
                  <When iso={entry.at} /> — {entry.step.replace('_', ' ')}
                </li>
              ))}
            </ol>
          </div>
          <ErrorMessage error={error} />
          {incident.status === 'OPEN' ? (
            <>
              <form className="card" onSubmit={act(() => ok(api.PUT('/v1/incidents/{id}/assessment', { params: { path: { id } }, body: { dataCategories: [], riskLevel: risk as 'low' | 'medium' | 'high' } })))}>
                <h2>Harm assessment</h2>
                <Field label="Risk">
                  {(fid) => (
                    <select id={fid} value={risk} onChange={(e) => setRisk(e.target.value)}>
                      <option value="low">Low</option>
                      <option value="medium">Medium</option>
                      <option value="high">High</option>
                    </select>
                  )}
                </Field>
                <button type="submit">Record assessment</button>
              </form>
              <form className="card" onSubmit={act(() => ok(api.POST('/v1/incidents/{id}/actions', { params: { path: { id } }, body: { action: note } })))}>
                <Field label="Action taken">{(fid) => <input id={fid} value={note} onChange={(e) => setNote(e.target.value)} required />}</Field>
                <button type="submit">Record action</button>
              </form>
              <form className="card" onSubmit={act(() => ok(api.POST('/v1/incidents/{id}/close', { params: { path: { id } }, body: { lessons } })))}>
                <Field label="Lessons learned">{(fid) => <textarea id={fid} value={lessons} onChange={(e) => setLessons(e.target.value)} required />}</Field>
                <button type="submit">Close incident</button>
              </form>
            </>
          ) : (
            <p className="card">Closed <When iso={incident.closedAt} />. {incident.lessons}</p>
          )}
        </Page>
      )}
    </LoadState>
  );
}

export function Audit() {
  const [filters, setFilters] = useState({ action: '', actorId: '', targetId: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const loaded = useLoad(
    () =>
      ok(
        api.GET('/v1/audit', {
          params: {
            query: {
              limit: 100,
              ...(applied.action ? { action: applied.action } : {}),
              ...(applied.actorId ? { actorId: applied.actorId } : {}),
              ...(applied.targetId ? { targetId: applied.targetId } : {}),
              ...(applied.from ? { from: new Date(applied.from).toISOString() } : {}),
              ...(applied.to ? { to: new Date(applied.to).toISOString() } : {}),
            },
          },
        }),
      ),
    [JSON.stringify(applied)],
  );
  const [verify, setVerify] = useState<string>();
  const [error, setError] = useState<unknown>();
  const check = async () => {
    setError(undefined);
    try {
      const result = await ok(api.GET('/v1/audit/verify'));
      setVerify(result.ok ? `The chain is intact: ${result.checked} events verified.` : `Broken after ${result.checked} events: event ${result.firstBroken?.id} (${result.firstBroken?.reason}).`);
    } catch (failure) {
      setError(failure);
    }
  };
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [key]: e.target.value });
  return (
    <Page
      title="Audit log"
      actions={
        <button type="button" onClick={check}>
          Verify chain
        </button>
      }
    >
      {verify ? (
        <p role="status" className="alert alert-ok">
          {verify}
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
        }}
      >
        <Field label="Action (e.g. command.*)">{(id) => <input id={id} value={filters.action} onChange={set('action')} />}</Field>
        <Field label="Actor id">{(id) => <input id={id} value={filters.actorId} onChange={set('actorId')} />}</Field>
        <Field label="Target id">{(id) => <input id={id} value={filters.targetId} onChange={set('targetId')} />}</Field>
        <Field label="From">{(id) => <input id={id} type="datetime-local" value={filters.from} onChange={set('from')} />}</Field>
        <Field label="To">{(id) => <input id={id} type="datetime-local" value={filters.to} onChange={set('to')} />}</Field>
        <button type="submit">Filter</button>
      </form>
      <LoadState loaded={loaded}>
        {(data) => (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Audit events">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((event) => (
                  <tr key={event.id}>
                    <td>
                      <When iso={event.at} />
                    </td>
                    <td>{event.action}</td>
                    <td>
                      {event.actorType} {event.actorId ?? ''}
                    </td>
                    <td>
                      {event.targetType ?? ''} {event.targetId ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
    </Page>
  );
}
