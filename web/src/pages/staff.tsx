import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ok } from '../api/client';
import type { ConsentStatus } from '../api/types';
import { DataProtectionNotice, DeviceDataProtection } from '../components/data-protection';
import { deviceTitle, DeviceCard } from '../components/device-card';
import { QrCode } from '../components/qr-code';
import { Dialog, ErrorMessage, Field, LoadState, Page, When } from '../components/ui';
import { useLoad } from '../lib/use-load';

export function MyDevices() {
  const loaded = useLoad(() => ok(api.GET('/v1/me/devices')));
  return (
    <Page
      title="My devices"
      actions={
        <button type="button" onClick={loaded.reload}>
          Refresh
        </button>
      }
    >
      <LoadState loaded={loaded}>
        {(data) =>
          data.devices.length === 0 ? (
            <div className="card">
              <p>You have no enrolled devices yet.</p>
              <Link to="/me/enrol">Enrol your phone</Link>
            </div>
          ) : (
            <div className="stack">
              {data.devices.map((device) => (
                <DeviceCard key={device.deviceId} device={device}>
                  <DeviceDataProtection deviceId={device.deviceId} />
                </DeviceCard>
              ))}
            </div>
          )
        }
      </LoadState>
    </Page>
  );
}

/** What the organisation's MDM can and cannot see or do on a personal phone (enrolled with a work profile / User Enrolment). */
export function WhatItCanSee() {
  return (
    <div className="two-col">
      <div className="card">
        <h2>What IT can see and do</h2>
        <ul>
          <li>The phone's model and operating system version</li>
          <li>Whether it has a passcode, encryption and recent security updates</li>
          <li>Whether it meets the compliance policy, and since when</li>
          <li>Remove the work profile and work data (never your personal data)</li>
          <li>Lock the phone if you report it lost or stolen</li>
        </ul>
      </div>
      <div className="card">
        <h2>What IT cannot see</h2>
        <ul>
          <li>Your photos, messages, emails, calls or browsing</li>
          <li>Your personal apps and their data</li>
          <li>Your location</li>
          <li>Your passcode</li>
          <li>Erase your whole personal phone</li>
        </ul>
      </div>
    </div>
  );
}

