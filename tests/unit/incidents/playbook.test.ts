import { describe, expect, it } from 'vitest';
import { parsePlaybook, suggestedRisk } from '../../../src/domain/incidents/playbook.js';

describe('lost-device playbook setting', () => {
  it('runs the chosen steps in the fixed order, whatever order the setting lists them in', () => {
    expect(parsePlaybook('notify,contain')).toEqual(['contain', 'notify']);
    expect(parsePlaybook('notify,reset_credentials,contain')).toEqual(['contain', 'reset_credentials', 'notify']);
  });

  it('tolerates spaces and empty entries', () => {
    expect(parsePlaybook(' contain , notify ,, ')).toEqual(['contain', 'notify']);
    expect(parsePlaybook('\treset_credentials\n')).toEqual(['reset_credentials']);
  });

  it('runs nothing for an empty setting or unknown steps', () => {
    expect(parsePlaybook('')).toEqual([]);
    expect(parsePlaybook('wipe,Contain,notify-all')).toEqual([]);
  });
});

describe('first risk suggestion for a lost device', () => {
  const risk = (patientDataExposed: boolean | null, deviceEncrypted: boolean | null, dataCategories: string[]) =>
    suggestedRisk({ patientDataExposed, deviceEncrypted, dataCategories });

  it('is high when an unencrypted device held patient data or any data category', () => {
    expect(risk(true, false, [])).toBe('high');
    expect(risk(false, false, ['contacts'])).toBe('high');
    expect(risk(null, false, ['email'])).toBe('high');
  });

  it('is low for an unencrypted device that held nothing', () => {
    expect(risk(false, false, [])).toBe('low');
    expect(risk(null, false, [])).toBe('low');
  });

  it('is medium when patient data was on an encrypted device or one of unknown encryption', () => {
    expect(risk(true, true, [])).toBe('medium');
    expect(risk(true, null, ['email'])).toBe('medium');
  });

  it('is medium for data categories on a device whose encryption is unknown', () => {
    expect(risk(false, null, ['contacts'])).toBe('medium');
    expect(risk(null, null, ['contacts'])).toBe('medium');
  });

  it('is low for data categories on an encrypted device, and when nothing is known to be exposed', () => {
    expect(risk(false, true, ['contacts', 'email'])).toBe('low');
    expect(risk(null, null, [])).toBe('low');
    expect(risk(false, true, [])).toBe('low');
  });
});
