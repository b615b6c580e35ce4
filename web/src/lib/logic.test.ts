import { describe, expect, it } from 'vitest';
import { decodeClaims, refreshDelayMs, REFRESH_MARGIN_SECONDS } from '../api/session';
import { stateExplanation, toBars } from './compliance';
import { joinCsvPages } from './csv';
import { formatDateTime, relativeTo } from './format';
import { bulkSelection, EMPTY_FILTERS, toInventoryFilter } from './inventory-filter';
import { textBlocks } from './plain-text';
import { diffPolicies } from './policy-diff';
import { leaves, setLeaf } from './policy-leaves';

describe('dates', () => {
  it('shows an instant in the given time zone and names the zone', () => {
    const iso = '2026-03-01T23:30:00Z';
    expect(formatDateTime(iso, 'UTC')).toMatch(/Mar 1, 2026.*11:30.*UTC/);
    // The same instant is already the next day in Sydney.
    expect(formatDateTime(iso, 'Australia/Sydney')).toMatch(/Mar 2, 2026.*10:30.*GMT\+11/);
  });

  it('shows a dash for missing or malformed dates instead of "Invalid Date"', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });

  it('describes deadlines relative to now', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(relativeTo('2026-03-04T00:00:00Z', now)).toBe('in 3 days');
    expect(relativeTo('2026-02-28T22:00:00Z', now)).toBe('2 hours ago');
  });
});

describe('compliance chart bars', () => {
  it('orders by count, drops empty categories and scales to the largest', () => {
    const bars = toBars({ encryption: 2, passcode: 0, os_version: 4, mfa: 2 });
    expect(bars.map((b) => [b.key, b.share])).toEqual([
      ['os_version', 1],
      ['encryption', 0.5],
      ['mfa', 0.5],
    ]);
  });

  it('has no bars when nothing fails', () => {
    expect(toBars({ encryption: 0 })).toEqual([]);
  });

  it('tells a person in grace to act before the deadline, and a compliant person that nothing is needed', () => {
    expect(stateExplanation('IN_GRACE', '2026-03-01T00:00:00Z')).toMatch(/before the deadline/);
    expect(stateExplanation('COMPLIANT', null)).toMatch(/Nothing to do/);
  });
});

describe('policy editor', () => {
  const before = { rules: { passcode_length: { min: 6, enabled: true }, os_version: { min: '16' } }, graceDays: 7 };

  it('lists every changed setting, and nothing else', () => {
    const after = setLeaf(setLeaf(before, ['rules', 'passcode_length', 'min'], 8), ['graceDays'], 3);
    expect(diffPolicies(before, after)).toEqual([
      { path: 'graceDays', before: 7, after: 3 },
      { path: 'rules.passcode_length.min', before: 6, after: 8 },
    ]);
    // setLeaf never edits the document in force.
    expect(before.rules.passcode_length.min).toBe(6);
  });

  it('reports settings a preset adds or removes', () => {
    expect(diffPolicies({ a: 1 }, { b: 2 })).toEqual([
      { path: 'a', before: 1, after: undefined },
      { path: 'b', before: undefined, after: 2 },
    ]);
  });

  it('offers one field per setting', () => {
    expect(leaves(before).map((l) => l.path.join('.'))).toEqual(['rules.passcode_length.min', 'rules.passcode_length.enabled', 'rules.os_version.min', 'graceDays']);
  });
});

describe('session', () => {
  it('renews the access token a minute before it expires, at once when already late', () => {
    expect(refreshDelayMs(1_000_000, 0)).toBe(1_000_000 - REFRESH_MARGIN_SECONDS * 1000);
    expect(refreshDelayMs(1_000, 5_000)).toBe(0);
  });

  it('reads the role and MFA state from the access token', () => {
    const payload = btoa(JSON.stringify({ sub: 'u1', role: 'IT', mfa: true, mfa_at: 5, exp: 9 })).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    expect(decodeClaims(`x.${payload}.y`)).toMatchObject({ sub: 'u1', role: 'IT', mfa: true });
  });
});

describe('CSV download', () => {
  it('keeps one header row when the report spans several pages', () => {
    expect(joinCsvPages(['h1,h2\r\na,b\r\n', 'h1,h2\r\nc,d\r\n'])).toBe('h1,h2\r\na,b\r\nc,d\r\n');
  });
});

describe('inventory filters', () => {
  it('sends only the filters that are set, single choices as the lists the API takes, and no blank search', () => {
    expect(toInventoryFilter(EMPTY_FILTERS)).toEqual({});
    expect(toInventoryFilter({ ...EMPTY_FILTERS, q: '   ' })).toEqual({});
    expect(toInventoryFilter({ q: ' noor ', platform: 'APPLE', ownership: 'PERSONAL', complianceState: 'IN_GRACE', status: 'ENROLLED', failingRule: 'os_version' })).toEqual({
      q: 'noor',
      platform: 'APPLE',
      ownership: 'PERSONAL',
      complianceState: ['IN_GRACE'],
      status: ['ENROLLED'],
      failingRule: 'os_version',
    });
  });

  it('acts on the ticked devices, or on exactly the filter the list used', () => {
    const filter = toInventoryFilter({ ...EMPTY_FILTERS, complianceState: 'NONCOMPLIANT' });
    expect(bulkSelection('selected', new Set(['b', 'a']), filter)).toEqual({ deviceIds: ['a', 'b'] });
    expect(bulkSelection('matching', new Set(['a']), filter)).toEqual({ filter: { complianceState: ['NONCOMPLIANT'] } });
  });
});

describe('plain text from the API', () => {
  it('turns "- " runs into lists and other lines into paragraphs, skipping blank lines', () => {
    expect(textBlocks('Title\n\nOn iPhone:\n- One. Why: x\n- Two\nAfter\n- Three\n')).toEqual([
      { kind: 'paragraph', text: 'Title' },
      { kind: 'paragraph', text: 'On iPhone:' },
      { kind: 'list', items: ['One. Why: x', 'Two'] },
      { kind: 'paragraph', text: 'After' },
      { kind: 'list', items: ['Three'] },
    ]);
    expect(textBlocks('')).toEqual([]);
  });
});
