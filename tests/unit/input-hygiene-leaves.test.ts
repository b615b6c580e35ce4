import { describe, expect, it } from 'vitest';
import { findInputProblem, MAX_NESTING_DEPTH } from '../../src/domain/input-hygiene.js';

/**
 * The depth limit counts containers (objects and arrays), not the scalar or binary values inside them: a value at the
 * deepest allowed level is accepted whatever its type, and one container more is refused.
 */
const inside = (levels: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('input hygiene: leaves at the deepest allowed level', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'text'],
    ['binary data', new Uint8Array([1, 2, 3])],
    ['a date', new Date('2024-01-01T00:00:00Z')],
  ])('%s nested %i levels deep is accepted', (_, leaf) => {
    expect(findInputProblem(inside(MAX_NESTING_DEPTH, leaf))).toBeNull();
  });

  it('one empty object or array past the limit is refused, naming where', () => {
    expect(findInputProblem(inside(MAX_NESTING_DEPTH, {}))).toMatchObject({ message: `must not be nested more than ${MAX_NESTING_DEPTH} levels deep` });
    expect(findInputProblem(inside(2, []), 2)).toEqual({ path: '/0/a', message: 'must not be nested more than 2 levels deep' });
  });

  it('with a limit of zero, a bare scalar or binary value is still fine but any container is not', () => {
    for (const leaf of [true, 0, 'x', null, new Uint8Array([0]), new Date(0)]) expect(findInputProblem(leaf, 0)).toBeNull();
    expect(findInputProblem({}, 0)).toEqual({ path: '', message: 'must not be nested more than 0 levels deep' });
    expect(findInputProblem([], 0)).toEqual({ path: '', message: 'must not be nested more than 0 levels deep' });
  });

  it('a problem deep inside binary-looking objects is still found: only real Uint8Array and Date are skipped', () => {
    expect(findInputProblem({ data: { 0: 1, bad: 'x\u0000' } })).toEqual({ path: '/data/bad', message: expect.stringMatching(/NUL/) });
  });

  it('an invalid date is refused wherever it sits (it cannot be stored or audited)', () => {
    expect(findInputProblem(new Date('garbage'))).toEqual({ path: '', message: 'must be a valid date' });
    expect(findInputProblem({ result: [{ when: new Date(Number.NaN) }] })).toEqual({ path: '/result/0/when', message: 'must be a valid date' });
  });

  it('the first problem is reported, in order, with the key path to it', () => {
    expect(findInputProblem({ ok: ['fine', 1], first: [0, Number.NaN], second: 'x\u0000' })).toEqual({ path: '/first/1', message: 'must be a finite number' });
    expect(findInputProblem([-Infinity])).toEqual({ path: '/0', message: 'must be a finite number' });
  });
});
