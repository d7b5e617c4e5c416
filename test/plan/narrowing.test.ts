import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges, type PlanOptions } from '../../src/plan/index.js';
import { assignmentCastType, rejectsValues } from '../../src/plan/narrowing.js';
import { zoneDependent } from '../../src/resolve/type-change.js';
import type { Plan } from '../../src/plan/step.js';
import { renderStep } from '../../src/sql/index.js';
import { col, model, sequence, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[], options?: Partial<PlanOptions>): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b }, options);
}
const t = (...cols: ReturnType<typeof col>[]): DbObject[] => [table('t', cols)];
const retype = (from: string, to: string, extra: Parameters<typeof col>[2] = {}): Plan => plan(t(col('a', from)), t(col('a', to, extra)));
const breaking = (p: Plan) => p.steps[0]!.hazards.filter((h) => h.kind === 'breaking' && h.risk !== 'low');

describe('narrowing casts keep assignment semantics', () => {
  it('the online copy and sync trigger cast to the unbounded type, so the store checks the length', () => {
    const sql = retype('text', 'character varying(5)').steps.map(renderStep);
    expect(sql[0]).toBe('ALTER TABLE public.t ADD COLUMN a__pgtide_new character varying(5);');
    expect(sql[1]).toContain('NEW.a__pgtide_new := (SELECT a::character varying FROM (SELECT NEW.*) AS pgtide_row);');
    expect(sql[2]).toBe('UPDATE public.t SET a__pgtide_new = a::character varying WHERE ctid IN (SELECT ctid FROM public.t WHERE a__pgtide_new IS NULL AND a::character varying IS NOT NULL LIMIT 1000);');
  });

  it('the direct ALTER and the other bounded types do the same; numeric and timestamp keep their modifiers', () => {
    expect(retype('text', 'character varying(5)', { strategy: 'direct' }).steps.map(renderStep))
      .toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE character varying(5) USING a::character varying;']);
    expect(retype('text', 'character(3)', { strategy: 'direct' }).steps.map(renderStep))
      .toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE character(3) USING a::bpchar;']);
    expect(retype('integer[]', 'character varying(20)', { strategy: 'direct' }).steps.map(renderStep))
      .toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE character varying(20) USING a::character varying;']);
    expect(retype('text', 'bit(4)', { strategy: 'direct' }).steps.map(renderStep))
      .toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE bit(4) USING a::text::bit varying;']);
    expect(retype('numeric(10,2)', 'numeric(5,2)', { strategy: 'direct' }).steps.map(renderStep))
      .toEqual(['ALTER TABLE public.t ALTER COLUMN a TYPE numeric(5,2) USING a::numeric(5,2);']);
    expect(assignmentCastType('character varying(5)[]')).toBe('character varying[]');
    expect(assignmentCastType('character(1)')).toBe('bpchar');
    expect(assignmentCastType('bit varying(3)')).toBe('bit varying');
    expect(assignmentCastType('timestamp(0) with time zone')).toBe('timestamp(0) with time zone');
  });

  it("keeps the schema's own USING expression as written", () => {
    const sql = retype('text', 'character varying(5)', { using: 'a::varchar(5)' }).steps.map(renderStep);
    expect(sql[2]).toContain('SET a__pgtide_new = (a::varchar(5)) WHERE');
  });
});

