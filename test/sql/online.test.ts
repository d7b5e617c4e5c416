import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { planChanges } from '../../src/plan/index.js';
import { op, qname } from '../../src/plan/ops.js';
import { renderOp } from '../../src/sql/index.js';
import { gatedScript } from '../../src/pipeline/migration.js';
import { identityOptionsBeyondDefaults, renderColumnDef } from '../../src/sql/columns.js';
import { col, model, table } from '../diff/fixtures.js';

const t = qname('My Schema', 'Users');

describe('online op renderers', () => {
  it('quote every name they print', () => {
    expect(renderOp(op('add-not-null-check', { table: t, column: 'E Mail', name: 'Users_nn' })))
      .toBe('ALTER TABLE "My Schema"."Users" ADD CONSTRAINT "Users_nn" CHECK ("E Mail" IS NOT NULL) NOT VALID');
    expect(renderOp(op('create-compat-view', { view: qname('My Schema', 'old name'), table: t })))
      .toBe('CREATE VIEW "My Schema"."old name" AS SELECT * FROM "My Schema"."Users"');
    expect(renderOp(op('backfill-copy', { table: t, source: 'Old', target: 'new', value: { kind: 'cast', type: 'bigint', using: 'via-text' }, batchSize: 10 })))
      .toBe('UPDATE "My Schema"."Users" SET new = "Old"::text::bigint WHERE ctid IN (SELECT ctid FROM "My Schema"."Users" WHERE new IS NULL AND "Old"::text::bigint IS NOT NULL LIMIT 10)');
  });

  it('renders the three sync trigger modes', () => {
    const make = (mode: 'both' | 'derive' | 'fill', pinTimeZone = false) =>
      renderOp(op('create-sync-trigger', { table: t, name: 'sync', source: 'a', target: 'b', value: { kind: 'copy' }, mode, pinTimeZone }));
    expect(make('both')).toContain("ELSIF NEW.b IS DISTINCT FROM OLD.b THEN\n    NEW.a := NEW.b;");
    expect(make('derive')).toContain('BEGIN\n  NEW.b := NEW.a;\n  RETURN NEW;\nEND');
    expect(make('fill')).toContain('IF NEW.b IS NULL THEN NEW.b := NEW.a; END IF;');
    expect(make('fill')).toContain('EXECUTE FUNCTION "My Schema".sync()');
    expect(make('derive')).toContain('RETURNS trigger LANGUAGE plpgsql AS $pgtide$');
    expect(make('derive', true)).toContain('RETURNS trigger LANGUAGE plpgsql SET TimeZone FROM CURRENT AS $pgtide$');
  });

  it('refuses a backfill copy without a positive batch size', () => {
    expect(() => renderOp(op('backfill-copy', { table: t, source: 'a', target: 'b', value: { kind: 'copy' }, batchSize: 0 }))).toThrow(/batch size/);
  });
});

describe('identity columns', () => {
  const all = { dataType: 'integer', start: '1', increment: '1', min: '1', max: '2147483647', cache: '1', cycle: false };
  it('do not spell out the options PostgreSQL chooses anyway', () => {
    expect(renderColumnDef(col('id', 'integer', { notNull: true, identity: { generation: 'always', options: all } })))
      .toBe('id integer GENERATED ALWAYS AS IDENTITY NOT NULL');
    expect(identityOptionsBeyondDefaults('bigint', { ...all, max: '2147483647', start: '100' })).toEqual({ dataType: 'integer', start: '100', max: '2147483647' });
  });
  it('keep every option of a descending identity', () => {
    const desc = { ...all, increment: '-1', start: '-1', min: '-2147483648', max: '-1' };
    expect(identityOptionsBeyondDefaults('integer', desc)).toEqual(desc);
  });
});

describe('one-shot scripts', () => {
  it('copy every row of an online rename at once, since psql cannot repeat a batch', () => {
    const a = model(table('t', [col('a')]));
    const b = model(table('t', [col('b', 'integer', { renamedFrom: 'a' })]));
    const { sql } = gatedScript(planChanges(diff(a, b), { from: a, to: b }), { allowHazards: true });
    expect(sql).toContain('UPDATE public.t SET b = a WHERE b IS NULL AND a IS NOT NULL;');
    expect(sql).not.toContain('LIMIT');
  });
});
