import { expect } from 'vitest';
import { check, foreignKey, integer, primaryKey, sql, table, text, unique } from '../../src/dsl/index.js';
import { count, ROWS, strategyTests } from './helpers.js';

const before = `CREATE TABLE accounts (id integer, email text);
INSERT INTO accounts SELECT g, 'a' || g || '@x' FROM generate_series(1, ${ROWS}) g;
CREATE TABLE orders (id integer PRIMARY KEY, account_id integer NOT NULL, total integer NOT NULL);
INSERT INTO orders SELECT g, 1 + g % ${ROWS}, g % 1000 FROM generate_series(1, ${ROWS}) g;`;

const accounts = (extra: 'none' | 'unique' | 'pk') => table('accounts', {
  id: extra === 'pk' ? integer().notNull() : integer(),
  email: text(),
}, (t) => (extra === 'unique' ? [unique(t.email).named('accounts_email_key')] : extra === 'pk' ? [primaryKey(t.id)] : []));

const orders = (withKeys: boolean) => table('orders', {
  id: integer().primaryKey(), accountId: integer().named('account_id').notNull(), total: integer().notNull(),
}, (t) => (withKeys ? [check('orders_total_positive', sql`total >= 0`)] : []));

strategyTests('keys and constraints', [
  {
    name: 'UNIQUE: unique index CONCURRENTLY, then ADD CONSTRAINT … USING INDEX',
    before,
    schema: () => ({ accounts: accounts('unique'), orders: orders(false) }),
    plan: (_plan, text) => {
      expect(text).toMatch(/-- pgtide:no-transaction\n-- pgtide:timeout statement=4h\nCREATE UNIQUE INDEX CONCURRENTLY accounts_email_key ON public\.accounts/);
      expect(text).toMatch(/ADD CONSTRAINT accounts_email_key UNIQUE USING INDEX accounts_email_key;/);
    },
    after: { expand: async (db) => await expect(db.exec(`INSERT INTO accounts VALUES (0, 'a1@x')`)).rejects.toThrow(/duplicate/) },
  },
  {
    name: 'PRIMARY KEY on nullable columns: index in expand, online NOT NULL, then the key in contract',
    before,
    schema: () => ({ accounts: accounts('pk'), orders: orders(false) }),
    plan: (plan) => {
      expect(plan.steps.map((s) => `${s.phase}:${s.op.kind}`)).toEqual([
        'expand:create-index', 'contract:add-not-null-check', 'contract:validate-constraint', 'contract:set-not-null',
        'contract:drop-constraint', 'contract:add-constraint-using-index',
      ]);
    },
    after: { contract: async (db) => expect(await count(db, `SELECT count(*) AS n FROM pg_constraint WHERE conname = 'accounts_pkey' AND contype = 'p'`)).toBe(1) },
  },
  {
    name: 'FOREIGN KEY and CHECK: added NOT VALID, validated in a separate step',
    before: `${before}\nALTER TABLE accounts ADD PRIMARY KEY (id);`,
    schema: () => {
      const a = table('accounts', { id: integer().primaryKey(), email: text() });
      const o = table('orders', {
        id: integer().primaryKey(), accountId: integer().named('account_id').notNull(), total: integer().notNull(),
      }, (t) => [check('orders_total_positive', sql`total >= 0`), foreignKey({ columns: [t.accountId], references: [a.id], name: 'orders_account_fk' })]);
      return { a, o };
    },
    plan: (plan) => {
      expect(plan.steps.map((s) => `${s.op.kind}:${s.lock}`)).toEqual([
        'add-constraint:ACCESS EXCLUSIVE', 'validate-constraint:SHARE UPDATE EXCLUSIVE',
        'add-constraint:SHARE ROW EXCLUSIVE', 'validate-constraint:SHARE UPDATE EXCLUSIVE',
      ]);
      expect(plan.steps.filter((s) => s.op.kind === 'add-constraint').every((s) => s.op.kind === 'add-constraint' && s.op.notValid)).toBe(true);
    },
    after: {
      expand: async (db) => {
        await expect(db.exec(`INSERT INTO orders VALUES (${ROWS + 1}, ${ROWS + 5}, 1)`)).rejects.toThrow(/foreign key/);
        expect(await count(db, `SELECT count(*) AS n FROM pg_constraint WHERE conname IN ('orders_account_fk', 'orders_total_positive') AND convalidated`)).toBe(2);
      },
    },
  },
]);
