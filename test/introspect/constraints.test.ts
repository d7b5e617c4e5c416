import { describe, expect, it } from 'vitest';
import { ENGINES, introspectSql } from './helpers.js';

const base = (table: string, name: string) => ({
  kind: 'constraint' as const,
  schema: 'app',
  table,
  name,
  deferrable: false,
  initiallyDeferred: false,
  comment: null,
});

describe.each(ENGINES)('constraints on $name', (engine) => {
  it.skipIf(engine.skip)('reads primary keys, unique, composite foreign keys with actions and checks', async () => {
    const m = await introspectSql(
      engine,
      `CREATE SCHEMA app;
       CREATE TABLE app.accounts (
         region text,
         "Account No" int,
         email text,
         code text,
         CONSTRAINT accounts_pk PRIMARY KEY ("Account No", region),
         CONSTRAINT accounts_email_key UNIQUE (email) DEFERRABLE INITIALLY DEFERRED,
         CONSTRAINT accounts_code_key UNIQUE NULLS NOT DISTINCT (code, region)
       );
       CREATE TABLE app."Ledger" (
         id int PRIMARY KEY,
         region text,
         account int,
         amount numeric,
         CONSTRAINT ledger_account_fk FOREIGN KEY (account, region)
           REFERENCES app.accounts ("Account No", region)
           MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE,
         CONSTRAINT "positive amount" CHECK (amount > 0) NO INHERIT,
         CONSTRAINT region_known CHECK (region IN ('eu', 'us'))
       );
       CREATE TABLE app.notes (ledger_id int REFERENCES app."Ledger" ON DELETE RESTRICT ON UPDATE SET DEFAULT);
       COMMENT ON CONSTRAINT accounts_pk ON app.accounts IS 'natural key';`,
    );
    expect([...m.constraint.values()]).toEqual([
      {
        ...base('Ledger', 'Ledger_pkey'),
        type: 'primary-key',
        columns: ['id'],
      },
      {
        ...base('Ledger', 'ledger_account_fk'),
        deferrable: true,
        type: 'foreign-key',
        columns: ['account', 'region'],
        references: { schema: 'app', table: 'accounts', columns: ['Account No', 'region'] },
        onDelete: 'cascade',
        onUpdate: 'set null',
        match: 'full',
      },
      {
        ...base('Ledger', 'positive amount'),
        type: 'check',
        expression: '(amount > (0)::numeric)',
        noInherit: true,
      },
      {
        ...base('Ledger', 'region_known'),
        type: 'check',
        expression: "(region = ANY (ARRAY['eu'::text, 'us'::text]))",
        noInherit: false,
      },
      {
        ...base('accounts', 'accounts_code_key'),
        type: 'unique',
        columns: ['code', 'region'],
        nullsNotDistinct: true,
      },
      {
        ...base('accounts', 'accounts_email_key'),
        deferrable: true,
        initiallyDeferred: true,
        type: 'unique',
        columns: ['email'],
        nullsNotDistinct: false,
      },
      {
        ...base('accounts', 'accounts_pk'),
        comment: 'natural key',
        type: 'primary-key',
        columns: ['Account No', 'region'],
      },
      {
        ...base('notes', 'notes_ledger_id_fkey'),
        type: 'foreign-key',
        columns: ['ledger_id'],
        references: { schema: 'app', table: 'Ledger', columns: ['id'] },
        onDelete: 'restrict',
        onUpdate: 'set default',
        match: 'simple',
      },
    ]);
    // Constraint-backing indexes are not reported as indexes.
    expect([...m.index.keys()]).toEqual([]);
  });

  it.skipIf(engine.skip)('reads an exclusion constraint once, without its backing index, and no NOT NULL rows as constraints', async () => {
    const m = await introspectSql(
      engine,
      `CREATE TABLE public.booking (
         room int NOT NULL,
         during tsrange,
         EXCLUDE USING gist (during WITH &&)
       );`,
    );
    expect([...m.constraint.values()].map((c) => [c.name, c.type])).toEqual([['booking_during_excl', 'exclusion']]);
    expect([...m.index.keys()]).toEqual([]);
    expect(m.table.get('table:public.booking')?.columns.map((c) => [c.name, c.notNull])).toEqual([
      ['room', true],
      ['during', false],
    ]);
  });

  it.skipIf(engine.skip)(
    'reads a foreign key to a partitioned table once, without its per-partition clones',
    async () => {
      const m = await introspectSql(
        engine,
        `CREATE TABLE public.parent (id int PRIMARY KEY) PARTITION BY RANGE (id);
       CREATE TABLE public.parent_1 PARTITION OF public.parent FOR VALUES FROM (0) TO (100);
       CREATE TABLE public.parent_2 PARTITION OF public.parent FOR VALUES FROM (100) TO (200);
       CREATE TABLE public.child (parent_id int REFERENCES public.parent);`,
      );
      expect([...m.constraint.keys()]).toEqual(['constraint:public.child.child_parent_id_fkey', 'constraint:public.parent.parent_pkey']);
    },
  );

  it.skipIf(engine.skip)(
    "reads a partition's own key attached to a parent's plain index, and not a key cloned from the parent's",
    async () => {
      const m = await introspectSql(
        engine,
        `CREATE TABLE public.p (id int NOT NULL, k int NOT NULL) PARTITION BY LIST (k);
       CREATE TABLE public.p_1 PARTITION OF public.p FOR VALUES IN (1);
       CREATE UNIQUE INDEX p_id_k ON public.p (id, k);
       ALTER TABLE public.p_1 ADD CONSTRAINT p_1_pkey PRIMARY KEY USING INDEX p_1_id_k_idx;
       CREATE TABLE public.q (id int PRIMARY KEY) PARTITION BY LIST (id);
       CREATE TABLE public.q_1 PARTITION OF public.q FOR VALUES IN (1);
       CREATE TABLE public.r (id int NOT NULL UNIQUE);`,
      );
      expect(m.constraint.get('constraint:public.p_1.p_1_pkey')).toMatchObject({ type: 'primary-key', attachedTo: 'p_id_k' });
      expect(m.constraint.has('constraint:public.q_1.q_1_pkey')).toBe(false);
      expect(m.constraint.get('constraint:public.q.q_pkey')).not.toHaveProperty('attachedTo');
      expect(m.constraint.get('constraint:public.r.r_id_key')).not.toHaveProperty('attachedTo');
    },
  );
});
