import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../api/client';
import { readError, session } from '../api/session';
import type { ComplianceSummary, NoncompliantList } from '../api/types';
import { DataTable } from '../components/data-table';
import { DeviceCard } from '../components/device-card';
import { QrCode } from '../components/qr-code';
import { ErrorMessage, LoadState, Page, StateBadge, When } from '../components/ui';
import { ruleLabel, STATE_LABELS, STATE_ORDER, toBars, type ComplianceState } from '../lib/compliance';
import { joinCsvPages } from '../lib/csv';
import { useLoad } from '../lib/use-load';

function BarChart({ title, counts, label }: { title: string; counts: Record<string, number>; label: (key: string) => string }) {
  const bars = toBars(counts, label);
  if (bars.length === 0) return <p className="muted">{title}: none.</p>;
  const rowHeight = 28;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`} viewBox={`0 0 300 ${bars.length * rowHeight}`} width="100%" preserveAspectRatio="xMinYMin meet">
        {bars.map((bar, i) => (
          <g key={bar.key} transform={`translate(0 ${i * rowHeight})`}>
            <rect className={`bar bar-${bar.key.toLowerCase()}`} x={0} y={4} height={18} width={Math.max(2, bar.share * 220)} rx={3} />
            <text x={Math.max(2, bar.share * 220) + 6} y={18} className="bar-value">
              {bar.value}
            </text>
          </g>
        ))}
      </svg>
      <ul className="legend">
        {bars.map((bar) => (
          <li key={bar.key}>
            {bar.label}: {bar.value}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Summary({ summary }: { summary: ComplianceSummary }) {
  return (
    <div className="card">
      <h2>{summary.scope === 'team' ? 'Your team' : 'All devices'}: {summary.total} devices</h2>
      <ul className="tiles">
        {STATE_ORDER.map((state) => (
          <li key={state} className={`tile tile-${state.toLowerCase()}`}>
            <span className="tile-count">{summary.byState[state]}</span>
            <span>{STATE_LABELS[state]}</span>
          </li>
        ))}
      </ul>
      <div className="two-col">
        <BarChart title="Devices by state" counts={summary.byState} label={(k) => STATE_LABELS[k as ComplianceState]} />
        <BarChart title="Failing rules" counts={summary.byFailingRule} label={ruleLabel} />
      </div>
    </div>
  );
}

/** The CSV holds the same devices as the list on screen (with or without those that have not reported). */
async function downloadNoncompliantCsv(withUnknown: boolean): Promise<void> {
  const pages: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
    if (withUnknown) for (const state of ['IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']) params.append('state', state);
    const query: string = params.toString();
    const response: Response = await fetch(`/v1/reports/noncompliant?${query}`, { headers: { accept: 'text/csv', authorization: `Bearer ${session.current?.accessToken ?? ''}` } });
    if (!response.ok) throw await readError(response);
    pages.push(await response.text());
    cursor = response.headers.get('x-next-cursor');
  } while (cursor && pages.length < 100);
  const url = URL.createObjectURL(new Blob([joinCsvPages(pages)], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `noncompliant-devices-${new Date().toISOString().slice(0, 10)}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function NoncompliantTable({ list }: { list: NoncompliantList }) {
  if (list.items.length === 0) return <p className="card">No device is failing the policy. </p>;
  return (
    <DataTable
      label="Devices failing the policy"
      rows={list.items}
      rowKey={(item) => item.deviceId}
      columns={[
        { header: 'Person', cell: (item) => (item.user ? <Link to={`/team/people/${item.user.id}`}>{item.user.name}</Link> : 'No user') },
        { header: 'State', cell: (item) => <StateBadge state={item.state} /> },
        { header: 'Deadline', cell: (item) => <When iso={item.graceDeadline} relative /> },
        { header: 'Failing', cell: (item) => [...item.failingRules.map(ruleLabel), ...item.unknownRules.map((r) => `${ruleLabel(r)} (not reported)`)].join(', ') || '—' },
        {
          header: 'Device',
          cell: (item) => `${item.platform === 'APPLE' ? 'Apple' : 'Android'}, ${item.ownership === 'PERSONAL' ? 'personal' : 'work'}${item.device?.model ? ` · ${item.device.model}` : ''}`,
        },
      ]}
    />
  );
}

export function Team() {
  const summary = useLoad(() => ok(api.GET('/v1/reports/summary')));
  const [withUnknown, setWithUnknown] = useState(false);
  const list = useLoad(
    () => ok(api.GET('/v1/reports/noncompliant', { params: { query: { limit: 200, ...(withUnknown ? { state: ['IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN'] as const } : {}) } } })) as Promise<NoncompliantList>,
    [withUnknown],
  );
  const [error, setError] = useState<unknown>();
  return (
    <Page
      title="Team compliance"
      actions={
        <button type="button" onClick={() => downloadNoncompliantCsv(withUnknown).catch(setError)}>
          Download CSV
        </button>
      }
    >
      <ErrorMessage error={error} />
      <LoadState loaded={summary}>{(data) => <Summary summary={data} />}</LoadState>
      <h2>Devices failing the policy</h2>
      <label className="inline">
        <input type="checkbox" checked={withUnknown} onChange={(e) => setWithUnknown(e.target.checked)} /> Include devices that have not reported yet
      </label>
      <LoadState loaded={list}>{(data) => <NoncompliantTable list={data} />}</LoadState>
    </Page>
  );
}

export function Person() {
  const { id = '' } = useParams();
  const loaded = useLoad(() => ok(api.GET('/v1/users/{id}/compliance', { params: { path: { id } } })), [id]);
  const fleet = session.current?.role === 'IT' || session.current?.role === 'ADMIN';
  return (
    <LoadState loaded={loaded}>
      {(data) => (
        <Page title={data.name}>
          {data.devices.length === 0 ? <p className="card">No enrolled devices.</p> : null}
          <div className="stack">
            {data.devices.map((device) => (
              <DeviceCard key={device.deviceId} device={device} detailLink={fleet ? `/it/devices/${device.deviceId}` : undefined} />
            ))}
          </div>
          {fleet ? <EnrolmentLinks userId={data.userId} /> : null}
        </Page>
      )}
    </LoadState>
  );
}

function EnrolmentLinks({ userId }: { userId: string }) {
  const [link, setLink] = useState<{ url: string; expiresAt: string; label: string }>();
  const [error, setError] = useState<unknown>();
  const create = async (platform: 'apple' | 'android') => {
    setError(undefined);
    try {
      const created = await ok(api.POST('/v1/enrollments', { body: { platform, ownership: 'corporate', userId } }));
      setLink('profileUrl' in created ? { url: created.profileUrl, expiresAt: created.expiresAt, label: 'Apple enrolment profile' } : { url: created.qrCode, expiresAt: created.expiresAt, label: 'Android provisioning (QR payload)' });
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="card">
      <h2>Enrol a work device for this person</h2>
      <div className="buttons">
        <button type="button" onClick={() => create('apple')}>
          Apple enrolment link
        </button>
        <button type="button" onClick={() => create('android')}>
          Android enrolment QR
        </button>
      </div>
      <ErrorMessage error={error} />
      {link ? (
        <div>
          <p>
            {link.label} (expires <When iso={link.expiresAt} relative />):
          </p>
          <p className="break">
            <code>{link.url}</code>
          </p>
          {link.label.startsWith('Android') ? <QrCode value={link.url} label="QR code to scan on the factory-reset Android phone's welcome screen" /> : null}
        </div>
      ) : null}
    </div>
  );
}