function ConsentPanel({ status, onChange }: { status: ConsentStatus; onChange: (status: ConsentStatus) => void }) {
  const [error, setError] = useState<unknown>();
  const notice = status.currentNotice;
  if (!notice) return <p className="card">Your organisation has not published a privacy notice yet.</p>;
  const accept = async () => {
    setError(undefined);
    try {
      onChange(await ok(api.POST('/v1/consents', { body: { version: notice.version } })));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <div className="card">
      <h2>{notice.title}</h2>
      <p className="muted">
        Version {notice.version}, published <When iso={notice.publishedAt} />
      </p>
      <div className="notice-body">
        {notice.body.split(/\n{2,}/).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </div>
      {status.current ? (
        <p role="status" className="alert alert-ok">
          You accepted this notice.
        </p>
      ) : (
        <button type="button" className="primary" onClick={accept}>
          I have read this and agree
        </button>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

export function Privacy() {
  const loaded = useLoad(() => ok(api.GET('/v1/consents/me')));
  const [withdrawing, setWithdrawing] = useState(false);
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<unknown>();
  const withdraw = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const answer = await ok(api.DELETE('/v1/consents/me'));
      setResult(`Consent withdrawn. Work data is being removed from ${answer.devices.length} personal device(s).`);
      setWithdrawing(false);
      loaded.reload();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <Page title="Privacy on your personal phone">
      <WhatItCanSee />
      <DataProtectionNotice ownership="PERSONAL" />
      <LoadState loaded={loaded}>
        {(status) => (
          <>
            <ConsentPanel status={status} onChange={() => loaded.reload()} />
            {status.current ? (
              <div className="card">
                <h2>Withdraw consent</h2>
                <p>Withdrawing removes the work profile and work data from each of your personal devices. Your personal data stays.</p>
                <button type="button" className="danger" onClick={() => setWithdrawing(true)}>
                  Withdraw my consent
                </button>
              </div>
            ) : null}
          </>
        )}
      </LoadState>
      {result ? (
        <p role="status" className="alert alert-ok">
          {result}
        </p>
      ) : null}
      <Dialog open={withdrawing} title="Withdraw consent?" onClose={() => setWithdrawing(false)}>
        <form onSubmit={withdraw}>
          <p>Work apps and data will be removed from your personal phones. You can enrol again later.</p>
          <ErrorMessage error={error} />
          <div className="buttons">
            <button type="submit" className="danger">
              Withdraw and remove work data
            </button>
            <button type="button" onClick={() => setWithdrawing(false)}>
              Keep my consent
            </button>
          </div>
        </form>
      </Dialog>
    </Page>
  );
}

type Enrolment =
  | { platform: 'apple'; profileUrl: string; expiresAt: string }
  | { platform: 'android'; enrollmentLink: string; expiresAt: string };

export function EnrolPhone() {
  const consent = useLoad(() => ok(api.GET('/v1/consents/me')));
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [error, setError] = useState<unknown>();

  const start = async (platform: 'apple' | 'android') => {
    setError(undefined);
    try {
      const created = await ok(api.POST('/v1/enrollments', { body: { platform, ownership: 'personal' } }));
      if ('profileUrl' in created) setEnrolment({ platform: 'apple', profileUrl: created.profileUrl, expiresAt: created.expiresAt });
      else setEnrolment({ platform: 'android', enrollmentLink: created.enrollmentLink, expiresAt: created.expiresAt });
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Page title="Enrol a personal phone">
      <LoadState loaded={consent}>
        {(status) =>
          !status.current ? (
            <>
              <p>Before enrolling your own phone, read what IT can and cannot see, and agree to the privacy notice.</p>
              <WhatItCanSee />
              <ConsentPanel status={status} onChange={() => consent.reload()} />
            </>
          ) : !enrolment ? (
            <div className="card">
              <h2>Which phone?</h2>
              <div className="buttons">
                <button type="button" className="primary" onClick={() => start('apple')}>
                  iPhone or iPad
                </button>
                <button type="button" className="primary" onClick={() => start('android')}>
                  Android phone
                </button>
              </div>
              <ErrorMessage error={error} />
            </div>
          ) : enrolment.platform === 'apple' ? (
            <div className="card">
              <h2>Enrol your iPhone</h2>
              <h3>On the iPhone itself</h3>
              <ol>
                <li>
                  Open this page in Safari on the iPhone and tap <a href={enrolment.profileUrl}>Download the enrolment profile</a>.
                </li>
                <li>Open Settings, tap "Profile Downloaded", then Install, and enter your passcode.</li>
                <li>Come back here: your phone appears under My devices within a few minutes.</li>
              </ol>
              <h3>From a computer</h3>
              <p>Scan this code with the iPhone camera to open the download:</p>
              <QrCode value={enrolment.profileUrl} label="QR code linking to the iPhone enrolment profile" />
              <h3>Or with your work account (User Enrolment, iOS 17 and later)</h3>
              <ol>
                <li>Open Settings › General › VPN &amp; Device Management.</li>
                <li>Tap "Sign In to Work or School Account" and enter your work email.</li>
                <li>Sign in with your work password when asked. Work data stays separate from yours.</li>
              </ol>
              <p className="muted">
                The link works once and expires <When iso={enrolment.expiresAt} relative />.
              </p>
            </div>
          ) : (
            <div className="card">
              <h2>Enrol your Android phone</h2>
              <ol>
                <li>
                  On the phone, open <a href={enrolment.enrollmentLink}>this enrolment link</a>, or scan the code below with the phone's camera.
                </li>
                <li>Follow the steps to set up a work profile. Your personal apps and data stay private.</li>
              </ol>
              <QrCode value={enrolment.enrollmentLink} label="QR code with the Android work profile enrolment link" />
              <p className="muted">
                The link works once and expires <When iso={enrolment.expiresAt} relative />.
              </p>
            </div>
          )
        }
      </LoadState>
    </Page>
  );
}

export function MyNotifications() {
  const compliance = useLoad(() => ok(api.GET('/v1/me/notifications', { params: { query: { limit: 50 } } })));
  const general = useLoad(() => ok(api.GET('/v1/notifications', { params: { query: { limit: 50 } } })));
  return (
    <Page title="Notifications">
      <LoadState loaded={compliance}>
        {(a) => (
          <LoadState loaded={general}>
            {(b) => {
              const items = [...a.items, ...b.items].sort((x, y) => y.createdAt.localeCompare(x.createdAt));
              return items.length === 0 ? (
                <p className="card">No notifications.</p>
              ) : (
                <ul className="stack plain">
                  {items.map((item) => (
                    <li key={item.id} className="card">
                      <h2 className="h3">{item.subject}</h2>
                      <p className="muted">
                        <When iso={item.createdAt} />
                      </p>
                      <p className="pre">{item.body}</p>
                      {'incidentId' in item && item.incidentId ? <Link to={`/it/incidents/${item.incidentId}`}>Open the incident</Link> : null}
                    </li>
                  ))}
                </ul>
              );
            }}
          </LoadState>
        )}
      </LoadState>
    </Page>
  );
}

export function ReportLost() {
  const devices = useLoad(() => ok(api.GET('/v1/me/devices')));
  const [deviceId, setDeviceId] = useState('');
  const [kind, setKind] = useState<'lost' | 'stolen'>('lost');
  const [description, setDescription] = useState('');
  const [lastLocation, setLastLocation] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await ok(api.POST('/v1/incidents', { body: { deviceId, kind, ...(description ? { description } : {}), ...(lastLocation ? { lastLocation } : {}) } }));
      setDone(true);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <Page title="Report a lost or stolen phone">
      {done ? (
        <p role="status" className="alert alert-ok">
          Thank you. IT has been told and the phone is being locked. Change your work password from another device if you can.
        </p>
      ) : (
        <LoadState loaded={devices}>
          {(data) =>
            data.devices.length === 0 ? (
              <p className="card">You have no enrolled devices.</p>
            ) : (
              <form className="card narrow" onSubmit={submit}>
                <Field label="Which device?">
                  {(id) => (
                    <select id={id} value={deviceId} onChange={(e) => setDeviceId(e.target.value)} required>
                      <option value="">Choose a device</option>
                      {data.devices.map((d) => (
                        <option key={d.deviceId} value={d.deviceId}>
                          {deviceTitle(d)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <fieldset>
                  <legend>What happened?</legend>
                  <label className="inline">
                    <input type="radio" name="kind" checked={kind === 'lost'} onChange={() => setKind('lost')} /> Lost
                  </label>
                  <label className="inline">
                    <input type="radio" name="kind" checked={kind === 'stolen'} onChange={() => setKind('stolen')} /> Stolen
                  </label>
                </fieldset>
                <Field label="Where was it last seen? (optional)">
                  {(id) => <input id={id} value={lastLocation} maxLength={500} onChange={(e) => setLastLocation(e.target.value)} />}
                </Field>
                <Field label="Anything else IT should know? (optional)">
                  {(id) => <textarea id={id} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />}
                </Field>
                <ErrorMessage error={error} />
                <button type="submit" className="danger">
                  Report it
                </button>
              </form>
            )
          }
        </LoadState>
      )}
    </Page>
  );
}
