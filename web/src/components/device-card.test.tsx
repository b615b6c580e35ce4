// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceCompliance } from '../api/types';
import { DeviceCard } from './device-card';

afterEach(cleanup);

const failing: DeviceCompliance = {
  deviceId: '00000000-0000-4000-8000-000000000001',
  platform: 'APPLE',
  ownership: 'PERSONAL',
  state: 'IN_GRACE',
  graceDeadline: '2026-03-04T09:00:00Z',
  blocked: false,
  policyVersion: 1,
  evaluatedAt: '2026-03-01T09:00:00Z',
  failingRules: [{ rule: 'os_version', expected: 'iOS 17.4 or later', actual: '16.2', remediation: 'Settings › General › Software Update', evidence: null, failingSince: null }],
  unknownRules: [{ rule: 'passcode_length', expected: 'at least 6', actual: null, remediation: null, evidence: null, failingSince: null }],
  device: { displayName: null, model: 'iPhone14,2', serialNumber: 'F2LXYZ', osVersion: '16.2', osBuild: null },
};

describe('DeviceCard', () => {
  it('tells the person what fails, how to fix it on their phone, and by when', () => {
    render(<DeviceCard device={failing} />, { wrapper: MemoryRouter });
    expect(screen.getByRole('heading', { name: 'iPhone14,2' })).toBeTruthy();
    expect(screen.getByText('Action needed')).toBeTruthy();
    expect(screen.getByText('Operating system version')).toBeTruthy();
    expect(screen.getByText(/How to fix: Settings › General › Software Update/)).toBeTruthy();
    expect(screen.getByText(/Deadline:/).querySelector('time')?.getAttribute('dateTime')).toBe('2026-03-04T09:00:00Z');
    expect(screen.getByText(/Not reported yet: Passcode length/)).toBeTruthy();
  });

  it('shows a manager neither the device details nor the actual values the API withheld', () => {
    const managerView: DeviceCompliance = { ...failing, device: undefined, failingRules: failing.failingRules.map((f) => ({ ...f, actual: null })) };
    const { container } = render(<DeviceCard device={managerView} />, { wrapper: MemoryRouter });
    expect(container.textContent).not.toMatch(/serial|16\.2|now:/);
    expect(screen.getByRole('heading', { name: 'Personal Apple device' })).toBeTruthy();
  });

  it('says nothing needs doing on a compliant device and shows no deadline', () => {
    render(<DeviceCard device={{ ...failing, state: 'COMPLIANT', failingRules: [], unknownRules: [] }} />, { wrapper: MemoryRouter });
    expect(screen.getByText(/Nothing to do/)).toBeTruthy();
    expect(screen.queryByText(/Deadline:/)).toBeNull();
  });
});
