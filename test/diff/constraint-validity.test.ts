import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { check as dslCheck, foreignKey, integer, sql, table as dslTable } from '../../src/dsl/index.js';
import type { Constraint } from '../../src/model/types.js';
import { compileObjects } from '../dsl/helpers.js';
import { check, col, fk, model, pk, table } from './fixtures.js';

const tables = [table('a', [col('id')]), table('b', [col('a_id'), col('n')]), pk('a', ['id'])];
const notValid = <C extends Constraint>(c: C): C => ({ ...c, notValid: true });
const changesOf = (from: Constraint, to: Constraint) =>
  diff(model(...tables, from), model(...tables, to)).changes.map((c) => [c.kind, 'fields' in c ? c.fields : null]);

describe('diff: constraint validity', () => {
  const ck = check('b', 'n_pos', '(n > 0)');
  const ref = fk('b', ['a_id'], 'a', ['id'], 'b_a');

  it('validates a NOT VALID check or foreign key in place', () => {
    expect(changesOf(notValid(ck), ck)).toEqual([['constraint.alter', ['notValid']]]);
    expect(changesOf(notValid(ref), ref)).toEqual([['constraint.alter', ['notValid']]]);
  });

  it('re-creates a validated constraint that is wanted NOT VALID', () => {
    expect(changesOf(ck, notValid(ck))).toEqual([['constraint.drop', null], ['constraint.create', null]]);
    expect(changesOf(ref, notValid(ref))).toEqual([['constraint.drop', null], ['constraint.create', null]]);
  });

  it('finds nothing when both sides are NOT VALID', () => {
    expect(changesOf(notValid(ck), notValid(ck))).toEqual([]);
  });

  it('re-creates when the expression changes too, whatever the validity', () => {
    expect(changesOf(notValid(ck), { ...ck, expression: '(n > 1)' })).toEqual([['constraint.drop', null], ['constraint.create', null]]);
  });
});

describe('dsl: notValid()', () => {
  it('marks checks and foreign keys NOT VALID and leaves the key out otherwise', () => {
    const a = dslTable('a', { id: integer().primaryKey() });
    const b = dslTable('b', { a_id: integer(), n: integer() }, (t) => [
      dslCheck('n_pos', sql`n > 0`).notValid(),
      dslCheck('n_small', sql`n < 10`),
      foreignKey({ columns: [t.a_id], references: () => [a.id], name: 'b_a' }).notValid(),
    ]);
    const m = compileObjects({ a, b });
    const byName = (name: string) => [...m.constraint.values()].find((c) => c.name === name)!;
    expect(byName('n_pos')).toMatchObject({ type: 'check', notValid: true });
    expect('notValid' in byName('n_small')).toBe(false);
    expect(byName('b_a')).toMatchObject({ type: 'foreign-key', notValid: true });
  });
});
