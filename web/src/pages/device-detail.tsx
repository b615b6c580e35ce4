import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import type { Command, DeviceDocument } from '../api/types';
import { DataTable } from '../components/data-table';
import { Findings } from '../components/device-card';
import { StepUpDialog } from '../components/step-up';
import { ErrorMessage, Field, LoadState, Page, StateBadge, When } from '../components/ui';
import { commandName, FINAL_COMMAND_STATUSES, statusText } from '../lib/commands';
import { ruleLabel, stateExplanation } from '../lib/compliance';
import { useLoad } from '../lib/use-load';
import { usePoll } from '../lib/use-poll';

function CommandStatus({ command }: { command: Command }) {
  // Followed until the device answered (or it failed), so IT sees "acknowledged" without reloading.
  const live = usePoll(
    command,
    (current) => ok(api.GET('/v1/commands/{id}', { params: { path: { id: current.id } } })),
    (current) => FINAL_COMMAND_STATUSES.has(current.status),
  );
  return (
    <p role="status" className={`alert ${live.status === 'ACKNOWLEDGED' ? 'alert-ok' : live.status === 'FAILED' ? 'alert-error' : 'alert-warn'}`}>
      {commandName(live)}: <strong>{statusText(live.status)}</strong>
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

const ACTIONS: Record<Action, { title: string; description: string; confirm: string }> = {
  lock: { title: 'Lock this device', description: 'The screen locks at once; the person unlocks it with their passcode.', confirm: 'Lock device' },
  selective: { title: 'Selective wipe', description: 'Removes the enrolment, work apps and work data. Personal data stays.', confirm: 'Wipe work data' },
  full: { title: 'Full wipe', description: 'Erases the whole device (company-owned only). This cannot be undone.', confirm: 'Erase device' },
};

export const deviceName = (device: { displayName?: string | null; model?: string | null; platform: string; ownership: string }) =>
  device.displayName ?? device.model ?? `${device.ownership === 'PERSONAL' ? 'Personal' : 'Work'} ${device.platform === 'APPLE' ? 'Apple device' : 'Android phone'}`;

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="dl">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([term, value]) => (
          <Fragment key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

function Overview({ device }: { device: DeviceDocument }) {
  const apple = device.enrollment?.apple;
  const android = device.enrollment?.android;
  return (
    <div className="card">
      <h2>Details</h2>
      <Facts
        rows={[
          ['Person', device.user ? <Link to={`/team/people/${device.user.id}`}>{device.user.name}</Link> : 'No user'],
          ['Platform', `${device.platform === 'APPLE' ? 'Apple' : 'Android'}, ${device.ownership === 'PERSONAL' ? 'personal' : 'work-owned'}`],
          ['Status', statusText(device.status)],
          ['Model', device.model],
          ['OS version', device.osVersion],
          ['Serial number', device.serialNumber],
          ['UDID', device.udid],
          ['IMEI', device.imei],
          ['Asset tag', device.assetTag],
          ['Enrolment', device.enrollment?.type ? statusText(device.enrollment.type) : null],
          ['Enrolled', device.enrolledAt ? <When iso={device.enrolledAt} /> : null],
          ['Last seen', <When iso={device.lastSeenAt} relative={Boolean(device.lastSeenAt)} />],
          ['Last check-in', apple?.lastCheckInAt ? <When iso={apple.lastCheckInAt} /> : null],
          ['Push token', apple ? (apple.pushTokenValid ? 'valid' : 'missing or invalid: the device cannot be woken') : null],
          ['Android policy', android?.policyName ? `${android.policyName}${android.appliedState ? ` (${statusText(android.appliedState)})` : ''}` : null],
          ['Last status report', android?.lastStatusReportAt ? <When iso={android.lastStatusReportAt} /> : null],
          ['Notes', device.notes],
        ]}
      />
    </div>
  );
}

function Compliance({ device }: { device: DeviceDocument }) {
  const c = device.compliance;
  // IT and ADMIN get full findings; rule names alone are the manager's view (never shown on this page).
  const failing = c.failingRules.map((f) => (typeof f === 'string' ? { rule: f, expected: '', actual: null, remediation: null, failingSince: null } : f));
  return (
    <div className="card">
      <div className="device-head">
        <h2>Compliance</h2>
        <StateBadge state={c.state} />
      </div>
      <p>{stateExplanation(c.state, c.graceDeadline ?? null)}</p>
      <Facts
        rows={[
          ['Deadline', c.graceDeadline && c.state !== 'COMPLIANT' ? <When iso={c.graceDeadline} relative /> : null],
          ['Work apps', c.blocked ? 'blocked' : 'allowed'],
          ['Judged', c.evaluatedAt ? <When iso={c.evaluatedAt} /> : 'not yet'],
          ['State since', c.stateChangedAt ? <When iso={c.stateChangedAt} /> : null],
          ['Policy version', c.policyVersion ?? null],
        ]}
      />
      <Findings failing={failing} unknown={c.unknownRules ?? []} />
    </div>
  );
}

function Posture({ device }: { device: DeviceDocument }) {
  const posture = device.posture;
  if (!posture) {
    return (
      <div className="card">
        <h2>Security posture</h2>
        <p>The device has not reported yet.</p>
      </div>
    );
  }
  const facts = Object.entries(posture.facts).map(([name, fact]) => ({ name, ...fact }));
  return (
    <div className="card">
      <h2>Security posture</h2>
      <p className="muted">
        Report of <When iso={posture.reportedAt} />
      </p>
      <DataTable
        label="Reported security facts"
        rows={facts}
        rowKey={(f) => f.name}
        columns={[
          { header: 'Fact', cell: (f) => f.name },
          { header: 'Value', cell: (f) => (f.value === null ? '—' : String(f.value)) },
          { header: 'Reported', cell: (f) => <When iso={f.reportedAt} /> },
        ]}
      />
    </div>
  );
}

function EditDevice({ device, onSaved }: { device: DeviceDocument; onSaved: () => void }) {
  const [form, setForm] = useState({ displayName: device.displayName ?? '', assetTag: device.assetTag ?? '', notes: device.notes ?? '' });
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      // An emptied field clears the value on the server.
      const blankToNull = (value: string) => (value.trim() ? value.trim() : null);
      await ok(api.PATCH('/v1/devices/{id}', { params: { path: { id: device.id } }, body: { displayName: blankToNull(form.displayName), assetTag: blankToNull(form.assetTag), notes: blankToNull(form.notes) } }));
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="card" onSubmit={save}>
      <h2>Name, asset tag and notes</h2>
      <Field label="Name shown in the console">{(id) => <input id={id} value={form.displayName} maxLength={200} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />}</Field>
      <Field label="Asset tag">{(id) => <input id={id} value={form.assetTag} maxLength={100} onChange={(e) => setForm({ ...form, assetTag: e.target.value })} />}</Field>
      <Field label="Notes for IT">{(id) => <textarea id={id} value={form.notes} maxLength={2000} onChange={(e) => setForm({ ...form, notes: e.target.value })} />}</Field>
      <ErrorMessage error={error} />
      {saved ? (
        <p role="status" className="alert alert-ok">
          Saved.
        </p>
      ) : null}
      <button type="submit">Save</button>
    </form>
  );
}

export function DeviceDetail() {
  const { id = '' } = useParams();
  const detail = useLoad(() => ok(api.GET('/v1/devices/{id}', { params: { path: { id } } })), [id]);
  const history = useLoad(() => ok(api.GET('/v1/devices/{id}/compliance/history', { params: { path: { id }, query: { limit: 50 } } })), [id]);
  const commands = useLoad(() => ok(api.GET('/v1/devices/{id}/commands', { params: { path: { id }, query: { limit: 50 } } })), [id]);
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

  return (
    <LoadState loaded={detail}>
      {(device) => (
        <Page title={deviceName(device)}>
          <p className="muted">
            <Link to="/it/devices">All devices</Link>
          </p>
          <div className="buttons">
            <button type="button" onClick={() => setAction('lock')}>
              Lock
            </button>
            <button type="button" className="danger" onClick={() => setAction('selective')}>
              Selective wipe
            </button>
            {/* A personal phone is never fully erased: the API refuses it, so the console does not offer it. */}
            {device.ownership === 'CORPORATE' ? (
              <button type="button" className="danger" onClick={() => setAction('full')}>
                Full wipe
              </button>
            ) : null}
          </div>
          {last ? <CommandStatus command={last} /> : null}
          {action ? (
            <StepUpDialog open title={ACTIONS[action].title} description={ACTIONS[action].description} confirmLabel={ACTIONS[action].confirm} onClose={() => setAction(undefined)} action={run} />
          ) : null}
          <div className="two-col">
            <Overview device={device} />
            <Compliance device={device} />
          </div>
          <Posture device={device} />
          {device.openIncidents?.length ? (
            <div className="card">
              <h2>Open incidents</h2>
              <ul>
                {device.openIncidents.map((incident) => (
                  <li key={incident.id}>
                    <Link to={`/it/incidents/${incident.id}`}>
                      {incident.kind === 'STOLEN' ? 'Stolen' : 'Lost'}, opened <When iso={incident.openedAt} />
                    </Link>
                    {incident.riskLevel ? ` · risk ${incident.riskLevel}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {device.escalation?.actions.length ? (
            <div className="card">
              <h2>Escalation</h2>
              <ol className="timeline">
                {device.escalation.actions.map((step, i) => (
                  <li key={i}>
                    <When iso={step.createdAt} /> — {statusText(step.action)}: {statusText(step.status)}
                    {step.detail ? <span className="muted"> · {step.detail}</span> : null}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
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
                        <strong>{commandName(command)}</strong> — {statusText(command.status)} · requested <When iso={command.requestedAt} />
                        {command.acknowledgedAt ? (
                          <>
                            {' '}
                            · acknowledged <When iso={command.acknowledgedAt} />
                          </>
                        ) : null}
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
              {(data) =>
                data.items.length === 0 ? (
                  <p>No changes yet.</p>
                ) : (
                  <ol className="timeline">
                    {data.items.map((item, i) => (
                      <li key={i}>
                        <When iso={item.at} /> — {item.from ? <StateBadge state={item.from} /> : 'new'} → <StateBadge state={item.to} /> {item.reason}
                        {item.failingRules.length ? <span className="muted"> ({item.failingRules.map(ruleLabel).join(', ')})</span> : null}
                      </li>
                    ))}
                  </ol>
                )
              }
            </LoadState>
          </div>
          <EditDevice key={device.id} device={device} onSaved={detail.reload} />
        </Page>
      )}
    </LoadState>
  );
}
