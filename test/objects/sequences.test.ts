import { describe, expect, it } from 'vitest';
import { ENGINES, roundTrip } from './helpers.js';

/**
 * ALTER SEQUENCE checks every option it is given against the sequence's current value, which the
 * plan cannot know: raising MINVALUE above it (or lowering MAXVALUE below it) is refused with
 * "RESTART value (1) cannot be less than MINVALUE (1000)" unless the sequence moves too.
 */
describe.each(ENGINES)('sequence option changes on $name', (engine) => {
  const cases: readonly { name: string; before: string; after: string; next: number }[] = [
    {
      name: 'MINVALUE raised above the current value moves the sequence up to it',
      before: "CREATE SEQUENCE public.s; SELECT nextval('public.s');",
      after: 'CREATE SEQUENCE public.s MINVALUE 1000 START WITH 1000;',
      next: 1000,
    },
    {
      name: 'MINVALUE raised below the current value keeps the sequence where it is',
      before: "CREATE SEQUENCE public.s; SELECT setval('public.s', 5000);",
      after: 'CREATE SEQUENCE public.s MINVALUE 1000 START WITH 1000;',
      next: 5001,
    },
    {
      name: 'a descending sequence whose MAXVALUE drops below its current value moves down to it',
      before: "CREATE SEQUENCE public.s INCREMENT BY -1; SELECT nextval('public.s');",
      after: 'CREATE SEQUENCE public.s INCREMENT BY -1 MAXVALUE -10 START WITH -10;',
      next: -10,
    },
    {
      name: 'START raised above an unused sequence of a new MINVALUE',
      before: 'CREATE SEQUENCE public.s;',
      after: 'CREATE SEQUENCE public.s MINVALUE 50 START WITH 50;',
      next: 50,
    },
  ];
  it.skipIf(engine.skip)('MAXVALUE lowered below the current value of a sequence counting up fails, rather than hand out a value again', async () => {
    await expect(roundTrip(engine, "CREATE SEQUENCE public.s; SELECT setval('public.s', 500);", 'CREATE SEQUENCE public.s MAXVALUE 100;'))
      .rejects.toThrow(/every value it could restart at has been handed out already/);
  });

  for (const c of cases) {
    it.skipIf(engine.skip)(c.name, async () => {
      const r = await roundTrip(engine, c.before, c.after, '', async (db) => {
        const { rows } = await db.query<{ n: string }>("SELECT nextval('public.s')::text AS n");
        expect(Number(rows[0]!.n)).toBe(c.next);
      });
      expect(r.remainingScript).toBe('');
    });
  }
});
