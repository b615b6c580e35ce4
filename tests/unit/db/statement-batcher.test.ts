import { describe, expect, it } from 'vitest';
import { byOrdinality, roundsByKey, runInRounds } from '../../../src/db/statement-batcher.js';

describe('roundsByKey', () => {
  it('keeps a batch of distinct keys in one round, in call order', () => {
    expect(roundsByKey(['a', 'b', 'c'], (k) => k)).toEqual([[{ input: 'a', index: 0 }, { input: 'b', index: 1 }, { input: 'c', index: 2 }]]);
  });

  it('puts a repeated key into the next round, so no statement sees one row twice', () => {
    const rounds = roundsByKey(['a', 'b', 'a', 'a', 'c'], (k) => k);
    expect(rounds.map((round) => round.map((r) => r.index))).toEqual([[0, 1, 4], [2], [3]]);
  });

  it('returns no rounds for no calls', () => {
    expect(roundsByKey([], (k: string) => k)).toEqual([]);
  });
});

describe('runInRounds', () => {
  it("runs the rounds in order and gives each call its own round's answer", async () => {
    const statements: string[][] = [];
    const results = await runInRounds(['x', 'y', 'x'], (k) => k, async (round) => {
      statements.push(round);
      return round.map((k) => `${k}${statements.length}`);
    });
    expect(statements).toEqual([['x', 'y'], ['x']]);
    expect(results).toEqual(['x1', 'y1', 'x2']);
  });

  it('fails every call of a round whose statement fails', async () => {
    await expect(runInRounds(['x'], (k) => k, async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
  });
});

describe('byOrdinality', () => {
  it('puts each row back at its call, drops the ordinality, and leaves calls without a row empty', () => {
    const rows = [{ n: '3', id: 'c' }, { n: '1', id: 'a' }];
    expect(byOrdinality(rows, 4)).toEqual([{ id: 'a' }, undefined, { id: 'c' }, undefined]);
  });
});
