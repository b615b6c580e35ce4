import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DeviceCompliance } from '../api/types';
import { ruleLabel, stateExplanation } from '../lib/compliance';
import { StateBadge, When } from './ui';

export function deviceTitle(device: DeviceCompliance): string {
  const details = device.device;
  const platform = device.platform === 'APPLE' ? 'Apple device' : 'Android phone';
  return details?.displayName ?? details?.model ?? `${device.ownership === 'PERSONAL' ? 'Personal' : 'Work'} ${platform}`;
}

/**
 * One device's compliance for the person who carries it (or IT): state, deadline, each failing rule in plain
 * language with the platform-specific fix. Managers get the same card without device details (the API hides them).
 */
export function DeviceCard({ device, headingLevel = 2, detailLink, children }: { device: DeviceCompliance; headingLevel?: 2 | 3; detailLink?: string; children?: ReactNode }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const details = device.device;
  return (
    <article className="card device" aria-label={deviceTitle(device)}>
      <div className="device-head">
        <Heading>{detailLink ? <Link to={detailLink}>{deviceTitle(device)}</Link> : deviceTitle(device)}</Heading>
        <StateBadge state={device.state} />
      </div>
      <p className="muted">
        {device.platform === 'APPLE' ? 'Apple' : 'Android'} · {device.ownership === 'PERSONAL' ? 'personal' : 'work-owned'}
        {details?.osVersion ? ` · version ${details.osVersion}` : ''}
        {details?.serialNumber ? ` · serial ${details.serialNumber}` : ''}
      </p>
      <p>{stateExplanation(device.state, device.graceDeadline)}</p>
      {device.graceDeadline && device.state !== 'COMPLIANT' ? (
        <p className="deadline">
          Deadline: <When iso={device.graceDeadline} relative />
        </p>
      ) : null}
      {device.blocked ? <p className="alert alert-error">Work apps are blocked on this device until it is fixed.</p> : null}
      <Findings failing={device.failingRules} unknown={device.unknownRules} Heading={Heading} />
      <p className="muted">
        Last checked: <When iso={device.evaluatedAt} />
      </p>
      {children}
    </article>
  );
}

interface Finding {
  rule: string;
  expected: string;
  actual: string | null;
  remediation: string | null;
  failingSince?: string | null;
}

/**
 * Each failing rule in plain language with what is needed, what the device has (when the reader may see it) and the
 * platform-specific fix; then the rules the device has not reported on. Shared by the staff card and IT's detail.
 */
export function Findings({ failing, unknown = [], Heading = 'h2' }: { failing: Finding[]; unknown?: Finding[]; Heading?: 'h2' | 'h3' }) {
  return (
    <>
      {failing.length > 0 ? (
        <>
          <Heading className="sub">What to fix</Heading>
          <ul className="findings">
            {failing.map((finding) => (
              <li key={finding.rule}>
                <strong>{ruleLabel(finding.rule)}</strong>
                <span>
                  Needed: {finding.expected}
                  {finding.actual !== null ? ` · now: ${finding.actual}` : ''}
                </span>
                {finding.remediation ? <span className="fix">How to fix: {finding.remediation}</span> : null}
                {finding.failingSince ? (
                  <span className="muted">
                    Failing since <When iso={finding.failingSince} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {unknown.length > 0 ? <p className="muted">Not reported yet: {unknown.map((r) => ruleLabel(r.rule)).join(', ')}.</p> : null}
    </>
  );
}
