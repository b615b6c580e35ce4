import { describe, expect, it } from 'vitest';
import { isOutsideOfficeHours, parseOfficeHours } from '../../../src/domain/audit/office-hours.js';

const utc = (time: string) => new Date(`2026-03-02T${time}:00Z`);

describe('office hours setting', () => {
  it('reads start and end as minutes after midnight', () => {
    expect(parseOfficeHours('07:30-19:45')).toEqual({ startMinute: 450, endMinute: 1185 });
    expect(parseOfficeHours('22:00-06:15')).toEqual({ startMinute: 1320, endMinute: 375 });
  });

  it.each(['7:00-19:00', '07:00-19:00 ', ' 07:00-19:00', 'x07:00-19:00', '07:00-19:00x', '07:00 - 19:00', '0700-1900', ''])(
    'refuses %j and shows the expected form',
    (spec) => {
      expect(() => parseOfficeHours(spec)).toThrow(`Office hours must look like 07:00-19:00, got ${spec}`);
    },
  );
});

describe('out-of-hours detection', () => {
  const day = parseOfficeHours('07:30-19:45');

  it('counts the start minute as inside and the end minute as outside', () => {
    expect(isOutsideOfficeHours(utc('07:29'), day)).toBe(true);
    expect(isOutsideOfficeHours(utc('07:30'), day)).toBe(false);
    expect(isOutsideOfficeHours(utc('19:44'), day)).toBe(false);
    expect(isOutsideOfficeHours(utc('19:45'), day)).toBe(true);
  });

  it('uses UTC minutes, not just hours', () => {
    expect(isOutsideOfficeHours(utc('07:00'), day)).toBe(true);
    expect(isOutsideOfficeHours(utc('19:15'), day)).toBe(false);
    expect(isOutsideOfficeHours(new Date('2026-03-02T07:29:59.999Z'), day)).toBe(true);
  });

  it('handles a night shift that spans midnight', () => {
    const night = parseOfficeHours('22:00-06:15');
    expect(isOutsideOfficeHours(utc('21:59'), night)).toBe(true);
    expect(isOutsideOfficeHours(utc('22:00'), night)).toBe(false);
    expect(isOutsideOfficeHours(utc('23:59'), night)).toBe(false);
    expect(isOutsideOfficeHours(utc('00:00'), night)).toBe(false);
    expect(isOutsideOfficeHours(utc('06:14'), night)).toBe(false);
    expect(isOutsideOfficeHours(utc('06:15'), night)).toBe(true);
    expect(isOutsideOfficeHours(utc('12:00'), night)).toBe(true);
  });

  it('treats equal start and end as no working hours at all', () => {
    const none = parseOfficeHours('09:00-09:00');
    expect(isOutsideOfficeHours(utc('09:00'), none)).toBe(true);
    expect(isOutsideOfficeHours(utc('12:00'), none)).toBe(true);
  });
});
