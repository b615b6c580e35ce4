import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors.js';
import {
  decodeInventoryCursor,
  encodeInventoryCursor,
  likePattern,
  parseVersion,
  type InventoryCursor,
  type InventorySort,
} from '../../../src/domain/devices/inventory-query.js';

const ID = '3f2b8c1e-9a4d-4e6f-8b1a-0c2d3e4f5a6b';

/** A cursor as a client could forge it: any JSON, base64url-encoded. */
const forged = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** The error a call throws (or a failure when it does not throw). */
function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the call to be refused');
}

const INVALID = { code: 'VALIDATION_FAILED', message: 'Invalid cursor' };

describe('inventory cursor: a page cursor round-trips for the order it was issued for', () => {
  const cursors: InventoryCursor[] = [
    { sort: 'lastSeenAt', direction: 'desc', value: '2026-11-23T10:00:00.000Z', id: ID },
    { sort: 'enrolledAt', direction: 'asc', value: '2026-01-02T03:04:05.000Z', id: ID },
    { sort: 'name', direction: 'asc', value: 'Anna’s iPhone 15 — 50% "work"', id: ID },
    { sort: 'state', direction: 'desc', value: 'NONCOMPLIANT', id: ID },
    { sort: 'lastSeenAt', direction: 'asc', value: null, id: ID },
  ];

  it.each(cursors)('decodes what it encoded: %o', (cursor) => {
    expect(decodeInventoryCursor(encodeInventoryCursor(cursor), cursor.sort, cursor.direction)).toEqual(cursor);
  });

  it('is opaque URL-safe text, usable as a query parameter as is', () => {
    const raw = encodeInventoryCursor({ sort: 'name', direction: 'asc', value: '???>>>~~~', id: ID });
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('accepts an id in upper case (UUIDs are case-insensitive)', () => {
    expect(decodeInventoryCursor(forged(['name', 'asc', 'a', ID.toUpperCase()]), 'name', 'asc').id).toBe(ID.toUpperCase());
  });

  it('accepts every compliance state as the value of a state cursor', () => {
    for (const state of ['COMPLIANT', 'IN_GRACE', 'NONCOMPLIANT', 'UNKNOWN']) {
      expect(decodeInventoryCursor(forged(['state', 'asc', state, ID]), 'state', 'asc').value).toBe(state);
    }
  });

  it('accepts a name of exactly 300 characters', () => {
    const value = 'n'.repeat(300);
    expect(decodeInventoryCursor(forged(['name', 'desc', value, ID]), 'name', 'desc').value).toBe(value);
  });

  it('takes any text as a name, even one that looks like neither a date nor a state', () => {
    expect(decodeInventoryCursor(forged(['name', 'asc', 'not a date', ID]), 'name', 'asc').value).toBe('not a date');
    expect(decodeInventoryCursor(forged(['name', 'asc', 'BOGUS', ID]), 'name', 'asc').value).toBe('BOGUS');
  });
});

describe('inventory cursor: reusing it with another order is refused with the remedy', () => {
  const raw = encodeInventoryCursor({ sort: 'lastSeenAt', direction: 'desc', value: '2026-11-23T10:00:00.000Z', id: ID });

  it.each([
    ['another sort key', 'enrolledAt', 'desc'],
    ['the other direction', 'lastSeenAt', 'asc'],
    ['both changed', 'name', 'asc'],
  ] as const)('%s', (_label, sort, direction) => {
    expect(refusal(() => decodeInventoryCursor(raw, sort, direction))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'This cursor belongs to another sort order; start again without it',
    });
  });

  it('an unknown sort key inside a forged cursor never matches the requested one', () => {
    expect(refusal(() => decodeInventoryCursor(forged(['serialNumber', 'asc', 'x', ID]), 'name', 'asc')).message).toMatch(/another sort order/);
  });
});

describe('inventory cursor: forged or damaged cursors are refused as invalid', () => {
  const cases: [string, string, InventorySort][] = [
    ['not base64 JSON at all', '!!!not-a-cursor!!!', 'name'],
    ['empty', '', 'name'],
    ['JSON that is an object', forged({ sort: 'name', direction: 'asc', value: 'a', id: ID }), 'name'],
    ['JSON null', forged(null), 'name'],
    ['an array of three', forged(['name', 'asc', ID]), 'name'],
    ['an array of five', forged(['name', 'asc', 'a', ID, 'extra']), 'name'],
    ['an array-like object with length 4', forged({ 0: 'name', 1: 'asc', 2: 'a', 3: ID, length: 4 }), 'name'],
    ['an id that is not a UUID', forged(['name', 'asc', 'a', 'not-a-uuid']), 'name'],
    ['an id with SQL after the UUID', forged(['name', 'asc', 'a', `${ID}' OR 1=1 --`]), 'name'],
    ['an id with text before the UUID', forged(['name', 'asc', 'a', `x${ID}`]), 'name'],
    ['an id that is a number', forged(['name', 'asc', 'a', 12345]), 'name'],
    ['an id that is an array holding a UUID', forged(['name', 'asc', 'a', [ID]]), 'name'],
    ['a missing id', forged(['name', 'asc', 'a', null]), 'name'],
    ['a value that is a number', forged(['name', 'asc', 1e308, ID]), 'name'],
    ['a value that is an array', forged(['name', 'asc', ['a'], ID]), 'name'],
    ['a value that is an object', forged(['name', 'asc', { a: 1 }, ID]), 'name'],
    ['a value of 301 characters', forged(['name', 'asc', 'n'.repeat(301), ID]), 'name'],
    ['a huge value', forged(['name', 'asc', 'n'.repeat(100_000), ID]), 'name'],
    ['a value with a NUL byte', forged(['name', 'asc', 'abc\u0000def', ID]), 'name'],
    ['a value that is only a NUL byte', forged(['name', 'asc', '\u0000', ID]), 'name'],
    ['a lastSeenAt value that is not a date', forged(['lastSeenAt', 'asc', 'yesterday-ish', ID]), 'lastSeenAt'],
    ['an enrolledAt value that is not a date', forged(['enrolledAt', 'asc', 'not a date', ID]), 'enrolledAt'],
    ['a state value that is not a compliance state', forged(['state', 'asc', 'BLOCKED', ID]), 'state'],
    ['a state value in lower case', forged(['state', 'asc', 'compliant', ID]), 'state'],
  ];

  it.each(cases)('%s', (_label, raw, sort) => {
    expect(refusal(() => decodeInventoryCursor(raw, sort, 'asc'))).toMatchObject(INVALID);
  });

  it('a JSON string of four characters is not a cursor either', () => {
    // Destructuring would take its letters as sort, direction, value and id.
    expect(refusal(() => decodeInventoryCursor(forged('name'), 'name', 'asc'))).toMatchObject(INVALID);
  });

  it('keeps the null value of rows without a sort value, whatever the order', () => {
    for (const sort of ['lastSeenAt', 'enrolledAt', 'name', 'state'] as const) {
      expect(decodeInventoryCursor(forged([sort, 'desc', null, ID]), sort, 'desc').value).toBeNull();
    }
  });
});

describe('osVersionBelow: only dotted numeric versions reach the query', () => {
  it.each([
    ['17', [17]],
    ['17.4', [17, 4]],
    ['17.4.1', [17, 4, 1]],
    ['10.15.7.1', [10, 15, 7, 1]],
    ['0', [0]],
    ['999999.0', [999999, 0]],
    ['014', [14]],
  ])('%s is compared as %o', (text, parts) => {
    expect(parseVersion(text)).toEqual(parts);
  });

  it.each([
    ['empty', ''],
    ['a trailing dot', '17.'],
    ['a leading dot', '.4'],
    ['two dots in a row', '17..4'],
    ['five components', '1.2.3.4.5'],
    ['a seven-digit component', '1234567'],
    ['a huge number', '9'.repeat(400)],
    ['a negative number', '-1'],
    ['an exponent', '1e3'],
    ['a decimal comma', '17,4'],
    ['letters', '17.4b'],
    ['an iOS-style build', '21E236'],
    ['leading space', ' 17.4'],
    ['a trailing newline', '17.4\n'],
    ['a NUL byte', '17.4\u0000'],
    ['SQL', "17'); DROP TABLE devices; --"],
    ['an array literal', '{17,4}'],
  ])('%s is refused with what to send instead', (_label, text) => {
    expect(refusal(() => parseVersion(text))).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'osVersionBelow must be a dotted version such as 17.4',
    });
  });
});

describe('free-text search: wildcards in the text are matched literally', () => {
  it('wraps plain text so it matches anywhere', () => {
    expect(likePattern('iPhone')).toBe('%iPhone%');
  });

  it('a search for "50%" matches that text, not everything starting with 50', () => {
    expect(likePattern('50%')).toBe('%50\\%%');
  });

  it('escapes every underscore, percent sign and backslash, not only the first', () => {
    expect(likePattern('a_b_c')).toBe('%a\\_b\\_c%');
    expect(likePattern('%_\\')).toBe('%\\%\\_\\\\%');
    expect(likePattern('C:\\Users\\x')).toBe('%C:\\\\Users\\\\x%');
  });

  it('leaves other punctuation alone', () => {
    expect(likePattern("o'brien*?[x]")).toBe("%o'brien*?[x]%");
  });
});
