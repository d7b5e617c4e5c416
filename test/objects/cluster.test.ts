import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';
import type { Queryable } from '../../src/db/queryable.js';
import { expectBefore } from '../helpers/expect-before.js';

const EVENTS = `CREATE TABLE public.events (id integer NOT NULL, at timestamptz, kind text, CONSTRAINT events_pkey PRIMARY KEY (id));
CREATE INDEX events_at ON public.events (at);
CREATE INDEX events_kind ON public.events (kind);`;

/** The index each table of the migrated database is clustered on, as the catalog says. */
async function clusteredOn(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT t.relname || '.' || i.relname AS name FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE x.indisclustered AND n.nspname = 'public' ORDER BY 1`);
  return rows.map((r) => r.name);
}

describe.each(ENGINES)('CLUSTER ON on $name', (engine) => {
  it.skipIf(engine.skip)('sets, moves and unsets the clustered index of a table', async () => {
    const set = `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_at;`;
    const seen: string[][] = [];
    const record = async (db: Queryable): Promise<void> => { seen.push(await clusteredOn(db)); };
    const first = await roundTrip(engine, EVENTS, set, '', record);
    expect(first.remainingScript).toBe('');
    expect(first.script).toContain('ALTER TABLE public.events CLUSTER ON events_at');
    const moved = await roundTrip(engine, set, `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_kind;`, '', record);
    expect(moved.remainingScript).toBe('');
    expect(moved.script).toContain('ALTER TABLE public.events CLUSTER ON events_kind');
    const toKey = await roundTrip(engine, set, `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_pkey;`, '', record);
    expect(toKey.remainingScript).toBe('');
    const unset = await roundTrip(engine, set, EVENTS, '', record);
    expect(unset.remainingScript).toBe('');
    expect(unset.script).toContain('ALTER TABLE public.events SET WITHOUT CLUSTER');
    expect(seen).toEqual([['events.events_at'], ['events.events_kind'], ['events.events_pkey'], []]);
  });

  it.skipIf(engine.skip)('creates a table with its clustered index from nothing, and drops it', async () => {
    const set = `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_kind;`;
    const r = await roundTrip(engine, '', set);
    expect(r.remainingScript).toBe('');
    expectBefore(r.script, 'CREATE INDEX events_kind', 'CLUSTER ON events_kind');
    const back = await roundTrip(engine, set, '');
    expect(back.remainingScript).toBe('');
  });

  it.skipIf(engine.skip)('keeps the mark on an index that is rebuilt because its definition changes', async () => {
    const before = `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_at;`;
    const after = before.replace('events (at)', 'events (at DESC)');
    let clustered: string[] = [];
    const r = await roundTrip(engine, before, after, '', async (db) => { clustered = await clusteredOn(db); });
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('CREATE INDEX CONCURRENTLY events_at__pgtide_new');
    expectBefore(r.script, 'RENAME TO events_at', 'CLUSTER ON events_at');
    expect(clustered).toEqual(['events.events_at']);
  });

  it.skipIf(engine.skip)('keeps the mark on a primary key that is rebuilt', async () => {
    const before = `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_pkey;`;
    const after = before.replace('PRIMARY KEY (id)', 'PRIMARY KEY (id, at)').replace('at timestamptz', 'at timestamptz NOT NULL');
    const r = await roundTrip(engine, before, after);
    expect(r.remainingScript).toBe('');
    expect(r.script).toContain('CLUSTER ON events_pkey');
  });

  it.skipIf(engine.skip)('drops the clustered index without a SET WITHOUT CLUSTER', async () => {
    const before = `${EVENTS}\nALTER TABLE public.events CLUSTER ON events_at;`;
    const dropped = await roundTrip(engine, before, EVENTS.replace('CREATE INDEX events_at ON public.events (at);', ''));
    expect(dropped.remainingScript).toBe('');
    expect(dropped.script).not.toContain('CLUSTER');
  });
});
