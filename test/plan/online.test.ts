import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject, UniqueConstraint } from '../../src/model/types.js';
import { planChanges, type PlanOptions } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderReverse, renderStep } from '../../src/sql/index.js';
import { col, fk, index, model, pk, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[], options?: Partial<PlanOptions>): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b }, options);
}
const shape = (p: Plan): string[] => p.steps.map((s) => `${s.phase} ${s.op.kind}`);
const sqlOf = (p: Plan): string[] => p.steps.map(renderStep);
const t = (...cols: ReturnType<typeof col>[]): DbObject[] => [table('t', cols)];

function unique(tableName: string, columns: string[], name: string): UniqueConstraint {
  return {
    kind: 'constraint', type: 'unique', schema: 'public', table: tableName, name, columns, nullsNotDistinct: false,
    deferrable: false, initiallyDeferred: false, comment: null,
  };
}

describe('online SET NOT NULL', () => {
  it('goes through a NOT VALID check, VALIDATE, SET NOT NULL and drops the check, all in contract', () => {
    const p = plan(t(col('a')), t(col('a', 'integer', { notNull: true })));
    expect(sqlOf(p)).toEqual([
      'ALTER TABLE public.t ADD CONSTRAINT t_a__pgtide_nn CHECK (a IS NOT NULL) NOT VALID;',
      'ALTER TABLE public.t VALIDATE CONSTRAINT t_a__pgtide_nn;',
      'ALTER TABLE public.t ALTER COLUMN a SET NOT NULL;',
      'ALTER TABLE public.t DROP CONSTRAINT t_a__pgtide_nn;',
    ]);
    expect(p.steps.every((s) => s.phase === 'contract')).toBe(true);
    expect(p.steps.map((s) => s.lock)).toEqual(['ACCESS EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'ACCESS EXCLUSIVE', 'ACCESS EXCLUSIVE']);
    // One shared hazard: the gate keeps or holds the four steps together.
    expect(new Set(p.steps.map((s) => JSON.stringify(s.hazards))).size).toBe(1);
    expect(p.steps[0]!.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['validation-scan:medium']);
  });

  it('keeps helper names within 63 bytes', () => {
    const long = 'x'.repeat(60);
    const p = plan(t(col(long)), t(col(long, 'integer', { notNull: true })));
    const name = /CONSTRAINT (\S+) CHECK/.exec(renderStep(p.steps[0]!))![1]!;
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(63);
    expect(name.endsWith('__pgtide_nn')).toBe(true);
  });
});

describe('online column rename', () => {
  it('adds the new column and a two-way sync trigger, copies in batches, drops the old column in contract', () => {
    const p = plan(t(col('a', 'integer', { notNull: true })), t(col('b', 'integer', { notNull: true, renamedFrom: 'a' })), { batchSize: 500 });
    expect(shape(p)).toEqual([
      'expand add-column', 'expand create-sync-trigger', 'migrate backfill-copy',
      'contract drop-sync-trigger', 'contract drop-column',
      'contract add-not-null-check', 'contract validate-constraint', 'contract set-not-null', 'contract drop-constraint',
    ]);
    const sql = sqlOf(p);
    expect(sql[0]).toBe('ALTER TABLE public.t ADD COLUMN b integer;');
    expect(sql[1]).toContain("IF TG_OP = 'INSERT' THEN");
    expect(sql[1]).toContain('CREATE TRIGGER t_b__pgtide_sync BEFORE INSERT OR UPDATE ON public.t FOR EACH ROW');
    expect(sql[2]).toBe('UPDATE public.t SET b = a WHERE ctid IN (SELECT ctid FROM public.t WHERE b IS NULL AND a IS NOT NULL LIMIT 500);');
    expect(p.steps[2]!.batch).toEqual({ size: 500, table: { schema: 'public', name: 't' } });
    expect(sql[4]).toBe('ALTER TABLE public.t DROP COLUMN a;');
    expect(renderReverse(p.steps[1]!)).toBe('DROP TRIGGER t_b__pgtide_sync ON public.t;\nDROP FUNCTION public.t_b__pgtide_sync();');
    expect(p.steps.flatMap((s) => s.hazards).some((h) => h.risk === 'high')).toBe(false);
  });

  it('renames directly, flagged, when asked or when an index uses the column', () => {
    const direct = plan(t(col('a')), t(col('b', 'integer', { renamedFrom: 'a', strategy: 'direct' })));
    expect(sqlOf(direct)).toEqual(['ALTER TABLE public.t RENAME COLUMN a TO b;']);
    const indexed = plan([...t(col('a')), index('t_a_idx', 't', ['a'])], [...t(col('b', 'integer', { renamedFrom: 'a' })), index('t_a_idx', 't', ['b'])]);
    expect(sqlOf(indexed)).toEqual(['ALTER TABLE public.t RENAME COLUMN a TO b;']);
    expect(indexed.steps[0]!.hazards[0]!.reason).toContain('index t_a_idx uses it');
  });
});

describe('online type change', () => {
  it('fills a shadow column through a trigger and a batched cast, and swaps it in during contract', () => {
    const p = plan(t(col('a', 'text', { default: { kind: 'sql', text: "'1'::text" } })), t(col('a', 'integer', { default: { kind: 'sql', text: '1' } })));
    expect(shape(p)).toEqual([
      'expand add-column', 'expand create-sync-trigger', 'migrate backfill-copy',
      'contract drop-sync-trigger', 'contract drop-column', 'contract rename-column', 'contract set-default',
    ]);
    const sql = sqlOf(p);
    expect(sql[0]).toBe('ALTER TABLE public.t ADD COLUMN a__pgtide_new integer;');
    expect(sql[1]).toContain('NEW.a__pgtide_new := (SELECT a::integer FROM (SELECT NEW.*) AS pgtide_row);');
    expect(sql[1]).not.toContain('TG_OP');
    expect(sql[5]).toBe('ALTER TABLE public.t RENAME COLUMN a__pgtide_new TO a;');
    expect(p.steps.every((s) => s.rewrites !== 'rewrite')).toBe(true);
    // Text that is not a number fails the old application's writes once the trigger is in place.
    expect(p.steps[0]!.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['data-loss:high', 'breaking:high', 'breaking:low']);
  });

  it('uses the schema USING expression', () => {
    const p = plan(t(col('a', 'text')), t(col('a', 'integer', { using: "nullif(a, '')::integer" })));
    expect(sqlOf(p)[2]).toBe("UPDATE public.t SET a__pgtide_new = (nullif(a, '')::integer) WHERE ctid IN (SELECT ctid FROM public.t WHERE a__pgtide_new IS NULL AND (nullif(a, '')::integer) IS NOT NULL LIMIT 1000);");
  });

  it('a widening change online has no hazard; binary-compatible ones stay in place', () => {
    expect(plan(t(col('a')), t(col('a', 'bigint'))).steps.flatMap((s) => s.hazards.filter((h) => h.risk !== 'low'))).toEqual([]);
    expect(sqlOf(plan(t(col('a', 'character varying(10)')), t(col('a', 'character varying(20)'))))).toEqual([
      'ALTER TABLE public.t ALTER COLUMN a TYPE character varying(20);',
    ]);
  });
});

describe('keys on populated tables', () => {
  it('builds a UNIQUE index concurrently, then adopts it', () => {
    const p = plan(t(col('a')), [...t(col('a')), unique('t', ['a'], 't_a_key')]);
    expect(sqlOf(p)).toEqual([
      'CREATE UNIQUE INDEX CONCURRENTLY t_a_key ON public.t USING btree (a);',
      'ALTER TABLE public.t ADD CONSTRAINT t_a_key UNIQUE USING INDEX t_a_key;',
    ]);
    expect(p.steps.map((s) => [s.phase, s.transactional, s.lock])).toEqual([
      ['expand', false, 'SHARE UPDATE EXCLUSIVE'], ['expand', true, 'ACCESS EXCLUSIVE'],
    ]);
  });

  it('waits for the online NOT NULL before adopting a primary key on nullable columns', () => {
    const p = plan(t(col('id')), [...t(col('id', 'integer', { notNull: true })), pk('t', ['id'])]);
    expect(shape(p)).toEqual([
      'expand create-index',
      'contract add-not-null-check', 'contract validate-constraint', 'contract set-not-null', 'contract drop-constraint',
      'contract add-constraint-using-index',
    ]);
    expect(renderStep(p.steps[5]!)).toBe('ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey;');
  });

  it('adds keys plainly on a new table', () => {
    expect(sqlOf(plan([], [...t(col('id', 'integer', { notNull: true })), pk('t', ['id'])]))[1]).toBe('ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);');
  });
});

describe('index rebuilds', () => {
  it('rebuilds a changed index under a temporary name, then swaps it in', () => {
    const p = plan([...t(col('a'), col('b')), index('i', 't', ['a'])], [...t(col('a'), col('b')), index('i', 't', ['a', 'b'])]);
    expect(sqlOf(p)).toEqual([
      'CREATE INDEX CONCURRENTLY i__pgtide_new ON public.t USING btree (a, b);',
      'DROP INDEX CONCURRENTLY public.i;',
      'ALTER INDEX public.i__pgtide_new RENAME TO i;',
    ]);
    expect(p.steps.map((s) => s.transactional)).toEqual([false, false, true]);
    expect(p.steps.map(renderReverse)).toEqual([
      'DROP INDEX CONCURRENTLY public.i__pgtide_new;',
      'CREATE INDEX CONCURRENTLY i ON public.t USING btree (a);',
      'ALTER INDEX public.i RENAME TO i__pgtide_new;',
    ]);
  });

  it('rebuilds an INVALID index even when its definition is unchanged', () => {
    const p = plan([...t(col('a')), index('i', 't', ['a'], { invalid: true })], [...t(col('a')), index('i', 't', ['a'])]);
    expect(sqlOf(p)[0]).toBe('CREATE INDEX CONCURRENTLY i__pgtide_new ON public.t USING btree (a);');
    expect(p.steps[0]!.hazards[0]!.reason).toContain('INVALID');
    expect(renderReverse(p.steps[1]!)).toBeNull();
  });
});

describe('table rename', () => {
  it('keeps the old name as a view until contract', () => {
    const p = plan([table('people', [col('id')])], [table('persons', [col('id')], { renamedFrom: 'people' })]);
    expect(p.steps.map((s) => `${s.phase} ${renderStep(s)}`)).toEqual([
      'expand ALTER TABLE public.people RENAME TO persons;',
      'expand CREATE VIEW public.people AS SELECT * FROM public.persons;',
      'contract DROP VIEW public.people;',
    ]);
    expect(p.steps.flatMap((s) => s.hazards).every((h) => h.risk === 'low')).toBe(true);
  });

  it('renames the keys and indexes named after the table with it, never dropping them', () => {
    const p = plan(
      [table('t', [col('id', 'integer', { notNull: true }), col('a')]), pk('t', ['id']), index('t_a_idx', 't', ['a']), table('c', [col('t_id')]), fk('c', ['t_id'], 't', ['id'], 'c_t_id_fkey')],
      [table('t2', [col('id', 'integer', { notNull: true }), col('a')], { renamedFrom: 't' }), pk('t2', ['id']), index('t2_a_idx', 't2', ['a']), table('c', [col('t_id')]), fk('c', ['t_id'], 't2', ['id'], 'c_t_id_fkey')],
    );
    const steps = p.steps.map((s) => `${s.phase} ${renderStep(s)}`);
    expect(steps.filter((s) => !s.includes('$pgtide$'))).toEqual([
      'expand ALTER TABLE public.t RENAME TO t2;',
      'expand CREATE VIEW public.t AS SELECT * FROM public.t2;',
      'expand ALTER TABLE public.t2 RENAME CONSTRAINT t_pkey TO t2_pkey;',
      'expand ALTER INDEX public.t_a_idx RENAME TO t2_a_idx;',
      'contract DROP VIEW public.t;',
    ]);
    // The other step is PostgreSQL 18's NOT NULL constraint name, which follows the table the same way.
    expect(steps.filter((s) => s.includes('$pgtide$'))).toHaveLength(1);
  });
});

describe('volatile defaults and timeouts', () => {
  it('flags a volatile default on an existing table as a rewrite, not on a new one', () => {
    const vol = { default: { kind: 'sql' as const, text: 'clock_timestamp()' } };
    const p = plan(t(col('a')), t(col('a'), col('at', 'timestamp with time zone', vol)));
    expect(p.steps[0]!.hazards.map((h) => `${h.kind}:${h.risk}`)).toEqual(['rewrite:medium']);
    expect(p.steps[0]!.rewrites).toBe('rewrite');
    expect(plan([], t(col('a'), col('at', 'timestamp with time zone', vol))).steps[0]!.hazards).toEqual([]);
    const stable = plan(t(col('a')), t(col('a'), col('at', 'timestamp with time zone', { default: { kind: 'sql', text: 'now()' } })));
    expect(stable.steps[0]!.hazards).toEqual([]);
  });

  it('stamps every step with the configured timeouts, longer for index builds', () => {
    const p = plan([...t(col('a'))], [...t(col('a'), col('b')), index('i', 't', ['a'])], { lockTimeoutMs: 1500, statementTimeoutMs: 60_000, longStatementTimeoutMs: 0 });
    expect(p.steps.map((s) => [s.op.kind, s.timeouts])).toEqual([
      ['add-column', { lockMs: 1500, statementMs: 60_000 }],
      ['create-index', { lockMs: 1500, statementMs: 0 }],
    ]);
    const defaults = plan(t(col('a')), t(col('a'), col('b')));
    expect(defaults.steps[0]!.timeouts).toEqual({ lockMs: 3000, statementMs: 900_000 });
  });
});

describe('backfills', () => {
  it('fill rows written between expand and contract through a trigger that only fills NULLs', () => {
    const p = plan(t(col('a')), t(col('a'), col('b', 'integer', { notNull: true, backfill: 'a * 2' })));
    const trigger = renderStep(p.steps[1]!);
    expect(trigger).toContain('IF NEW.b IS NULL THEN NEW.b := (SELECT (a * 2) FROM (SELECT NEW.*) AS pgtide_row); END IF;');
    expect(p.steps[1]!.phase).toBe('expand');
    expect(renderStep(p.steps[3]!)).toBe('DROP TRIGGER t_b__pgtide_fill ON public.t;\nDROP FUNCTION public.t_b__pgtide_fill();');
    expect(p.steps[3]!.phase).toBe('contract');
  });
});

describe('direct type change', () => {
  it('uses the schema USING expression when one is given', () => {
    const p = plan(t(col('a', 'text')), t(col('a', 'integer', { strategy: 'direct', using: "nullif(a, '')::integer" })));
    expect(sqlOf(p)).toEqual(["ALTER TABLE public.t ALTER COLUMN a TYPE integer USING nullif(a, '')::integer;"]);
  });
});

describe('array ↔ scalar type change', () => {
  it('wraps a scalar in a one-element array (NULL stays NULL), cast directly or through text', () => {
    const direct = plan(t(col('a', 'text')), t(col('a', 'integer[]', { strategy: 'direct' })));
    expect(sqlOf(direct)).toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE integer[] USING CASE WHEN a IS NULL THEN NULL ELSE ARRAY[a]::integer[] END;']);
    const online = plan(t(col('a', 'inet')), t(col('a', 'integer[]')));
    expect(sqlOf(online)[2]).toContain('SET a__pgtide_new = CASE WHEN a IS NULL THEN NULL ELSE ARRAY[a::text]::integer[] END WHERE');
  });

  it('turns an array into a string by its text form', () => {
    const p = plan(t(col('a', 'integer[]')), t(col('a', 'character varying(20)', { strategy: 'direct' })));
    expect(sqlOf(p)).toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE character varying(20) USING a::character varying;']);
  });

  it('refuses to guess how an array becomes another scalar, and names .using()', () => {
    for (const strategy of ['direct', undefined] as const) {
      const to = t(col('a', 'integer', strategy === undefined ? {} : { strategy }));
      expect(() => plan(t(col('a', 'integer[]')), to)).toThrow(/column public\.t\.a changes type from integer\[\] to integer.*\.using\(sql`…`\)/);
    }
    const p = plan(t(col('a', 'integer[]')), t(col('a', 'integer', { using: '(a)[1]' })));
    expect(sqlOf(p)[2]).toContain('SET a__pgtide_new = ((a)[1]) WHERE');
  });
});

describe('rename with other changes', () => {
  it('renames in place when the column also changes type, and lets the type change follow', () => {
    const p = plan(t(col('a', 'text')), t(col('b', 'integer', { renamedFrom: 'a' })));
    expect(sqlOf(p)[0]).toBe('ALTER TABLE public.t RENAME COLUMN a TO b;');
    expect(p.steps[0]!.hazards[0]!.reason).toContain('changes in other ways too');
    expect(shape(p).slice(1)).toEqual([
      'expand add-column', 'expand create-sync-trigger', 'migrate backfill-copy',
      'contract drop-sync-trigger', 'contract drop-column', 'contract rename-column',
    ]);
  });
});