describe('narrowing online is not backward compatible', () => {
  it('int → smallint carries a high breaking hazard on the expand step', () => {
    const p = retype('integer', 'smallint');
    expect(p.steps[0]!.phase).toBe('expand');
    expect(p.steps[0]!.op.kind).toBe('add-column');
    expect(breaking(p)).toHaveLength(1);
    expect(breaking(p)[0]!.risk).toBe('high');
    expect(breaking(p)[0]!.reason).toContain('integer → smallint is not backward compatible');
  });

  it('so does every pair whose old type holds values the new one rejects, and no pair that only widens or rounds', () => {
    for (const [from, to] of [
      ['integer', 'smallint'], ['bigint', 'integer'], ['text', 'character varying(5)'], ['character varying(10)', 'character varying(5)'],
      ['numeric(10,2)', 'numeric(8,2)'], ['numeric(5,2)', 'numeric(4,1)'], ['numeric', 'numeric(12,2)'], ['numeric(5,2)', 'integer'],
      ['double precision', 'real'], ['text', 'integer'], ['bigint', 'numeric(12,0)'], ['integer', 'character varying(5)'],
      ['text', 'character varying(5)[]'],
    ]) {
      expect(rejectsValues(from!, to!), `${from} → ${to}`).toBe(true);
      expect(breaking(retype(from!, to!)), `${from} → ${to}`).toHaveLength(1);
    }
    for (const [from, to] of [
      ['integer', 'bigint'], ['character varying(5)', 'character varying(10)'], ['character varying(5)', 'text'],
      ['numeric(5,2)', 'numeric(6,1)'], ['numeric(5,2)', 'numeric(7,4)'], ['integer', 'numeric(12,2)'], ['integer', 'double precision'],
      ['integer', 'character varying(11)'], ['timestamp(6) with time zone', 'timestamp(0) with time zone'],
      ['timestamp with time zone', 'timestamp without time zone'], ['character varying(5)', 'character(5)'],
    ]) {
      expect(rejectsValues(from!, to!), `${from} → ${to}`).toBe(false);
      expect(breaking(retype(from!, to!)), `${from} → ${to}`).toEqual([]);
    }
  });
});

describe('conversions that read the session TimeZone', () => {
  it('are the ones between a zoned type and another type, not a precision change', () => {
    const zoned: [string, string][] = [
      ['timestamp without time zone', 'timestamp with time zone'], ['timestamp with time zone', 'timestamp(3) without time zone'],
      ['date', 'timestamp with time zone'], ['timestamp with time zone', 'date'], ['time without time zone', 'time with time zone'],
      ['text', 'timestamp with time zone'], ['timestamp with time zone[]', 'text[]'],
    ];
    const plain: [string, string][] = [
      ['timestamp(0) with time zone', 'timestamp(6) with time zone'], ['timestamp without time zone', 'date'],
      ['date', 'timestamp without time zone'], ['integer', 'bigint'],
    ];
    for (const [a, b] of zoned) expect(zoneDependent(a, b), `${a} → ${b}`).toBe(true);
    for (const [a, b] of plain) expect(zoneDependent(a, b), `${a} → ${b}`).toBe(false);
  });
});

describe('a sequence whose bound is drawn in', () => {
  const opts = (dataType: string, min: string, max: string, increment = '1') => ({ dataType, start: increment.startsWith('-') ? max : min, increment, min, max, cache: '1', cycle: false });
  const alter = (from: ReturnType<typeof opts>, to: Partial<ReturnType<typeof opts>>) =>
    plan([sequence('s', { options: from })], [sequence('s', { options: to })]).steps.flatMap((s) => s.hazards).filter((h) => h.kind === 'breaking');

  it('is flagged when the bound it runs towards comes closer (bigserial → serial: AS integer)', () => {
    const reasons = alter(opts('bigint', '1', '9223372036854775807'), { dataType: 'integer', max: '2147483647' }).map((h) => h.reason);
    expect(reasons).toEqual([expect.stringMatching(/^sequence public\.s gets MAXVALUE 2147483647 \(AS integer\): .*nextval fails/)]);
    expect(alter(opts('bigint', '-9223372036854775808', '-1', '-1'), { min: '-1000' })).toHaveLength(1);
  });

  it('is not flagged when it widens (serial → bigserial) or moves the other bound', () => {
    expect(alter(opts('integer', '1', '2147483647'), { dataType: 'bigint', max: '9223372036854775807' })).toEqual([]);
    expect(alter(opts('bigint', '1', '9223372036854775807'), { min: '1000' })).toEqual([]);
    expect(alter(opts('bigint', '-9223372036854775808', '-1', '-1'), { max: '-10' })).toEqual([]);
  });
});
