import { describe, expect, it } from 'vitest';
import { auditEventHash, canonicalJson, GENESIS_HASH } from '../../src/audit/audit-hash.js';
import { needsApproval, refusalFor } from '../../src/domain/commands/device-actions.js';
import { isOutsideOfficeHours, parseOfficeHours } from '../../src/domain/audit/office-hours.js';
import { parsePlaybook, suggestedRisk } from '../../src/domain/incidents/playbook.js';
import { endpointWants, signatureHeader, verifySignatureHeader } from '../../src/integrations/webhooks/signature.js';
import { idFromJobId, webhookJobId } from '../../src/jobs/delivery-queue.js';

describe('audit hash', () => {
  const event = { at: new Date('2026-11-23T10:00:00.000Z'), actorType: 'user', actorId: 'u1', action: 'command.requested', targetType: 'device', targetId: 'd1', ip: null, details: { b: 1, a: { y: [1, 2], x: 'z' } } };

  it('does not depend on the key order jsonb hands back', () => {
    expect(canonicalJson({ b: 1, a: { y: 2, x: 1 } })).toBe(canonicalJson({ a: { x: 1, y: 2 }, b: 1 }));
    expect(auditEventHash(GENESIS_HASH, event)).toBe(auditEventHash(GENESIS_HASH, { ...event, details: { a: { x: 'z', y: [1, 2] }, b: 1 } }));
  });

  it('changes with any field and with the previous hash', () => {
    const base = auditEventHash(GENESIS_HASH, event);
    expect(auditEventHash('1'.repeat(64), event)).not.toBe(base);
    expect(auditEventHash(GENESIS_HASH, { ...event, actorId: 'u2' })).not.toBe(base);
    expect(auditEventHash(GENESIS_HASH, { ...event, at: new Date(event.at.getTime() + 1) })).not.toBe(base);
    expect(auditEventHash(GENESIS_HASH, { ...event, details: { ...event.details, b: 2 } })).not.toBe(base);
  });
});

describe('device action rules', () => {
  it('refuses a full wipe of a personal device and allows a selective one', () => {
    expect(refusalFor({ ownership: 'PERSONAL', status: 'ENROLLED' }, 'WIPE_FULL')?.code).toBe('FORBIDDEN');
    expect(refusalFor({ ownership: 'PERSONAL', status: 'ENROLLED' }, 'WIPE_SELECTIVE')).toBeNull();
    expect(refusalFor({ ownership: 'CORPORATE', status: 'ENROLLED' }, 'WIPE_FULL')).toBeNull();
  });

  it('refuses anything for a device that has left management', () => {
    expect(refusalFor({ ownership: 'CORPORATE', status: 'WIPED' }, 'LOCK')?.code).toBe('CONFLICT');
    expect(refusalFor({ ownership: 'CORPORATE', status: 'UNENROLLED' }, 'WIPE_SELECTIVE')?.code).toBe('CONFLICT');
  });

  it('asks for approval only of full wipes, and only when configured', () => {
    expect(needsApproval('WIPE_FULL', true)).toBe(true);
    expect(needsApproval('WIPE_FULL', false)).toBe(false);
    expect(needsApproval('WIPE_SELECTIVE', true)).toBe(false);
    expect(needsApproval('LOCK', true)).toBe(false);
  });
});

describe('office hours', () => {
  it('flags times outside a day window', () => {
    const hours = parseOfficeHours('07:00-19:00');
    expect(isOutsideOfficeHours(new Date('2026-11-23T06:59:00Z'), hours)).toBe(true);
    expect(isOutsideOfficeHours(new Date('2026-11-23T07:00:00Z'), hours)).toBe(false);
    expect(isOutsideOfficeHours(new Date('2026-11-23T18:59:00Z'), hours)).toBe(false);
    expect(isOutsideOfficeHours(new Date('2026-11-23T19:00:00Z'), hours)).toBe(true);
  });

  it('handles a window across midnight (night shift)', () => {
    const hours = parseOfficeHours('22:00-06:00');
    expect(isOutsideOfficeHours(new Date('2026-11-23T23:30:00Z'), hours)).toBe(false);
    expect(isOutsideOfficeHours(new Date('2026-11-23T05:59:00Z'), hours)).toBe(false);
    expect(isOutsideOfficeHours(new Date('2026-11-23T12:00:00Z'), hours)).toBe(true);
  });
});

describe('webhook signature', () => {
  const body = '{"id":"e1","type":"command.sent"}';

  it('verifies a signature over timestamp and body, and nothing else', () => {
    const header = signatureHeader('s3cret', 1_800_000_000, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignatureHeader('s3cret', header, body, 1_800_000_010)).toBe(true);
    expect(verifySignatureHeader('other', header, body, 1_800_000_010)).toBe(false);
    expect(verifySignatureHeader('s3cret', header, body.replace('sent', 'acknowledged'), 1_800_000_010)).toBe(false);
    expect(verifySignatureHeader('s3cret', header.replace('t=1800000000', 't=1800000300'), body, 1_800_000_300)).toBe(false);
  });

  it('rejects a replay outside the tolerance window', () => {
    const header = signatureHeader('s3cret', 1_800_000_000, body);
    expect(verifySignatureHeader('s3cret', header, body, 1_800_000_000 + 301)).toBe(false);
  });

  it('matches subscriptions exactly or by prefix', () => {
    expect(endpointWants([], 'command.sent')).toBe(true);
    expect(endpointWants(['incident.*'], 'incident.opened')).toBe(true);
    expect(endpointWants(['incident.*'], 'command.sent')).toBe(false);
    expect(endpointWants(['command.sent'], 'command.sent')).toBe(true);
  });
});

describe('delivery job ids', () => {
  it('round-trips the webhook delivery id through the job id BullMQ accepts', () => {
    const id = '0b9f1f5e-8a57-4e1e-9d7a-2b6f0f3c1a11';
    expect(webhookJobId(id, 3)).not.toContain(':');
    expect(idFromJobId(webhookJobId(id, 3))).toBe(id);
    expect(idFromJobId('something-else')).toBeNull();
  });
});

describe('incident playbook', () => {
  it('runs configured steps in playbook order and ignores unknown ones', () => {
    expect(parsePlaybook('notify,contain')).toEqual(['contain', 'notify']);
    expect(parsePlaybook('')).toEqual([]);
  });

  it('suggests high risk for data on an unencrypted device, low for nothing exposed', () => {
    expect(suggestedRisk({ patientDataExposed: true, deviceEncrypted: false, dataCategories: ['patient-records'] })).toBe('high');
    expect(suggestedRisk({ patientDataExposed: true, deviceEncrypted: true, dataCategories: ['patient-records'] })).toBe('medium');
    expect(suggestedRisk({ patientDataExposed: false, deviceEncrypted: true, dataCategories: [] })).toBe('low');
    expect(suggestedRisk({ patientDataExposed: null, deviceEncrypted: null, dataCategories: ['email'] })).toBe('medium');
  });
});
