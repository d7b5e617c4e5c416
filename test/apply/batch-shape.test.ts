import { describe, expect, it } from 'vitest';
import { batchShape, measuredBatchSql } from '../../src/apply/batch-shape.js';
import { op, qname } from '../../src/plan/ops.js';
import { renderOp } from '../../src/sql/index.js';
import { MIXED } from './helpers.js';

describe('batchShape: which batch statements apply can measure', () => {
  it('recognises the generated backfill and the generated copy of an online type change', () => {
    const fill = renderOp(op('backfill-column', { table: qname('public', 'Orders'), column: 'select', value: `coalesce(label, 'x; y')`, batchSize: 500 }));
    expect(batchShape(fill)).toEqual({ table: 'public."Orders"', pending: '"select" IS NULL', columns: ['"select"'] });
    const copy = renderOp(op('backfill-copy', {
      table: qname('app', 't'), source: 'n', target: 'n__pgtide_new', batchSize: 100, value: { kind: 'cast', type: 'bigint', using: 'cast' },
    }));
    expect(batchShape(copy)).toMatchObject({ table: 'app.t', columns: ['n__pgtide_new'] });
    expect(batchShape(copy)?.pending).toMatch(/^n__pgtide_new IS NULL AND .* IS NOT NULL$/);
  });

  it('recognises a hand-written batch keyed by a column, with comments and a semicolon', () => {
    expect(batchShape(MIXED[1]!.files.migrate!.split('\n')[1]!)).toEqual({ table: 'app.items', pending: 'code IS NULL', columns: ['code'] });
    const text = `UPDATE app.t /* fill */ SET a = 1, "B" = (SELECT 2) WHERE id IN (SELECT id FROM app.t WHERE a IS NULL OR "B" IS NULL LIMIT 10);`;
    expect(batchShape(text)).toEqual({ table: 'app.t', pending: 'a IS NULL OR "B" IS NULL', columns: ['a', '"B"'] });
  });

  it.each([
    ['a DELETE', 'DELETE FROM t WHERE ctid IN (SELECT ctid FROM t WHERE a IS NULL LIMIT 5)'],
    ['another table in the subquery', 'UPDATE t SET a = 1 WHERE ctid IN (SELECT ctid FROM u WHERE a IS NULL LIMIT 5)'],
    ['an alias', 'UPDATE t AS x SET a = 1 WHERE ctid IN (SELECT ctid FROM t WHERE a IS NULL LIMIT 5)'],
    ['UPDATE ONLY', 'UPDATE ONLY t SET a = 1 WHERE ctid IN (SELECT ctid FROM t WHERE a IS NULL LIMIT 5)'],
    ['a FROM clause', 'UPDATE t SET a = u.a FROM u WHERE t.ctid IN (SELECT ctid FROM t WHERE a IS NULL LIMIT 5)'],
    ['a different key', 'UPDATE t SET a = 1 WHERE id IN (SELECT ctid FROM t WHERE a IS NULL LIMIT 5)'],
    ['a subquery in the condition', 'UPDATE t SET a = 1 WHERE id IN (SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM t t2 WHERE t2.a = t.id) LIMIT 5)'],
    ['an ORDER BY', 'UPDATE t SET a = 1 WHERE id IN (SELECT id FROM t WHERE a IS NULL ORDER BY id LIMIT 5)'],
    ['something after the subquery', 'UPDATE t SET a = 1 WHERE id IN (SELECT id FROM t WHERE a IS NULL LIMIT 5) AND b'],
    ['a RETURNING clause', 'UPDATE t SET a = 1 WHERE id IN (SELECT id FROM t WHERE a IS NULL LIMIT 5) RETURNING id'],
    ['text that does not lex', "UPDATE t SET a = 'x WHERE id IN (SELECT id FROM t WHERE a IS NULL LIMIT 5)"],
  ])('leaves %s to the run-until-no-row loop', (_what, text) => {
    expect(batchShape(text)).toBeNull();
  });

  it('measures a run with RETURNING over the statement as written', () => {
    const text = 'UPDATE t SET a = b WHERE ctid IN (SELECT ctid FROM t WHERE a IS NULL LIMIT 5)';
    expect(measuredBatchSql(text, batchShape(text)!)).toBe(
      `WITH pgtide_batch AS (${text}\nRETURNING (a IS NULL) AS pgtide_pending)\nSELECT count(*) AS touched, count(*) FILTER (WHERE pgtide_pending) AS still FROM pgtide_batch`,
    );
  });
});
