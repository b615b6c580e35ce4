import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import type { paths } from '../api/schema';
import type { BulkActionProgress, DeviceListItem, Get200 } from '../api/types';
import { BulkProgress } from '../components/bulk-progress';
import { DataTable } from '../components/data-table';
import { Pager } from '../components/pager';
import { StepUpDialog } from '../components/step-up';
import { ErrorMessage, Field, LoadState, Page, StateBadge, When } from '../components/ui';
import { RULE_LABELS, ruleLabel, STATE_LABELS, STATE_ORDER } from '../lib/compliance';
import { useCursorPages } from '../lib/cursor-pages';
import { bulkSelection, EMPTY_FILTERS, toInventoryFilter, type BulkScope, type FilterForm, type InventoryFilter } from '../lib/inventory-filter';
import { useLoad } from '../lib/use-load';
import { deviceName } from './device-detail';

type BulkBody = paths['/v1/device-actions']['post']['requestBody']['content']['application/json'];
type BulkAction = BulkBody['action'];
type DryRun = Awaited<ReturnType<typeof dryRun>>;

const BULK_ACTIONS: { value: BulkAction; label: string; disruptive: boolean }[] = [
  { value: 'REEVALUATE', label: 'Judge compliance again', disruptive: false },
  { value: 'REFRESH_POSTURE', label: 'Ask the devices to report now', disruptive: false },
  { value: 'NOTIFY_USER', label: 'Notify each person (the reason is the message)', disruptive: false },
  { value: 'LOCK', label: 'Lock', disruptive: true },
  { value: 'WIPE_SELECTIVE', label: 'Selective wipe (work data only)', disruptive: true },
];

const PAGE_SIZE = 25;
const dryRun = (body: Omit<BulkBody, 'dryRun'>) => ok(api.POST('/v1/device-actions', { body: { ...body, dryRun: true } }));

