import { api, ok } from '../api/client';
import type { BulkActionProgress } from '../api/types';
import { statusText } from '../lib/commands';
import { usePoll } from '../lib/use-poll';
import { When } from './ui';

/** Follows a bulk action until it is done (or waits for a second approver), showing how far it got. */
export function BulkProgress({ initial }: { initial: BulkActionProgress }) {
  const progress = usePoll(
    initial,
    (current) => ok(api.GET('/v1/device-actions/{id}', { params: { path: { id: current.id } } })),
    (current) => current.status === 'DONE' || current.status === 'AWAITING_APPROVAL',
  );
  const p = progress.progress;
  return (
    <div role="status" className={`alert ${progress.status === 'DONE' ? (p.failed ? 'alert-warn' : 'alert-ok') : 'alert-warn'}`}>
      <p>
        Bulk action <strong>{statusText(progress.status)}</strong>: {p.done} done, {p.queued} sent, {p.pending} waiting, {p.refused} refused, {p.failed} failed of {progress.total}.
        {progress.finishedAt ? (
          <>
            {' '}
            Finished <When iso={progress.finishedAt} />.
          </>
        ) : null}
      </p>
      {progress.status === 'AWAITING_APPROVAL' ? (
        <p>
          A second person from IT must approve it under Wipe approvals, with the request id <code>{progress.id}</code>.
        </p>
      ) : null}
      {progress.problems.length ? (
        <ul>
          {progress.problems.map((problem) => (
            <li key={problem.reason}>
              {problem.reason}: {problem.count}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
