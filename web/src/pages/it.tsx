import { useState } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import type { BulkActionProgress, Command } from '../api/types';
import { ApproveButton } from '../components/approve';
import { BulkProgress } from '../components/bulk-progress';
import { DataTable } from '../components/data-table';
import { ErrorMessage, Field, LoadState, Page, When } from '../components/ui';
import { commandName, statusText } from '../lib/commands';
import { useLoad } from '../lib/use-load';

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

/** The second-person rule for full wipes: the request's id comes from the requester or the audit log. */
export function Approvals() {
  const [commandId, setCommandId] = useState('');
  const [command, setCommand] = useState<Command>();
  const [error, setError] = useState<unknown>();
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
            {commandName(command)} of <Link to={`/it/devices/${command.deviceId}`}>device</Link>, {statusText(command.status)}, requested{' '}
            <When iso={command.requestedAt} />. Reason: {command.reason ?? '—'}
          </p>
          <ApproveButton
            awaiting={command.status === 'AWAITING_APPROVAL'}
            title="Approve full wipe"
            description="As the second person, confirm this device should be erased."
            approve={async () => setCommand(await ok(api.POST('/v1/wipes/{id}/approve', { params: { path: { id: command.id } } })))}
          />
        </div>
      ) : null}
      <BulkApproval />
    </Page>
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
          <DataTable
            label="Audit events"
            rows={data.items}
            rowKey={(event) => event.id}
            columns={[
              { header: 'When', cell: (event) => <When iso={event.at} /> },
              { header: 'Action', cell: (event) => event.action },
              { header: 'Actor', cell: (event) => `${event.actorType} ${event.actorId ?? ''}` },
              { header: 'Target', cell: (event) => `${event.targetType ?? ''} ${event.targetId ?? ''}` },
            ]}
          />
        )}
      </LoadState>
    </Page>
  );
}

/** Large bulk locks and wipes wait for a second person, who looks the request up by the id the requester passes on. */
function BulkApproval() {
  const [requestId, setRequestId] = useState('');
  const [request, setRequest] = useState<BulkActionProgress>();
  const [error, setError] = useState<unknown>();
  const look = async () => {
    setError(undefined);
    setRequest(undefined);
    try {
      setRequest(await ok(api.GET('/v1/device-actions/{id}', { params: { path: { id: requestId.trim() } } })));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="card">
      <h2>Bulk lock or wipe</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void look();
        }}
      >
        <Field label="Bulk request id">{(id) => <input id={id} value={requestId} onChange={(e) => setRequestId(e.target.value)} required />}</Field>
        <button type="submit">Look up</button>
      </form>
      <ErrorMessage error={error} />
      {request ? (
        <>
          <p>
            {statusText(request.action)} of {request.total} devices, requested <When iso={request.createdAt} />. Reason: {request.reason}
          </p>
          <BulkProgress initial={request} />
          <ApproveButton
            awaiting={request.status === 'AWAITING_APPROVAL'}
            title="Approve bulk action"
            description={`As the second person, confirm: ${statusText(request.action)} on ${request.total} devices.`}
            approve={async () => setRequest(await ok(api.POST('/v1/device-actions/{id}/approve', { params: { path: { id: request.id } } })))}
          />
        </>
      ) : null}
    </div>
  );
}
