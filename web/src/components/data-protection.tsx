import { api, ok } from '../api/client';
import { textBlocks } from '../lib/plain-text';
import { useLoad } from '../lib/use-load';
import { LoadState } from './ui';

/**
 * What keeps work data inside work apps on one device, in plain language: each control with what it does and why,
 * the ones this device cannot carry and why not, and (personal phones) what the organisation does not control.
 */
export function DeviceDataProtection({ deviceId }: { deviceId: string }) {
  const loaded = useLoad(() => ok(api.GET('/v1/devices/{id}/data-protection', { params: { path: { id: deviceId } } })), [deviceId]);
  return (
    <LoadState loaded={loaded}>
      {(data) => (
        <details className="protection" open={data.status === 'fail'}>
          <summary>How work data is protected on this device</summary>
          {data.status === 'fail' ? (
            <p className="alert alert-warn">
              Some protections are not in place yet{data.remediation ? `: ${data.remediation}` : '.'}
            </p>
          ) : null}
          {data.controls.length === 0 ? (
            <p>No work-data restrictions apply to this device.</p>
          ) : (
            <>
              <h3 className="h4">What is blocked, and why</h3>
              <ul className="findings">
                {data.controls.map((control) => (
                  <li key={control.control}>
                    <strong>{control.title}</strong>
                    <span>{control.what}</span>
                    <span className="muted">Why: {control.why}</span>
                    {control.enforced ? null : <span className="muted">Not applied on this device: {control.reason ?? 'the device cannot carry it'}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.notControlled.length > 0 ? (
            <>
              <h3 className="h4">What your organisation does not control on your phone</h3>
              <ul>
                {data.notControlled.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      )}
    </LoadState>
  );
}

/** The privacy notice's section on data-leak controls, written by the server from the policy in force. */
export function DataProtectionNotice({ ownership }: { ownership: 'CORPORATE' | 'PERSONAL' }) {
  const loaded = useLoad(() => ok(api.GET('/v1/privacy-notices/data-protection', { params: { query: { ownership } } })), [ownership]);
  return (
    <LoadState loaded={loaded}>
      {(notice) => {
        const [title, ...rest] = textBlocks(notice.text);
        return (
          <div className="card">
            <h2>{title?.kind === 'paragraph' ? title.text : 'How work data is protected'}</h2>
            {rest.map((block, i) =>
              block.kind === 'list' ? (
                <ul key={i}>
                  {block.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              ) : (
                <p key={i}>
                  <strong>{block.text}</strong>
                </p>
              ),
            )}
            <p className="muted">From compliance policy version {notice.policyVersion}.</p>
          </div>
        );
      }}
    </LoadState>
  );
}
