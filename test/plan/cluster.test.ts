import { describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import type { DbObject } from '../../src/model/types.js';
import { planChanges } from '../../src/plan/index.js';
import type { Plan } from '../../src/plan/step.js';
import { renderStep } from '../../src/sql/index.js';
import { col, index, model, table } from '../diff/fixtures.js';

function plan(from: DbObject[], to: DbObject[]): Plan {
  const a = model(...from);
  const b = model(...to);
  return planChanges(diff(a, b), { from: a, to: b });
}

const events = (clusterOn?: string) => table('events', [col('id'), col('at', 'timestamp with time zone')], clusterOn === undefined ? {} : { clusterOn });

describe('plan: CLUSTER ON', () => {
  it('is one catalog-only step under SHARE UPDATE EXCLUSIVE, in a transaction, without hazards', () => {
    const p = plan([events(), index('events_at', 'events', ['at'])], [events('events_at'), index('events_at', 'events', ['at'])]);
    expect(p.steps.map(renderStep)).toEqual(['ALTER TABLE public.events CLUSTER ON events_at;']);
    expect(p.steps[0]).toMatchObject({ phase: 'expand', lock: 'SHARE UPDATE EXCLUSIVE', transactional: true, rewrites: 'none', hazards: [] });
    const off = plan([events('events_at'), index('events_at', 'events', ['at'])], [events(), index('events_at', 'events', ['at'])]);
    expect(off.steps.map(renderStep)).toEqual(['ALTER TABLE public.events SET WITHOUT CLUSTER;']);
    expect(off.steps[0]).toMatchObject({ lock: 'SHARE UPDATE EXCLUSIVE' });
  });

  it('quotes the index name through the SQL layer', () => {
    const p = plan([events(), index('At Index', 'events', ['at'])], [events('At Index'), index('At Index', 'events', ['at'])]);
    expect(p.steps.map(renderStep)).toEqual(['ALTER TABLE public.events CLUSTER ON "At Index";']);
  });

  it('marks a new table\'s index after the index is built', () => {
    const p = plan([], [events('events_at'), index('events_at', 'events', ['at'])]);
    const sql = p.steps.map(renderStep);
    expect(sql.indexOf('ALTER TABLE public.events CLUSTER ON events_at;')).toBe(sql.length - 1);
    expect(sql.some((s) => s.startsWith('CREATE INDEX events_at'))).toBe(true);
  });
});

describe('plan: CLUSTER ON an index built in contract', () => {
  it('waits for the index that the contract phase builds', () => {
    const before = table('events', [col('id', 'bigint'), col('at', 'timestamp with time zone')]);
    const after = table('events', [col('id', 'integer'), col('at', 'timestamp with time zone')], { clusterOn: 'events_id' });
    const p = plan([before], [after, index('events_id', 'events', ['id'])]);
    const create = p.steps.findIndex((s) => s.op.kind === 'create-index');
    const cluster = p.steps.findIndex((s) => renderStep(s) === 'ALTER TABLE public.events CLUSTER ON events_id;');
    expect(p.steps[create]?.phase).toBe('contract');
    expect(cluster).toBeGreaterThan(create);
    expect(p.steps[cluster]?.phase).toBe('contract');
  });
});