function Select<T extends string>({ label, value, onChange, options }: { label: string; value: T | ''; onChange: (value: T | '') => void; options: [T, string][] }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value as T | '')}>
          <option value="">Any</option>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function Filters({ applied, onApply }: { applied: FilterForm; onApply: (form: FilterForm) => void }) {
  const [form, setForm] = useState(applied);
  const set = <K extends keyof FilterForm>(key: K) => (value: FilterForm[K]) => setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(form);
  };
  return (
    <form className="card" role="search" aria-label="Search devices" onSubmit={submit}>
      <Field label="Search by name, model, serial number or person">{(id) => <input id={id} type="search" value={form.q} maxLength={200} onChange={(e) => set('q')(e.target.value)} />}</Field>
      <div className="grid">
        <Select label="Platform" value={form.platform} onChange={set('platform')} options={[['APPLE', 'Apple'], ['ANDROID', 'Android']]} />
        <Select label="Ownership" value={form.ownership} onChange={set('ownership')} options={[['CORPORATE', 'Work-owned'], ['PERSONAL', 'Personal']]} />
        <Select label="Compliance" value={form.complianceState} onChange={set('complianceState')} options={STATE_ORDER.map((s) => [s, STATE_LABELS[s]])} />
        <Select label="Failing rule" value={form.failingRule} onChange={set('failingRule')} options={Object.keys(RULE_LABELS).map((r) => [r as Exclude<FilterForm['failingRule'], ''>, ruleLabel(r)])} />
        <Select label="Enrolment status" value={form.status} onChange={set('status')} options={[['ENROLLED', 'Enrolled'], ['PENDING', 'Pending'], ['UNENROLLED', 'Unenrolled'], ['WIPED', 'Wiped']]} />
      </div>
      <div className="buttons">
        <button type="submit" className="primary">
          Search
        </button>
        <button
          type="button"
          onClick={() => {
            setForm(EMPTY_FILTERS);
            onApply(EMPTY_FILTERS);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}

function BulkActions({ selected, filter, onClearSelection }: { selected: ReadonlySet<string>; filter: InventoryFilter; onClearSelection: () => void }) {
  const [scope, setScope] = useState<BulkScope>();
  const [action, setAction] = useState<BulkAction>('REEVALUATE');
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<{ signature: string; result: DryRun }>();
  const [progress, setProgress] = useState<BulkActionProgress>();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  // Ticking devices makes them the selection unless IT chose "every matching device" on purpose.
  const effectiveScope: BulkScope = selected.size ? (scope ?? 'selected') : 'matching';
  const body = { action, reason: reason.trim(), ...bulkSelection(effectiveScope, selected, filter) };
  // A dry run answers for one selection, action and reason: change any of them and it has to be run again.
  const signature = JSON.stringify(body);
  const current = preview?.signature === signature ? preview.result : undefined;
  const disruptive = BULK_ACTIONS.find((a) => a.value === action)?.disruptive ?? false;

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setProgress(undefined);
    try {
      setPreview({ signature, result: await dryRun(body) });
    } catch (failure) {
      setError(failure);
    }
  };
  const execute = async () => {
    const created = await ok(api.POST('/v1/device-actions', { body: { ...body, dryRun: false } }));
    setPreview(undefined);
    onClearSelection();
    setProgress(await ok(api.GET('/v1/device-actions/{id}', { params: { path: { id: created.id! } } })));
  };
  const run = async () => {
    setError(undefined);
    try {
      await execute();
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form className="card" onSubmit={check} aria-labelledby="bulk-title">
      <h2 id="bulk-title">Act on several devices</h2>
      <fieldset>
        <legend>Which devices?</legend>
        <label className="inline">
          <input type="radio" name="scope" checked={effectiveScope === 'selected'} disabled={!selected.size} onChange={() => setScope('selected')} /> The {selected.size} ticked
        </label>
        <label className="inline">
          <input type="radio" name="scope" checked={effectiveScope === 'matching'} onChange={() => setScope('matching')} /> Every device matching the search and filters
        </label>
      </fieldset>
      <Field label="Action">
        {(id) => (
          <select id={id} value={action} onChange={(e) => setAction(e.target.value as BulkAction)}>
            {BULK_ACTIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Reason (recorded in the audit log)">{(id) => <input id={id} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} />}</Field>
      <div className="buttons">
        <button type="submit">Dry run</button>
        {current && current.eligible > 0 ? (
          <button type="button" className={disruptive ? 'danger' : 'primary'} onClick={() => (disruptive ? setConfirming(true) : void run())}>
            Run on {current.eligible} device{current.eligible === 1 ? '' : 's'}
          </button>
        ) : null}
      </div>
      {current ? (
        <div role="status" className="alert alert-warn">
          <p>
            Dry run: {current.total} device{current.total === 1 ? '' : 's'} selected, {current.eligible} would be acted on, {current.refused} refused. Nothing has changed yet.
          </p>
          {Object.keys(current.refusedByReason).length ? (
            <ul>
              {Object.entries(current.refusedByReason).map(([why, count]) => (
                <li key={why}>
                  {why}: {count}
                </li>
              ))}
            </ul>
          ) : null}
          {current.needsApproval ? <p>This many devices needs a second person from IT to approve before anything happens.</p> : null}
        </div>
      ) : null}
      <ErrorMessage error={error} />
      {progress ? <BulkProgress initial={progress} /> : null}
      <StepUpDialog
        open={confirming}
        title={action === 'LOCK' ? 'Lock devices' : 'Wipe work data from devices'}
        description={`${current?.eligible ?? 0} devices. ${action === 'LOCK' ? 'Each screen locks at once.' : 'Work apps and data are removed; personal data stays.'}`}
        confirmLabel={action === 'LOCK' ? 'Lock devices' : 'Wipe work data'}
        reasonRequired={false}
        onClose={() => setConfirming(false)}
        action={execute}
      />
    </form>
  );
}

export function Inventory() {
  const [applied, setApplied] = useState(EMPTY_FILTERS);
  const pages = useCursorPages({ sort: 'lastSeenAt' as const, direction: 'desc' as const });
  const filter = toInventoryFilter(applied);
  const loaded = useLoad(
    () => ok(api.GET('/v1/devices', { params: { query: { ...filter, ...pages.query, limit: PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })) as Promise<Get200<'/v1/devices'>>,
    [JSON.stringify(filter), JSON.stringify(pages.query), pages.cursor],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  const apply = (form: FilterForm) => {
    setApplied(form);
    pages.setQuery(pages.query);
  };
  return (
    <Page title="Devices">
      <Filters applied={applied} onApply={apply} />
      <Field label="Sort by">
        {(id) => (
          <select
            id={id}
            value={`${pages.query.sort} ${pages.query.direction}`}
            onChange={(e) => {
              const [sort, direction] = e.target.value.split(' ') as [typeof pages.query.sort, typeof pages.query.direction];
              pages.setQuery({ sort, direction });
            }}
          >
            <option value="lastSeenAt desc">Last seen, newest first</option>
            <option value="lastSeenAt asc">Last seen, oldest first</option>
            <option value="name asc">Name</option>
            <option value="state asc">Compliance state</option>
            <option value="enrolledAt desc">Enrolled, newest first</option>
          </select>
        )}
      </Field>
      <LoadState loaded={loaded}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p className="card">No device matches.</p>
            ) : (
              <>
                <div className="buttons">
                  <button type="button" onClick={() => setSelected(new Set([...selected, ...page.items.map((d) => d.id)]))}>
                    Tick all on this page
                  </button>
                  {selected.size ? (
                    <button type="button" onClick={() => setSelected(new Set())}>
                      Untick all ({selected.size})
                    </button>
                  ) : null}
                </div>
                <DeviceTable devices={page.items} selected={selected} onToggle={toggle} />
              </>
            )}
            <Pager label="Device pages" page={pages.page} previous={pages.previous} next={page.nextCursor ? () => pages.next(page.nextCursor!) : undefined} />
          </>
        )}
      </LoadState>
      <BulkActions selected={selected} filter={filter} onClearSelection={() => setSelected(new Set())} />
    </Page>
  );
}

function DeviceTable({ devices, selected, onToggle }: { devices: DeviceListItem[]; selected: ReadonlySet<string>; onToggle: (id: string, on: boolean) => void }) {
  return (
    <DataTable
      label="Device list"
      rows={devices}
      rowKey={(d) => d.id}
      columns={[
        { header: 'Tick', cell: (d) => <input type="checkbox" aria-label={`Tick ${deviceName(d)}${d.user ? ` of ${d.user.name}` : ''}`} checked={selected.has(d.id)} onChange={(e) => onToggle(d.id, e.target.checked)} /> },
        { header: 'Device', cell: (d) => <Link to={`/it/devices/${d.id}`}>{deviceName(d)}</Link> },
        { header: 'Person', cell: (d) => (d.user ? <Link to={`/team/people/${d.user.id}`}>{d.user.name}</Link> : 'No user') },
        { header: 'Kind', cell: (d) => `${d.platform === 'APPLE' ? 'Apple' : 'Android'}, ${d.ownership === 'PERSONAL' ? 'personal' : 'work'}${d.osVersion ? ` · ${d.osVersion}` : ''}` },
        { header: 'Compliance', cell: (d) => <StateBadge state={d.compliance.state} /> },
        { header: 'Failing', cell: (d) => d.compliance.failingRules.map(ruleLabel).join(', ') || '—' },
        { header: 'Last seen', cell: (d) => <When iso={d.lastSeenAt} relative={Boolean(d.lastSeenAt)} /> },
      ]}
    />
  );
}
